/**
 * The scenario pipeline: one sequence of stages, for a scenario file
 * (`loadScenario`) and for a document built in code (`resolveScenario`).
 *
 *   read/extends-chain.ts   a file → its document and its bases', parsed with positions
 *                           (a document given in code is its one document: it cannot extend a file)
 *   resolve/                the documents → one node: bases merged, calendar files included,
 *                           the variant chosen, the overrides applied
 *   check/                  the node → the typed document, or every problem in it at once
 *   read/data-files.ts      the document → what the CSV files it names hold
 *   fill-defaults.ts        the document and its data → the frozen Scenario
 *   compile/                the Scenario → the engine's Plan (the caller's step, once per run)
 *
 * A stage that needs a file the scenario names (a calendar, a CSV) asks for
 * it (read/file-requests.ts): loadScenario reads it; resolveScenario cannot,
 * so there such a file is an issue. Problems are values with their file, line
 * and column: the first stage that finds any returns them all, and nothing
 * throws for bad input.
 */
import { checkDocument } from './check/check-document.js';
import { argDocument, argOverrides, argString } from './check/arguments.js';
import { vouchForScenario } from './check/scenario-argument.js';
import { calendarOverlaps } from './check/calendar-overlaps.js';
import { plausibilityWarnings } from './check/plausibility.js';
import { replayedInflowTooLarge } from './check/replayed-inflow.js';
import { formatIssue, issueAt } from './errors.js';
import type { Checked, InputIssue } from './errors.js';
import { deepFreeze, fillDefaults, scenarioHash } from './fill-defaults.js';
import { readDataFiles } from './read/data-files.js';
import { readExtendsChain } from './read/extends-chain.js';
import { runStages, runStagesAsync } from './read/file-requests.js';
import type { Stages } from './read/file-requests.js';
import { nodeToPlain, plainToNode } from './read/plain.js';
import { plainTooDeep, TOO_DEEP, TOO_DEEP_ALLOWED } from './read/nesting.js';
import { DISK_TEXTS } from './read/read-text.js';
import type { TextSource } from './read/read-text.js';
import { nodeAt } from './read/source-node.js';
import type { SourceNode } from './read/source-node.js';
import { mergeChain } from './resolve/merge-nodes.js';
import type { ScenarioOverrides } from './resolve/overrides.js';
import { resolveDocument } from './resolve/resolve-document.js';
import { splitVariantName, splitVariants } from './resolve/variants.js';
import type { Scenario } from './types.js';

/** What the `path` of loadScenario and validateScenario takes. */
const PATH = 'a scenario file (.yaml, .yml or .json), or file#variant for one of its variants';

/** A scenario file checked with its variants (`validateScenario`). */
export type ValidatedScenario = LoadedScenario & {
  /** The names of the file's variants, each valid; empty for a `file#variant`. */
  readonly variants: readonly string[];
};

/** A scenario loaded from a file, with where it came from. */
export interface LoadedScenario {
  /** Resolved, checked and deeply frozen. */
  readonly scenario: Scenario;
  /** The file and its `extends` chain, base last. */
  readonly files: readonly string[];
  /** The calendar and CSV files it names, as read (each resolved against the file naming it). */
  readonly dataFiles: readonly string[];
  /** sha256 (hex) of the scenario as JSON with sorted keys: equal scenarios, equal hashes. */
  readonly hash: string;
  /** The document as checked (extends, calendars, variant and overrides merged), each value with where it was written. */
  readonly node: SourceNode;
  /**
   * Values that are allowed but almost surely meant otherwise (`perYear: 1.600`
   * read as 1.6, a margin of 10 meant as 10%), each where it was written and
   * with the value likely meant; empty when none. Not errors: the CLI prints
   * them as `warning: ...` and makes them errors with `--strict`.
   */
  readonly warnings: readonly InputIssue[];
}

