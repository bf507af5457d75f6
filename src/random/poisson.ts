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

/** Below this mean `samplePoisson` inverts the CDF term by term; from it on, PTRS (valid from a mean of 10). */
const INVERSION_MAX_MEAN = 10;

/**
 * One Poisson draw for a mean that changes from draw to draw (an uncertain
 * inflow level, a weekly factor), where a table per mean would not pay:
 * inversion by sequential search below a mean of 10 (one uniform, about
 * mean + 1 steps), Hörmann's PTRS from 10 on (about 2.3 uniforms).
 *
 * @example samplePoisson(18.25 * 1.07, createStream(1, 0, 7))
 */
export function samplePoisson(mean: number, uniform: Uniform): number {
  if (mean < INVERSION_MAX_MEAN) {
    if (mean <= 0) return 0;
    let p = Math.exp(-mean);
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
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * Math.log(mean) - logFactorial(k))
      return k;
  }
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
