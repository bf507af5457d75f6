import type { TSchema } from '@sinclair/typebox';
import { mergeNodes } from './merge-nodes.js';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import { childSchema, kindOf } from '../schema/schema-parts.js';
import { nodeAt } from '../read/source-node.js';
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
   * set them (so `capacity.perWeek` replaces the file's `capacity.perYear`);
   * one date of a dated schedule (`inflow.meanPerWeek.2024-04-01`) is added to
   * the field's schedule, the field's value at the start kept.
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
  for (const setting of overrides.set ?? [])
    root = mergeNodes(root, settingNode(root, setting), ScenarioDocumentSchema);
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

/**
 * A document holding only the setting's field, as a child file would write it.
 * A setting of one date of a dated schedule (`inflow.meanPerWeek.2024-04-01`)
 * adds that date to the field's schedule in `root` (a plain number there
 * becomes the value from the start), instead of replacing the schedule.
 */
function settingNode(root: SourceNode, setting: FieldSetting): SourceNode {
  const at: Origin = { kind: 'flag', flag: setting.flag ?? `set ${setting.path}` };
  const keys = setting.path.split('.');
  let node: SourceNode = { kind: 'scalar', at, value: setting.value, text: null };
  let depth = keys.length;
  const scheduleKeys = keys.slice(0, -1);
  if (keys.length > 1 && isSchedule(schemaAt(scheduleKeys))) {
    node = withDate(root, scheduleKeys, keys[keys.length - 1]!, { keyAt: at, value: node }, at);
    depth = scheduleKeys.length;
  }
  for (let i = depth - 1; i >= 0; i--) {
    node = { kind: 'map', at, entries: new Map([[keys[i]!, { keyAt: at, value: node }]]) };
  }
  return node;
}

/**
 * The schedule at `path` in `root` with `entry` at `date`: the written
 * schedule's other dates kept, a plain number kept as the value from the
 * start, nothing else when the field has no value yet (the checks then say
 * that the start has none).
 */
function withDate(root: SourceNode, path: readonly string[], date: string, entry: SourceEntry, at: Origin): SourceNode {
  const current = nodeAt(root, path);
  const entries = new Map<string, SourceEntry>();
  if (current?.kind === 'map') for (const [key, value] of current.entries) entries.set(key, value);
  else if (current?.kind === 'scalar' && typeof current.value === 'number') {
    const start = nodeAt(root, ['start']);
    if (start?.kind === 'scalar' && typeof start.value === 'string' && start.value !== date)
      entries.set(start.value, { keyAt: current.at, value: current });
  }
  entries.set(date, entry);
  return { kind: 'map', at: current?.kind === 'map' ? current.at : at, entries };
}

/** The schema of the field at a path of keys (a lane or date key reads the record's values); undefined when there is none. */
function schemaAt(keys: readonly string[]): TSchema | undefined {
  let schema: TSchema | undefined = ScenarioDocumentSchema;
  for (const key of keys) schema = childSchema(schema, key);
  return schema;
}

/** Whether a field takes a number or a schedule of dated values (the schema's `scheduled`). */
function isSchedule(schema: TSchema | undefined): boolean {
  if (schema === undefined || kindOf(schema) !== 'Union') return false;
  return (schema.anyOf as TSchema[]).some(
    (branch) =>
      kindOf(branch) === 'Record' && (branch.propertyNames as { format?: string } | undefined)?.format === 'date',
  );
}
