import { linearRegression } from 'simple-statistics';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { dayNumber, firstOfNextMonth, isoDate, monthOfDay } from '../../time/weeks.js';
import { MAX_UNITS } from '../schema/schema.js';
import type { Checked, InputIssue } from '../errors.js';
import { issueAtOrigin } from './source-node.js';
import type { Origin } from './source-node.js';
import type { InflowSpec, InitialBacklogSpec } from '../types.js';
import { readFailure } from './read-failure.js';

/** The resolved inflow of an `inflow.observed` CSV. */
export type ReplayInflow = Extract<InflowSpec, { kind: 'replay' }>;

/** `inflow.observed` as written, defaults filled. */
export interface ObservedInflowOptions {
  readonly dateColumn: string;
  readonly countColumn: string;
  readonly period: 'week' | 'month';
  readonly futureMeanPerWeek: number | 'trailing' | 'trend' | 'seasonal';
}

/** Weeks of data `futureMeanPerWeek: trailing` averages. */
export const TRAILING_WEEKS = 13;

const FIELD = 'inflow.observed.file';

/**
 * Reads the CSV of a lane's initial backlog, `initialBacklog.lanes.<lane>.file`
 * (relative to the scenario file that names it, `at`): see parseBacklogCsv.
 *
 * @example await readBacklogCsv('data/backlog.csv', fileNode.at, 'scenarios/x.yaml', columns, '2024-01-01', 'initialBacklog.lanes.regular')
 */
export async function readBacklogCsv(
  path: string,
  at: Origin,
  scenarioFile: string,
  options: CountColumns,
  start: string,
  field: string,
): Promise<Checked<InitialBacklogSpec>> {
  const read = await readCsvText(path, at, scenarioFile, `${field}.file`);
  return read.ok ? parseBacklogCsv(read.value.text, read.value.csvFile, options, start, field) : read;
}

/**
 * Open cases of one lane by arrival period: week rows count the cases that
 * arrived in that week; month rows are spread over the month's weeks by
 * days, in whole numbers (cumulative rounding: the month's total is exact).
 * Every period lies before the start.
 *
 * @example parseBacklogCsv('date,count\n2023-12-25,40\n', 'b.csv', { dateColumn: 'date', countColumn: 'count', period: 'week' }, '2024-01-01', 'initialBacklog.lanes.regular') // byWeeksAgo 1: 40
 */
