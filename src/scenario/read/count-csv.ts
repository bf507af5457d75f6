import { csvRecords } from './csv-records.js';
import { dayNumber, firstOfNextMonth, isoDate } from '../../time/weeks.js';
import type { Checked, InputIssue } from '../errors.js';
import { MAX_UNITS } from '../schema/schema.js';

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
