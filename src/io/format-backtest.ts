import type { BacktestRow } from '../experiment/backtest.js';
import type { RunSummary } from '../run/summary.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';

/** The terminal report of `caseload backtest`: each published figure, the simulation's, and the relative error. */
export function formatBacktest(
  summary: RunSummary,
  rows: readonly BacktestRow[],
  file: string,
  source: string | null,
): string {
  const n = (value: number | null) => (value === null ? '' : formatNumber(value));
  const lines = [
    `${summary.scenario} (${file}): simulated against the published figures${source === null ? '' : ` (${source})`}`,
    `${formatNumber(summary.reps)} replications, seed ${summary.seed}; ${summary.horizonWeeks} weeks, ${summary.start} to ${summary.end}`,
    '',
    textTable([
      ['figure', 'observed', 'simulated', 'P5', 'P95', 'error'],
      ...rows.map((r) => [
        r.metric,
        n(r.observed),
        n(r.simulated),
        n(r.p5),
        n(r.p95),
        r.relativeError === null ? '-' : `${r.relativeError > 0 ? '+' : ''}${formatPercent(r.relativeError)}`,
      ]),
    ]),
  ];
  const worst = rows
    .filter((r) => r.relativeError !== null)
    .sort((a, b) => Math.abs(b.relativeError!) - Math.abs(a.relativeError!))[0];
  if (worst !== undefined)
    lines.push(
      '',
      `Largest error: ${worst.metric}, ${formatPercent(Math.abs(worst.relativeError!))} ${worst.relativeError! > 0 ? 'above' : 'below'} the published figure.`,
    );
  return `${lines.join('\n')}\n`;
}
