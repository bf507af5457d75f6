import { weekOf, weekStartDate } from '../../time/weeks.js';
import type { Scenario } from '../types.js';

/**
 * Values that change on dated weeks, per week of a run: capacity schedules
 * (pools.ts) and the mean inflow (compile.ts) read them the same way.
 */

/** A dated value: from the week its date falls in on. */
export interface DatedValue {
  readonly from: string;
  readonly value: number;
}

/**
 * A value per week for `weeks` weeks from `start`: `initial`, then each
 * change from the week its date falls in (a date before the start counts
 * from week 0; one after the last week changes nothing). Changes in date
 * order: a later one overrides an earlier one.
 *
 * @example valuesByWeek(25, [{ from: '2024-01-17', value: 27.5 }], '2024-01-01', 4) // [25, 25, 27.5, 27.5]
 */
export function valuesByWeek(
  initial: number,
  changes: readonly DatedValue[],
  start: string,
  weeks: number,
): Float64Array {
  const values = new Float64Array(weeks).fill(initial);
  for (const change of changes) {
    const from = Math.max(0, weekOf(start, change.from));
    values.fill(change.value, Math.min(from, weeks));
  }
  return values;
}

/**
 * The planned mean total inflow of each week of the horizon (before any
 * uncertainty factor): the constant, the schedule or the weekly list; for an
 * observed inflow, the replayed counts, then the future mean (a dated one
 * changing from the week each date falls in) with its trend or its month's
 * factor.
 *
 * @example totalInflowMeans(scenario) // Float64Array [25, 25, ..., 27.5, 27.5]
 */
export function totalInflowMeans(scenario: Scenario): Float64Array {
  const weeks = scenario.horizonWeeks;
  const inflow = scenario.inflow;
  switch (inflow.kind) {
    case 'constant':
      return new Float64Array(weeks).fill(inflow.meanPerWeek);
    case 'scheduled':
      return valuesByWeek(
        inflow.meanPerWeek,
        inflow.changes.map((change) => ({ from: change.from, value: change.meanPerWeek })),
        scenario.start,
        weeks,
      );
    case 'weekly':
      return Float64Array.from({ length: weeks }, (_, t) => inflow.meanPerWeek[t]!);
    case 'replay': {
      const scheduled = futureSchedule(inflow, scenario.start, weeks);
      return Float64Array.from({ length: weeks }, (_, t) =>
        t < inflow.observedPerWeek.length
          ? inflow.observedPerWeek[t]!
          : futureMean(inflow, scenario.start, t, scheduled[t]!),
      );
    }
  }
}

/**
 * The future mean of each week before its trend and month factor: the first
 * value after the data, then a dated futureMeanPerWeek's later values from
 * the week each date falls in (all after the data).
 */
function futureSchedule(inflow: Extract<Scenario['inflow'], { kind: 'replay' }>, start: string, weeks: number) {
  const changes = (inflow.futureChanges ?? []).map((change) => ({ from: change.from, value: change.meanPerWeek }));
  return valuesByWeek(inflow.futureMeanPerWeek, changes, start, weeks);
}

/** The Poisson mean of week t after replayed data: the week's future mean (`base`), with its trend or its month's factor. */
function futureMean(
  inflow: Extract<Scenario['inflow'], { kind: 'replay' }>,
  start: string,
  t: number,
  base: number,
): number {
  const trend = (inflow.futureTrendPerWeek ?? 0) * (t - inflow.observedPerWeek.length);
  const factors = inflow.futureMonthFactors;
  // The factor of the calendar month the week starts in (January first); 1 without factors.
  const factor = factors === undefined ? 1 : factors[Number(weekStartDate(start, t).slice(5, 7)) - 1]!;
  return Math.max(0, (base + trend) * factor);
}