/**
 * Loads a scenario file (YAML or JSON; `file.yaml#name` for one of its
 * variants) through every stage. Returns every problem found, each with its
 * file, line and column; never throws for bad input. Throws
 * CaseloadArgumentError when `path` is not a string or `overrides` is not an
 * object of its keys (their values are checked as a file's: issues).
 *
 * @example
 * const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 100 });
 * if (!loaded.ok) console.error(loaded.issues.map(formatIssue).join('\n'));
 */
export async function loadScenario(path: string, overrides: ScenarioOverrides = {}): Promise<Checked<LoadedScenario>> {
  return loadScenarioFrom(DISK_TEXTS, path, overrides);
}

/**
 * `loadScenario`, reading every file (the scenario, its bases, its calendar
 * and CSV files) from `source` instead of the file system: the what-if page
 * loads the files `caseload app` embedded in it, through the same stages.
 *
 * @example await loadScenarioFrom(DISK_TEXTS, 'scenarios/baseline-2024.yaml', { seed: 7 })
 */
export async function loadScenarioFrom(
  source: TextSource,
  path: string,
  overrides: ScenarioOverrides = {},
): Promise<Checked<LoadedScenario>> {
  argString(path, 'path', PATH);
  argOverrides(overrides, 'overrides');
  const located = await locateScenario(path, source);
  if (!located.ok) return located;
  const { file, variant, warning } = located.value;
  const chain = await readExtendsChain(file, source);
  if (!chain.ok) return chain;
  const { documents } = chain.value;
  const read: string[] = [];
  const resolved = await runStagesAsync(stages({ documents, file, variant, overrides }), (request) => {
    read.push(request.path);
    return source.readText(request.path, request.kind);
  });
  if (!resolved.ok) return resolved;
  const { scenario, node } = resolved.value;
  const warnings = warning === null ? resolved.value.warnings : [warning, ...resolved.value.warnings];
  const files = Object.freeze([...chain.value.files]);
  const dataFiles = Object.freeze([...new Set(read)]);
  return {
    ok: true,
    value: Object.freeze({
      scenario,
      files,
      dataFiles,
      hash: scenarioHash(scenario),
      node,
      warnings: Object.freeze(warnings),
    }),
  };
}

/** The file and variant a scenario path names (`locateScenario`). */
interface LocatedScenario {
  readonly file: string;
  readonly variant: string | null;
  /** When the path is a file that could also name a variant of another file: which one it does not run. */
  readonly warning: InputIssue | null;
}

/**
 * Which file, and which of its variants, a scenario path names.
 * `file.yaml#name` names the variant `name` of file.yaml, but a `#` may also
 * be part of a file's name (`my#plan.yaml`), and the file system decides: a
 * path that exists is that file; else the part before the last `#` is the
 * file and the rest the variant. A path that is a file and could also name a
 * variant (the file before its last `#` exists and has that variant) is the
 * file, with a warning naming the variant it does not run (an error with
 * --strict). When neither the path nor the file before its `#` exists, the
 * issue names both.
 *
 * @example await locateScenario('scenarios/options-2024/variants.yaml#30-per-week') // { file: 'scenarios/options-2024/variants.yaml', variant: '30-per-week', warning: null }
 */
async function locateScenario(path: string, source: TextSource = DISK_TEXTS): Promise<Checked<LocatedScenario>> {
  const split = splitVariantName(path);
  if (split.variant === null) return { ok: true, value: { ...split, warning: null } };
  if (await source.pathExists(path)) {
    const variants = (await source.pathExists(split.file)) ? await scenarioVariants(split.file, source) : [];
    const warning = variants.includes(split.variant)
      ? issueAt(
          path,
          '',
          `is read as this file, not as the variant "${split.variant}" of ${split.file}, which also exists`,
          `rename one of the two files to run the variant`,
        )
      : null;
    return { ok: true, value: { file: path, variant: null, warning } };
  }
  if (await source.pathExists(split.file)) return { ok: true, value: { ...split, warning: null } };
  const problem = `cannot read the scenario file: no such file, and no file ${split.file} whose variant "${split.variant}" it could name`;
  return { ok: false, issues: [issueAt(path, '', problem, null)] };
}

