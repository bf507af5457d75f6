/**
 * The inversion samplers return exactly the smallest count whose CDF reaches
 * the uniform: binomial inversion (n min(p, 1 - p) < 10), the tabulated
 * Poisson CDF (PoissonSampler up to a mean of 200, VaryingPoisson's repeated
 * means) and VaryingPoisson's sequential search below a mean of 10. The
 * uniforms are scripted on a grid and at the CDF's own values, and the CDF is
 * computed here with the same recurrence as the sampler, so the boundary
 * doubles are the same ones.
 */
import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../src/random/binomial.js';
import { PoissonSampler, PoissonTable, VaryingPoisson, samplePoisson } from '../../src/random/poisson.js';
import { JUST_BELOW_ONE, counting, nextDown, nextUp, scripted } from './scripted.js';

/** The uniforms 0, 1/m, 2/m, .. below 1, each nudged off the grid point by a third of a step. */
const grid = (m: number) => Array.from({ length: m }, (_, i) => (i + 1 / 3) / m);

/**
 * Binomial(n, p) inversion by its definition: the terms by the recurrence
 * f(0) = q^n, f(x) = f(x - 1) ((n + 1) s / x - s) with s = p / q, taken off u
 * one by one until what is left is at most the next term; n at most.
 */
function binomialInverse(n: number, p: number, u0: number): number {
  const q = 1 - p;
  const s = p / q;
  let term = q ** n;
  let u = u0;
  for (let x = 0; x < n; x++) {
    if (u <= term) return x;
    u -= term;
    term *= ((n + 1) * s) / (x + 1) - s;
  }
  return n;
}

describe('sampleBinomial by inversion (n min(p, 1 - p) < 10) returns the smallest x whose CDF reaches u', () => {
  const cases = [
    [1, 0.3],
    [5, 0.02],
    [12, 0.45],
    [30, 0.1],
    [40, 0.2],
    [19, 0.5],
  ] as const;

  it('on a grid of uniforms, one uniform per draw', () => {
    for (const [n, p] of cases) {
      for (const u of grid(499)) {
        const { uniform, drawn } = scripted([u]);
        expect(sampleBinomial(n, p, uniform)).toBe(binomialInverse(n, p, u));
        expect(drawn()).toBe(1);
      }
    }
  });

  it('at the first term q^n exactly: 0 (the CDF reaches u), one double above it: 1', () => {
    for (const [n, p] of cases) {
      const first = (1 - p) ** n;
      expect(sampleBinomial(n, p, scripted([first]).uniform)).toBe(0);
      expect(sampleBinomial(n, p, scripted([nextUp(first)]).uniform)).toBe(1);
    }
  });

  it('p above 1/2 draws n minus a Binomial(n, 1 - p) from the same uniform', () => {
    for (const [n, p] of [
      [5, 0.98],
      [12, 0.55],
      [30, 0.9],
      [200, 0.99],
    ] as const) {
      for (const u of grid(199)) {
        expect(sampleBinomial(n, p, scripted([u]).uniform)).toBe(n - binomialInverse(n, 1 - p, u));
      }
    }
  });

  it('p exactly 1/2 is inverted directly (it is its own complement)', () => {
    for (const u of grid(97)) expect(sampleBinomial(12, 0.5, scripted([u]).uniform)).toBe(binomialInverse(12, 0.5, u));
  });

  it('n 0, p 0 and p 1 (or above) give 0, 0 and n without drawing a uniform', () => {
    const { uniform, drawn } = counting();
    expect(sampleBinomial(0, 0.3, uniform)).toBe(0);
    expect(sampleBinomial(0, 0.7, uniform)).toBe(0);
    expect(sampleBinomial(25, 0, uniform)).toBe(0);
    expect(sampleBinomial(25, 1, uniform)).toBe(25);
    expect(sampleBinomial(25, 1.5, uniform)).toBe(25);
    expect(drawn()).toBe(0);
  });

  it('u just below 1 gives n, never more, where rounding leaves a sliver of u beyond the last term', () => {
    // For each of these the terms, taken off u = 1 - 2^-53 one by one, leave a remainder above 0 after the last.
    for (const [n, p] of [
      [2, 0.3],
      [3, 0.4],
      [5, 0.4],
      [6, 0.49],
      [10, 0.3],
    ] as const) {
      const q = 1 - p;
      let u = JUST_BELOW_ONE;
      let term = q ** n;
      for (let x = 0; x <= n; x++) {
        u -= term;
        term *= ((n + 1) * (p / q)) / (x + 1) - p / q;
      }
      expect(u).toBeGreaterThan(0);
      expect(sampleBinomial(n, p, scripted([JUST_BELOW_ONE]).uniform)).toBe(n);
    }
  });

  it('n p exactly 10 is drawn by BTRS, not by inversion', () => {
    // u = 0.95, v = 0: the hat's proposal at us = 0.05 is accepted (v = 0 is below any positive pmf), 15 for
    // Binomial(20, 1/2); inversion of 0.95 gives 14.
    for (const [n, p] of [
      [20, 0.5],
      [100, 0.1],
    ] as const) {
      expect(n * p).toBe(10);
      const spq = Math.sqrt(n * p * (1 - p));
      const b = 1.15 + 2.53 * spq;
      const a = -0.0873 + 0.0248 * b + 0.01 * p;
      const proposal = Math.floor(((2 * a) / 0.05 + b) * 0.45 + n * p + 0.5);
      expect(proposal).not.toBe(binomialInverse(n, p, 0.95));
      const { uniform, drawn } = scripted([0.95, 0]);
      expect(sampleBinomial(n, p, uniform)).toBe(proposal);
      expect(drawn()).toBe(2);
    }
  });
});

