import type { Quantiles } from '../stats/quantiles.js';
import type { Actuals, Measure } from './actuals.js';
import { actualOf } from './period-spec.js';
import type { PlanBands } from './plan-bands.js';

/** Where an actual figure lies against the plan's band from its P5 to its P95 (both included in the band). */
export type BandStatus = 'below' | 'inside' | 'above';

/** One figure of the actuals beside the plan: a period, a measure, all lanes or one. */
export interface MonitorRow {
  /** The period as people name it: `2024-W05` (the scenario week's ISO week) or `2024-02`. */
  readonly period: string;
  /** First and last day of the period (ISO dates). */
  readonly from: string;
  readonly to: string;
  /** The line of the row in the actuals file. */
  readonly line: number;
  readonly measure: Measure;
  /** `total` for all lanes together, else the lane's name. */
  readonly lane: string;
  /** The actual figure: cases arrived or decided in the period, or open at its end. */
  readonly actual: number;
  /** The plan's distribution of the same figure over its replications. */
  readonly plan: Quantiles;
  readonly status: BandStatus;
  /** Inflow and decisions: the sums from the first period with the figure to this one; null for the backlog and after a blank. */
  readonly cumulative: CumulativeDeviation | null;
}

/** The actual sum of a measure since the first period with it against the plan's sum over the same periods. */
export interface CumulativeDeviation {
  /** The first day of the sums: the first period the actuals give the figure in. */
  readonly from: string;
  /** Periods summed, this one included. */
  readonly periods: number;
  readonly actual: number;
  /** The plan's distribution of the sum over its replications. */
  readonly plan: Quantiles;
  /** actual - plan.mean, in cases. */
  readonly deviation: number;
  /** deviation / plan.mean; null when the plan's mean is 0. */
  readonly share: number | null;
  /** The sum against the band of the plan's sum: the band is narrower, relative to the sum, as periods add up, so a drift leaves it before any single period leaves its own. */
  readonly status: BandStatus;
}

/**
 * Where an actual lies against a band: below its P5, above its P95, else inside.
 *
 * @example bandStatus(40, { p5: 17, p95: 33 }) // 'above'
 */
export function bandStatus(actual: number, band: Pick<Quantiles, 'p5' | 'p95'>): BandStatus {
  if (actual < band.p5) return 'below';
  if (actual > band.p95) return 'above';
  return 'inside';
}

/**
 * Every figure of the actuals beside the plan's band for it, in period order
 * and, within a period, inflow, decisions, backlog, each total first, then
 * its lanes; with the cumulative deviation for inflow and decisions, which
 * runs from the first period with the figure as long as no period leaves it
 * blank.
 *
 * @example compareActuals(actuals, bands).filter((row) => row.status !== 'inside')
 */
export function compareActuals(actuals: Actuals, bands: PlanBands): MonitorRow[] {
  const sums = bands.series.map(() => ({ actual: 0, open: true }));
  const rows: MonitorRow[] = [];
  actuals.periods.forEach((period, p) => {
    bands.series.forEach(({ measure, lane }, s) => {
      const actual = actualOf(period[measure], lane);
      const from = bands.cumulativeFrom[s] ?? null;
      const sum = sums[s]!;
      let cumulative: CumulativeDeviation | null = null;
      if (from !== null && p >= from) {
        if (actual === null) sum.open = false;
        else if (sum.open) {
          sum.actual += actual;
          const plan = bands.cumulative[s]![p]!;
          const deviation = sum.actual - plan.mean;
          cumulative = {
            from: actuals.periods[from]!.from,
            periods: p - from + 1,
            actual: sum.actual,
            plan,
            deviation,
            share: plan.mean === 0 ? null : deviation / plan.mean,
            status: bandStatus(sum.actual, plan),
          };
        }
      }
      if (actual === null) return;
      const plan = bands.values[s]![p]!;
      rows.push({
        period: period.label,
        from: period.from,
        to: period.to,
        line: period.line,
        measure,
        lane: lane ?? 'total',
        actual,
        plan,
        status: bandStatus(actual, plan),
        cumulative,
      });
    });
  });
  return rows;
}
