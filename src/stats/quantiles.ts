import type { IntHistogram } from './int-histogram.js';

/** Mean and the reported percentiles of a distribution over replications. */
export interface Quantiles {
  readonly mean: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/**
 * The mean and percentiles of a distribution: its percentiles from the
 * histogram of its observations, or, without one (a single expected-value
 * path), every percentile equal to the mean.
 *
 * @example quantiles(histogram, histogram.mean()).p95
 */
export function quantiles(histogram: IntHistogram | null, mean: number): Quantiles {
  if (histogram === null) return { mean, p5: mean, p25: mean, p50: mean, p75: mean, p95: mean };
  return {
    mean,
    p5: histogram.quantile(0.05),
    p25: histogram.quantile(0.25),
    p50: histogram.quantile(0.5),
    p75: histogram.quantile(0.75),
    p95: histogram.quantile(0.95),
  };
}
