import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Checked, InputIssue } from '../errors.js';
import { mergeNodes } from '../resolve/merge-nodes.js';
import { parseScenarioText } from './parse-text.js';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import { describeNode, issueAtOrigin } from './source-node.js';
import type { Origin, SourceEntry, SourceNode } from './source-node.js';
import { readFailure } from './read-failure.js';

/** A scenario file merged with the files it extends. */
export interface ScenarioChain {
  readonly root: SourceNode;
  /** The file and its `extends` chain, base last. */
  readonly files: readonly string[];
}

/**
 * Reads a scenario file and, through `extends`, its base files (each path
 * relative to the file naming it), and merges them base first
 * (`mergeNodes`). A file that cannot be read or parsed is an issue; so are a
 * base that cannot be read and a cycle, both at the `extends` key naming them.
 *
 * @example await readScenarioChain('scenarios/plan-30-40.yaml') // files: ['scenarios/plan-30-40.yaml', 'scenarios/baseline-2024.yaml']
 */
export async function readScenarioChain(file: string): Promise<Checked<ScenarioChain>> {
  return readChain(file, [], null);
}

async function readChain(
  file: string,
  children: readonly string[],
  extendsKey: Origin | null,
): Promise<Checked<ScenarioChain>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = readFailure(error);
    if (extendsKey === null)
      return fail({
        file,
        line: null,
        column: null,
        field: '',
        problem: `cannot read the scenario file: ${reason}`,
        allowed: null,
      });
    return fail(
      atKey(extendsKey, `cannot read the base file ${file}: ${reason}`, 'a path relative to the file that extends it'),
    );
  }
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  const extendsEntry = root.kind === 'map' ? root.entries.get('extends') : undefined;
  if (root.kind !== 'map' || extendsEntry === undefined) return { ok: true, value: { root, files: [file] } };

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
        `makes a cycle: ${[...chain, base].join(' -> ')}`,
        'a chain of bases that ends in a file without extends',
      ),
    );
  }
  const baseChain = await readChain(base, chain, extendsEntry.keyAt);
  if (!baseChain.ok) return baseChain;
  const entries = new Map<string, SourceEntry>(root.entries);
  entries.delete('extends');
  const child: SourceNode = { kind: 'map', at: root.at, entries };
  return {
    ok: true,
    value: {
      root: mergeNodes(baseChain.value.root, child, ScenarioDocumentSchema),
      files: [file, ...baseChain.value.files],
    },
  };
}

function fail(issue: InputIssue): Checked<ScenarioChain> {
  return { ok: false, issues: [issue] };
}

function atKey(at: Origin, problem: string, allowed: string | null): InputIssue {
  return issueAtOrigin(at, '', 'extends', problem, allowed);
}