/** The Poisson CDF by the recurrence of the table: P(0) = e^-mean, P(k) = P(k - 1) mean / k, summed. */
function poissonCdf(mean: number): number[] {
  const cdf: number[] = [];
  let p = Math.exp(-mean);
  let cumulative = 0;
  for (let k = 0; ; k++) {
    if (k > 0) p *= mean / k;
    cumulative += p;
    cdf.push(cumulative);
    if (k > mean && p < 1e-17) break;
  }
  cdf[cdf.length - 1] = 1;
  return cdf;
}

/** The smallest k with cdf[k] > u. */
const smallestAbove = (cdf: readonly number[], u: number) => cdf.findIndex((c) => c > u);

/** Uniforms at every CDF value, one double below each, and a grid. */
function boundaryUniforms(cdf: readonly number[]): number[] {
  const values = grid(257);
  for (const c of cdf) {
    if (c < 1) values.push(c, nextDown(c));
  }
  return values;
}

const TABLE_MEANS = [0, 0.75, 4, 9.99, 18.25, 150, 199, 200];

describe('the tabulated Poisson CDF (PoissonTable)', () => {
  it('holds P(X <= k) up to the first term below 1e-17 past the mean, the last entry set to 1', () => {
    const table = new PoissonTable();
    // From a large mean to small ones, so that the buffers are reused and grown.
    for (const mean of [199, ...TABLE_MEANS, 60]) {
      table.fill(mean, Math.exp(-mean));
      expect(Array.from(table.cdf.subarray(0, table.size))).toEqual(poissonCdf(mean));
    }
  });

  it('guide[i] is the smallest k with cdf[k] > i / size, for every i', () => {
    const table = new PoissonTable();
    for (const mean of [199, ...TABLE_MEANS, 60]) {
      table.fill(mean, Math.exp(-mean));
      const cdf = Array.from(table.cdf.subarray(0, table.size));
      for (let i = 0; i < table.size; i++) expect(table.guide[i]).toBe(smallestAbove(cdf, i / table.size));
    }
  });
});

describe('Poisson table inversion returns the smallest k with CDF(k) > u, from one uniform', () => {
  it('PoissonSampler, for means up to 200: on a grid, at each CDF value (the next k) and one double below it', () => {
    for (const mean of TABLE_MEANS) {
      const cdf = poissonCdf(mean);
      const sampler = new PoissonSampler(mean);
      for (const u of boundaryUniforms(cdf)) {
        const { uniform, drawn } = scripted([u]);
        expect(sampler.sample(uniform)).toBe(smallestAbove(cdf, u));
        expect(drawn()).toBe(1);
      }
      expect(sampler.sample(scripted([JUST_BELOW_ONE]).uniform)).toBe(smallestAbove(cdf, JUST_BELOW_ONE));
    }
  });

  it('VaryingPoisson from the second draw of a mean up to 200: the same', () => {
    for (const mean of TABLE_MEANS) {
      const cdf = poissonCdf(mean);
      const sampler = new VaryingPoisson();
      sampler.sample(mean, counting(0.5).uniform);
      for (const u of boundaryUniforms(cdf)) {
        const { uniform, drawn } = scripted([u]);
        expect(sampler.sample(mean, uniform)).toBe(smallestAbove(cdf, u));
        expect(drawn()).toBe(1);
      }
    }
  });

  it('above a mean of 200 neither tabulates: PTRS draws uniforms in pairs', () => {
    const mean = nextUp(200);
    const fixed = new PoissonSampler(mean);
    const varying = new VaryingPoisson();
    for (let i = 0; i < 3; i++) {
      // u = 1/2, v = 0: the proposal at the centre, floor(mean + 0.43), accepted by the squeeze.
      const a = scripted([0.5, 0]);
      expect(fixed.sample(a.uniform)).toBe(200);
      expect(a.drawn()).toBe(2);
      const b = scripted([0.5, 0]);
      expect(varying.sample(mean, b.uniform)).toBe(200);
      expect(b.drawn()).toBe(2);
    }
  });
});

