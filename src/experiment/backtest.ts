import type { Plan } from '../engine/plan.js';
import type { RunSummary } from '../run/summary.js';
import type { ObservedSpec } from '../scenario/types.js';
import { argPlan } from '../run/run-arguments.js';
import { argBacktestSummary, argIdentities, argObservedSpec } from './experiment-arguments.js';

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
  /**
   * How the scenario's own inputs fix this figure when they give the
   * published figure already (its capacity set to the published decisions,
   * say): the error then tests nothing of the model. Null when the
   * simulation could miss it.
   */
  readonly fixedBy: FixedBy | null;
}

/**
 * What fixes a figure: the capacity in decisions over the horizon (for the
 * decisions), or the balance start + expected inflow - capacity (for the end backlog).
 */
export type FixedBy =
  | { readonly by: 'capacity'; readonly capacity: number }
  | { readonly by: 'balance'; readonly startBacklog: number; readonly arrivals: number; readonly capacity: number };

/**
 * What a scenario's inputs fix before any simulation: its capacity in
 * decisions over the horizon (calendar applied), and the end backlog that
 * the start, the expected inflow and that capacity give when the capacity
 * is never idle. Null where the inputs do not fix it: a pool counted in
 * hours shared by lanes of different efforts, capacity that follows the
 * inflow, or flows that take or return cases besides decisions.
 */
export interface ScenarioIdentities {
  readonly decisions: number | null;
  readonly startBacklog: number;
  readonly arrivals: number;
}

/** A figure counts as fixed when the inputs give it within half a percent (at least half a case). */
const FIXED_TOLERANCE = 0.005;

/**
 * The figures a plan fixes by its inputs alone (see ScenarioIdentities).
 * Throws CaseloadArgumentError when `plan` is not a plan caseload made (a
 * run's `plan`).
 *
 * @example scenarioIdentities(compile(backtest2023)) // { decisions: 1530, startBacklog: 1580, arrivals: 1390 }
 */
export function scenarioIdentities(plan: Plan): ScenarioIdentities {
  argPlan(plan, 'plan');
  let decisions: number | null = 0;
  plan.pools.forEach((pool, p) => {
    if (decisions === null || pool.rate === null) {
      decisions = null;
      return;
    }
    let units = 0;
    for (const rate of pool.rate) units += rate;
    if (pool.unit === 'decisions') decisions += units;
    else if (p > 0) decisions += units / plan.dedicatedEffort[plan.dedicatedPool.indexOf(p)]!;
    else decisions = null;
  });
  let startBacklog = 0;
  for (const open of plan.initialBacklog) startBacklog += open;
  let arrivals = 0;
  for (const mean of plan.inflowMean) arrivals += mean;
  const flows = plan.withdrawalHazard !== null || plan.refiling !== null;
  // Twelve digits: 52 weeks of 1,530 / 52 add up to 1,530, not 1,529.9999999999993.
  const round = (value: number) => Number(value.toPrecision(12));
  return { decisions: flows || decisions === null ? null : round(decisions), startBacklog, arrivals: round(arrivals) };
}

/**
 * Every figure of a scenario's `observed:` block next to what the run
 * simulated for it: decisions, end backlog, mean lead time overall and per
 * lane. Given what the scenario's inputs fix, the rows they fix say so.
 * Throws CaseloadArgumentError when an argument is not of its type.
 *
 * @example backtestRows(summary, scenario.observed!, scenarioIdentities(plan)) // [{ metric: 'decisions', observed: 1530, simulated: 1530, fixedBy: { by: 'capacity', capacity: 1530 }, ... }]
 */
export function backtestRows(
  summary: RunSummary,
  observed: ObservedSpec,
  identities: ScenarioIdentities | null = null,
): BacktestRow[] {
  argBacktestSummary(summary);
  argObservedSpec(observed);
  argIdentities(identities);
  const row = (
    metric: string,
    value: number,
    simulated: number,
    p5: number | null = null,
    p95: number | null = null,
    fixedBy: FixedBy | null = null,
  ): BacktestRow => ({
    metric,
    observed: value,
    simulated,
    p5,
    p95,
    relativeError: value === 0 ? null : (simulated - value) / value,
    fixedBy,
  });
  const fixes = (implied: number | null, value: number) =>
    implied !== null && Math.abs(implied - value) <= Math.max(0.5, FIXED_TOLERANCE * Math.abs(value));
  const capacity = identities?.decisions ?? null;
  const rows: BacktestRow[] = [];
  if (observed.decisions !== null)
    rows.push(
      row(
        'decisions',
        observed.decisions,
        summary.decisions.total,
        null,
        null,
        fixes(capacity, observed.decisions) ? { by: 'capacity', capacity: capacity! } : null,
      ),
    );
  if (observed.endBacklog !== null) {
    const end = summary.endBacklog.total;
    const implied =
      identities === null || capacity === null ? null : identities.startBacklog + identities.arrivals - capacity;
    rows.push(
      row(
        `backlog on ${summary.end}`,
        observed.endBacklog,
        end.mean,
        end.p5,
        end.p95,
        fixes(implied, observed.endBacklog)
          ? {
              by: 'balance',
              startBacklog: identities!.startBacklog,
              arrivals: identities!.arrivals,
              capacity: capacity!,
            }
          : null,
      ),
    );
  }
  if (observed.meanLeadTimeDays !== null)
    rows.push(row('mean lead time, days', observed.meanLeadTimeDays, summary.leadTimeDays.all.mean));
  for (const [lane, days] of Object.entries(observed.leadTimeDaysByLane)) {
    rows.push(row(`mean lead time ${lane}, days`, days, summary.leadTimeDays.byLane[lane]?.mean ?? Number.NaN));
  }
  return rows;
}
