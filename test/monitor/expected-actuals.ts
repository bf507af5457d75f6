import { simulateDeterministic } from '../../src/engine/simulate.js';
import type { Tally } from '../../src/engine/tally.js';
import type { Actuals, ActualPeriod, ActualValue, Measure } from '../../src/monitor/actuals.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { weekEndDate, weekStartDate } from '../../src/time/weeks.js';

/** The expected-value run of a scenario: its tally and its lanes in the engine's (priority) order. */
export function expectedRun(scenario: Scenario): { tally: Tally; laneNames: readonly string[] } {
  const plan = compile(scenario);
  return { tally: simulateDeterministic(plan), laneNames: plan.laneNames };
}

/** The total expected backlog at the end of a week (the week before the first: the initial backlog). */
export function expectedTotal(scenario: Scenario, week: number): number {
  const { tally } = expectedRun(scenario);
  return tally.backlogSum(week, tally.laneCount);
}

/** How a figure is given: per lane with the total, or as the total alone. */
export type Detail = 'lanes' | 'total';

/**
 * Weekly actuals equal to a scenario's expected values: weeks 0 .. weeks - 1
 * of its expected-value run, inflow, decisions and backlog per lane (with
 * their total) or as totals alone.
 */
export function expectedActuals(scenario: Scenario, weeks: number, detail: Detail = 'lanes'): Actuals {
  const { tally, laneNames } = expectedRun(scenario);
  const lanes = laneNames.length;
  const value = (perLane: (lane: number) => number): ActualValue => {
    const byLane = Object.fromEntries(laneNames.map((name, lane) => [name, perLane(lane)]));
    const total = laneNames.reduce((sum, _, lane) => sum + perLane(lane), 0);
    return { total, byLane: detail === 'lanes' ? byLane : {} };
  };
  const periods = Array.from({ length: weeks }, (_, t) => ({
    line: t + 2,
    from: weekStartDate(scenario.start, t),
    to: weekEndDate(scenario.start, t),
    inflow: value((lane) => tally.arrivalsSum[t * lanes + lane]!),
    decisions: value((lane) => tally.decisionsSum(t, lane)),
    backlog: value((lane) => tally.backlogSum(t, lane)),
  }));
  return actualsOf('actuals.csv', 'week', periods);
}

/** The weekly inflow means of a re-forecast's scenario (whose inflow is always weekly). */
export function weeklyMeans(scenario: Scenario): readonly number[] {
  if (scenario.inflow.kind !== 'weekly') throw new Error(`a ${scenario.inflow.kind} inflow, not weekly`);
  return scenario.inflow.meanPerWeek;
}

/** A period of actuals as a test writes it: without its label, which the CSV reader adds. */
export type TestPeriod = Omit<ActualPeriod, 'label'> & { readonly label?: string };

/**
 * Actuals as the CSV reader would give them for these periods: each labelled
 * by its first day (a month by its month), the lanes with a figure per
 * measure (in the order first met), no source line.
 */
export function actualsOf(file: string, period: 'week' | 'month', periods: readonly TestPeriod[]): Actuals {
  const lanesOf = (measure: Measure) => [...new Set(periods.flatMap((p) => Object.keys(p[measure]?.byLane ?? {})))];
  return {
    file,
    period,
    periods: periods.map((p) => ({ ...p, label: p.label ?? (period === 'month' ? p.from.slice(0, 7) : p.from) })),
    lanes: { inflow: lanesOf('inflow'), decisions: lanesOf('decisions'), backlog: lanesOf('backlog') },
    source: null,
  };
}
