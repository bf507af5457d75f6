import { csvRecords } from '../scenario/index.js';
import type { Granularity, History, HistoryPeriod } from '../experiment/history.js';
import { nextPeriodStart, periodLabel } from '../experiment/history.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { dayNumber, FIRST_DATE, firstOfMonth, firstOfNextMonth, inDateRange } from '../time/weeks.js';

/** The columns a history file may have; `period` (or `date`) and `inflow` are required. */
const PERIOD_COLUMNS = ['period', 'date'] as const;
const COUNT_COLUMNS = ['inflow', 'decisions', 'backlog'] as const;
const ALLOWED_COLUMNS = 'period (or date), inflow, and optionally decisions and backlog';
const PERIOD_FORMS = 'a year (2021), a month (2023-04) or a date (2024-01-08: the first day of a week)';
const COUNT_FORM = 'a whole number >= 0, digits only (1810, not 1,810)';

/** What a period cell says before the file's granularity is settled: dates are weeks unless all are firsts of months. */
interface ParsedPeriod {
  readonly kind: 'year' | 'month' | 'date';
  readonly firstDay: number;
}

interface Row {
  readonly line: number;
  /** The column of the period on `line`. */
  readonly column: number;
  readonly period: ParsedPeriod;
  readonly inflow: number;
  readonly decisions: number | null;
  readonly backlog: number | null;
}

/**
 * A history CSV: a header row, then one row per period with its `period`
 * (or `date`) and `inflow`, and where known `decisions` and `backlog` (open
 * at the end of the period; blank where unknown). Periods are years (`2021`),
 * months (`2023-04`) or weeks (the ISO date of their first day; a file whose
 * dates are all firsts of months is read as months). Lines starting with `#`
 * are comments; one that starts `# source:` names where the figures come
 * from. Every problem is reported, each at its line and column: a missing or
 * unknown column, a bad period or count, granularities mixed, a period
 * repeated or missing, fewer than two periods.
 *
 * @example readHistoryCsv('period,inflow\n2021,1810\n2022,1530\n', 'history.csv')
 */
