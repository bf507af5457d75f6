import { createHash } from 'node:crypto';
import type { ScenarioOverrides } from './resolve/overrides.js';
import { canonicalJson } from './canonical-json.js';
import { buildScenario } from './fill-defaults.js';
import { checkScenarioDocument } from './check/check-document.js';
import { readBacklogCsv, readObservedInflow } from './read/observed-inflow.js';
import type { ReplayInflow } from './read/observed-inflow.js';
import type { Checked, InputIssue } from './errors.js';
import { deepFreeze } from './deep-freeze.js';
import { didYouMean } from './check/did-you-mean.js';
import { issueAt } from './errors.js';
import { mergeNodes } from './resolve/merge-nodes.js';
import { readScenarioChain } from './read/extends-chain.js';
import { DEFAULTS, MAX_INFLOW_PER_WEEK, ScenarioDocumentSchema } from './schema/schema.js';
import type { Origin, SourceNode } from './read/source-node.js';
import { issueAtOrigin, nodeAt } from './read/source-node.js';
import { includeCalendars } from './resolve/calendars.js';
import { splitVariants } from './resolve/variants.js';
import type { InitialBacklogSpec, Scenario } from './types.js';

export type { ScenarioOverrides } from './resolve/overrides.js';

/** A scenario loaded from a file, with where it came from. */
export interface LoadedScenario {
  /** Resolved, checked and deeply frozen. */
  readonly scenario: Scenario;
  /** The file and its `extends` chain, base last. */
  readonly files: readonly string[];
  /** sha256 (hex) of the scenario as JSON with sorted keys: equal scenarios, equal hashes. */
  readonly hash: string;
  /** The document as checked (extends, calendars, variant and overrides merged), each value with where it was written. */
  readonly node: SourceNode;
}

/**
 * Loads a scenario file (YAML or JSON) in stages: read, parse with
 * positions, follow `extends`, apply the overrides, check everything, fill
 * the defaults, freeze. Returns every problem found, each with its file,
 * line and column; never throws for bad input.
 *
 * @example
 * const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 100 });
 * if (!loaded.ok) console.error(loaded.issues.map(formatIssue).join('\n'));
 */
export async function loadScenario(path: string, overrides: ScenarioOverrides = {}): Promise<Checked<LoadedScenario>> {
  const { file, variant } = splitVariantName(path);
  const chain = await readScenarioChain(file);
  if (!chain.ok) return chain;
  const withCalendars = await includeCalendars(chain.value.root, file);
  if (!withCalendars.ok) return withCalendars;
  const split = splitVariants(withCalendars.value, file);
  if (split.issues.length > 0) return { ok: false, issues: split.issues };
  let root = split.root;
  if (variant !== null) {
    const chosen = split.variants.get(variant);
    if (chosen === undefined) {
      const names = [...split.variants.keys()];
      const hint = didYouMean(variant, names);
      return {
        ok: false,
        issues: [
          issueAt(
            file,
            `#${variant}`,
            `no variant named "${variant}"${hint === null ? '' : ` (did you mean "${hint}"?)`}`,
            names.length === 0 ? 'the file has no variants' : `one of: ${names.join(', ')}`,
          ),
        ],
      };
    }
    root = mergeNodes(root, chosen.value, ScenarioDocumentSchema);
  }
  const checked = checkScenarioDocument(root, file, overrides);
  if (!checked.ok) return checked;
  const { document, node } = checked.value;
  let replay: ReplayInflow | undefined;
  const observed = document.inflow.observed;
  if (observed !== undefined) {
    const read = await readObservedInflow(
      observed.file,
      nodeAt(node, ['inflow', 'observed', 'file'])?.at ?? node.at,
      file,
      {
        dateColumn: observed.dateColumn ?? DEFAULTS.dateColumn,
        countColumn: observed.countColumn ?? DEFAULTS.countColumn,
        period: observed.period,
        futureMeanPerWeek: observed.futureMeanPerWeek,
      },
      document.start,
    );
    if (!read.ok) return read;
    replay = read.value;
  }
  const backlogFiles: Record<string, InitialBacklogSpec> = {};
  const backlogIssues: InputIssue[] = [];
  for (const [name, entry] of Object.entries(document.initialBacklog?.lanes ?? {})) {
    if (typeof entry !== 'object' || !('file' in entry)) continue;
    const field = `initialBacklog.lanes.${name}`;
    const read = await readBacklogCsv(
      entry.file,
      nodeAt(node, ['initialBacklog', 'lanes', name, 'file'])?.at ?? node.at,
      file,
      {
        dateColumn: entry.dateColumn ?? DEFAULTS.dateColumn,
        countColumn: entry.countColumn ?? DEFAULTS.countColumn,
        period: entry.period,
      },
      document.start,
      field,
    );
    if (read.ok) backlogFiles[name] = read.value;
    else backlogIssues.push(...read.issues);
  }
  if (backlogIssues.length > 0) return { ok: false, issues: backlogIssues };
  const built = deepFreeze(buildScenario(document, file, replay, backlogFiles));
  const inflowIssue = replayedInflowTooLarge(
    built,
    nodeAt(node, ['inflow', 'observed', 'futureMeanPerWeek'])?.at ?? node.at,
    file,
  );
  if (inflowIssue !== null) return { ok: false, issues: [inflowIssue] };
  const named =
    variant !== null && !chosenSetsName(split.variants.get(variant)!.value)
      ? deepFreeze({ ...built, name: `${built.name}: ${variant}` })
      : built;
  const scenario = named;
  const hash = createHash('sha256').update(canonicalJson(scenario)).digest('hex');
  return { ok: true, value: Object.freeze({ scenario, files: Object.freeze([...chain.value.files]), hash, node }) };
}

