import type { Plan } from './plan.js';
import { createState, resetState } from './state.js';
import type { ReplicationState } from './state.js';
import { weekStart } from './flows.js';
import { capacity, decisions, inflow, outcome, triggerRules } from './step.js';
import { Tally } from './tally.js';

export interface SimulateOptions {
  /** Master seed: replication r draws only from streams derived from (seed, r). */
  readonly seed: number;
  readonly replications: number;
  /** First replication index, for splitting a run over workers or shards. Default 0. */
  readonly firstReplication?: number;
}

/**
 * Runs replications firstReplication .. firstReplication + replications - 1
 * of the plan and tallies them. Pure: the same plan and options give the
 * same tally, and tallies of disjoint ranges merge into that of the union.
 *
 * @example simulate(plan, { seed: 2024, replications: 1000 }).replications // 1000
 */
export function simulate(plan: Plan, options: SimulateOptions): Tally {
  return simulateInto(plan, new Tally(plan, false), options);
}

/**
 * Like `simulate`, adding to an existing tally of the same plan (so a worker
 * can run range after range into one tally).
 */
export function simulateInto(plan: Plan, tally: Tally, options: SimulateOptions): Tally {
  const state = createState(plan, false, tally.decisionWeeks, tally.movedOutBySlot);
  const first = options.firstReplication ?? 0;
  for (let r = first; r < first + options.replications; r++) {
    resetState(plan, state, options.seed, r);
    replicate(plan, state, tally);
  }
  return tally;
}

/**
 * The expected-value run: the same weekly step with means instead of draws
 * (fractional cases allowed), as one replication.
 *
 * @example simulateDeterministic(plan).expectedBacklog // the deterministic line
 */
export function simulateDeterministic(plan: Plan): Tally {
  const tally = new Tally(plan, true);
  const state = createState(plan, true, tally.decisionWeeks, tally.movedOutBySlot);
  resetState(plan, state, 0, 0);
  replicate(plan, state, tally);
  return tally;
}

/**
 * One whole replication on a state already reset for it, tallied. `afterWeek`,
 * if given, sees the state at the end of each week (after the tally), to
 * record what the tally does not (the backlog of some lanes together); it
 * must not change the state. Exported for the benchmarks and the jobs.
 */
export function replicate(
  plan: Plan,
  state: ReplicationState,
  tally: Tally,
  afterWeek?: (state: ReplicationState, week: number) => void,
): void {
  // Stryker disable next-line ConditionalExpression: without withdrawals and transfers the start of a week does nothing.
  const flowsAtStart = plan.withdrawalHazard !== null || plan.transfers !== null;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a plan without rules has no rule to look at.
  const triggered = plan.triggers.length > 0;
  for (let t = 0; t < plan.horizonWeeks; t++) {
    // Stryker disable next-line ConditionalExpression: without withdrawals and transfers the start of a week does nothing.
    if (flowsAtStart) weekStart(plan, state, t);
    inflow(plan, state, t);
    capacity(plan, state, t);
    decisions(plan, state, t);
    // Stryker disable next-line ConditionalExpression: a plan without rules has no rule to look at.
    if (triggered) triggerRules(plan, state, t);
    tally.addWeek(state, t);
    afterWeek?.(state, t);
  }
  outcome(plan, state);
  tally.addReplication(state);
}