/**
 * Resolves a scenario document that is already parsed (an object built in
 * code, parsed JSON) through the same stages: overrides, every check,
 * defaults, frozen. Pure: it reads no files, so `extends`, calendar files and
 * CSV files are issues here; issues have no line numbers. `file` names the
 * document in issues and gives the default name. Throws
 * CaseloadArgumentError when `file` is not a string, the document contains
 * itself, or `overrides` is not an object of its keys; a document nested
 * more than 64 levels deep is an issue, as it is in a file.
 *
 * @example resolveScenario({ start: '2024-01-01', horizonWeeks: 52, ... }, 'inline.yaml', { seed: 7 })
 */
export function resolveScenario(doc: unknown, file: string, overrides: ScenarioOverrides = {}): Checked<Scenario> {
  argDocument(doc, 'document');
  argString(file, 'file', 'the name issues give the document, e.g. inline.yaml');
  argOverrides(overrides, 'overrides');
  // Measured without recursion first: plainToNode recurses once per level.
  if (plainTooDeep(doc)) return { ok: false, issues: [issueAt(file, '', TOO_DEEP, TOO_DEEP_ALLOWED)] };
  return resolveSourceNode(plainToNode(doc, file), file, overrides);
}

/**
 * `resolveScenario` for a document already a source node (a text parsed
 * with `parseScenarioText`, with positions): the stages after reading, with
 * no files to read.
 *
 * @example resolveSourceNode(parsed.value, 'x.yaml', { horizonWeeks: 26 })
 */
export function resolveSourceNode(
  root: SourceNode,
  file: string,
  overrides: ScenarioOverrides = {},
): Checked<Scenario> {
  const own = withoutExtends(root, file);
  const resolved = runStages(stages({ documents: [own.root], file, variant: null, overrides }), () => null);
  if (own.issue === null) return resolved.ok ? { ok: true, value: resolved.value.scenario } : resolved;
  return { ok: false, issues: [own.issue, ...(resolved.ok ? [] : resolved.issues)] };
}

/**
 * Checks a scenario file as `caseload validate` does: the file, then (when
 * it is valid, and not itself a `#variant`) each of its variants, so that
 * every problem is reported at once. A variant's issues name it:
 * `variants.<name>: <field>`.
 *
 * @example const checked = await validateScenario('scenarios/options-2024/variants.yaml') // variants: ['30-per-week', ...]
 */
export async function validateScenario(
  path: string,
  overrides: ScenarioOverrides = {},
): Promise<Checked<ValidatedScenario>> {
  argString(path, 'path', PATH);
  argOverrides(overrides, 'overrides');
  const loaded = await loadScenario(path, overrides);
  if (!loaded.ok) return loaded;
  const located = await locateScenario(path);
  const variants = located.ok && located.value.variant === null ? await scenarioVariants(located.value.file) : [];
  const issues: InputIssue[] = [];
  const warnings = [...loaded.value.warnings];
  const named = (issue: InputIssue, name: string): InputIssue => ({
    ...issue,
    field: `variants.${name}${issue.field === '' ? '' : `: ${issue.field}`}`,
  });
  for (const name of variants) {
    const variant = await loadScenario(`${path}#${name}`, overrides);
    if (!variant.ok) {
      for (const issue of variant.issues) issues.push(named(issue, name));
      continue;
    }
    // The scenario's own warnings come again with each variant: only the variant's new ones, named by it.
    const own = new Set(loaded.value.warnings.map(formatIssue));
    for (const warning of variant.value.warnings)
      if (!own.has(formatIssue(warning))) warnings.push(named(warning, name));
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { ...loaded.value, warnings, variants } };
}

/**
 * A scenario file's document as written, as plain data: the file merged with
 * the files it extends; no calendar files, variants or overrides applied,
 * nothing checked. Problems reading a file are issues.
 *
 * @example await scenarioDocument('scenarios/baseline-2024.yaml') // { ok: true, value: { name: ..., lanes: { ... }, ... } }
 */
