import { csvRecords } from './csv-records.js';
import type { CellPosition } from './csv-records.js';
import { DATE_RANGE, dayNumber, FIRST_DATE, firstOfNextMonth, inDateRange, isoDate } from '../../time/weeks.js';
import type { Checked, InputIssue } from '../errors.js';
import { MAX_UNITS } from '../schema/schema.js';

/** How a CSV of counts by period is read. */
export interface CountColumns {
  readonly dateColumn: string;
  readonly countColumn: string;
  readonly period: 'week' | 'month';
}

/** One checked row: the period's first day (a day number), its count, and where its date is written. */
export interface CountRow {
  readonly day: number;
  readonly count: number;
  readonly line: number;
  /** The column of the date on `line`. */
  readonly column: number;
}

/** A count as written in a CSV cell: digits only. A sign, a decimal point, an exponent, `0x` or `_` is not a count. */
const COUNT = /^\d+$/;

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
  const at = (
    line: number | null,
    field: string,
    problem: string,
    allowed: string | null = null,
    column: number | null = null,
  ) => issues.push({ file: csvFile, line, column, field, problem, allowed });
  const parsed = csvRecords(text);
  if (!parsed.ok) {
    at(parsed.line, fileField, `is not valid CSV: ${parsed.message}`, 'comma-separated values with a header row');
    return { ok: false, issues };
  }
  const records = parsed.records;
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
  for (const { record, info, cells } of records.slice(1)) {
    // A missing cell is reported where the row ends.
    const end = { line: info.lines, column: null };
    const dateAt: CellPosition | typeof end = cells[dateIndex] ?? end;
    const countAt: CellPosition | typeof end = cells[countIndex] ?? end;
    const line = dateAt.line;
    const dateText = record[dateIndex] ?? '';
    const countText = record[countIndex] ?? '';
    const day = dayNumber(dateText);
    const dateIssue = (problem: string, allowed: string | null = null) =>
      at(dateAt.line, options.dateColumn, problem, allowed, dateAt.column);
    const countIssue = (problem: string, allowed: string) =>
      at(countAt.line, options.countColumn, problem, allowed, countAt.column);
    let good = true;
    if (record.length > header.record.length) {
      // `2024-01-01,1,000` is the count 1 and a stray 000: a comma that groups thousands splits the cell.
      const extra = cells[header.record.length]!;
      at(
        extra.line,
        '',
        `has ${record.length} values but the header ${header.record.length} columns: is a comma in a number?`,
        'one value per column, digits only: 1000, not 1,000',
        extra.column,
      );
      good = false;
    }
    if (day === null) {
      dateIssue(`must be a date YYYY-MM-DD, got "${dateText}"`);
      good = false;
    } else if (!inDateRange(day)) {
      dateIssue(`${dateText} is before ${FIRST_DATE}`, DATE_RANGE);
      good = false;
    } else if (options.period === 'week' && (day - startDay) % 7 !== 0) {
      const before = day - ((((day - startDay) % 7) + 7) % 7);
      dateIssue(
        `${dateText} is not the start of a week of the scenario (weeks start on ${start} + 7k days)`,
        `a week start, e.g. ${isoDate(before)}${inDateRange(before + 7) ? ` or ${isoDate(before + 7)}` : ''}`,
      );
      good = false;
    } else if (options.period === 'month' && !dateText.endsWith('-01')) {
      dateIssue(`must be the first day of a month for period month, got ${dateText}`, `${dateText.slice(0, 8)}01`);
      good = false;
    }
    // Number() reads more than counts (0x1A is 26, 1e3 is 1000, +5 is 5): a count is digits, nothing else.
    const count = countText === '' ? Number.NaN : Number(countText);
    if (!Number.isFinite(count)) {
      countIssue(`must be a number, got "${countText}"`, 'a whole number >= 0');
      good = false;
    } else if (count < 0) {
      countIssue(`must not be negative, got ${countText}`, 'a whole number >= 0');
      good = false;
    } else if (!Number.isInteger(count)) {
      countIssue(`must be a whole number, got ${countText}`, 'a whole number >= 0');
      good = false;
    } else if (count > MAX_UNITS) {
      // Far beyond any office's figures; beyond 2^53 a count would not even be exact.
      countIssue(
        `is too large: must be at most ${MAX_UNITS.toLocaleString('en-US')}, got ${countText}`,
        'a whole number >= 0',
      );
      good = false;
    } else if (!COUNT.test(countText)) {
      countIssue(
        `must be written in digits only, got "${countText}"`,
        `a whole number >= 0 in digits, such as ${count}`,
      );
      good = false;
    }
    if (good) rows.push({ day: day!, count, line, column: dateAt.column ?? 1 });
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
        row.column,
      );
    } else if (row.day !== next(previous.day)) {
      at(
        row.line,
        options.dateColumn,
        `gap before ${isoDate(row.day)}: no row for ${isoDate(next(previous.day))} (the row before is ${isoDate(previous.day)})`,
        `a row for every ${options.period}`,
        row.column,
      );
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: rows };
}
