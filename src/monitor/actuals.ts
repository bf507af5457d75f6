import { csvRecords, didYouMean } from '../scenario/index.js';
import type { CsvRecord } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import {
  dayNumber,
  firstOfMonth,
  firstOfNextMonth,
  isoDate,
  scenarioIsoWeek,
  weekEndDate,
  weekdayOf,
} from '../time/weeks.js';

/** One row of an actuals CSV: a scenario week or a calendar month. */
export interface ActualPeriod {
  /** 1-based line of the row in the CSV. */
  readonly line: number;
  /** First and last day the period covers (ISO dates, inclusive). */
  readonly from: string;
  readonly to: string;
  /** Cases that arrived in the period, decided in the period, and open at the end of `to`; null when the row leaves the measure empty. */
  readonly inflow: ActualValue | null;
  readonly decisions: ActualValue | null;
  readonly backlog: ActualValue | null;
  /** The period as people name it: the scenario week's ISO week (`2024-W05`) or the month (`2024-02`). */
  readonly label: string;
}

export interface ActualValue {
  /** The total over lanes: given, or the sum of byLane when every lane is given; null when only some lanes are given. */
  readonly total: number | null;
  /** Per lane name, for the lanes with a column. */
  readonly byLane: Readonly<Record<string, number>>;
}

export interface Actuals {
  readonly file: string;
  readonly period: 'week' | 'month';
  /** In date order, contiguous (no gaps), the first starting on or after the scenario start, the last ending on or before the horizon's last day. */
  readonly periods: readonly ActualPeriod[];
  /** The lanes that have a column, per measure, in the scenario's lane order (empty: totals only). */
  readonly lanes: Readonly<Record<Measure, readonly string[]>>;
  /** Where the figures come from, as the file says (its `# source:` lines joined), or null. */
  readonly source: string | null;
}

/** What an actuals CSV counts. */
export const MEASURES = ['inflow', 'decisions', 'backlog'] as const;
export type Measure = (typeof MEASURES)[number];

/** How parseActualsCsv reads the dates; without `period`, the dates say it. */
export interface ActualsOptions {
  readonly period?: 'week' | 'month';
}

const DATE_COLUMNS = ['date', 'period'] as const;
const COLUMNS_ALLOWED =
  'date, then any of inflow, decisions and backlog (totals) and inflow:LANE, decisions:LANE, backlog:LANE (one lane)';
const COUNT_FORM = 'a whole number >= 0, digits only (1440, not 1,440), or blank where unknown';

/** A measure column of the header: its measure and its lane (null for the total). */
interface MeasureColumn {
  readonly index: number;
  readonly measure: Measure;
  readonly lane: string | null;
}

/** A date cell as written: a month (`2024-03`) or a day (`2024-03-04`), by its first day. */
interface ParsedDate {
  readonly kind: 'month' | 'day';
  readonly day: number;
}

interface Row {
  readonly line: number;
  readonly column: number;
  readonly date: ParsedDate;
  readonly text: string;
  /** Per measure column: its count, null when blank. */
  readonly values: readonly (number | null)[];
  /** Per measure column: where its cell starts (the column null when the row has no such cell). */
  readonly cells: readonly { readonly line: number; readonly column: number | null }[];
}

/**
 * Reads the actual figures of a plan's period from CSV: a header row, then a
 * row per week or per month. The first column that matters is `date` (or
 * `period`): a scenario week's first day (`2024-01-08` in a scenario whose
 * weeks start on Mondays) or a month (`2024-03`, or its first day
 * `2024-03-01`); the file is monthly when every date is a month, else
 * weekly, unless `options.period` says which. Then any of `inflow`,
 * `decisions` and `backlog` (all lanes together; backlog = open at the end of
 * the period) and, per lane, `inflow:regular`, `backlog:safe-country`, ...
 * Blank cells are unknown. Lines starting with `#` are comments; `# source:`
 * ones say where the figures come from. Every problem is reported at its
 * line and column: an unknown column or lane (with the name likely meant), a
 * bad date or count, a period before the scenario's start or after its
 * horizon, not on a week's or month's first day, repeated or missing, a
 * total that differs from its lanes' sum, a file without measure columns.
 * Rows after the last row with a value are left out (a template filled in as
 * the year goes on).
 *
 * @example parseActualsCsv('date,inflow,backlog\n2024-01-01,27,1431\n', 'actuals.csv', scenario)
 */