export async function scenarioDocument(file: string): Promise<Checked<unknown>> {
  const chain = await readScenarioChain(file);
  return chain.ok ? { ok: true, value: nodeToPlain(chain.value) } : chain;
}

/**
 * The names of the variants a scenario file defines (with those of the files
 * it extends), in file order; empty when it has none or cannot be read
 * (from `source`, the file system by default).
 *
 * @example await scenarioVariants('scenarios/options-2024/variants.yaml') // ['30-per-week', ...]
 */
export async function scenarioVariants(file: string, source: TextSource = DISK_TEXTS): Promise<string[]> {
  const chain = await readScenarioChain(file, source);
  return chain.ok ? [...splitVariants(chain.value, file).variants.keys()] : [];
}

/**
 * `file#name` for each variant of the file `path` names (see
 * `scenarioVariants`), in file order, except the variant `path` itself names
 * (`file#name`: its file's other variants); empty when it has none or cannot be read.
 *
 * @example await variantPaths('scenarios/options-2024/variants.yaml') // ['scenarios/options-2024/variants.yaml#30-per-week', ...]
 */
export async function variantPaths(path: string): Promise<string[]> {
  const located = await locateScenario(path);
  if (!located.ok) return [];
  const { file, variant } = located.value;
  return (await scenarioVariants(file)).filter((name) => name !== variant).map((name) => `${file}#${name}`);
}

/** A scenario file merged with the files it extends, as written: no calendar files, variants or overrides applied, nothing checked. */
async function readScenarioChain(file: string, source: TextSource = DISK_TEXTS): Promise<Checked<SourceNode>> {
  const chain = await readExtendsChain(file, source);
  return chain.ok ? { ok: true, value: mergeChain(chain.value.documents) } : chain;
}

/** What the stages after reading start from. */
interface Source {
  /** The documents read: a file's and its bases', or the one given in code. */
  readonly documents: readonly SourceNode[];
  /** The scenario file: named in issues, gives the default name. */
  readonly file: string;
  readonly variant: string | null;
  readonly overrides: ScenarioOverrides;
}

/** The stages after reading, in order: resolve, check, read the data, fill the defaults. */
function* stages(
  source: Source,
): Stages<Checked<{ scenario: Scenario; node: SourceNode; warnings: readonly InputIssue[] }>> {
  const { file } = source;
  const resolved = yield* resolveDocument(source.documents, file, source.variant, source.overrides);
  if (!resolved.ok) return resolved;
  const { node, nameSuffix } = resolved.value;

  const checked = checkDocument(node, file);
  if (!checked.ok) return checked;

  const data = yield* readDataFiles(checked.value, node, file);
  if (!data.ok) return data;

  const scenario = deepFreeze(fillDefaults(checked.value, file, data.value, nameSuffix));
  const futureMean = nodeAt(node, ['inflow', 'observed', 'futureMeanPerWeek'])?.at ?? node.at;
  const inflowIssue = replayedInflowTooLarge(scenario, futureMean, file);
  if (inflowIssue !== null) return { ok: false, issues: [inflowIssue] };
  const warnings = [...plausibilityWarnings(node, scenario, file), ...calendarOverlaps(scenario, node, file)];
  vouchForScenario(scenario);
  return { ok: true, value: { scenario, node, warnings } };
}

/** A document given in code without its `extends`, which it cannot follow: an issue when it has one. */
function withoutExtends(root: SourceNode, file: string): { root: SourceNode; issue: InputIssue | null } {
  if (root.kind !== 'map' || !root.entries.has('extends')) return { root, issue: null };
  const entries = new Map(root.entries);
  entries.delete('extends');
  return {
    root: { kind: 'map', at: root.at, entries },
    issue: issueAt(
      file,
      'extends',
      'cannot be followed for a document given in code',
      'loadScenario(path) for a file that extends another',
    ),
  };
}
