import type { Tally } from '../engine/tally.js';

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
 * The end-of-week backlog distribution over replications for week t and one
 * series (lane index, or laneCount for the total). In deterministic mode
 * every percentile equals the one expected-value path.
 *
 * @example backlogQuantiles(tally, 51, tally.laneCount).p95
 */
export function backlogQuantiles(tally: Tally, week: number, series: number): Quantiles {
  const i = week * (tally.laneCount + 1) + series;
  const mean = tally.backlogSum(week, series) / tally.replications;
  if (tally.backlog === null) return { mean, p5: mean, p25: mean, p50: mean, p75: mean, p95: mean };
  const histogram = tally.backlog[i]!;
  return {
    mean,
    p5: histogram.quantile(0.05),
    p25: histogram.quantile(0.25),
    p50: histogram.quantile(0.5),
    p75: histogram.quantile(0.75),
    p95: histogram.quantile(0.95),
  };
}

/**
 * Share of replications whose total backlog at the end of week t is at most
 * `backlog`.
 *
 * @example probabilityAtMost(tally, 51, 1100) // e.g. 0.12
 */
export function probabilityAtMost(tally: Tally, week: number, backlog: number): number {
  const i = week * (tally.laneCount + 1) + tally.laneCount;
  if (tally.backlog === null) return tally.backlogSum(week, tally.laneCount) <= backlog + 1e-9 ? 1 : 0;
  return tally.backlog[i]!.fractionAtMost(Math.floor(backlog));
}
