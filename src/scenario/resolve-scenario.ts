import type { ScenarioOverrides } from './resolve/overrides.js';
import { checkScenarioNode } from './check/check-document.js';
import { issueAt } from './errors.js';
import type { Checked } from './errors.js';
import { plainToNode } from './read/plain-to-node.js';
import type { SourceNode } from './read/source-node.js';
import type { Scenario } from './types.js';

/**
 * Validates a scenario document that is already parsed (an object built in
 * code, parsed JSON) and resolves it: overrides, defaults, every check,
 * frozen. Pure: it reads no files, so `extends` is an issue here; issues have
 * no line numbers. `file` names the document in issues and gives the
 * default name.
 *
 * @example resolveScenario({ start: '2024-01-01', horizonWeeks: 52, ... }, 'inline.yaml', { seed: 7 })
 */
export function resolveScenario(doc: unknown, file: string, overrides: ScenarioOverrides = {}): Checked<Scenario> {
  const root = plainToNode(doc, file);
  if (root.kind !== 'map' || !root.entries.has('extends')) return checkScenarioNode(root, file, overrides);
  const entries = new Map(root.entries);
  entries.delete('extends');
  const withoutExtends: SourceNode = { kind: 'map', at: root.at, entries };
  const checked = checkScenarioNode(withoutExtends, file, overrides);
  const issue = issueAt(
    file,
    'extends',
    'cannot be followed for a document given in code',
    'loadScenario(path) for a file that extends another',
  );
  return { ok: false, issues: [issue, ...(checked.ok ? [] : checked.issues)] };
}
