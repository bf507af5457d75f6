import { linearRegression } from 'simple-statistics';
import { dayNumber, firstOfNextMonth, isoDate, monthOfDay, weekStartDate } from '../../time/weeks.js';
import { issueAt } from '../errors.js';
import type { Checked, InputIssue } from '../errors.js';
import type { InflowChange, InflowSpec } from '../types.js';
import { readCountRows } from './count-csv.js';

/** The resolved inflow of an `inflow.observed` CSV. */
export type ReplayInflow = Extract<InflowSpec, { kind: 'replay' }>;

/** `inflow.observed` as written, defaults filled. */
export interface ObservedInflowOptions {
  readonly dateColumn: string;
  readonly countColumn: string;
  readonly period: 'week' | 'month';
  /** A number, a word, or a schedule of dated values (`{ 2024-07-01: 25, 2025-01-01: 27.5 }`). */
  readonly futureMeanPerWeek: number | 'trailing' | 'trend' | 'seasonal' | Readonly<Record<string, number>>;
}

/**
 * Makes the issue of a problem with futureMeanPerWeek itself (a schedule with
 * no value for the first week after the data), placed where the scenario
 * writes it.
 */
export type FutureMeanIssue = (problem: string, allowed: string) => InputIssue;

/** Weeks of data `futureMeanPerWeek: trailing` averages. */
export const TRAILING_WEEKS = 13;

const FIELD = 'inflow.observed.file';

/**
 * Checks the text of an observed-inflow CSV and turns it into counts per
 * week from the start. Weeks the data covers wholly replay; a month's count
 * is spread over the weeks by days (each week gets the share of the month's
 * days that fall in it); the whole-number series rounds each month's parts
 * cumulatively, so the month's total is exact. Every problem is reported.
 * A dated futureMeanPerWeek must give a value for the first week after the
 * data (a first date on or before that week's first day); when it does not,
 * the issue is `futureIssue`'s (by default in the CSV file, without a line).
 *
 * @example parseObservedInflow('date,count\n2023-01-01,30\n', 'in.csv', { dateColumn: 'date', countColumn: 'count', period: 'week', futureMeanPerWeek: 25 }, '2023-01-01')
 */
export function parseObservedInflow(
  text: string,
  csvFile: string,
  options: ObservedInflowOptions,
  start: string,
  futureIssue: FutureMeanIssue = (problem, allowed) =>
    issueAt(csvFile, 'inflow.observed.futureMeanPerWeek', problem, allowed),
): Checked<ReplayInflow> {
  const read = readCountRows(text, csvFile, options, start, 'inflow.observed');
  if (!read.ok) return read;
  const rows = read.value;
  const issues: InputIssue[] = [];
  const at = (line: number | null, field: string, problem: string, allowed: string | null = null) =>
    issues.push({ file: csvFile, line, column: null, field, problem, allowed });
  const startDay = dayNumber(start)!;
  const first = rows[0]!;
  if (first.day > startDay) {
    issues.push({
      file: csvFile,
      line: first.line,
      column: first.column,
      field: options.dateColumn,
      problem: `the data begins on ${isoDate(first.day)}, after the start ${start}`,
      allowed: `data from the start ${start} or earlier`,
    });
    return { ok: false, issues };
  }
  const { fractional, whole, firstWeek } = options.period === 'week' ? byWeek(rows, startDay) : byMonth(rows, startDay);
  const covered = fractional.length;
  const fromStart = Math.max(0, -firstWeek);
  if (covered === 0) {
    at(first.line, FIELD, 'covers no whole week', 'at least one whole week of data');
    return { ok: false, issues };
  }
  // The last 13 weeks of data (all of them when fewer), before the start or not.
  const trailingFrom = Math.max(0, covered - TRAILING_WEEKS);
  const trailing = fractional.slice(trailingFrom).reduce((sum, x) => sum + x, 0) / (covered - trailingFrom);
  const replay = {
    kind: 'replay' as const,
    observedPerWeek: fractional.slice(fromStart),
    wholePerWeek: whole.slice(fromStart),
    source: csvFile,
  };
  const future = options.futureMeanPerWeek;
  if (typeof future === 'object') {
    const week = replay.observedPerWeek.length;
    const firstDay = weekStartDate(start, week);
    const split = splitFutureSchedule(future, firstDay);
    if (split === null) {
      const first = Object.keys(future).sort()[0]!;
      const problem = `has no value for the first week after the observed data: its first date ${first} is after ${firstDay}, the first day of that week (week ${week})`;
      return { ok: false, issues: [futureIssue(problem, `a first date on or before ${firstDay}`)] };
    }
    return {
      ok: true,
      value: {
        ...replay,
        futureMeanPerWeek: split.initial,
        ...(split.changes.length === 0 ? {} : { futureChanges: split.changes }),
      },
    };
  }
  if (future === 'seasonal') {
    if (covered < 52) {
      at(
        first.line,
        FIELD,
        `futureMeanPerWeek: seasonal needs at least 52 weeks of data, the file covers ${covered}`,
        'a year of data or more, or trailing, trend or a number',
      );
      return { ok: false, issues };
    }
    // Each calendar month's mean weekly count against the mean of all weeks, by the month a week starts in.
    const overall = fractional.reduce((sum, x) => sum + x, 0) / covered;
    const sums = new Array<number>(12).fill(0);
    const weeks = new Array<number>(12).fill(0);
    fractional.forEach((count, i) => {
      const month = monthOfDay(startDay + 7 * (firstWeek + i));
      sums[month]! += count;
      weeks[month]! += 1;
    });
    const factors = sums.map((sum, m) => (weeks[m] === 0 || overall === 0 ? 1 : sum / weeks[m]! / overall));
    const lastYear = fractional.slice(covered - 52).reduce((sum, x) => sum + x, 0) / 52;
    return { ok: true, value: { ...replay, futureMeanPerWeek: lastYear, futureMonthFactors: factors } };
  }
  if (future === 'trend') {
    // The least-squares line through every week of data (x = week index of the data), continued past it.
    const line =
      covered < 2 ? { m: 0, b: fractional[0]! } : linearRegression(fractional.map((count, week) => [week, count]));
    return {
      ok: true,
      value: { ...replay, futureMeanPerWeek: Math.max(0, line.b + line.m * covered), futureTrendPerWeek: line.m },
    };
  }
  return {
    ok: true,
    value: {
      ...replay,
      futureMeanPerWeek: future === 'trailing' ? trailing : future,
    },
  };
}

