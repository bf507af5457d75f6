import { logFactorial } from './log-factorial.js';
import type { Uniform } from './stream.js';

/** Means up to this use table inversion; above it, transformed rejection. */
const TABLE_MAX_MEAN = 200;

function checkMean(mean: number): void {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`Poisson mean must be finite and >= 0, got ${mean}`);
}

/**
 * A Poisson sampler for one fixed mean, built once and drawn from many times
 * in O(1): inversion of a tabulated CDF with a guide table (Chen & Asau) for
 * means up to 200, Hörmann's PTRS transformed rejection above.
 *
 * @example new PoissonSampler(18.25).sample(createStream(1, 0, 7))
 */
export class PoissonSampler {
  readonly mean: number;
  /** The tabulated CDF for a mean up to 200; undefined above, where PTRS draws. */
  private readonly table: PoissonTable | undefined;
  private readonly ptrs = new Ptrs();

  constructor(mean: number) {
    checkMean(mean);
    this.mean = mean;
    this.ptrs.prepare(mean);
    if (mean <= TABLE_MAX_MEAN) {
      this.table = new PoissonTable();
      this.table.fill(mean, Math.exp(-mean));
    }
  }

  /** One draw, using one uniform for the table and about 2.3 on average for PTRS. */
  sample(uniform: Uniform): number {
    return this.table === undefined ? this.ptrs.sample(uniform) : this.table.sample(uniform);
  }
}

/** Below this mean `VaryingPoisson` inverts the CDF term by term; from it on, PTRS (valid from a mean of 10). */
const INVERSION_MAX_MEAN = 10;

/**
 * Poisson draws for a mean that is not known when the plan is compiled (an
 * uncertain inflow level, a weekly factor). A new mean is drawn from
 * directly: inversion by sequential search below a mean of 10 (one uniform,
 * about mean + 1 steps), Hörmann's PTRS from 10 on (about 2.3 uniforms).
 * When the same mean comes again (a level factor on a constant inflow: the
 * same mean every week of a replication), its CDF is tabulated as in
 * `PoissonSampler`, and later draws are O(1) table lookups.
 *
 * @example new VaryingPoisson().sample(18.25 * 1.07, createStream(1, 0, 7))
 */
export class VaryingPoisson {
  private mean = Number.NaN;
  private expMinusMean = 0;
  private readonly ptrs = new Ptrs();
  /** The tabulated CDF of `mean` (size 0: not tabulated), in buffers reused from mean to mean. */
  private readonly table = new PoissonTable();

  /**
   * Forgets the last mean, so that the next draw is a first one: a
   * replication's draws must not depend on the replications run before it on
   * the same thread (a split of the work would change them).
   */
  reset(): void {
    // The next draw then prepares its mean afresh, which also empties the table.
    this.mean = Number.NaN;
  }

  sample(mean: number, uniform: Uniform): number {
    if (mean !== this.mean) this.prepare(mean);
    else if (this.table.size === 0 && mean <= TABLE_MAX_MEAN) this.table.fill(mean, this.expMinusMean);
    if (this.table.size > 0) return this.table.sample(uniform);
    if (mean < INVERSION_MAX_MEAN) {
      if (mean <= 0) return 0;
      let p = this.expMinusMean;
      let cumulative = p;
      const u = uniform();
      let k = 0;
      while (u >= cumulative) {
        k++;
        p *= mean / k;
        cumulative += p;
        // Rounding can leave the sum a hair below 1: the tail beyond is far below 1e-15. A term this small lies far
        // past a mean below 10 (every term up to the mean is at least e^-10).
        if (p < 1e-300) return k;
      }
      return k;
    }
    return this.ptrs.sample(uniform);
  }

  private prepare(mean: number): void {
    checkMean(mean);
    this.mean = mean;
    this.table.size = 0;
    this.expMinusMean = Math.exp(-mean);
    this.ptrs.prepare(mean);
  }
}

/**
 * One Poisson draw for a mean used once: VaryingPoisson's direct method
 * (inversion below a mean of 10, PTRS from 10 on), without a table.
 *
 * @example samplePoisson(1390 * 1.07, createStream(1, 0, 7))
 */
export function samplePoisson(mean: number, uniform: Uniform): number {
  return new VaryingPoisson().sample(mean, uniform);
}

/**
 * Hörmann's PTRS (1993) transformed rejection for one mean (valid from a mean
 * of 10): the constants of `prepare`, and draws of about 2.3 uniforms each.
 * Exported for its tests only (not part of the package's API).
 */
export class Ptrs {
  private mean = 0;
  private logMean = 0;
  private a = 0;
  private b = 0;
  private vr = 0;
  private logInvAlpha = 0;

  prepare(mean: number): void {
    this.mean = mean;
    this.logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    this.b = b;
    this.a = -0.059 + 0.02483 * b;
    this.vr = 0.9277 - 3.6224 / (b - 2);
    this.logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  }

  sample(uniform: Uniform): number {
    const { a, b, vr, mean, logMean, logInvAlpha } = this;
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k;
    }
  }
}

/**
 * The CDF of a Poisson mean tabulated for inversion, with a guide table
 * (Chen & Asau): cdf[k] = P(X <= k) for k = 0.. until the terms fall below
 * 1e-17 past the mean (the tail left out is smaller still), the last entry
 * set to 1; guide[i] = the smallest k with cdf[k] > i / size, so a search
 * starts at most a few steps short. `size` entries of each buffer are in use;
 * the buffers grow as needed and are reused by `fill`. Exported for its tests
 * only (not part of the package's API).
 */
export class PoissonTable {
  cdf = new Float64Array(64);
  guide = new Int32Array(64);
  size = 0;

  /** Tabulates `mean`; expMinusMean is Math.exp(-mean), passed in where the caller has it already. */
  fill(mean: number, expMinusMean: number): void {
    let p = expMinusMean;
    let cumulative = 0;
    let size = 0;
    for (let k = 0; ; k++) {
      if (k > 0) p *= mean / k;
      cumulative += p;
      if (size === this.cdf.length) {
        const grown = new Float64Array(2 * size);
        grown.set(this.cdf);
        this.cdf = grown;
        this.guide = new Int32Array(2 * size);
      }
      this.cdf[size++] = cumulative;
      if (k > mean && p < 1e-17) break;
    }
    this.cdf[size - 1] = 1;
    let k = 0;
    for (let i = 0; i < size; i++) {
      while (this.cdf[k]! <= i / size) k++;
      this.guide[i] = k;
    }
    this.size = size;
  }

  /** The smallest k with cdf[k] > u for one uniform u. */
  sample(uniform: Uniform): number {
    const u = uniform();
    const cdf = this.cdf;
    // Stryker disable next-line ArithmeticOperator: u / size starts the search at guide[0] = 0, short of the same k
    let k = this.guide[(u * this.size) | 0]!;
    while (u >= cdf[k]!) k++;
    return k;
  }
}
