import type { PeriodRecorder, PeriodSpec } from '../job/period-values.js';
import type { IntHistogram } from '../stats/int-histogram.js';
import type { Quantiles } from '../stats/quantiles.js';
import type { SeriesKey } from './period-spec.js';

/**
 * The plan's distribution of each series in each period of the actuals,
 * over the replications of the scenario as planned: the value of the period
 * (cases that arrived or were decided in it, or open at its end) and, for
 * inflow and decisions, the sum from the first period the actuals give the
 * series in up to this one. Means and percentiles over the replications.
 */
export interface PlanBands {
  readonly series: readonly SeriesKey[];
  readonly replications: number;
  /** Per series, per period. */
  readonly values: readonly (readonly Quantiles[])[];
  /** Per series: the period its sums start from; null for none (backlog, or a series the actuals never give). */
  readonly cumulativeFrom: readonly (number | null)[];
  /** Per series, per period: the sum's distribution; null before cumulativeFrom. */
  readonly cumulative: readonly (readonly (Quantiles | null)[])[];
}

/**
 * The bands of a PeriodSpec from what its replications recorded, in cases
 * (the spec's scaled whole numbers divided back). The percentiles are the
 * run's (linear interpolation between order statistics, as every percentile
 * caseload reports), so the P50 of a weekly backlog is the run's own.
 *
 * @example planBands(spec, series, tallies.periodValues(0)).values[0][3].p95
 */
export function planBands(spec: PeriodSpec, series: readonly SeriesKey[], recorded: PeriodRecorder): PlanBands {
  const scaled = (histogram: IntHistogram): Quantiles => {
    const at = (p: number) => histogram.quantile(p) / spec.scale;
    return {
      mean: histogram.mean() / spec.scale,
      p5: at(0.05),
      p25: at(0.25),
      p50: at(0.5),
      p75: at(0.75),
      p95: at(0.95),
    };
  };
  return {
    series,
    replications: recorded.values[0]?.[0]?.count ?? 0,
    values: recorded.values.map((periods) => periods.map(scaled)),
    cumulativeFrom: spec.series.map((s) => s.cumulativeFrom),
    cumulative: spec.series.map(({ cumulativeFrom }, s) =>
      spec.periods.map((_, p) =>
        cumulativeFrom === null || p < cumulativeFrom ? null : scaled(recorded.cumulative[s]![p - cumulativeFrom]!),
      ),
    ),
  };
}
