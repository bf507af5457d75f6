/**
 * Stage read, for a file. In: a scenario file's path. Out: its document and
 * those of the files it `extends`, parsed with the line and column of every
 * value, or why one cannot be read or parsed. (A document given in code
 * skips this stage: it is its own one document.)
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Checked, InputIssue } from '../errors.js';
import { parseScenarioText } from './parse-text.js';
import { DISK_TEXTS, shownPath } from './read-text.js';
import type { TextSource } from './read-text.js';
import { describeNode, issueAtOrigin } from './source-node.js';
import type { Origin, SourceEntry, SourceNode } from './source-node.js';

/** A scenario file and the files it extends, parsed, not yet merged. */
export interface ExtendsChain {
  /** The file's document first, its base's next, ...; each without its `extends` key. */
  readonly documents: readonly SourceNode[];
  /** The file and its `extends` chain, base last. */
  readonly files: readonly string[];
}

/**
 * Reads and parses a scenario file and, through `extends`, its base files (each path relative to the file naming it). A
 * file that cannot be read or parsed is an issue; so are a base that cannot
 * be read and a cycle, both at the `extends` key naming them. Merging the
 * documents is the next stage's (`resolveDocument`).
 *
 * Every file is read from `source` (the file system by default).
 *
 * @example await readExtendsChain('scenarios/plan-30-40.yaml') // files: ['scenarios/plan-30-40.yaml', 'scenarios/baseline-2024.yaml']
 */
export async function readExtendsChain(file: string, source: TextSource = DISK_TEXTS): Promise<Checked<ExtendsChain>> {
  return readChain(source, file, [], null);
}

async function readChain(
  source: TextSource,
  file: string,
  children: readonly string[],
  extendsKey: Origin | null,
): Promise<Checked<ExtendsChain>> {
  const read = await source.readText(file, 'scenario');
  if (!read.ok) {
    if (extendsKey === null)
      return fail({
        file,
        line: null,
        column: null,
        field: '',
        problem: `cannot read the scenario file: ${read.reason}`,
        allowed: null,
      });
    return fail(
      atKey(
        extendsKey,
        `cannot read the base file ${shownPath(file)}: ${read.reason}`,
        'a path relative to the file that extends it',
      ),
    );
  }
  const parsed = parseScenarioText(read.text, file);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  // A base that is not a mapping (an empty file, a list) would add nothing: say so at the extends naming it.
  if (root.kind !== 'map' && extendsKey !== null)
    return fail(
      atKey(
        extendsKey,
        `the base file ${file} is not a scenario: it holds ${describeNode(root)}`,
        'a base file whose top level is a mapping of scenario fields',
      ),
    );
  const extendsEntry = root.kind === 'map' ? root.entries.get('extends') : undefined;
  if (root.kind !== 'map' || extendsEntry === undefined)
    return { ok: true, value: { documents: [root], files: [file] } };

  const target = extendsEntry.value;
  if (target.kind !== 'scalar' || typeof target.value !== 'string' || target.value === '') {
    return fail(
      atKey(
        target.at,
        `must be the path of a scenario file, got ${describeNode(target)}`,
        'a path relative to this file',
      ),
    );
  }
  const base = isAbsolute(target.value) ? target.value : join(dirname(file), target.value);
  const chain = [...children, file];
  if (chain.some((seen) => resolve(seen) === resolve(base))) {
    return fail(
      atKey(
        extendsEntry.keyAt,
        `makes a cycle: ${[...chain, base].map(shownPath).join(' -> ')}`,
        'a chain of bases that ends in a file without extends',
      ),
    );
  }
  const baseChain = await readChain(source, base, chain, extendsEntry.keyAt);
  if (!baseChain.ok) return baseChain;
  const entries = new Map<string, SourceEntry>(root.entries);
  entries.delete('extends');
  const child: SourceNode = { kind: 'map', at: root.at, entries };
  return {
    ok: true,
    value: { documents: [child, ...baseChain.value.documents], files: [file, ...baseChain.value.files] },
  };
}

function fail(issue: InputIssue): Checked<ExtendsChain> {
  return { ok: false, issues: [issue] };
}

function atKey(at: Origin, problem: string, allowed: string | null): InputIssue {
  return issueAtOrigin(at, '', 'extends', problem, allowed);
}