/**
 * A dated futureMeanPerWeek split at `firstDay`, the first day of the first
 * week after the data: the value then (of the last date on or before it) and
 * the later values, earliest first; null when no date is on or before it.
 */
function splitFutureSchedule(
  schedule: Readonly<Record<string, number>>,
  firstDay: string,
): { initial: number; changes: InflowChange[] } | null {
  let initial: number | null = null;
  const changes: InflowChange[] = [];
  for (const from of Object.keys(schedule).sort()) {
    if (from <= firstDay) initial = schedule[from]!;
    else changes.push({ from, meanPerWeek: schedule[from]! });
  }
  return initial === null ? null : { initial, changes };
}

/** The counts of weeks that the data covers wholly, from week `firstWeek` (negative: before the start) on. */
interface Covered {
  readonly fractional: number[];
  readonly whole: number[];
  readonly firstWeek: number;
}

function byWeek(rows: readonly { day: number; count: number }[], startDay: number): Covered {
  const counts = rows.map((row) => row.count);
  return { fractional: counts, whole: [...counts], firstWeek: (rows[0]!.day - startDay) / 7 };
}

/** Spreads each month over the weeks by days; keeps the weeks wholly inside the data. */
function byMonth(rows: readonly { day: number; count: number }[], startDay: number): Covered {
  const firstDay = rows[0]!.day;
  const endDay = firstOfNextMonth(rows[rows.length - 1]!.day); // exclusive
  const weekOf = (day: number) => Math.floor((day - startDay) / 7);
  const lowWeek = weekOf(firstDay);
  const fractional = new Array<number>(weekOf(endDay - 1) - lowWeek + 1).fill(0);
  const whole = new Array<number>(fractional.length).fill(0);
  for (const { day, count } of rows) {
    const monthEnd = firstOfNextMonth(day);
    const days = monthEnd - day;
    let cumulative = 0;
    let issued = 0;
    for (let week = weekOf(day); week <= weekOf(monthEnd - 1); week++) {
      const weekStart = startDay + 7 * week;
      const inside = Math.min(monthEnd, weekStart + 7) - Math.max(day, weekStart);
      const part = (count * inside) / days;
      cumulative += part;
      const rounded = week === weekOf(monthEnd - 1) ? count : Math.round(cumulative);
      fractional[week - lowWeek]! += part;
      whole[week - lowWeek]! += rounded - issued;
      issued = rounded;
    }
  }
  // Only weeks wholly covered: drop a partial first and last week.
  const firstWhole = startDay + 7 * lowWeek < firstDay ? lowWeek + 1 : lowWeek;
  const lastWhole = startDay + 7 * weekOf(endDay - 1) + 7 > endDay ? weekOf(endDay - 1) - 1 : weekOf(endDay - 1);
  const from = firstWhole - lowWeek;
  const to = Math.max(from, lastWhole - lowWeek + 1);
  return { fractional: fractional.slice(from, to), whole: whole.slice(from, to), firstWeek: firstWhole };
}