export function parseActualsCsv(
  text: string,
  file: string,
  scenario: Scenario,
  options: ActualsOptions = {},
): Checked<Actuals> {
  const issues: InputIssue[] = [];
  const at = (
    line: number | null,
    field: string,
    problem: string,
    allowed: string | null = null,
    column: number | null = null,
  ) => issues.push({ file, line, column, field, problem, allowed });
  const parsed = csvRecords(text, { comments: true });
  if (!parsed.ok) {
    at(parsed.line, '', `is not valid CSV: ${parsed.message}`, 'comma-separated values with a header row');
    return { ok: false, issues };
  }
  const header = parsed.records[0];
  if (header === undefined) {
    at(null, '', 'has no rows', `a header row with the columns ${COLUMNS_ALLOWED}, then a row per week or month`);
    return { ok: false, issues };
  }
  const columns = readHeader(header, scenario, at);
  if (columns === null) return { ok: false, issues };
  const { dateIndex, dateName, measures } = columns;
  if (parsed.records.length === 1) {
    at(header.info.lines, '', 'has no data rows', 'a row per week or month after the header');
    return { ok: false, issues };
  }

  // Rows with a date go on to the checks of their periods, bad counts or not, so that every problem is reported.
  const rows: Row[] = [];
  for (const record of parsed.records.slice(1)) {
    const row = readRow(record, header.record.length, dateIndex, dateName, measures, at);
    if (row !== null) rows.push(row);
  }
  if (rows.length === 0) return { ok: false, issues };
  // A template filled in as the year goes on: the rows after the last figure are the future.
  const lastFilled = rows.reduce((last, row, i) => (row.values.some((value) => value !== null) ? i : last), -1);
  if (lastFilled < 0 && issues.length === 0) {
    at(
      rows[0]!.line,
      '',
      'has no figures: every count is blank',
      'at least one row with an inflow, decisions or backlog',
    );
    return { ok: false, issues };
  }
  // With problems found already, every row is checked; else the rows after the last figure are left out.
  const filled = issues.length > 0 ? rows : rows.slice(0, lastFilled + 1);
  // The dates of blank rows say the granularity too (a template of weeks filled in to its first Monday).
  const period = options.period ?? inferPeriod(rows, scenario.start, dateName, at);
  if (period === null) return { ok: false, issues };
  const periods = checkPeriods(filled, period, scenario, dateName, at);
  if (periods === null || issues.length > 0) return { ok: false, issues };

  const values = periods.map(({ row, from, to }) => {
    const value = (measure: Measure) => actualValue(row, measure, measures, scenario, at);
    return {
      line: row.line,
      from: isoDate(from),
      to: isoDate(to),
      label:
        period === 'week'
          ? scenarioIsoWeek(scenario.start, (from - dayNumber(scenario.start)!) / 7)
          : isoDate(from).slice(0, 7),
      inflow: value('inflow'),
      decisions: value('decisions'),
      backlog: value('backlog'),
    };
  });
  if (issues.length > 0) return { ok: false, issues };
  const laneOrder = scenario.lanes.map((lane) => lane.name);
  const lanesOf = (measure: Measure) =>
    laneOrder.filter((lane) => measures.some((column) => column.measure === measure && column.lane === lane));
  return {
    ok: true,
    value: {
      file,
      period,
      periods: values,
      lanes: { inflow: lanesOf('inflow'), decisions: lanesOf('decisions'), backlog: lanesOf('backlog') },
      source: sourceLine(text),
    },
  };
}

type At = (
  line: number | null,
  field: string,
  problem: string,
  allowed?: string | null,
  column?: number | null,
) => void;

