import { printableLines } from '../scenario/errors.js';
import type { BacktestRow, FixedBy } from '../experiment/backtest.js';
import { wrapText } from './fit-table.js';
import type { RunSummary } from '../run/summary.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';

/**
 * The terminal report of `caseload backtest`: each published figure, the
 * simulation's, and the relative error; a figure the scenario's inputs fix
 * (its capacity set to the published decisions, say) is marked, said how,
 * and left out of the largest error.
 */
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
        (r.relativeError === null ? '-' : `${r.relativeError > 0 ? '+' : ''}${formatPercent(r.relativeError)}`) +
          (r.fixedBy === null ? '' : ' (fixed)'),
      ]),
    ]),
  ];
  const fixed = rows.filter((r) => r.fixedBy !== null);
  if (fixed.length > 0)
    lines.push(
      '',
      ...wrapText(
        `(fixed): the scenario's own inputs give the published figure, so its error tests nothing of the model ` +
          `(the run can miss it only by capacity left idle): ${fixed.map((r) => `${r.metric}: ${fixedText(r.fixedBy!)}`).join('; ')}.`,
      ),
    );
  const worst = rows
    .filter((r) => r.relativeError !== null && r.fixedBy === null)
    .sort((a, b) => Math.abs(b.relativeError!) - Math.abs(a.relativeError!))[0];
  if (worst !== undefined)
    lines.push(
      '',
      `Largest error: ${worst.metric}, ${formatPercent(Math.abs(worst.relativeError!))} ${worst.relativeError! > 0 ? 'above' : 'below'} the published figure.`,
    );
  return printableLines(`${lines.join('\n')}\n`);
}

/** How the inputs fix a figure, in words. */
function fixedText(fixed: FixedBy): string {
  const n = (value: number) => formatNumber(value);
  return fixed.by === 'capacity'
    ? `the capacity is ${n(fixed.capacity)} decisions`
    : `start ${n(fixed.startBacklog)} + expected inflow ${n(fixed.arrivals)} - capacity ${n(fixed.capacity)} = ${n(fixed.startBacklog + fixed.arrivals - fixed.capacity)}`;
}
