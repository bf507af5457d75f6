import { logFactorial } from './log-factorial.js';
import type { Uniform } from './stream.js';

/** Means up to this use table inversion; above it, transformed rejection. */
const TABLE_MAX_MEAN = 200;

/**
 * A Poisson sampler for one fixed mean, built once and drawn from many times
 * in O(1): inversion of a tabulated CDF with a guide table (Chen & Asau) for
 * means up to 200, Hörmann's PTRS transformed rejection above.
 *
 * @example new PoissonSampler(18.25).sample(createStream(1, 0, 7))
 */
export class PoissonSampler {
  readonly mean: number;
  private readonly cdf: Float64Array;
  private readonly guide: Int32Array;
  private readonly useTable: boolean;
  // PTRS constants (Hörmann 1993), unused by the table.
  private readonly logMean: number;
  private readonly a: number;
  private readonly b: number;
  private readonly invAlpha: number;
  private readonly vr: number;

  constructor(mean: number) {
    if (!(mean >= 0) || !Number.isFinite(mean))
      throw new RangeError(`Poisson mean must be finite and >= 0, got ${mean}`);
    this.mean = mean;
    this.useTable = mean <= TABLE_MAX_MEAN;
    this.logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    this.b = b;
    this.a = -0.059 + 0.02483 * b;
    this.invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    this.vr = 0.9277 - 3.6224 / (b - 2);
    if (this.useTable) {
      this.cdf = poissonCdfTable(mean);
      this.guide = guideTable(this.cdf);
    } else {
      this.cdf = new Float64Array(0);
      this.guide = new Int32Array(0);
    }
  }

  /** One draw, using one uniform for the table and about 2.3 on average for PTRS. */
  sample(uniform: Uniform): number {
    if (this.useTable) {
      const u = uniform();
      const cdf = this.cdf;
      let k = this.guide[(u * this.guide.length) | 0]!;
      while (u >= cdf[k]!) k++;
      return k;
    }
    return this.rejection(uniform);
  }

  private rejection(uniform: Uniform): number {
    const { a, b, invAlpha, vr, mean, logMean } = this;
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k))
        return k;
    }
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
  private logMean = 0;
  private a = 0;
  private b = 0;
  private vr = 0;
  private logInvAlpha = 0;
  /** The tabulated CDF of `mean` and its guide table, `size` entries each (0: not tabulated). */
  private cdf = new Float64Array(64);
  private guide = new Int32Array(64);
  private size = 0;

  /**
   * Forgets the last mean, so that the next draw is a first one: a
   * replication's draws must not depend on the replications run before it on
   * the same thread (a split of the work would change them).
   */
  reset(): void {
    this.mean = Number.NaN;
    this.size = 0;
  }

  sample(mean: number, uniform: Uniform): number {
    if (mean !== this.mean) this.prepare(mean);
    else if (this.size === 0 && mean <= TABLE_MAX_MEAN) this.tabulate();
    if (this.size > 0) {
      const u = uniform();
      const cdf = this.cdf;
      let k = this.guide[(u * this.size) | 0]!;
      while (u >= cdf[k]!) k++;
      return k;
    }
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
        // Rounding can leave the sum a hair below 1: the tail beyond is far below 1e-15.
        if (p < 1e-300 && k > mean) return k;
      }
      return k;
    }
    const { a, b, vr } = this;
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + this.logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * this.logMean - logFactorial(k))
        return k;
    }
  }

  private prepare(mean: number): void {
    if (!(mean >= 0) || !Number.isFinite(mean))
      throw new RangeError(`Poisson mean must be finite and >= 0, got ${mean}`);
    this.mean = mean;
    this.size = 0;
    this.expMinusMean = Math.exp(-mean);
    this.logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    this.b = b;
    this.a = -0.059 + 0.02483 * b;
    this.vr = 0.9277 - 3.6224 / (b - 2);
    this.logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  }

  /** The CDF table of `poissonCdfTable` and the guide of `guideTable`, in buffers reused from mean to mean. */
  private tabulate(): void {
    const mean = this.mean;
    let p = this.expMinusMean;
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
 * P(X <= k) for k = 0.. until the terms fall below 1e-17 past the mean (the
 * tail left out is smaller still); the last entry is set to 1.
 */
function poissonCdfTable(mean: number): Float64Array {
  const values: number[] = [];
  let p = Math.exp(-mean);
  let cumulative = 0;
  for (let k = 0; ; k++) {
    if (k > 0) p *= mean / k;
    cumulative += p;
    values.push(cumulative);
    if (k > mean && p < 1e-17) break;
  }
  values[values.length - 1] = 1;
  return Float64Array.from(values);
}

/** guide[i] = the smallest k with cdf[k] > i / m, so a search starts at most a few steps short. */
function guideTable(cdf: Float64Array): Int32Array {
  const m = cdf.length;
  const guide = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    while (cdf[k]! <= i / m) k++;
    guide[i] = k;
  }
  return guide;
}
