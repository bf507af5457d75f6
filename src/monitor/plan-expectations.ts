import { replicate } from '../engine/simulate.js';
import { createState, resetState } from '../engine/state.js';
import { Tally } from '../engine/tally.js';
import { compile, totalInflowMeans } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { dayNumber } from '../time/weeks.js';

/**
 * What a plan expects, day by day: its expected-value run (the deterministic
 * line) read at any day or span of days. A week's arrivals and decisions are
 * spread evenly over its seven days; its backlog is exact at the week's last
 * day and linear between two week ends. Lanes are indexed in the scenario's
 * file order (not the engine's priority order).
 */
export interface PlanExpectations {
  /** Day number of the scenario's start (days since 1970-01-01). */
  readonly startDay: number;
  /** Day number of the horizon's last day. */
  readonly lastDay: number;
  readonly laneNames: readonly string[];
  /** Expected arrivals of a lane over the days from `fromDay` to `toDay` (inclusive); days outside the horizon count 0. */
  arrivals(lane: number, fromDay: number, toDay: number): number;
  /** Expected decisions of a lane over the days from `fromDay` to `toDay` (inclusive). */
  decisions(lane: number, fromDay: number, toDay: number): number;
  /** Expected open cases of a lane at the end of a day: the initial backlog before the start, the last week's after the horizon. */
  backlogAt(lane: number, day: number): number;
  /** The planned mean total inflow over a span of days (totalInflowMeans spread by days); a day after the horizon counts as its last week's. */
  meanInflow(fromDay: number, toDay: number): number;
  /** Whether every capacity pool that had capacity used all of it in every week the span touches (the plan was capacity-bound). */
  capacityBound(fromDay: number, toDay: number): boolean;
}

/**
 * Runs the plan once in expected values and reads it by day.
 *
 * @example planExpectations(scenario).backlogAt(0, dayNumber('2024-03-31')!)
 */
export function planExpectations(scenario: Scenario): PlanExpectations {
  const plan = compile(scenario);
  const weeks = plan.horizonWeeks;
  const lanes = plan.laneCount;
  const tally = new Tally(plan, true);
  const state = createState(plan, true, tally.decisionWeeks, tally.movedOutBySlot);
  resetState(plan, state, 0, 0);
  // A pool is binding when it ran out with eligible cases left; one with no capacity that week cannot be short of cases.
  const bound = new Uint8Array(weeks);
  replicate(plan, state, tally, (s, t) => {
    bound[t] = plan.pools.every((_, p) => s.binding[p] === 1 || s.capacity[p] === 0) ? 1 : 0;
  });
  const startDay = dayNumber(scenario.start)!;
  const lastDay = startDay + 7 * weeks - 1;
  const planLane = scenario.lanes.map((lane) => plan.laneNames.indexOf(lane.name));
  const means = totalInflowMeans(scenario);

  /** Sum over the weeks a span of days touches of value(t) x the share of week t's days in the span. */
  const overDays = (fromDay: number, toDay: number, value: (week: number) => number, beyond: boolean): number => {
    let sum = 0;
    const first = Math.floor((fromDay - startDay) / 7);
    const last = Math.floor((toDay - startDay) / 7);
    for (let t = Math.max(0, first); t <= last; t++) {
      const weekStart = startDay + 7 * t;
      const days = Math.min(toDay, weekStart + 6) - Math.max(fromDay, weekStart) + 1;
      if (t >= weeks && !beyond) break;
      sum += value(Math.min(t, weeks - 1)) * (days / 7);
    }
    return sum;
  };
  const backlogAtWeekEnd = (lane: number, week: number) =>
    week < 0 ? plan.initialBacklog[planLane[lane]!]! : tally.backlogSum(Math.min(week, weeks - 1), planLane[lane]!);

  return {
    startDay,
    lastDay,
    laneNames: scenario.lanes.map((lane) => lane.name),
    arrivals: (lane, fromDay, toDay) =>
      overDays(fromDay, toDay, (t) => tally.arrivalsSum[t * lanes + planLane[lane]!]!, false),
    decisions: (lane, fromDay, toDay) => overDays(fromDay, toDay, (t) => tally.decisionsSum(t, planLane[lane]!), false),
    backlogAt: (lane, day) => {
      // Week t ends on startDay + 7t + 6; the day lies after the end of week `before` and on or before the end of the next.
      const before = Math.floor((day - startDay + 1) / 7) - 1;
      const from = backlogAtWeekEnd(lane, before);
      const daysAfter = day - (startDay + 7 * before + 6);
      if (daysAfter === 0 || before >= weeks - 1) return from;
      return from + (backlogAtWeekEnd(lane, before + 1) - from) * (daysAfter / 7);
    },
    meanInflow: (fromDay, toDay) => overDays(fromDay, toDay, (t) => means[t]!, true),
    capacityBound: (fromDay, toDay) => {
      const first = Math.max(0, Math.floor((fromDay - startDay) / 7));
      const last = Math.min(weeks - 1, Math.floor((toDay - startDay) / 7));
      for (let t = first; t <= last; t++) if (bound[t] === 0) return false;
      return true;
    },
  };
}
