import { formatNumber } from './format-number.js';
import { monthName } from './report/month-name.js';

/** One point of the text chart: a date and the backlog's median and P5-P95 band there. */
export interface TextChartPoint {
  readonly date: string;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

const MEDIAN = '●';
const BAND = '░';
const TARGET = '·';

/**
 * A small text chart of the median backlog with its P5-P95 band, one column
 * per week (per few weeks on long horizons, at most `width` columns), for a
 * quick look in the terminal; with a target, a dotted line at its level.
 *
 * @example textBacklogChart(points, { backlog: 1100 }).split('\n').length // height + 3
 */
export function textBacklogChart(
  points: readonly TextChartPoint[],
  target: { readonly backlog: number } | null,
  width = 60,
  height = 8,
): string {
  if (points.length === 0) return '';
  // The start, then at most width - 1 columns of step weeks each.
  const step = points.length <= width ? 1 : Math.ceil((points.length - 1) / (width - 1));
  // The first column is the start; each other column the last point of its run of `step` points.
  const columns: TextChartPoint[] = [points[0]!];
  for (let i = 1; i < points.length; i += step) columns.push(points[Math.min(i + step - 1, points.length - 1)]!);
  let low = Math.min(...columns.map((p) => p.p5));
  let high = Math.max(...columns.map((p) => p.p95));
  if (target !== null) {
    low = Math.min(low, target.backlog);
    high = Math.max(high, target.backlog);
  }
  if (!(high > low)) {
    high = low + 1;
    low = Math.max(0, low - 1);
  }
  const rowOf = (value: number) =>
    Math.min(height - 1, Math.max(0, Math.round(((high - value) / (high - low)) * (height - 1))));
  const grid = Array.from({ length: height }, () => Array<string>(columns.length).fill(' '));
  const targetRow = target === null ? -1 : rowOf(target.backlog);
  if (targetRow >= 0) grid[targetRow]!.fill(TARGET);
  columns.forEach((point, c) => {
    for (let r = rowOf(point.p95); r <= rowOf(point.p5); r++) grid[r]![c] = BAND;
    grid[rowOf(point.p50)]![c] = MEDIAN;
  });
  const labels = grid.map((_, r) =>
    r === 0 || r === height - 1 ? formatNumber(high - ((high - low) * r) / (height - 1)) : '',
  );
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const lines = grid.map((row, r) => {
    const suffix = r === targetRow ? `  target ${formatNumber(target!.backlog)}` : '';
    return `  ${labels[r]!.padStart(labelWidth)} ┤${row.join('')}${suffix}`.trimEnd();
  });
  lines.push(`  ${' '.repeat(labelWidth)} └${'─'.repeat(columns.length)}`);
  lines.push(`  ${' '.repeat(labelWidth)}  ${monthLabels(columns.map((p) => p.date))}`.trimEnd());
  const every = `end of each ${step === 1 ? 'week' : `${step} weeks`}`;
  const banded = points.some((point) => point.p95 > point.p5);
  return [
    banded
      ? `Median total backlog (${MEDIAN}) with its P5-P95 band (${BAND}), ${every}`
      : `Total backlog (${MEDIAN}), ${every}`,
    ...lines,
  ].join('\n');
}

/** Month names under the columns where a month (a year, on long horizons) begins, where they fit. */
function monthLabels(dates: readonly string[]): string {
  const years = new Set(dates.map((date) => date.slice(0, 4))).size;
  const line = Array<string>(dates.length + 8).fill(' ');
  let free = 0;
  dates.forEach((date, c) => {
    const previous = c === 0 ? null : dates[c - 1]!;
    const newMonth = previous === null || previous.slice(0, 7) !== date.slice(0, 7);
    const newYear = previous === null || previous.slice(0, 4) !== date.slice(0, 4);
    if (!(years > 3 ? newYear : newMonth) || c < free) return;
    const label = years > 3 || (newYear && c > 0) ? date.slice(0, 4) : monthName(Number(date.slice(5, 7)) - 1);
    if (c + label.length > line.length) return;
    for (let i = 0; i < label.length; i++) line[c + i] = label[i]!;
    free = c + label.length + 1;
  });
  return line.join('');
}
