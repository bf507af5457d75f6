import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { compilePool } from '../scenario/index.js';
import { triggeredFteWeeks } from './trigger-summary.js';
import type { CapacitySpec, Scenario } from '../scenario/types.js';

/**
 * One capacity pool over the horizon: the shared pool or a lane's dedicated
 * one. Amounts are in the pool's unit (decisions, or hours), summed over the
 * weeks of the horizon; realised amounts and decisions are means per replication.
 */
export interface PoolSummary {
  /** `shared`, or the name of the lane the pool is dedicated to. */
  readonly pool: string;
  readonly unit: 'decisions' | 'hours';
  /**
   * The capacity as written: the scenario's rate, schedules and paid FTE
   * (attrition applied) over the horizon, before the calendar, the ramp-up of
   * new staff and the uncertain productivity; null when it follows the inflow.
   */
  readonly planned: number | null;
  /** The capacity the run had: calendar, ramp-up and uncertainty applied, mean per replication. */
  readonly realised: number;
  /** Decisions this pool made, mean per replication (cases moved to another lane at the decision step not counted). */
  readonly decisions: number;
  /** Units of the pool one decision takes: 1 in decisions; the lane's hours for a dedicated pool in hours; null for a shared pool in hours (its lanes differ). */
  readonly unitsPerDecision: number | null;
  /** Paid FTE averaged over the weeks (with those trigger rules added, mean per replication); null unless the pool counts staff. */
  readonly fte: number | null;
  /** Staff cost over the horizon (paid FTE-weeks, trigger rules' included, x costPerFteYear / 52); null without costPerFteYear. */
  readonly cost: number | null;
}

/** What the pools with a cost cost, and what part of the capacity has none. */
export interface CostSummary {
  /** Cost over the horizon of the pools with a cost. */
  readonly total: number;
  /** Decisions of the pools with a cost, mean per replication. */
  readonly decisions: number;
  /** total / decisions: the cost of a decision of the costed pools; null when they decided nothing. */
  readonly perDecision: number | null;
  /** The pools without a cost (`shared`, or lane names): their capacity and decisions are not in `total`. */
  readonly uncosted: readonly string[];
  /** Decisions of the pools without a cost, mean per replication. */
  readonly uncostedDecisions: number;
}

/** The capacity of a run: each pool, the total in the shared pool's unit, and the cost. */
export interface CapacitySummary {
  /** The shared pool first, then the dedicated pools in priority order of their lanes. */
  readonly pools: readonly PoolSummary[];
  /**
   * Every pool in the shared pool's unit, a dedicated pool converted by its
   * lane's effort (its decisions at the lane's hours per decision of the
   * shared pool): what the option as a whole plans and has.
   */
  readonly total: {
    readonly unit: 'decisions' | 'hours';
    /** Null when a pool follows the inflow. */
    readonly planned: number | null;
    readonly realised: number;
  };
  /** Null when no pool has a cost. */
  readonly cost: CostSummary | null;
}

/**
 * The planned and realised capacity, decisions, FTE and cost of each pool
 * of a run, from the plan and the run's tally.
 *
 * @example capacitySummary(scenario, plan, tally).pools[0].realised // 1527 with the 2024 holidays
 */
export function capacitySummary(scenario: Scenario, plan: Plan, tally: Tally): CapacitySummary {
  const weeks = plan.horizonWeeks;
  const reps = Math.max(1, tally.replications);
  const specs = new Map<string, CapacitySpec>([['shared', scenario.capacity]]);
  for (const lane of scenario.lanes) if (lane.dedicatedCapacity !== null) specs.set(lane.name, lane.dedicatedCapacity);
  const triggered = plan.triggers.length === 0 ? null : triggeredFteWeeks(plan, tally);
  const pools = plan.pools.map((pool, p): PoolSummary => {
    let realised = 0;
    for (let t = 0; t < weeks; t++) realised += tally.capacitySum[t * plan.pools.length + p]!;
    // The staff trigger rules added are paid too: their FTE-weeks, mean per replication.
    const paid = pool.paidFte === null ? null : sum(pool.paidFte) + (triggered?.[p] ?? 0);
    const lane = p === 0 ? -1 : plan.dedicatedPool.indexOf(p);
    return {
      pool: pool.label,
      unit: pool.unit,
      planned: plannedCapacity(specs.get(pool.label), scenario.start, weeks),
      realised: realised / reps,
      decisions: tally.poolDecisionsSum[p]! / reps,
      unitsPerDecision: pool.unit === 'decisions' ? 1 : lane >= 0 ? plan.dedicatedEffort[lane]! : null,
      fte: paid === null ? null : paid / weeks,
      cost: paid === null || pool.costPerFteYear === null ? null : (paid * pool.costPerFteYear) / 52,
    };
  });
  // A dedicated pool in the shared pool's unit: its units -> decisions (its own effort) -> shared units (the lane's effort there).
  const inSharedUnits = (p: number, amount: number) => {
    if (p === 0) return amount;
    const lane = plan.dedicatedPool.indexOf(p);
    return (amount / plan.dedicatedEffort[lane]!) * plan.sharedEffort[lane]!;
  };
  const planned = pools.every((pool) => pool.planned !== null)
    ? pools.reduce((total, pool, p) => total + inSharedUnits(p, pool.planned!), 0)
    : null;
  const costed = pools.filter((pool) => pool.cost !== null);
  const uncosted = pools.filter((pool) => pool.cost === null);
  const costedDecisions = costed.reduce((total, pool) => total + pool.decisions, 0);
  const cost = costed.reduce((total, pool) => total + pool.cost!, 0);
  return {
    pools,
    total: {
      unit: plan.pools[0]!.unit,
      planned,
      realised: pools.reduce((total, pool, p) => total + inSharedUnits(p, pool.realised), 0),
    },
    cost:
      costed.length === 0
        ? null
        : {
            total: cost,
            decisions: costedDecisions,
            perDecision: costedDecisions > 0 ? cost / costedDecisions : null,
            uncosted: uncosted.map((pool) => pool.pool),
            uncostedDecisions: uncosted.reduce((total, pool) => total + pool.decisions, 0),
          },
  };
}

/**
 * A pool's capacity over the horizon as written: its rate and schedules, for
 * staff the paid FTE (attrition applied) x hours x productive share, without
 * the calendar, ramp-up or uncertainty; null when it follows the inflow.
 */
function plannedCapacity(spec: CapacitySpec | undefined, start: string, weeks: number): number | null {
  if (spec === undefined || spec.policy.kind === 'inflowPlusMargin') return null;
  // The rate only: no conversion to staff, so no hours per decision are needed.
  const asWritten: CapacitySpec = {
    ...spec,
    conversion: null,
    policy: spec.policy.kind === 'staff' ? { ...spec.policy, rampUpWeeks: 0 } : spec.policy,
  };
  const context = { hoursPerDecision: null, inflowPerWeek: new Float64Array(weeks) };
  const rate = compilePool('planned', asWritten, new Float64Array(weeks).fill(1), start, weeks, context).rate;
  // Twelve digits: 52 weeks of 1,600 / 52 add up to 1,600, not 1,599.9999999999982.
  return rate === null ? null : Number(sum(rate).toPrecision(12));
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