/** The first k whose running sum of terms exceeds u, by the sequential search's recurrence; or where a term underflows. */
function sequentialInverse(mean: number, u: number): number {
  let p = Math.exp(-mean);
  let cumulative = p;
  let k = 0;
  while (u >= cumulative) {
    k++;
    p *= mean / k;
    cumulative += p;
    if (p < 1e-300) return k;
  }
  return k;
}

describe("VaryingPoisson's first draw of a mean below 10: the smallest k whose summed terms exceed u", () => {
  const means = [1e-3, 0.3, 4, 9.99];

  it('on a grid, at each partial sum (the next k) and one double below it, from one uniform', () => {
    for (const mean of means) {
      const sums: number[] = [];
      let p = Math.exp(-mean);
      let cumulative = p;
      for (let k = 1; cumulative < 1 - 1e-12; k++) {
        sums.push(cumulative);
        p *= mean / k;
        cumulative += p;
      }
      for (const u of [...grid(257), ...sums, ...sums.map(nextDown)]) {
        const { uniform, drawn } = scripted([u]);
        expect(new VaryingPoisson().sample(mean, uniform)).toBe(sequentialInverse(mean, u));
        expect(samplePoisson(mean, scripted([u]).uniform)).toBe(sequentialInverse(mean, u));
        expect(drawn()).toBe(1);
      }
      expect(new VaryingPoisson().sample(mean, scripted([sums[0]!]).uniform)).toBe(1);
    }
  });

  it('u just below 1, beyond the rounded sum of all terms, stops where the terms underflow', () => {
    for (const mean of [0.75, 4, 9.99]) {
      let p = Math.exp(-mean);
      let sum = p;
      let k = 0;
      while (p >= 1e-300) {
        k++;
        p *= mean / k;
        sum += p;
      }
      // The search goes on while u >= the sum: rounding left the sum of every term that does not underflow at most u.
      expect(sum).toBeLessThanOrEqual(JUST_BELOW_ONE);
      expect(new VaryingPoisson().sample(mean, scripted([JUST_BELOW_ONE]).uniform)).toBe(k);
    }
  });

  it('mean 0 gives 0 without drawing, as a first draw and tabulated', () => {
    const { uniform, drawn } = counting();
    const sampler = new VaryingPoisson();
    expect(sampler.sample(0, uniform)).toBe(0);
    expect(drawn()).toBe(0);
    expect(samplePoisson(0, uniform)).toBe(0);
    expect(drawn()).toBe(0);
  });

  it('mean exactly 10 is drawn by PTRS (uniforms in pairs), not by the search', () => {
    const { uniform, drawn } = scripted([0.5, 0]);
    expect(new VaryingPoisson().sample(10, uniform)).toBe(10);
    expect(drawn()).toBe(2);
  });

  it('after reset, a repeated mean is drawn as a first draw again (PTRS, not the table)', () => {
    const sampler = new VaryingPoisson();
    sampler.sample(18.25, scripted([0.5, 0]).uniform);
    sampler.sample(18.25, scripted([0.5]).uniform);
    sampler.reset();
    const { uniform, drawn } = scripted([0.5, 0]);
    expect(sampler.sample(18.25, uniform)).toBe(18);
    expect(drawn()).toBe(2);
  });

  it('a bad mean is a RangeError that names it', () => {
    expect(() => new PoissonSampler(-1)).toThrow('Poisson mean must be finite and >= 0, got -1');
    expect(() => new VaryingPoisson().sample(Number.NaN, counting().uniform)).toThrow(
      'Poisson mean must be finite and >= 0, got NaN',
    );
  });
});
