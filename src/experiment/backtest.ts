import type { RunSummary } from '../run/summary.js';
import type { ObservedSpec } from '../scenario/types.js';

/** One published figure against the simulation. */
export interface BacktestRow {
  readonly metric: string;
  readonly observed: number;
  /** Mean over replications (of pooled cases, for lead times). */
  readonly simulated: number;
  /** P5 and P95 over replications, where the run keeps the distribution; null otherwise. */
  readonly p5: number | null;
  readonly p95: number | null;
  /** (simulated - observed) / observed; null when observed is 0. */
  readonly relativeError: number | null;
}

/**
 * Every figure of a scenario's `observed:` block next to what the run
 * simulated for it: decisions, end backlog, mean lead time overall and per lane.
 *
 * @example backtestRows(summary, scenario.observed!) // [{ metric: 'decisions', observed: 1530, simulated: 1530, ... }]
 */
export function backtestRows(summary: RunSummary, observed: ObservedSpec): BacktestRow[] {
  const row = (
    metric: string,
    value: number,
    simulated: number,
    p5: number | null = null,
    p95: number | null = null,
  ): BacktestRow => ({
    metric,
    observed: value,
    simulated,
    p5,
    p95,
    relativeError: value === 0 ? null : (simulated - value) / value,
  });
  const rows: BacktestRow[] = [];
  if (observed.decisions !== null) rows.push(row('decisions', observed.decisions, summary.decisions.total));
  if (observed.endBacklog !== null) {
    const end = summary.endBacklog.total;
    rows.push(row(`backlog on ${summary.end}`, observed.endBacklog, end.mean, end.p5, end.p95));
  }
  if (observed.meanLeadTimeDays !== null)
    rows.push(row('mean lead time, days', observed.meanLeadTimeDays, summary.leadTimeDays.all.mean));
  for (const [lane, days] of Object.entries(observed.leadTimeDaysByLane)) {
    rows.push(row(`mean lead time ${lane}, days`, days, summary.leadTimeDays.byLane[lane]?.mean ?? Number.NaN));
  }
  return rows;
}
