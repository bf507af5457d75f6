/** A histogram as plain data: counts[i] observations of the value offset + i. */
export interface HistogramData {
  readonly offset: number;
  readonly counts: Float64Array;
}

/**
 * Counts of integer values: exact quantiles with a memory that grows with the
 * range of values, not with how many were added, and a merge that is exact
 * whatever the order (counts are integers). Backlogs per week go in here, one
 * value per replication.
 *
 * @example const h = new IntHistogram(); h.add(3); h.add(5); h.quantile(0.5) // 4
 */
export class IntHistogram {
  /** The value counted in counts[0]. */
  private offset = 0;
  private counts: Float64Array = new Float64Array(0);

  /**
   * Adds `weight` observations (default 1) of the integer `value`. This is on
   * the hot path (once per week, lane and replication): an index check and an
   * increment; totals are summed from the counts when asked for.
   */
  add(value: number, weight = 1): void {
    const index = value - this.offset;
    // Stryker disable next-line EqualityOperator: a value at index 0 taking the growth path keeps every count; growth only reallocates.
    if (index >= 0 && index < this.counts.length) {
      this.counts[index]! += weight;
      return;
    }
    this.grow(value);
    this.counts[value - this.offset]! += weight;
  }

  /** Adds every observation of `other`. */
  merge(other: IntHistogram): void {
    this.mergeData({ offset: other.offset, counts: other.counts });
  }

  /** Adds every observation of a histogram given as data. */
  mergeData(other: HistogramData): void {
    for (let i = 0; i < other.counts.length; i++) {
      const weight = other.counts[i]!;
      if (weight !== 0) this.add(other.offset + i, weight);
    }
  }

  /** The counts as plain data (a copy trimmed to the observed range). */
  toData(): HistogramData {
    let first = 0;
    let last = this.counts.length - 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with all counts 0 both loops stop at the same empty slice; otherwise at the first count.
    while (first <= last && this.counts[first] === 0) first++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the first loop stopped at a count, or past the end, so this bound is never what stops the loop.
    while (last >= first && this.counts[last] === 0) last--;
    return { offset: this.offset + first, counts: this.counts.slice(first, last + 1) };
  }

  /**
   * Bytes the counts take: they cover the range of values added (with some
   * slack for growth), so this grows with the spread of the values, never
   * with their size or with how many were added.
   */
  get byteLength(): number {
    return this.counts.byteLength;
  }

  /** Number of observations. */
  get count(): number {
    let total = 0;
    for (let i = 0; i < this.counts.length; i++) total += this.counts[i]!;
    return total;
  }

  /** Sum of the observations (exact for integer values up to 2^53). */
  sum(): number {
    let sum = 0;
    for (let i = 0; i < this.counts.length; i++) sum += (this.offset + i) * this.counts[i]!;
    return sum;
  }

  mean(): number {
    let total = 0;
    let sum = 0;
    for (let i = 0; i < this.counts.length; i++) {
      total += this.counts[i]!;
      sum += (this.offset + i) * this.counts[i]!;
    }
    // Stryker disable next-line ConditionalExpression: 0 / 0 is NaN as well.
    return total === 0 ? Number.NaN : sum / total;
  }

  /** Share of observations <= value. */
  fractionAtMost(value: number): number {
    const total = this.count;
    // Stryker disable next-line ConditionalExpression: 0 / 0 is NaN as well.
    if (total === 0) return Number.NaN;
    return this.countAtMost(value) / total;
  }

  /**
   * Number of observations <= value: exact, where share x count would round.
   *
   * @example const h = new IntHistogram(); h.add(3); h.add(5); h.countAtMost(4) // 1
   */
  countAtMost(value: number): number {
    let below = 0;
    const last = Math.min(this.counts.length - 1, value - this.offset);
    for (let i = 0; i <= last; i++) below += this.counts[i]!;
    return below;
  }

  /** The value at 0-based rank r of the sorted observations. */
  private atRank(rank: number): number {
    let seen = 0;
    // Stryker disable next-line EqualityOperator: callers ask for ranks below the count, so the loop returns before the end.
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen > rank) return this.offset + i;
    }
    // Stryker disable next-line ArithmeticOperator: unreachable, callers ask for ranks below the count, which the loop returns.
    return this.offset + this.counts.length - 1;
  }

  /**
   * The p-quantile by linear interpolation between order statistics (R's and
   * numpy's default, type 7): the same definition as simple-statistics'
   * `quantileSorted` on the sorted observations, so results match it exactly.
   */
  quantile(p: number): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const idx = (n - 1) * p;
    const lower = Math.floor(idx);
    const low = this.atRank(lower);
    // Stryker disable next-line ConditionalExpression: at a whole index the interpolation adds 0 x (high - low), which is 0.
    if (idx === lower) return low;
    const high = this.atRank(lower + 1);
    return low + (idx - lower) * (high - low);
  }

  /** [value, count] pairs with a count, in ascending order of value. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.counts.length; i++) {
      const weight = this.counts[i]!;
      if (weight !== 0) out.push([this.offset + i, weight]);
    }
    return out;
  }

  private grow(value: number): void {
    // Stryker disable next-line StringLiteral: the text of the error only.
    if (!Number.isInteger(value)) throw new RangeError(`IntHistogram takes integers, got ${value}`);
    if (this.counts.length === 0) {
      this.offset = value - 32;
      this.counts = new Float64Array(64);
      return;
    }
    const low = Math.min(this.offset, value);
    // Stryker disable next-line ArithmeticOperator: a larger span only sets the memory a histogram takes, not its counts.
    const high = Math.max(this.offset + this.counts.length - 1, value);
    const span = high - low + 1;
    // Grow by at least half again on the side that overflowed, so repeated growth stays amortised O(1).
    // Stryker disable next-line MethodExpression: the slack only sets the memory a histogram takes, not its counts.
    const slack = Math.max(16, this.counts.length >> 1);
    // Stryker disable next-line EqualityOperator: grow is never called with value equal to the offset (index 0 is in range).
    const newOffset = value < this.offset ? low - slack : this.offset;
    const newLength = span + slack;
    const next = new Float64Array(newLength);
    next.set(this.counts, this.offset - newOffset);
    this.offset = newOffset;
    this.counts = next;
  }
}