/** The date column and the measure columns of the header; null, with the issues, when it has problems. */
function readHeader(
  header: CsvRecord,
  scenario: Scenario,
  at: At,
): { dateIndex: number; dateName: string; measures: MeasureColumn[] } | null {
  const names = header.record;
  const lanes = scenario.lanes.map((lane) => lane.name);
  const line = header.info.lines;
  const found = `columns found: ${names.join(', ')}`;
  let problems = 0;
  const issue: At = (...args) => {
    problems++;
    at(...args);
  };
  const dates = names.flatMap((name, i) => (DATE_COLUMNS.includes(name as never) ? [i] : []));
  if (dates.length === 0) issue(line, 'date', `no column "date" in the header (${found})`, COLUMNS_ALLOWED);
  else if (dates.length > 1)
    issue(line, names[dates[1]!]!, 'the header has both "date" and "period"', 'one of them: the column of the dates');
  const measures: MeasureColumn[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (DATE_COLUMNS.includes(name as never)) return;
    const cell = header.cells[index];
    const colon = name.indexOf(':');
    const measureName = colon < 0 ? name : name.slice(0, colon);
    const lane = colon < 0 ? null : name.slice(colon + 1);
    if (!MEASURES.includes(measureName as Measure)) {
      const meant = didYouMean(measureName, [...MEASURES, ...(dates.length === 0 ? DATE_COLUMNS : [])]);
      issue(
        cell?.line ?? line,
        name,
        name === '' ? 'is a column without a name' : 'is not a column of an actuals file',
        meant === null ? COLUMNS_ALLOWED : `did you mean "${lane === null ? meant : `${meant}:${lane}`}"?`,
        cell?.column ?? null,
      );
      return;
    }
    if (lane !== null && !lanes.includes(lane)) {
      const meant = didYouMean(lane, lanes);
      issue(
        cell?.line ?? line,
        name,
        `"${lane}" is not a lane of the scenario (its lanes: ${lanes.join(', ')})`,
        meant === null ? `${measureName}:LANE with one of its lanes` : `did you mean "${measureName}:${meant}"?`,
        cell?.column ?? null,
      );
      return;
    }
    if (seen.has(name)) {
      issue(cell?.line ?? line, name, 'is a column twice', 'each column once', cell?.column ?? null);
      return;
    }
    seen.add(name);
    measures.push({ index, measure: measureName as Measure, lane });
  });
  if (problems === 0 && measures.length === 0) issue(line, '', `has no column of figures (${found})`, COLUMNS_ALLOWED);
  if (problems > 0) return null;
  return { dateIndex: dates[0]!, dateName: names[dates[0]!]!, measures };
}

/** One data row with its date and counts read; null, with the issues, when it has problems. */
function readRow(
  { record, info, cells }: CsvRecord,
  columns: number,
  dateIndex: number,
  dateName: string,
  measures: readonly MeasureColumn[],
  at: At,
): Row | null {
  const cellAt = (i: number) => cells[i] ?? { line: info.lines, column: null };
  const dateAt = cellAt(dateIndex);
  if (record.length > columns) {
    const extra = cellAt(columns);
    at(
      extra.line,
      '',
      `has ${record.length} values but the header ${columns} columns: is a comma in a number?`,
      'one value per column, digits only: 1440, not 1,440',
      extra.column,
    );
  }
  const text = record[dateIndex] ?? '';
  const date = parseDate(text);
  if (date === null) {
    at(
      dateAt.line,
      dateName,
      `must be a date, got "${text}"`,
      "a week's first day (2024-01-08) or a month (2024-03)",
      dateAt.column,
    );
  }
  const values = measures.map(({ index, measure, lane }) => {
    const cell = record[index] ?? '';
    if (cell === '') return null;
    const problem = countProblem(cell);
    if (problem === null) return Number(cell);
    const where = cellAt(index);
    at(where.line, columnName(measure, lane), problem, COUNT_FORM, where.column);
    return null;
  });
  const positions = measures.map(({ index }) => cellAt(index));
  return date !== null ? { line: dateAt.line, column: dateAt.column ?? 1, date, text, values, cells: positions } : null;
}

