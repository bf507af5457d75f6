import type { PeriodSpec, PeriodWeeks } from '../job/period-values.js';
import type { Scenario } from '../scenario/types.js';
import { dayNumber } from '../time/weeks.js';
import type { Actuals, Measure } from './actuals.js';
import { MEASURES } from './actuals.js';

/** A series the monitor compares: a measure of all lanes (`lane` null) or of one. */
export interface SeriesKey {
  readonly measure: Measure;
  readonly lane: string | null;
}

/**
 * What the plan's replications must record to be set beside the actuals
 * (see PeriodSpec): the actuals' periods as days of the scenario's weeks; per
 * measure the total of all lanes and each lane the file has a column for;
 * for inflow and decisions, the sums from the first period that gives the
 * series on. `series` names the spec's series, in the same order.
 *
 * @example periodSpec(actuals, scenario).spec.scale // 1 for weekly actuals, 7 for monthly
 */
export function periodSpec(actuals: Actuals, scenario: Scenario): { spec: PeriodSpec; series: SeriesKey[] } {
  const startDay = dayNumber(scenario.start)!;
  const periods: PeriodWeeks[] = actuals.periods.map(({ from, to }) => {
    const first = dayNumber(from)!;
    const last = dayNumber(to)!;
    const firstWeek = Math.floor((first - startDay) / 7);
    const lastWeek = Math.floor((last - startDay) / 7);
    const days = Array.from({ length: lastWeek - firstWeek + 1 }, (_, i) => {
      const weekStart = startDay + 7 * (firstWeek + i);
      return Math.min(last, weekStart + 6) - Math.max(first, weekStart) + 1;
    });
    return { firstWeek, days, elapsedDays: last - (startDay + 7 * lastWeek) + 1 };
  });
  const allLanes = scenario.lanes.map((lane) => lane.name);
  const series: SeriesKey[] = MEASURES.flatMap((measure) => [
    { measure, lane: null },
    ...actuals.lanes[measure].map((lane) => ({ measure, lane })),
  ]);
  return {
    spec: {
      periods,
      scale: periods.every(({ days, elapsedDays }) => elapsedDays === 7 && days.every((d) => d === 7)) ? 1 : 7,
      series: series.map(({ measure, lane }) => ({
        measure,
        lanes: lane === null ? allLanes : [lane],
        cumulativeFrom: measure === 'backlog' ? null : firstGiven(actuals, { measure, lane }),
      })),
    },
    series,
  };
}

/** The first period whose row gives the series; null when none does. */
export function firstGiven(actuals: Actuals, { measure, lane }: SeriesKey): number | null {
  const index = actuals.periods.findIndex((period) => actualOf(period[measure], lane) !== null);
  return index < 0 ? null : index;
}

/** A measure's value of a row for all lanes (lane null) or one; null when not given. */
export function actualOf(
  value: { readonly total: number | null; readonly byLane: Readonly<Record<string, number>> } | null,
  lane: string | null,
): number | null {
  if (value === null) return null;
  return lane === null ? value.total : (value.byLane[lane] ?? null);
}
