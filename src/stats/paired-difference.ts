import { IntHistogram } from './int-histogram.js';
import type { HistogramData } from './int-histogram.js';
import { wilsonInterval, Z_95 } from './proportion.js';
import type { ProportionInterval } from './proportion.js';

/** A mean with its 95% confidence interval. */
export interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** Half the interval's width. */
  readonly halfWidth: number;
}

/** The 97.5% point of the standard normal (simple-statistics' probit(0.975) gives 1.95716, 0.14% short). */
const Z_975 = Z_95;

/**
 * Differences option - base of one integer outcome (an end backlog), one per
 * replication that both ran with the same streams: streamed, so memory does
 * not grow with replications, and mergeable.
 *
 * @example const d = new PairedDifference(); d.add(1120, 1140); d.interval()
 */
export class PairedDifference {
  private readonly differences = new IntHistogram();
  private readonly options = new IntHistogram();
  private readonly bases = new IntHistogram();

  /** Records one replication: the option's and the base's outcome. */
  add(option: number, base: number): void {
    this.differences.add(option - base);
    this.options.add(option);
    this.bases.add(base);
  }

  get count(): number {
    return this.differences.count;
  }

  /** Plain data, to send between threads. */
  toData(): readonly [HistogramData, HistogramData, HistogramData] {
    return [this.differences.toData(), this.options.toData(), this.bases.toData()];
  }

  /** Adds the pairs of another one given as data (exact: integer counts). */
  mergeData(data: readonly [HistogramData, HistogramData, HistogramData]): void {
    this.differences.mergeData(data[0]);
    this.options.mergeData(data[1]);
    this.bases.mergeData(data[2]);
  }

  /**
   * 95% interval of the mean difference from the paired differences
   * (normal approximation, fine for the hundreds of replications a comparison
   * runs).
   */
  interval(): Interval {
    const n = this.count;
    return around(this.differences.mean(), Math.sqrt(variance(this.differences) / n));
  }

  /** The interval the same runs would give if they were not paired (independent streams). */
  unpairedInterval(): Interval {
    const n = this.count;
    return around(
      this.options.mean() - this.bases.mean(),
      Math.sqrt((variance(this.options) + variance(this.bases)) / n),
    );
  }

  /** Share of replications in which the option ended below the base. */
  probabilityBelow(): number {
    // Stryker disable next-line ConditionalExpression: an empty histogram's fraction is NaN as well.
    return this.count === 0 ? Number.NaN : this.differences.fractionAtMost(-1);
  }

  /** That share with its 95% Wilson interval over the replications (the Monte Carlo error). */
  probabilityBelowInterval(): ProportionInterval {
    return wilsonInterval(this.differences.countAtMost(-1), this.count);
  }
}

function around(mean: number, standardError: number): Interval {
  const halfWidth = Z_975 * standardError;
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth };
}

/** Sample variance of the observations in a histogram. */
function variance(histogram: IntHistogram): number {
  const n = histogram.count;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: every caller divides by the count, so 0 or 1 observations give NaN either way.
  if (n < 2) return Number.NaN;
  const mean = histogram.mean();
  let squares = 0;
  for (const [value, count] of histogram.entries()) squares += count * (value - mean) ** 2;
  return squares / (n - 1);
}
