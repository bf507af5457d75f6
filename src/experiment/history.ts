import { firstOfMonth, firstOfNextMonth, isoDate } from '../time/weeks.js';

/**
 * A history of counts by period (the published inflow of past years, or
 * monthly or weekly counts) as `caseload uncertainty` and `caseload score`
 * read it from a CSV file: consecutive periods of one length, in order.
 */

/** How long the periods of a history are. */
export type Granularity = 'year' | 'month' | 'week';

/** One period of a history. */
export interface HistoryPeriod {
  /** The period as the file names it: `2021`, `2023-04`, or a week's first day `2024-01-08`. */
  readonly label: string;
  /** Day number (days since 1970-01-01) of its first day. */
  readonly firstDay: number;
  /** Its length in days: 365 or 366, 28 to 31, or 7. */
  readonly days: number;
  /** Cases filed in the period. */
  readonly inflow: number;
  /** Cases decided in the period, where known. */
  readonly decisions: number | null;
  /** Cases open at the end of the period, where known. */
  readonly backlog: number | null;
}

/** Consecutive periods of one granularity, at least two. */
export interface History {
  readonly granularity: Granularity;
  readonly periods: readonly HistoryPeriod[];
  /** Where the figures come from, as the file says (its `# source:` line), or null. */
  readonly source: string | null;
}

/** The calendar year a day number falls in. */
export function yearOfDay(day: number): number {
  return Number(isoDate(day).slice(0, 4));
}

/**
 * The first day of the period after the one that starts on `firstDay`.
 *
 * @example isoDate(nextPeriodStart('month', dayNumber('2023-12-01')!)) // '2024-01-01'
 */
export function nextPeriodStart(granularity: Granularity, firstDay: number): number {
  if (granularity === 'week') return firstDay + 7;
  if (granularity === 'month') return firstOfNextMonth(firstDay);
  return firstOfMonth(yearOfDay(firstDay) + 1, 0);
}

/** The first day of the period before the one that starts on `firstDay`. */
export function previousPeriodStart(granularity: Granularity, firstDay: number): number {
  if (granularity === 'week') return firstDay - 7;
  const date = isoDate(firstDay);
  if (granularity === 'month') return firstOfMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 2);
  return firstOfMonth(Number(date.slice(0, 4)) - 1, 0);
}

/**
 * How a history file names the period that starts on `firstDay`: `2021`,
 * `2023-04`, or the ISO date of a week's first day.
 *
 * @example periodLabel('month', dayNumber('2023-04-01')!) // '2023-04'
 */
export function periodLabel(granularity: Granularity, firstDay: number): string {
  const date = isoDate(firstDay);
  if (granularity === 'year') return date.slice(0, 4);
  if (granularity === 'month') return date.slice(0, 7);
  return date;
}

/**
 * `count` consecutive periods from the one that starts on `firstDay`, with
 * their labels and lengths, and the inflow `inflow(i, days)` of each (for
 * building a history in code, as the tests do).
 *
 * @example consecutivePeriods('year', dayNumber('2021-01-01')!, 3, () => 1500)
 */
export function consecutivePeriods(
  granularity: Granularity,
  firstDay: number,
  count: number,
  inflow: (index: number, days: number) => number,
): HistoryPeriod[] {
  const periods: HistoryPeriod[] = [];
  let day = firstDay;
  for (let i = 0; i < count; i++) {
    const next = nextPeriodStart(granularity, day);
    periods.push({
      label: periodLabel(granularity, day),
      firstDay: day,
      days: next - day,
      inflow: inflow(i, next - day),
      decisions: null,
      backlog: null,
    });
    day = next;
  }
  return periods;
}

/** A calendar year's total of a sub-yearly history. */
export interface YearTotal {
  readonly year: number;
  readonly inflow: number;
  /** Days its periods cover: 365 or 366 for months, 364 or 371 for the 52 or 53 weeks that start in the year. */
  readonly days: number;
  /** The sum of the squared shares of the year's days its periods have (1/12 for months of equal length). */
  readonly sumSquaredShares: number;
  readonly periods: number;
}

/**
 * The inflow of every calendar year a sub-yearly history covers completely:
 * all 12 months, or every week that starts in the year (52 or 53). A year
 * cut off at either end of the history is left out. A yearly history gives
 * its own periods.
 *
 * @example completeYears(monthlyHistory).map((y) => y.inflow) // [1390]
 */
export function completeYears(history: History): YearTotal[] {
  const { granularity, periods } = history;
  const groups = new Map<number, HistoryPeriod[]>();
  for (const period of periods) {
    const year = yearOfDay(period.firstDay);
    const group = groups.get(year);
    if (group === undefined) groups.set(year, [period]);
    else group.push(period);
  }
  const totals: YearTotal[] = [];
  for (const [year, group] of groups) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const complete =
      granularity === 'year' ||
      (yearOfDay(previousPeriodStart(granularity, first.firstDay)) < year &&
        yearOfDay(nextPeriodStart(granularity, last.firstDay)) > year);
    if (!complete) continue;
    const days = group.reduce((sum, p) => sum + p.days, 0);
    totals.push({
      year,
      inflow: group.reduce((sum, p) => sum + p.inflow, 0),
      days,
      sumSquaredShares: group.reduce((sum, p) => sum + (p.days / days) ** 2, 0),
      periods: group.length,
    });
  }
  return totals;
}
