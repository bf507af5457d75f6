import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { IntHistogram } from '../stats/int-histogram.js';

/**
 * What a trigger rule did over the replications of a run: how often it
 * fired, how long its staff worked, and what they cost. On the
 * expected-value path (one replication) the share is 0 or 1 and the
 * percentiles are that path's weeks.
 */
export interface TriggerSummary {
  readonly name: string;
  /** `shared`, or the lane whose own pool the staff join. */
  readonly pool: string;
  /** The lanes whose open cases the rule watches. */
  readonly lanes: readonly string[];
  readonly fte: number;
  /** Share of the replications in which the rule fired at least once. */
  readonly firedShare: number;
  /** Firings, mean per replication. */
  readonly firings: number;
  /** Weeks the rule's staff worked within the horizon: mean per replication, and its P50 and P90 over the replications. */
  readonly activeWeeks: { readonly mean: number; readonly p50: number; readonly p90: number };
  /** fte x the weeks worked: paid FTE-weeks, mean per replication. */
  readonly fteWeeks: number;
  /** fteWeeks x costPerFteYear / 52 of the pool; null when the pool has no cost. */
  readonly cost: number | null;
}

/**
 * Each trigger rule of a run, in the order of Plan.triggers, from the tally's
 * exact counts (so shards and workers give the same figures).
 *
 * @example triggerSummary(plan, tally)[0].firedShare // 0.62
 */
export function triggerSummary(plan: Plan, tally: Tally): TriggerSummary[] {
  const reps = Math.max(1, tally.replications);
  const columns = plan.horizonWeeks + 1;
  return plan.triggers.map((rule, r) => {
    const weeks = new IntHistogram();
    let total = 0;
    for (let w = 0; w < columns; w++) {
      const count = tally.workforceTriggerWeeks[r * columns + w]!;
      if (count === 0) continue;
      weeks.add(w, count);
      total += w * count;
    }
    const mean = total / reps;
    const costPerFteYear = plan.pools[rule.pool]!.costPerFteYear;
    const fteWeeks = rule.fte * mean;
    return {
      name: rule.name,
      pool: plan.pools[rule.pool]!.label,
      lanes: Array.from(rule.lanes, (lane) => plan.laneNames[lane]!),
      fte: rule.fte,
      firedShare: tally.workforceTriggerFired[r]! / reps,
      firings: tally.workforceTriggerFirings[r]! / reps,
      activeWeeks: {
        mean,
        p50: tally.replications === 0 ? 0 : weeks.quantile(0.5),
        p90: tally.replications === 0 ? 0 : weeks.quantile(0.9),
      },
      fteWeeks,
      cost: costPerFteYear === null ? null : (fteWeeks * costPerFteYear) / 52,
    };
  });
}

/**
 * The FTE-weeks the trigger rules of each pool added, mean per replication
 * (pools in the order of Plan.pools): what their pools' FTE and cost include.
 */
export function triggeredFteWeeks(plan: Plan, tally: Tally): Float64Array {
  const byPool = new Float64Array(plan.pools.length);
  triggerSummary(plan, tally).forEach((rule, r) => {
    byPool[plan.triggers[r]!.pool]! += rule.fteWeeks;
  });
  return byPool;
}
