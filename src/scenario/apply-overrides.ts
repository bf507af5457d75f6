import type { Origin, SourceEntry, SourceNode } from './source-node.js';

/** Values given on the command line (or by code) that replace the scenario's own. */
export interface ScenarioOverrides {
  readonly horizonWeeks?: number;
  readonly seed?: number;
  readonly replications?: number;
}

/** Each override's field and the flag that sets it, which its issues name. */
const FLAGS = [
  ['horizonWeeks', '--horizon'],
  ['seed', '--seed'],
  ['replications', '--reps'],
] as const;

/**
 * The document with the overrides in place of its own values. An override's
 * value remembers its flag, so that a problem with it (or caused by it, such
 * as a horizon longer than the weekly inflow) names the flag.
 *
 * @example applyOverrides(root, { horizonWeeks: 26 })
 */
export function applyOverrides(root: SourceNode, overrides: ScenarioOverrides): SourceNode {
  if (root.kind !== 'map') return root;
  const entries = new Map<string, SourceEntry>(root.entries);
  for (const [field, flag] of FLAGS) {
    const value = overrides[field];
    if (value === undefined) continue;
    const at: Origin = { kind: 'flag', flag };
    entries.set(field, { keyAt: root.entries.get(field)?.keyAt ?? at, value: { kind: 'scalar', at, value, text: null } });
  }
  return { kind: 'map', at: root.at, entries };
}
