import { basename, extname } from 'node:path';
import { DEFAULTS } from './schema.js';
import type { ScenarioDocument } from './schema.js';
import type { CapacitySpec, InitialBacklogSpec, Scenario } from './types.js';

type CapacityDocument = ScenarioDocument['capacity'];

/**
 * The resolved scenario of a checked document: defaults filled, inflow and
 * capacity as tagged policies, lanes in file order with their priorities,
 * the initial backlog per lane. The document must have passed every check.
 *
 * @example buildScenario(document, 'scenarios/baseline-2024.yaml').lanes[0].priority // 1
 */
export function buildScenario(doc: ScenarioDocument, file: string): Scenario {
  const spreadWeeks = doc.initialBacklog?.spreadWeeks ?? DEFAULTS.spreadWeeks;
  const initialBacklog: Record<string, InitialBacklogSpec> = {};
  for (const [name, entry] of Object.entries(doc.initialBacklog?.lanes ?? {})) {
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
      doc.inflow.meanPerWeek !== undefined
        ? { kind: 'constant', meanPerWeek: doc.inflow.meanPerWeek }
        : { kind: 'weekly', meanPerWeek: [...(doc.inflow.weeklyMeans ?? [])] },
    capacity: capacitySpec(doc.capacity),
    calendar: (doc.calendar ?? []).map((entry) => ({ from: entry.from, to: entry.to, scale: entry.scale, label: entry.label ?? null })),
    lanes: Object.entries(doc.lanes).map(([name, lane], index) => ({
      name,
      share: lane.share,
      priority: lane.priority ?? index + 1,
      minWaitWeeks: lane.minWaitWeeks ?? DEFAULTS.minWaitWeeks,
      grantRate: lane.grantRate,
      hoursPerDecision: lane.hoursPerDecision ?? null,
      dedicatedCapacity: lane.capacity === undefined ? null : capacitySpec(lane.capacity),
    })),
    initialBacklog,
    target: doc.target === undefined ? null : { backlog: doc.target.backlog, date: doc.target.date },
  };
}

function capacitySpec(capacity: CapacityDocument): CapacitySpec {
  const unit = capacity.unit ?? (capacity.staff !== undefined ? 'hours' : 'decisions');
  if (capacity.perWeek !== undefined) return { unit, policy: { kind: 'perWeek', perWeek: capacity.perWeek } };
  if (capacity.perYear !== undefined) return { unit, policy: { kind: 'perYear', perYear: capacity.perYear } };
  if (capacity.inflowPlusMargin !== undefined) {
    const margin = capacity.inflowPlusMargin;
    return {
      unit,
      policy: {
        kind: 'inflowPlusMargin',
        margin: margin.margin,
        trailingWeeks: margin.trailingWeeks ?? DEFAULTS.trailingWeeks,
        min: margin.min ?? DEFAULTS.marginMin,
        max: margin.max ?? DEFAULTS.marginMax,
      },
    };
  }
  if (capacity.staff !== undefined) {
    const staff = capacity.staff;
    return {
      unit,
      policy: {
        kind: 'staff',
        fte: staff.fte,
        hoursPerFteWeek: staff.hoursPerFteWeek ?? DEFAULTS.hoursPerFteWeek,
        productiveShare: staff.productiveShare ?? DEFAULTS.productiveShare,
      },
    };
  }
  throw new Error('a checked capacity has exactly one policy');
}
