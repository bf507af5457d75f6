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
  /** Where the value came from, named by issues about it; default `set <path>` (the CLI shows `--set <path>`). */
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
  /**
   * false: leave out the scenario's uncertainty: block, so that the inflow
   * level and the capacity are the plan's, known exactly (the bands show only
   * the Poisson noise of the arrivals). The CLI's --no-uncertainty.
   */
  readonly uncertainty?: false;
}

/** The fields that overrides replace directly; an issue with one names the override (`replications`), which the CLI shows as its flag. */
const OVERRIDDEN = ['horizonWeeks', 'seed', 'replications'] as const;

/**
 * The document with the overrides in place of its own values. An override's
 * value remembers that it is one, so that a problem with it (or caused by it,
 * such as a horizon longer than the weekly inflow) names the override.
 *
 * @example applyOverrides(root, { horizonWeeks: 26 })
 */
export function applyOverrides(root: SourceNode, overrides: ScenarioOverrides): SourceNode {
  if (root.kind !== 'map') return root;
  for (const setting of overrides.set ?? []) root = mergeNodes(root, settingNode(setting), ScenarioDocumentSchema);
  if (root.kind !== 'map') return root;
  const entries = new Map<string, SourceEntry>(root.entries);
  if (overrides.uncertainty === false) entries.delete('uncertainty');
  for (const field of OVERRIDDEN) {
    const value = overrides[field];
    if (value === undefined) continue;
    const at: Origin = { kind: 'flag', flag: field };
    entries.set(field, {
      keyAt: root.entries.get(field)?.keyAt ?? at,
      value: { kind: 'scalar', at, value, text: null },
    });
  }
  return { kind: 'map', at: root.at, entries };
}

/** A document holding only the setting's field, as a child file would write it. */
function settingNode(setting: FieldSetting): SourceNode {
  const at: Origin = { kind: 'flag', flag: setting.flag ?? `set ${setting.path}` };
  const keys = setting.path.split('.');
  let node: SourceNode = { kind: 'scalar', at, value: setting.value, text: null };
  for (let i = keys.length - 1; i >= 0; i--) {
    node = { kind: 'map', at, entries: new Map([[keys[i]!, { keyAt: at, value: node }]]) };
  }
  return node;
}
