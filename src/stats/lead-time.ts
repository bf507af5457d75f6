import { weightedMean, weightedQuantile } from 'simple-statistics';

/** Lead time (filing to decision) of decided cases, in days. */
export interface LeadTimeDays {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  /** Decided cases per replication that these figures describe. */
  readonly decided: number;
}

/**
 * Lead-time figures from counts of decided cases by lead time in weeks
 * (element w = cases decided w weeks after arrival), reported in days
 * (7 x weeks, docs/model.md). Percentiles are the smallest lead time with at least
 * that share of cases at or below it. Null figures (NaN) when nothing was decided.
 *
 * @example leadTimeDays(Float64Array.of(0, 2, 2), 1) // { mean: 10.5, p50: 7, p90: 14, decided: 4 }
 */
export function leadTimeDays(countsByWeek: ArrayLike<number>, replications: number): LeadTimeDays {
  const days: number[] = [];
  const weights: number[] = [];
  let decided = 0;
  // Stryker disable next-line EqualityOperator: one index past the end reads undefined, which the count test skips.
  for (let w = 0; w < countsByWeek.length; w++) {
    const count = countsByWeek[w]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a week with no decisions adds weight 0, which moves neither the mean nor a percentile.
    if (count > 0) {
      days.push(7 * w);
      weights.push(count);
      decided += count;
    }
  }
  if (decided === 0) return { mean: Number.NaN, p50: Number.NaN, p90: Number.NaN, decided: 0 };
  const [p50, p90] = weightedQuantile(days, weights, [0.5, 0.9]) as number[];
  return { mean: weightedMean(days, weights), p50: p50!, p90: p90!, decided: decided / replications };
}