/** The column of a measure, for all lanes or one: `inflow`, `inflow:regular`. */
export function columnName(measure: Measure, lane: string | null): string {
  return lane === null ? measure : `${measure}:${lane}`;
}

function parseDate(text: string): ParsedDate | null {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month !== null) {
    const [year, number] = [Number(month[1]), Number(month[2])];
    return number >= 1 && number <= 12 ? { kind: 'month', day: firstOfMonth(year, number - 1) } : null;
  }
  const day = dayNumber(text);
  return day === null ? null : { kind: 'day', day };
}

/** Why a count cell is not a count, or null when it is one. */
function countProblem(cell: string): string | null {
  if (/^\d+$/.test(cell)) return Number(cell) > Number.MAX_SAFE_INTEGER ? `is too large, got ${cell}` : null;
  if (/^-\s*\d+([.,]\d+)?$/.test(cell)) return `must not be negative, got ${cell}`;
  if (/^\d{1,3}(,\d{3})+$/.test(cell)) return `must be written without thousands separators, got "${cell}"`;
  if (/^\d+[.,]\d+$/.test(cell)) return `must be a whole number, got ${cell}`;
  return `must be a whole number, got "${cell}"`;
}

const isFirstOfMonth = (day: number) => firstOfNextMonth(day - 1) === day;

/**
 * Weeks or months, from the dates: months when every date is a month
 * (`2024-03`, or a first of a month when the file has more than one row:
 * consecutive weeks are never all firsts of months); else weeks. One row
 * dated on a day that starts both a week and a month does not say: an issue.
 */
function inferPeriod(rows: readonly Row[], start: string, dateName: string, at: At): 'week' | 'month' | null {
  const startDay = dayNumber(start)!;
  const months = rows.filter((row) => row.date.kind === 'month');
  const weekly = rows.find((row) => !isFirstOfMonth(row.date.day));
  if (months.length > 0 && weekly !== undefined) {
    for (const row of months)
      at(
        row.line,
        dateName,
        `${row.text} is a month, but line ${weekly.line} has ${weekly.text}, a day that starts no month: the rows of a file are all weeks or all months`,
        'weeks by their first day (2024-01-08), or months (2024-03)',
        row.column,
      );
    return null;
  }
  if (months.length > 0) return 'month';
  if (weekly !== undefined) return 'week';
  const only = rows[0]!;
  if (rows.length > 1 || (only.date.day - startDay) % 7 !== 0) return 'month';
  at(
    only.line,
    dateName,
    `${only.text} starts both a week of the scenario and a month, and the file has no other row to tell which it means`,
    `${only.text.slice(0, 7)} for the month, or the period set to week or month`,
    only.column,
  );
  return null;
}

