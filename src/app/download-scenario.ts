import { Document, isScalar } from 'yaml';
import type { FieldSetting } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { PagePreset } from './page/page-data.js';

/** One change made on the what-if page: the setting the worker ran, and the file's value it replaced. */
export interface ScenarioChange {
  /** As the page sent it to the worker (`capacity.perWeek`, `inflow.meanPerWeek.2024-04-01`). */
  readonly setting: FieldSetting;
  /** The file's value in words, for the comment; null when the file has none there (a date added to a schedule). */
  readonly was: string | null;
}

/** What a downloaded what-if scenario is made of. */
export interface WhatIfScenario {
  readonly preset: PagePreset;
  /** In the order the page sent them: later ones are applied on top of earlier ones. */
  readonly changes: readonly ScenarioChange[];
  readonly replications: number;
  readonly seed: number;
  readonly caseloadVersion: string;
}

type Tree = Record<string, unknown>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The YAML text of a scenario that `extends` the preset's file and sets only
 * what changed on the what-if page, each change with a comment saying what
 * the file had; a variant preset's fields are copied first (a variant sets
 * fields as a file extending its file would). Replications and seed are
 * written too, so that `caseload run` on it gives the page's numbers. A
 * setting of one date of a schedule (`inflow.meanPerWeek.2024-04-01`) is
 * written as the whole schedule, as the setting makes it: a schedule in a
 * child file replaces its base's.
 *
 * @example downloadScenario({ preset, changes: [{ setting: { path: 'capacity.perWeek', value: 35 }, was: '1,600 a year' }], replications: 1000, seed: 2024, caseloadVersion: '0.1.0' })
 */
export function downloadScenario(input: WhatIfScenario): string {
  const { preset } = input;
  const tree: Tree = {
    extends: preset.fileName,
    name: `${preset.scenario.name} (what-if)`,
    replications: input.replications,
    seed: input.seed,
  };
  for (const [key, value] of Object.entries(preset.variant?.fields ?? {}))
    if (key !== 'name') tree[key] = structuredClone(value);
  const commented: { keys: string[]; comment: string }[] = [];
  for (const { setting, was } of input.changes) {
    const keys = setting.path.split('.');
    const last = keys[keys.length - 1]!;
    const parent = keys.slice(0, -1);
    if (keys.length > 1 && DATE.test(last)) {
      const schedule = scheduleAt(tree, parent, preset.scenario);
      schedule[last] = setting.value;
      setIn(tree, parent, schedule);
    } else setIn(tree, keys, setting.value);
    commented.push({
      keys,
      comment: was === null ? ' added on the what-if page' : ` changed on the what-if page: was ${was}`,
    });
  }
  const doc = new Document(tree);
  for (const { keys, comment } of commented) {
    const node = doc.getIn(keys, true);
    if (isScalar(node)) node.comment = comment;
  }
  doc.commentBefore = [
    ` A what-if scenario written by the caseload what-if page (caseload ${input.caseloadVersion}).`,
    ` It extends ${preset.fileName}${preset.variant === null ? '' : ` with its variant "${preset.variant.name}"`}: save it in the same folder as that file.`,
    ` caseload run on it gives the numbers the page showed (the same replications and seed).`,
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

/**
 * The schedule a dated setting adds to: the one written so far (a copied
 * variant's, or an earlier setting's), a plain value so far as the value from
 * the start, else the file's schedule as loaded.
 */
function scheduleAt(tree: Tree, keys: readonly string[], scenario: Scenario): Tree {
  const current = getIn(tree, keys);
  if (isTree(current)) return current;
  if (typeof current === 'number') return { [scenario.start]: current };
  return { ...fileSchedule(scenario, keys.join('.')) };
}

/**
 * A scheduled field of the scenario as loaded, as a file writes it: the value
 * at the start, then each dated change; empty for a field the page has no
 * schedule of.
 *
 * @example fileSchedule(scenario, 'capacity.staff.fte') // { '2024-01-01': 143, '2024-04-01': 151 }
 */
export function fileSchedule(scenario: Scenario, path: string): Record<string, number> {
  const schedule: Record<string, number> = {};
  const { inflow, capacity } = scenario;
  if (path === 'inflow.meanPerWeek' && (inflow.kind === 'constant' || inflow.kind === 'scheduled')) {
    schedule[scenario.start] = inflow.meanPerWeek;
    if (inflow.kind === 'scheduled') for (const change of inflow.changes) schedule[change.from] = change.meanPerWeek;
    return schedule;
  }
  const policy = capacity.policy as Record<string, unknown>;
  const field = path.startsWith('capacity.staff.')
    ? path.slice('capacity.staff.'.length)
    : path.startsWith('capacity.')
      ? path.slice('capacity.'.length)
      : null;
  if (field === null || typeof policy[field] !== 'number') return schedule;
  if (path.startsWith('capacity.staff.') !== (capacity.policy.kind === 'staff')) return schedule;
  schedule[scenario.start] = policy[field] as number;
  for (const change of capacity.changes ?? []) if (change.field === field) schedule[change.from] = change.value;
  return schedule;
}

function isTree(value: unknown): value is Tree {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function getIn(tree: Tree, keys: readonly string[]): unknown {
  let node: unknown = tree;
  for (const key of keys) node = isTree(node) ? node[key] : undefined;
  return node;
}

/** Sets a value at a path of keys, making mappings on the way (a value in the way is replaced, as merging a child file does). */
function setIn(tree: Tree, keys: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!isTree(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]!] = value;
}
