import type { Plan } from './plan.js';
import { leadWeeksFromDecisions } from './lead-weeks.js';
import { createState, resetState } from './state.js';
import { weekStart } from './flows.js';
import { capacity, decisions, inflow, outcome, triggerRules } from './step.js';

/** One week of one replication, lane arrays in priority order. */
export interface TracedWeek {
  readonly week: number;
  readonly backlogStart: readonly number[];
  readonly arrivals: readonly number[];
  readonly decisions: readonly number[];
  /** Open cases withdrawn at the start of the week, moved out at the decision step, moved in at the end. */
  readonly withdrawn: readonly number[];
  readonly transferredOut: readonly number[];
  readonly transferredIn: readonly number[];
  readonly backlogEnd: readonly number[];
  /** New capacity per pool (shared first). */
  readonly capacity: readonly number[];
  /** Units per pool available to this week's decisions: the new capacity plus what carried from last week. */
  readonly poolAvailable: readonly number[];
  /** Units per pool left after this week's decisions (carried on only when the pool was binding). */
  readonly poolLeft: readonly number[];
  /** Open cases per lane and arrival slot at the end of the week (see Plan). */
  readonly cohorts: readonly (readonly number[])[];
}

export interface Trace {
  readonly weeks: readonly TracedWeek[];
  /** Grants per lane over the replication. */
  readonly grants: readonly number[];
  /** Decided cases per lane and lead time in weeks. */
  readonly leadWeeks: readonly (readonly number[])[];
}

/**
 * Every week of one replication, for tests and for inspecting a single path:
 * the same step functions as `simulate`, with copies of the state per week.
 *
 * @example traceReplication(plan, { seed: 1, replication: 0 }).weeks[0].decisions
 */
export function traceReplication(
  plan: Plan,
  options: { seed: number; replication: number; deterministic?: boolean },
): Trace {
  const state = createState(plan, options.deterministic ?? false);
  resetState(plan, state, options.seed, options.replication);
  const slots = plan.cohortSlots;
  const weeks: TracedWeek[] = [];
  for (let t = 0; t < plan.horizonWeeks; t++) {
    const backlogStart = Array.from(state.backlog);
    // Stryker disable next-line ConditionalExpression: without withdrawals and transfers the start of a week does nothing.
    if (plan.withdrawalHazard !== null || plan.transfers !== null) weekStart(plan, state, t);
    inflow(plan, state, t);
    capacity(plan, state, t);
    const poolAvailable = Array.from(state.available);
    decisions(plan, state, t);
    triggerRules(plan, state, t);
    weeks.push({
      week: t,
      backlogStart,
      arrivals: Array.from(state.arrivals),
      decisions: Array.from(state.decisions),
      withdrawn: Array.from(state.withdrawn),
      transferredOut: Array.from(state.transferredOut),
      transferredIn: Array.from(state.transferredIn),
      backlogEnd: Array.from(state.backlog),
      capacity: Array.from(state.capacity),
      poolAvailable,
      poolLeft: Array.from(state.available),
      cohorts: plan.laneNames.map((_, lane) => Array.from(state.cohorts.subarray(lane * slots, (lane + 1) * slots))),
    });
  }
  outcome(plan, state);
  const leads = leadWeeksFromDecisions(state.decisionWeeks, plan.laneCount, slots, plan.horizonWeeks);
  return {
    weeks,
    grants: Array.from(state.grants),
    leadWeeks: plan.laneNames.map((_, lane) => Array.from(leads.subarray(lane * slots, (lane + 1) * slots))),
  };
}
