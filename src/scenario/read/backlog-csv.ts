import { dayNumber, firstOfNextMonth, isoDate } from '../../time/weeks.js';
import type { Checked, InputIssue } from '../errors.js';
import type { InitialBacklogSpec } from '../types.js';
import { readCountRows } from './count-csv.js';
import type { CountColumns } from './count-csv.js';

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
        column: row.column,
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
