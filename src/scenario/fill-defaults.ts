import { basename, extname } from 'node:path';
import type { ReplayInflow } from './read/observed-inflow.js';
import { DEFAULTS } from './schema/schema.js';
import type { ScenarioDocument } from './schema/schema.js';
import type { CapacityChange, CapacitySpec, InitialBacklogSpec, Scenario } from './types.js';

type CapacityDocument = ScenarioDocument['capacity'];

/**
 * The resolved scenario of a checked document: defaults filled, inflow and
 * capacity as tagged policies, lanes in file order with their priorities,
 * the initial backlog per lane. The document must have passed every check.
 *
 * @example buildScenario(document, 'scenarios/baseline-2024.yaml').lanes[0].priority // 1
 */
export function buildScenario(
  doc: ScenarioDocument,
  file: string,
  replay?: ReplayInflow,
  backlogFiles: Readonly<Record<string, InitialBacklogSpec>> = {},
): Scenario {
  if (doc.inflow.observed !== undefined && replay === undefined)
    throw new Error('an observed inflow needs its CSV read first (readObservedInflow)');
  const spreadWeeks = doc.initialBacklog?.spreadWeeks ?? DEFAULTS.spreadWeeks;
  const initialBacklog: Record<string, InitialBacklogSpec> = {};
  for (const [name, entry] of Object.entries(doc.initialBacklog?.lanes ?? {})) {
    if (typeof entry === 'object' && 'file' in entry) {
      const read = backlogFiles[name];
      if (read === undefined)
        throw new Error(`the initial backlog CSV of lane ${name} must be read first (readBacklogCsv)`);
      initialBacklog[name] = read;
      continue;
    }
    initialBacklog[name] =
      typeof entry === 'number'
        ? { kind: 'spread', count: entry, spreadWeeks }
        : 'byWeeksAgo' in entry
          ? {
              kind: 'byWeeksAgo',
              counts: Object.entries(entry.byWeeksAgo)
                .map(([weeksAgo, count]) => ({ weeksAgo: Number(weeksAgo), count }))
                .sort((a, b) => a.weeksAgo - b.weeksAgo),
            }
          : { kind: 'spread', count: entry.count, spreadWeeks: entry.spreadWeeks ?? spreadWeeks };
  }
  return {
    name: doc.name ?? basename(file, extname(file)),
    description: doc.description ?? null,
    start: doc.start,
    horizonWeeks: doc.horizonWeeks,
    seed: doc.seed ?? DEFAULTS.seed,
    replications: doc.replications ?? DEFAULTS.replications,
    inflow:
      doc.inflow.observed !== undefined
        ? replay!
        : doc.inflow.meanPerWeek !== undefined
          ? { kind: 'constant', meanPerWeek: doc.inflow.meanPerWeek }
          : { kind: 'weekly', meanPerWeek: [...(doc.inflow.weeklyMeans ?? [])] },
    capacity: capacitySpec(doc.capacity, doc.start),
    calendar: (doc.calendar ?? []).map((entry) => ({
      from: entry.from,
      to: entry.to,
      scale: entry.scale,
      label: entry.label ?? null,
    })),
    lanes: Object.entries(doc.lanes).map(([name, lane], index) => ({
      name,
      share: lane.share,
      priority: lane.priority ?? index + 1,
      minWaitWeeks: lane.minWaitWeeks ?? DEFAULTS.minWaitWeeks,
      grantRate: lane.grantRate,
      hoursPerDecision: lane.hoursPerDecision ?? null,
      dedicatedCapacity: lane.capacity === undefined ? null : capacitySpec(lane.capacity, doc.start),
    })),
    initialBacklog,
    target: doc.target === undefined ? null : { backlog: doc.target.backlog, date: doc.target.date },
    ...(doc.observed === undefined
      ? {}
      : {
          observed: {
            decisions: doc.observed.decisions ?? null,
            endBacklog: doc.observed.endBacklog ?? null,
            meanLeadTimeDays: doc.observed.meanLeadTimeDays ?? null,
            leadTimeDaysByLane: { ...(doc.observed.leadTimeDays ?? {}) },
            source: doc.observed.source ?? null,
          },
        }),
  };
}

function capacitySpec(capacity: CapacityDocument, start: string): CapacitySpec {
  const unit = capacity.unit ?? (capacity.staff !== undefined ? 'hours' : 'decisions');
  const changes: CapacityChange[] = [];
  /** The value at the start; later dated values go to `changes`. The checks made sure the start has a value. */
  const at = (field: CapacityChange['field'], value: number | Readonly<Record<string, number>>): number => {
    if (typeof value === 'number') return value;
    const dated = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let initial = Number.NaN;
    for (const [from, v] of dated) {
      if (from <= start) initial = v;
      else changes.push({ from, field, value: v });
    }
    return initial;
  };
  const spec = (policy: CapacitySpec['policy']): CapacitySpec =>
    changes.length === 0
      ? { unit, policy }
      : { unit, policy, changes: changes.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)) };
  if (capacity.perWeek !== undefined) return spec({ kind: 'perWeek', perWeek: at('perWeek', capacity.perWeek) });
  if (capacity.perYear !== undefined) return spec({ kind: 'perYear', perYear: at('perYear', capacity.perYear) });
  if (capacity.inflowPlusMargin !== undefined) {
    const margin = capacity.inflowPlusMargin;
    return spec({
      kind: 'inflowPlusMargin',
      margin: margin.margin,
      trailingWeeks: margin.trailingWeeks ?? DEFAULTS.trailingWeeks,
      min: margin.min ?? DEFAULTS.marginMin,
      max: margin.max ?? DEFAULTS.marginMax,
    });
  }
  if (capacity.staff !== undefined) {
    const staff = capacity.staff;
    return spec({
      kind: 'staff',
      fte: at('fte', staff.fte),
      hoursPerFteWeek: at('hoursPerFteWeek', staff.hoursPerFteWeek ?? DEFAULTS.hoursPerFteWeek),
      productiveShare: at('productiveShare', staff.productiveShare ?? DEFAULTS.productiveShare),
      rampUpWeeks: staff.rampUpWeeks ?? DEFAULTS.rampUpWeeks,
      attritionPerQuarter: staff.attritionPerQuarter ?? DEFAULTS.attritionPerQuarter,
      costPerFteYear: staff.costPerFteYear ?? null,
    });
  }
  throw new Error('a checked capacity has exactly one policy');
}