export function parseBacklogCsv(
  text: string,
  csvFile: string,
  options: CountColumns,
  start: string,
  field: string,
): Checked<InitialBacklogSpec> {
  const read = readCountRows(text, csvFile, options, start, field);
  if (!read.ok) return read;
  const startDay = dayNumber(start)!;
  const issues: InputIssue[] = [];
  for (const row of read.value) {
    const end = options.period === 'week' ? row.day + 7 : firstOfNextMonth(row.day);
    if (end > startDay) {
      issues.push({
        file: csvFile,
        line: row.line,
        column: null,
        field: options.dateColumn,
        problem: `the ${options.period} of ${isoDate(row.day)} does not end before the start ${start}`,
        allowed: `arrival ${options.period}s before the start: the backlog is what is open at the start`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const byWeek = new Map<number, number>();
  const add = (week: number, count: number) => byWeek.set(week, (byWeek.get(week) ?? 0) + count);
  const weekOf = (day: number) => Math.floor((day - startDay) / 7);
  for (const { day, count } of read.value) {
    if (options.period === 'week') {
      add(weekOf(day), count);
      continue;
    }
    const monthEnd = firstOfNextMonth(day);
    let cumulative = 0;
    let issued = 0;
    for (let week = weekOf(day); week <= weekOf(monthEnd - 1); week++) {
      const weekStart = startDay + 7 * week;
      cumulative += (count * (Math.min(monthEnd, weekStart + 7) - Math.max(day, weekStart))) / (monthEnd - day);
      const rounded = week === weekOf(monthEnd - 1) ? count : Math.round(cumulative);
      add(week, rounded - issued);
      issued = rounded;
    }
  }
  const counts = [...byWeek]
    .filter(([, count]) => count > 0)
    .map(([week, count]) => ({ weeksAgo: -week, count }))
    .sort((a, b) => a.weeksAgo - b.weeksAgo);
  return { ok: true, value: { kind: 'byWeeksAgo', counts } };
}

/** A CSV file's text, its path relative to the scenario file that names it (`at`); unreadable is an issue at `field`. */
async function readCsvText(
  path: string,
  at: Origin,
  scenarioFile: string,
  field: string,
): Promise<Checked<{ text: string; csvFile: string }>> {
  const base = at.kind === 'file' ? at.file : scenarioFile;
  const csvFile = isAbsolute(path) ? path : join(dirname(base), path);
  try {
    return { ok: true, value: { text: await readFile(csvFile, 'utf8'), csvFile } };
  } catch (error) {
    return {
      ok: false,
      issues: [
        issueAtOrigin(
          at,
          scenarioFile,
          field,
          `cannot read the CSV file ${csvFile}: ${readFailure(error)}`,
          'a CSV file, relative to the scenario file',
        ),
      ],
    };
  }
}

/**
 * Reads the CSV named by `inflow.observed.file` (relative to the scenario
 * file that names it, `at`) and resolves it: a file that cannot be read is an
 * issue at the scenario field; problems in the file are issues at its lines.
 *
 * @example await readObservedInflow('data/inflow.csv', fileNode.at, 'scenarios/x.yaml', options, '2023-01-01')
 */
export async function readObservedInflow(
  path: string,
  at: Origin,
  scenarioFile: string,
  options: ObservedInflowOptions,
  start: string,
): Promise<Checked<ReplayInflow>> {
  const read = await readCsvText(path, at, scenarioFile, FIELD);
  if (!read.ok) return read;
  return parseObservedInflow(read.value.text, read.value.csvFile, options, start);
}

/**
 * Checks the text of an observed-inflow CSV and turns it into counts per
 * week from the start. Weeks the data covers wholly replay; a month's count
 * is spread over the weeks by days (each week gets the share of the month's
 * days that fall in it); the whole-number series rounds each month's parts
 * cumulatively, so the month's total is exact. Every problem is reported.
 *
 * @example parseObservedInflow('date,count\n2023-01-01,30\n', 'in.csv', { dateColumn: 'date', countColumn: 'count', period: 'week', futureMeanPerWeek: 25 }, '2023-01-01')
 */
export function parseObservedInflow(
  text: string,
  csvFile: string,
  options: ObservedInflowOptions,
  start: string,
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
    at(
      first.line,
      options.dateColumn,
      `the data begins on ${isoDate(first.day)}, after the start ${start}`,
      `data from the start ${start} or earlier`,
    );
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
  if (options.futureMeanPerWeek === 'seasonal') {
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
  if (options.futureMeanPerWeek === 'trend') {
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
      futureMeanPerWeek: options.futureMeanPerWeek === 'trailing' ? trailing : options.futureMeanPerWeek,
    },
  };
}

/** How a CSV of counts by period is read. */
export interface CountColumns {
  readonly dateColumn: string;
  readonly countColumn: string;
  readonly period: 'week' | 'month';
}

/** One checked row: the period's first day (a day number), its count, its line. */
export interface CountRow {
  readonly day: number;
  readonly count: number;
  readonly line: number;
}

/**
 * The rows of a CSV of whole counts by week (dates on week starts of the
 * scenario) or month (firsts of months), in date order, with every problem:
 * missing columns, bad dates and counts, duplicates, gaps. `field` is the
 * scenario field naming the file, for the issues about its columns.
 */
export function readCountRows(
  text: string,
  csvFile: string,
  options: CountColumns,
  start: string,
  field: string,
): Checked<CountRow[]> {
  const fileField = `${field}.file`;
  const issues: InputIssue[] = [];
  const at = (line: number | null, field: string, problem: string, allowed: string | null = null) =>
    issues.push({ file: csvFile, line, column: null, field, problem, allowed });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? ((error as unknown as { lines?: number }).lines ?? null) : null;
    at(
      line,
      fileField,
      `is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
      'comma-separated values with a header row',
    );
    return { ok: false, issues };
  }
  const header = records[0];
  if (header === undefined) {
    at(
      null,
      fileField,
      'is empty',
      `a header row with the columns ${options.dateColumn} and ${options.countColumn}, then a row per ${options.period}`,
    );
    return { ok: false, issues };
  }
  const dateIndex = header.record.indexOf(options.dateColumn);
  const countIndex = header.record.indexOf(options.countColumn);
  const found = `columns found: ${header.record.join(', ')}`;
  if (dateIndex < 0)
    at(
      header.info.lines,
      `${field}.dateColumn`,
      `no column "${options.dateColumn}" in the header (${found})`,
      'a column of the header; dateColumn names it',
    );
  if (countIndex < 0)
    at(
      header.info.lines,
      `${field}.countColumn`,
      `no column "${options.countColumn}" in the header (${found})`,
      'a column of the header; countColumn names it',
    );
  if (issues.length > 0) return { ok: false, issues };
  if (records.length === 1) {
    at(header.info.lines, fileField, 'has no data rows', `a row per ${options.period} after the header`);
    return { ok: false, issues };
  }

  const startDay = dayNumber(start)!;
  const rows: CountRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const dateText = record[dateIndex] ?? '';
    const countText = record[countIndex] ?? '';
    const day = dayNumber(dateText);
    let good = true;
    if (day === null) {
      at(line, options.dateColumn, `must be a date YYYY-MM-DD, got "${dateText}"`);
      good = false;
    } else if (options.period === 'week' && (day - startDay) % 7 !== 0) {
      const before = day - ((((day - startDay) % 7) + 7) % 7);
      at(
        line,
        options.dateColumn,
        `${dateText} is not the start of a week of the scenario (weeks start on ${start} + 7k days)`,
        `a week start, e.g. ${isoDate(before)} or ${isoDate(before + 7)}`,
      );
      good = false;
    } else if (options.period === 'month' && !dateText.endsWith('-01')) {
      at(
        line,
        options.dateColumn,
        `must be the first day of a month for period month, got ${dateText}`,
        `${dateText.slice(0, 8)}01`,
      );
      good = false;
    }
    const count = countText === '' ? Number.NaN : Number(countText);
    if (!Number.isFinite(count)) {
      at(line, options.countColumn, `must be a number, got "${countText}"`, 'a whole number >= 0');
      good = false;
    } else if (count < 0) {
      at(line, options.countColumn, `must not be negative, got ${countText}`, 'a whole number >= 0');
      good = false;
    } else if (!Number.isInteger(count)) {
      at(line, options.countColumn, `must be a whole number, got ${countText}`, 'a whole number >= 0');
      good = false;
    } else if (count > MAX_UNITS) {
      // Far beyond any office's figures; beyond 2^53 a count would not even be exact.
      at(
        line,
        options.countColumn,
        `is too large: must be at most ${MAX_UNITS.toLocaleString('en-US')}, got ${countText}`,
        'a whole number >= 0',
      );
      good = false;
    }
    if (good) rows.push({ day: day!, count, line });
  }

  // Duplicates and gaps, in date order.
  rows.sort((a, b) => a.day - b.day || a.line - b.line);
  const next = (day: number) => (options.period === 'week' ? day + 7 : firstOfNextMonth(day));
  for (let i = 1; i < rows.length; i++) {
    const previous = rows[i - 1]!;
    const row = rows[i]!;
    if (row.day === previous.day) {
      at(
        row.line,
        options.dateColumn,
        `${isoDate(row.day)} appears twice (also on line ${previous.line})`,
        `one row per ${options.period}`,
      );
    } else if (row.day !== next(previous.day)) {
      at(
        row.line,
        options.dateColumn,
        `gap before ${isoDate(row.day)}: no row for ${isoDate(next(previous.day))} (the row before is ${isoDate(previous.day)})`,
        `a row for every ${options.period}`,
      );
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: rows };
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