/**
 * Observed inflow continued by its trailing mean, trend or seasonal profile
 * can reach a mean beyond what caseload simulates by the end of the horizon:
 * an input problem at futureMeanPerWeek, found before a run.
 */
function replayedInflowTooLarge(scenario: Scenario, at: Origin, file: string): InputIssue | null {
  const inflow = scenario.inflow;
  if (inflow.kind !== 'replay') return null;
  const futureWeeks = Math.max(0, scenario.horizonWeeks - inflow.observedPerWeek.length);
  if (futureWeeks === 0) return null;
  const trend = inflow.futureTrendPerWeek ?? 0;
  const seasonal = Math.max(1, ...(inflow.futureMonthFactors ?? [1]));
  const highest = Math.max(inflow.futureMeanPerWeek, inflow.futureMeanPerWeek + trend * (futureWeeks - 1)) * seasonal;
  if (highest <= MAX_INFLOW_PER_WEEK) return null;
  return issueAtOrigin(
    at,
    file,
    'inflow.observed.futureMeanPerWeek',
    `continues the data to a mean of ${Math.round(highest).toLocaleString('en-US')} a week within the horizon, more than caseload simulates`,
    `at most ${MAX_INFLOW_PER_WEEK.toLocaleString('en-US')} a week: a shorter horizon, or a number`,
  );
}

/** `file.yaml#name` names a variant of a file; a plain path none. */
export function splitVariantName(path: string): { file: string; variant: string | null } {
  const at = path.lastIndexOf('#');
  return at > 0 ? { file: path.slice(0, at), variant: path.slice(at + 1) } : { file: path, variant: null };
}

function chosenSetsName(node: SourceNode): boolean {
  return node.kind === 'map' && node.entries.has('name');
}

/**
 * The names of the variants a scenario file defines (with those of the files
 * it extends), in file order; empty when it has none or cannot be read.
 *
 * @example await scenarioVariants('scenarios/options-2024/variants.yaml') // ['30-per-week', ...]
 */
export async function scenarioVariants(file: string): Promise<string[]> {
  const chain = await readScenarioChain(file);
  return chain.ok ? [...splitVariants(chain.value.root, file).variants.keys()] : [];
}