export function readHistoryCsv(text: string, file: string): Checked<History> {
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
  const records = parsed.records;
  const header = records[0];
  if (header === undefined) {
    at(null, '', 'has no rows', `a header row with the columns ${ALLOWED_COLUMNS}, then a row per period`);
    return { ok: false, issues };
  }

  // The header: a period column and the inflow (a missing one is named with the columns found, which
  // shows a misspelt one too); then every column known, none twice.
  const names = header.record;
  const found = `columns found: ${names.join(', ')}`;
  const periodColumns = PERIOD_COLUMNS.filter((name) => names.includes(name));
  if (periodColumns.length === 0)
    at(header.info.lines, 'period', `no column "period" or "date" in the header (${found})`, ALLOWED_COLUMNS);
  if (!names.includes('inflow'))
    at(header.info.lines, 'inflow', `no column "inflow" in the header (${found})`, ALLOWED_COLUMNS);
  if (issues.length > 0) return { ok: false, issues };
  if (periodColumns.length === 2)
    at(header.info.lines, 'date', 'the header has both "period" and "date"', 'one of them: the column of the periods');
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    const cell = header.cells[i];
    if (![...PERIOD_COLUMNS, ...COUNT_COLUMNS].includes(name as never))
      at(cell?.line ?? header.info.lines, name, 'is not a column of a history file', ALLOWED_COLUMNS, cell?.column);
    else if (index.has(name))
      at(cell?.line ?? header.info.lines, name, 'is a column twice', 'each column once', cell?.column);
    else index.set(name, i);
  });
  if (issues.length > 0) return { ok: false, issues };
  const periodColumn = periodColumns[0]!;
  if (records.length === 1) {
    at(header.info.lines, '', 'has no data rows', 'a row per period after the header, at least two');
    return { ok: false, issues };
  }

  const rows: Row[] = [];
  for (const { record, info, cells } of records.slice(1)) {
    /** Where a cell starts; where the row ends for a cell the row does not have. */
    const cellAt = (i: number | undefined) => cells[i ?? -1] ?? { line: info.lines, column: null };
    const periodAt = cellAt(index.get(periodColumn));
    const line = periodAt.line;
    if (record.length > header.record.length) {
      at(
        cellAt(header.record.length).line,
        '',
        `has ${record.length} values but the header ${header.record.length} columns`,
        'one value per column',
        cellAt(header.record.length).column,
      );
      continue;
    }
    const periodText = record[index.get(periodColumn)!] ?? '';
    const period = parsePeriod(periodText);
    if (period === null) at(line, periodColumn, `must be a period, got "${periodText}"`, PERIOD_FORMS, periodAt.column);
    else if (!inDateRange(period.firstDay))
      at(line, periodColumn, `${periodText} is before ${FIRST_DATE}`, 'periods from 1900 to 9999', periodAt.column);
    const count = (column: (typeof COUNT_COLUMNS)[number], required: boolean): number | null | undefined => {
      const i = index.get(column);
      const cell = i === undefined ? '' : (record[i] ?? '');
      const where = cellAt(i);
      if (cell === '') {
        if (!required) return null;
        at(where.line, column, 'is blank: every period needs its inflow', COUNT_FORM, where.column);
        return undefined;
      }
      const problem = countProblem(cell);
      if (problem === null) return Number(cell);
      at(where.line, column, problem, COUNT_FORM, where.column);
      return undefined;
    };
    const inflow = count('inflow', true);
    const decisions = count('decisions', false);
    const backlog = count('backlog', false);
    if (period !== null && inflow !== undefined && inflow !== null && decisions !== undefined && backlog !== undefined)
      rows.push({ line, column: periodAt.column ?? 1, period, inflow, decisions, backlog });
  }
  if (issues.length > 0) return { ok: false, issues };

  // One granularity for the whole file.
  const first = rows[0]!;
  for (const row of rows) {
    if (row.period.kind !== first.period.kind)
      at(
        row.line,
        periodColumn,
        `${describeKind(row.period.kind)}, but line ${first.line} has ${describeKind(first.period.kind)}: the periods of a file must be of one length`,
        'all years (2021), all months (2023-04), or all weeks (2024-01-08)',
        row.column,
      );
  }
  if (issues.length > 0) return { ok: false, issues };
  const granularity: Granularity =
    first.period.kind === 'date'
      ? rows.every((row) => firstOfNextMonth(row.period.firstDay - 1) === row.period.firstDay)
        ? 'month'
        : 'week'
      : first.period.kind;

  // In order, none twice, none missing.
  rows.sort((a, b) => a.period.firstDay - b.period.firstDay || a.line - b.line);
  for (let i = 1; i < rows.length; i++) {
    const previous = rows[i - 1]!;
    const row = rows[i]!;
    const label = periodLabel(granularity, row.period.firstDay);
    const expected = nextPeriodStart(granularity, previous.period.firstDay);
    const previousLabel = periodLabel(granularity, previous.period.firstDay);
    if (row.period.firstDay === previous.period.firstDay) {
      at(
        row.line,
        periodColumn,
        `${label} appears twice (also on line ${previous.line})`,
        'one row per period',
        row.column,
      );
    } else if (granularity === 'week' && (row.period.firstDay - previous.period.firstDay) % 7 !== 0) {
      at(
        row.line,
        periodColumn,
        `${label} is not a whole number of weeks after ${previousLabel} (line ${previous.line})`,
        'the first days of consecutive weeks, 7 days apart (dates are weeks unless every date is the first of a month)',
        row.column,
      );
    } else if (row.period.firstDay !== expected) {
      at(
        row.line,
        periodColumn,
        `gap before ${label}: no row for ${periodLabel(granularity, expected)} (the row before is ${previousLabel}, line ${previous.line})`,
        'a row for every period from the first to the last',
        row.column,
      );
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  if (rows.length < 2) {
    at(
      first.line,
      periodColumn,
      `the file has one period only (${periodLabel(granularity, first.period.firstDay)})`,
      'two or more consecutive periods: the estimates rest on the changes from one period to the next',
      first.column,
    );
    return { ok: false, issues };
  }

  const periods: HistoryPeriod[] = rows.map((row) => {
    const firstDay = row.period.firstDay;
    return {
      label: periodLabel(granularity, firstDay),
      firstDay,
      days: nextPeriodStart(granularity, firstDay) - firstDay,
      inflow: row.inflow,
      decisions: row.decisions,
      backlog: row.backlog,
    };
  });
  return { ok: true, value: { granularity, periods, source: sourceLine(text) } };
}

function parsePeriod(text: string): ParsedPeriod | null {
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return year >= 1 ? { kind: 'year', firstDay: firstOfMonth(year, 0) } : null;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month !== null) {
    const [year, number] = [Number(month[1]), Number(month[2])];
    return year >= 1 && number >= 1 && number <= 12
      ? { kind: 'month', firstDay: firstOfMonth(year, number - 1) }
      : null;
  }
  const day = dayNumber(text);
  return day === null ? null : { kind: 'date', firstDay: day };
}

function describeKind(kind: ParsedPeriod['kind']): string {
  if (kind === 'year') return 'a year';
  if (kind === 'month') return 'a month';
  return 'a date';
}

/** Why a count cell is not a count, or null when it is one. */
function countProblem(cell: string): string | null {
  if (/^\d+$/.test(cell)) {
    return Number(cell) > Number.MAX_SAFE_INTEGER ? `is too large, got ${cell}` : null;
  }
  if (/^-\s*\d+(\.\d+)?$/.test(cell)) return `must not be negative, got ${cell}`;
  if (/^\d+\.\d+$/.test(cell)) return `must be a whole number, got ${cell}`;
  if (/^\d{1,3}(,\d{3})+$/.test(cell)) return `must be written without thousands separators, got "${cell}"`;
  return `must be a whole number, got "${cell}"`;
}

/** The text of the file's `# source:` comment lines, joined, or null. */
function sourceLine(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => /^\s*#\s*source\s*:\s*(.*?)\s*$/i.exec(line)?.[1])
    .filter((source): source is string => source !== undefined && source !== '');
  return lines.length === 0 ? null : lines.join(' ');
}
