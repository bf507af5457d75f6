import { mergeNodes } from './merge-nodes.js';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import type { Origin, SourceEntry, SourceNode } from '../read/source-node.js';

/**
 * One field set from outside the file, by its dotted path in the scenario
 * format: `capacity.perWeek`, `lanes.regular.minWaitWeeks`, `inflow.meanPerWeek`.
 */
export interface FieldSetting {
  readonly path: string;
  readonly value: unknown;
  /** What the user typed, named by issues about this value; default `--set <path>`. */
  readonly flag?: string;
}

/** Values given on the command line (or by code) that replace the scenario's own. */
export interface ScenarioOverrides {
  readonly horizonWeeks?: number;
  readonly seed?: number;
  readonly replications?: number;
  /**
   * Fields to set, applied in order as a file that `extends` this one would
   * set them (so `capacity.perWeek` replaces the file's `capacity.perYear`).
   * An unknown path or a bad value is reported like any other problem, naming
   * the setting.
   */
  readonly set?: readonly FieldSetting[];
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
  for (const setting of overrides.set ?? []) root = mergeNodes(root, settingNode(setting), ScenarioDocumentSchema);
  if (root.kind !== 'map') return root;
  const entries = new Map<string, SourceEntry>(root.entries);
  for (const [field, flag] of FLAGS) {
    const value = overrides[field];
    if (value === undefined) continue;
    const at: Origin = { kind: 'flag', flag };
    entries.set(field, {
      keyAt: root.entries.get(field)?.keyAt ?? at,
      value: { kind: 'scalar', at, value, text: null },
    });
  }
  return { kind: 'map', at: root.at, entries };
}

/** A document holding only the setting's field, as a child file would write it. */
function settingNode(setting: FieldSetting): SourceNode {
  const at: Origin = { kind: 'flag', flag: setting.flag ?? `--set ${setting.path}` };
  const keys = setting.path.split('.');
  let node: SourceNode = { kind: 'scalar', at, value: setting.value, text: null };
  for (let i = keys.length - 1; i >= 0; i--) {
    node = { kind: 'map', at, entries: new Map([[keys[i]!, { keyAt: at, value: node }]]) };
  }
  return node;
}