/** The rows as periods, first and last day (day numbers), checked against the scenario and each other. */
function checkPeriods(
  rows: readonly Row[],
  period: 'week' | 'month',
  scenario: Scenario,
  dateName: string,
  at: At,
): { row: Row; from: number; to: number }[] | null {
  const startDay = dayNumber(scenario.start)!;
  const lastDay = dayNumber(weekEndDate(scenario.start, scenario.horizonWeeks - 1))!;
  const horizon = `the scenario runs from ${scenario.start} to ${isoDate(lastDay)} (${scenario.horizonWeeks} weeks)`;
  const periods: { row: Row; from: number; to: number }[] = [];
  for (const row of rows) {
    const issue = (problem: string, allowed: string | null) => at(row.line, dateName, problem, allowed, row.column);
    const from = row.date.day;
    if (period === 'week') {
      if (row.date.kind === 'month') {
        issue(`${row.text} is a month, but the file is read by week`, "a week's first day, YYYY-MM-DD");
        continue;
      }
      const offset = (((from - startDay) % 7) + 7) % 7;
      if (offset !== 0) {
        const before = from - offset;
        issue(
          `${row.text} is not the first day of a week of the scenario (its weeks start on ${weekdayName(startDay)}s: ${scenario.start} + 7k days)`,
          `a week's first day, e.g. ${isoDate(before)} or ${isoDate(before + 7)}`,
        );
        continue;
      }
    } else if (!isFirstOfMonth(from)) {
      issue(
        `${row.text} is not the first day of a month, and the file is read by month`,
        `the month, ${row.text.slice(0, 7)}, or its first day, ${row.text.slice(0, 8)}01`,
      );
      continue;
    }
    const to = period === 'week' ? from + 6 : firstOfNextMonth(from) - 1;
    if (from < startDay) {
      issue(
        `${labelOf(row, period)} starts before the scenario does: ${horizon}`,
        `a ${period} from ${scenario.start} on`,
      );
      continue;
    }
    if (to > lastDay) {
      issue(
        `${labelOf(row, period)} ends on ${isoDate(to)}, after the scenario's horizon: ${horizon}`,
        `a ${period} that ends by ${isoDate(lastDay)}, or a horizon of at least ${Math.ceil((to - startDay + 1) / 7)} weeks (horizonWeeks)`,
      );
      continue;
    }
    periods.push({ row, from, to });
  }
  if (periods.length < rows.length) return null;
  periods.sort((a, b) => a.from - b.from || a.row.line - b.row.line);
  let problems = 0;
  for (let i = 1; i < periods.length; i++) {
    const previous = periods[i - 1]!;
    const { row, from } = periods[i]!;
    const label = labelOf(row, period);
    if (from === previous.from) {
      at(
        row.line,
        dateName,
        `${label} appears twice (also on line ${previous.row.line})`,
        `one row per ${period}`,
        row.column,
      );
      problems++;
    } else if (from !== previous.to + 1) {
      at(
        row.line,
        dateName,
        `gap before ${label}: no row for the ${period} from ${isoDate(previous.to + 1)} (the row before is ${labelOf(previous.row, period)}, line ${previous.row.line})`,
        `a row for every ${period} from the first to the last; leave the figures blank where they are unknown`,
        row.column,
      );
      problems++;
    }
  }
  return problems > 0 ? null : periods;
}

function labelOf(row: Row, period: 'week' | 'month'): string {
  return period === 'month' ? isoDate(row.date.day).slice(0, 7) : isoDate(row.date.day);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayName(day: number): string {
  return WEEKDAYS[weekdayOf(day)]!;
}

/**
 * A measure of a row: its total (given, or the sum of its lanes when every
 * lane of the scenario is given) and its lanes; null when the row gives
 * none. A total given beside every lane must be their sum.
 */
function actualValue(
  row: Row,
  measure: Measure,
  columns: readonly MeasureColumn[],
  scenario: Scenario,
  at: At,
): ActualValue | null {
  let total: number | null = null;
  let totalAt: { readonly line: number; readonly column: number | null } = { line: row.line, column: null };
  const byLane: Record<string, number> = {};
  columns.forEach((column, i) => {
    const value = row.values[i] ?? null;
    if (column.measure !== measure || value === null) return;
    if (column.lane === null) {
      total = value;
      totalAt = row.cells[i]!;
    } else byLane[column.lane] = value;
  });
  const lanes = Object.keys(byLane);
  if (total === null && lanes.length === 0) return null;
  const all = scenario.lanes.every((lane) => byLane[lane.name] !== undefined);
  const sum = lanes.reduce((s, lane) => s + byLane[lane]!, 0);
  if (total !== null && all && total !== sum)
    at(
      totalAt.line,
      measure,
      `is ${total}, but its lanes add up to ${sum} (${scenario.lanes.map((lane) => `${lane.name} ${byLane[lane.name]}`).join(', ')})`,
      'the sum of the lanes, or leave the total blank (it is then their sum)',
      totalAt.column,
    );
  return { total: total ?? (all ? sum : null), byLane };
}

/** The text of the file's `# source:` comment lines, joined, or null. */
function sourceLine(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => /^\s*#\s*source\s*:\s*(.*?)\s*$/i.exec(line)?.[1])
    .filter((source): source is string => source !== undefined && source !== '');
  return lines.length === 0 ? null : lines.join(' ');
}
