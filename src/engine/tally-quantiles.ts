import { quantiles } from '../stats/quantiles.js';
import type { Quantiles } from '../stats/quantiles.js';
import type { Tally } from './tally.js';

/**
 * The end-of-week backlog distribution over replications for week t and one
 * series (lane index, or laneCount for the total). In deterministic mode
 * every percentile equals the one expected-value path.
 *
 * @example backlogQuantiles(tally, 51, tally.laneCount).p95
 */
export function backlogQuantiles(tally: Tally, week: number, series: number): Quantiles {
  const mean = tally.backlogSum(week, series) / tally.replications;
  return quantiles(tally.backlog === null ? null : tally.backlog[week * (tally.laneCount + 1) + series]!, mean);
}

/**
 * Share of replications whose total backlog at the end of week t is at most
 * `backlog`.
 *
 * @example probabilityAtMost(tally, 51, 1100) // e.g. 0.12
 */
export function probabilityAtMost(tally: Tally, week: number, backlog: number): number {
  const i = week * (tally.laneCount + 1) + tally.laneCount;
  // Stryker disable next-line EqualityOperator: < and <= differ only at a sum exactly 1e-9 above the target.
  if (tally.backlog === null) return tally.backlogSum(week, tally.laneCount) <= backlog + 1e-9 ? 1 : 0;
  return tally.backlog[i]!.fractionAtMost(Math.floor(backlog));
}
