/**
 * The continuous samplers of the uncertain parameters (gamma, log-gamma,
 * beta, Dirichlet, the mean-1 factors) and the Poisson draws around a mean
 * that changes (VaryingPoisson), against their exact distributions.
 *
 * Tolerances come from the number of draws, not from guesses:
 * - a sample mean is within z standard errors sqrt(variance / N) of the mean;
 * - a sample variance within z standard errors sqrt((mu4 - variance^2) / N),
 *   with the exact fourth central moment mu4 of the distribution tested;
 * - a Kolmogorov-Smirnov distance below the asymptotic critical value
 *   sqrt(ln(2 / alpha) / (2N)) (two samples: N = nm / (n + m));
 * - a chi-square below its critical value (Wilson-Hilferty).
 * Each test picks z (or alpha) so that all its comparisons together fail by
 * chance with probability below 1e-4 (Bonferroni). The seeds are fixed, so a
 * pass is reproducible; the tolerances say how unlucky a seed would have to be.
 */
import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  sampleBeta,
  sampleDirichlet,
  sampleFactor,
  sampleGamma,
  sampleLogGamma,
  sampleNormal,
} from '../../src/random/continuous.js';
import type { FactorDistribution } from '../../src/random/continuous.js';
import { logFactorial } from '../../src/random/log-factorial.js';
import { PoissonSampler, VaryingPoisson } from '../../src/random/poisson.js';
import { createStream } from '../../src/random/stream.js';
import type { Uniform } from '../../src/random/stream.js';
import { lnGamma, normalCdf, regularizedBeta, regularizedGammaP } from '../../src/stats/distributions.js';

const DRAWS = 200_000;

/** The z beyond which `comparisons` normal comparisons all together stray with probability at most 1e-4. */
const zFor = (comparisons: number) => probit(1 - 1e-4 / (2 * comparisons));

/** The exact mean, variance and fourth central moment of a distribution. */
interface Moments {
  readonly mean: number;
  readonly variance: number;
  readonly mu4: number;
}

/** Moments from the raw moments E[X], E[X^2], E[X^3], E[X^4]. */
function fromRaw(r1: number, r2: number, r3: number, r4: number): Moments {
  return {
    mean: r1,
    variance: r2 - r1 * r1,
    mu4: r4 - 4 * r1 * r3 + 6 * r1 * r1 * r2 - 3 * r1 ** 4,
  };
}

/** Gamma(k, 1): variance k, mu4 = 3k^2 + 6k. */
const gammaMoments = (k: number): Moments => ({ mean: k, variance: k, mu4: 3 * k * k + 6 * k });

/** Beta(a, b): E[X^j] = prod_{i<j} (a + i) / (a + b + i). */
function betaMoments(a: number, b: number): Moments {
  const raw = [1];
  for (let j = 1; j <= 4; j++) raw.push(raw[j - 1]! * ((a + j - 1) / (a + b + j - 1)));
  return fromRaw(raw[1]!, raw[2]!, raw[3]!, raw[4]!);
}

/** The factor with mean 1 and coefficient of variation cv: lognormal E[F^j] = w^(j(j-1)/2), w = 1 + cv^2; gamma F = G / k, k = 1 / cv^2. */
function factorMoments(distribution: FactorDistribution, cv: number): Moments {
  if (distribution === 'lognormal') {
    const w = 1 + cv * cv;
    return fromRaw(1, w, w ** 3, w ** 6);
  }
  const k = 1 / (cv * cv);
  const g = gammaMoments(k);
  return { mean: 1, variance: g.variance / k ** 2, mu4: g.mu4 / k ** 4 };
}

/** The exact CDF of a factor: lognormal with sigma^2 = ln(1 + cv^2), mu = -sigma^2 / 2, or Gamma(1 / cv^2, cv^2). */
function factorCdf(distribution: FactorDistribution, cv: number): (x: number) => number {
  if (distribution === 'lognormal') {
    const sigma2 = Math.log1p(cv * cv);
    return (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) + sigma2 / 2) / Math.sqrt(sigma2)));
  }
  const k = 1 / (cv * cv);
  return (x) => (x <= 0 ? 0 : regularizedGammaP(k, x * k));
}

function drawMany(n: number, sample: () => number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = sample();
  return values;
}

/** The sample mean is within z standard errors of the exact mean, the sample variance within z of the exact variance. */
function expectMoments(values: Float64Array, exact: Moments, z: number): void {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const variance = squares / (n - 1);
  expect(Math.abs(mean - exact.mean)).toBeLessThan(z * Math.sqrt(exact.variance / n));
  expect(Math.abs(variance - exact.variance)).toBeLessThan(z * Math.sqrt((exact.mu4 - exact.variance ** 2) / n));
}

/** sup |F_n(x) - F(x)| of a sample against a continuous CDF. */
function ksDistance(values: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** sup |F_n(x) - G_m(x)| of two samples. */
function ksDistanceTwoSample(a: Float64Array, b: Float64Array): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** The asymptotic critical value of the KS distance at level alpha for an effective sample size n: P(D > c) ~ 2 exp(-2 n c^2). */
const ksCritical = (n: number, alpha: number) => Math.sqrt(Math.log(2 / alpha) / (2 * n));

describe('sampleNormal', () => {
  it('is standard normal (KS against Phi, mean 0, variance 1)', () => {
    const uniform = createStream(101, 0, 1);
    const values = drawMany(DRAWS, () => sampleNormal(uniform));
    expect(ksDistance(values, normalCdf)).toBeLessThan(ksCritical(DRAWS, 1e-4 / 3));
    expectMoments(values, { mean: 0, variance: 1, mu4: 3 }, zFor(3));
  });
});

describe('sampleGamma', () => {
  const shapes = [0.3, 1, 5, 200];
  for (const shape of shapes) {
    it(`shape ${shape}: mean and variance ${shape}, and the gamma CDF (KS)`, () => {
      const uniform = createStream(102, 0, Math.round(shape * 1000));
      const values = drawMany(DRAWS, () => sampleGamma(shape, uniform));
      expectMoments(values, gammaMoments(shape), zFor(3));
      expect(ksDistance(values, (x) => (x <= 0 ? 0 : regularizedGammaP(shape, x)))).toBeLessThan(
        ksCritical(DRAWS, 1e-4 / 3),
      );
    });
  }

  it('the KS check can fail: gamma(5) draws are not gamma(5.1)', () => {
    const uniform = createStream(102, 1, 5);
    const values = drawMany(DRAWS, () => sampleGamma(5, uniform));
    expect(ksDistance(values, (x) => (x <= 0 ? 0 : regularizedGammaP(5.1, x)))).toBeGreaterThan(
      ksCritical(DRAWS, 1e-4),
    );
  });
});

describe('sampleLogGamma', () => {
  for (const shape of [0.05, 0.3, 1, 5, 200]) {
    it(`shape ${shape}: distributed as the log of sampleGamma (two-sample KS) and as log G (KS against P(a, e^y))`, () => {
      const a = createStream(103, 0, Math.round(shape * 1000));
      const b = createStream(103, 1, Math.round(shape * 1000));
      const logs = drawMany(DRAWS, () => sampleLogGamma(shape, a));
      const logOfGamma = drawMany(DRAWS, () => Math.log(sampleGamma(shape, b)));
      expect(ksDistanceTwoSample(logs, logOfGamma)).toBeLessThan(ksCritical(DRAWS / 2, 1e-4 / 2));
      // And against the exact CDF of log G: P(log G <= y) = P(a, e^y).
      expect(ksDistance(logs, (y) => regularizedGammaP(shape, Math.exp(y)))).toBeLessThan(ksCritical(DRAWS, 1e-4 / 2));
    });
  }

  it('shape 0.001: finite where the gamma draw itself underflows to 0, with the exact CDF of log G (KS)', () => {
    const shape = 0.001;
    const uniform = createStream(104, 0, 1);
    const logs = drawMany(DRAWS, () => sampleLogGamma(shape, uniform));
    expect(logs.every(Number.isFinite)).toBe(true);
    // About 47% of log G lies below ln(MIN_VALUE) = -745 (P = e^(-0.745) / Gamma(1.001)), where G is 0 as a double;
    // there P(a, x) = x^a / Gamma(a + 1) (1 + O(x)).
    expect(logs.filter((y) => y < -745).length).toBeGreaterThan(DRAWS / 4);
    const cdf = (y: number) =>
      y < -700 ? Math.exp(shape * y - lnGamma(shape + 1)) : regularizedGammaP(shape, Math.exp(y));
    expect(ksDistance(logs, cdf)).toBeLessThan(ksCritical(DRAWS, 1e-4));
  });
});

describe('sampleFactor: mean 1 and the coefficient of variation asked for', () => {
  const cases: [FactorDistribution, number][] = [
    ['lognormal', 0.05],
    ['lognormal', 0.25],
    ['lognormal', 1],
    ['gamma', 0.05],
    ['gamma', 0.25],
    ['gamma', 1],
  ];
  for (const [distribution, cv] of cases) {
    it(`${distribution}, cv ${cv}: mean 1, variance cv^2, and its exact CDF (KS)`, () => {
      const uniform = createStream(105, Math.round(cv * 100), distribution === 'gamma' ? 1 : 2);
      const values = drawMany(DRAWS, () => sampleFactor(distribution, cv, uniform));
      expectMoments(values, factorMoments(distribution, cv), zFor(3));
      expect(ksDistance(values, factorCdf(distribution, cv))).toBeLessThan(ksCritical(DRAWS, 1e-4 / 3));
    });
  }

  it('cv 3 (the largest allowed), both distributions: their exact CDFs (KS; the moments of so wide a factor converge too slowly to test)', () => {
    for (const distribution of ['lognormal', 'gamma'] as const) {
      const uniform = createStream(106, 0, distribution === 'gamma' ? 1 : 2);
      const values = drawMany(DRAWS, () => sampleFactor(distribution, 3, uniform));
      expect(values.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
      expect(ksDistance(values, factorCdf(distribution, 3))).toBeLessThan(ksCritical(DRAWS, 1e-4 / 2));
    }
  });

  it('the two distributions differ detectably at cv 0.5 (the KS check can fail)', () => {
    const uniform = createStream(107, 0, 1);
    const lognormal = drawMany(DRAWS, () => sampleFactor('lognormal', 0.5, uniform));
    expect(ksDistance(lognormal, factorCdf('gamma', 0.5))).toBeGreaterThan(ksCritical(DRAWS, 1e-4));
  });

  it('cv 0, and a cv whose square is below the precision of a double, give exactly 1 and draw nothing', () => {
    let drawn = 0;
    const counting: Uniform = () => {
      drawn++;
      return 0.5;
    };
    for (const distribution of ['lognormal', 'gamma'] as const) {
      expect(sampleFactor(distribution, 0, counting)).toBe(1);
      expect(sampleFactor(distribution, 1e-9, counting)).toBe(1);
    }
    expect(drawn).toBe(0);
  });
});

describe('sampleBeta', () => {
  const cases: [number, number][] = [
    [20, 30],
    [0.4 * 50, 0.6 * 50],
    [0.5, 0.5],
    [2, 0.3],
    [0.02 * 50, 0.98 * 50],
  ];
  for (const [a, b] of cases) {
    it(`Beta(${a}, ${b}): mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)), and the beta CDF (KS)`, () => {
      const uniform = createStream(108, Math.round(a * 100), Math.round(b * 100));
      const values = drawMany(DRAWS, () => sampleBeta(a, b, uniform));
      expect(values.every((x) => x >= 0 && x <= 1)).toBe(true);
      expectMoments(values, betaMoments(a, b), zFor(3));
      expect(ksDistance(values, (x) => (x <= 0 ? 0 : x >= 1 ? 1 : regularizedBeta(x, a, b)))).toBeLessThan(
        ksCritical(DRAWS, 1e-4 / 3),
      );
    });
  }
});

describe('sampleDirichlet', () => {
  const shares = [0.5, 0.3, 0.15, 0.05];
  for (const concentration of [1, 10, 300]) {
    it(`concentration ${concentration}: each part Beta(a_i, a_0 - a_i), two parts together Beta(a_0 + a_1, ...), every draw sums to 1`, () => {
      const parameters = Float64Array.from(shares, (s) => s * concentration);
      const uniform = createStream(109, concentration, 1);
      const into = new Float64Array(shares.length);
      const parts = shares.map(() => new Float64Array(DRAWS));
      const firstTwo = new Float64Array(DRAWS);
      let worstSum = 0;
      for (let i = 0; i < DRAWS; i++) {
        sampleDirichlet(parameters, uniform, into);
        let sum = 0;
        for (let j = 0; j < shares.length; j++) {
          parts[j]![i] = into[j]!;
          sum += into[j]!;
        }
        firstTwo[i] = into[0]! + into[1]!;
        worstSum = Math.max(worstSum, Math.abs(sum - 1));
      }
      expect(worstSum).toBeLessThan(1e-12);
      const z = zFor(2 * (shares.length + 1));
      shares.forEach((_, j) => {
        expectMoments(parts[j]!, betaMoments(parameters[j]!, concentration - parameters[j]!), z);
      });
      // The aggregation property checks the covariances: part 0 + part 1 is Beta(a_0 + a_1, the rest).
      const a = parameters[0]! + parameters[1]!;
      expectMoments(firstTwo, betaMoments(a, concentration - a), z);
    });
  }

  it('a parameter of 0 gives a part of exactly 0; one positive parameter gives exactly 1', () => {
    const uniform = createStream(110, 0, 1);
    const into = new Float64Array(3);
    for (let i = 0; i < 1000; i++) {
      sampleDirichlet(Float64Array.of(2, 0, 5), uniform, into);
      expect(into[1]).toBe(0);
      expect(into[0]! + into[2]!).toBeCloseTo(1, 14);
      sampleDirichlet(Float64Array.of(0, 0.7, 0), uniform, into);
      expect(Array.from(into)).toEqual([0, 1, 0]);
    }
  });
});

describe('small parameters (0.001) give no NaN', () => {
  const n = 20_000;

  it('sampleGamma and sampleLogGamma: finite, gamma >= 0 (it may underflow to 0; its log does not)', () => {
    const uniform = createStream(111, 0, 1);
    const gammas = drawMany(n, () => sampleGamma(0.001, uniform));
    const logs = drawMany(n, () => sampleLogGamma(0.001, uniform));
    expect(gammas.every((g) => g >= 0 && Number.isFinite(g))).toBe(true);
    expect(logs.every(Number.isFinite)).toBe(true);
  });

  it('sampleBeta(0.001, b): in [0, 1], with the mean and variance of the beta (nearly a Bernoulli)', () => {
    for (const [a, b] of [
      [0.001, 0.001],
      [0.001, 0.002],
      [0.001, 5],
    ] as const) {
      const uniform = createStream(112, Math.round(a * 1000), Math.round(b * 1000));
      const values = drawMany(DRAWS, () => sampleBeta(a, b, uniform));
      expect(values.every((x) => x >= 0 && x <= 1)).toBe(true);
      expectMoments(values, betaMoments(a, b), zFor(6));
    }
  });

  it('sampleDirichlet with parameters 0.001: parts in [0, 1] that sum to 1, each with its mean', () => {
    const parameters = Float64Array.of(0.001, 0.001, 0.002, 0.004);
    const uniform = createStream(113, 0, 1);
    const into = new Float64Array(4);
    const first = new Float64Array(DRAWS);
    let outside = 0;
    let worstSum = 0;
    for (let i = 0; i < DRAWS; i++) {
      sampleDirichlet(parameters, uniform, into);
      let sum = 0;
      for (const x of into) {
        if (!(x >= 0 && x <= 1)) outside++;
        sum += x;
      }
      worstSum = Math.max(worstSum, Math.abs(sum - 1));
      first[i] = into[0]!;
    }
    expect(outside).toBe(0);
    expect(worstSum).toBeLessThan(1e-12);
    expectMoments(first, betaMoments(0.001, 0.007), zFor(2));
  });
});

describe('a uniform of exactly 0 (Alea gives one in 2^32) gives no -Infinity or NaN', () => {
  /** A stream whose first uniform is 0, then a seeded stream's. */
  const zeroFirst = (): Uniform => {
    const rest = createStream(120, 0, 1);
    let first = true;
    return () => {
      if (!first) return rest();
      first = false;
      return 0;
    };
  };

  it('sampleLogGamma below shape 1: finite', () => {
    for (const shape of [0.001, 0.5, 0.999]) expect(Number.isFinite(sampleLogGamma(shape, zeroFirst()))).toBe(true);
  });

  it('sampleDirichlet with one positive parameter below 1 (one lane, or the others with share 0): exactly 1, not 0 / 0', () => {
    const into = new Float64Array(3);
    sampleDirichlet(Float64Array.of(0.5, 0, 0), zeroFirst(), into);
    expect(Array.from(into)).toEqual([1, 0, 0]);
    sampleDirichlet(Float64Array.of(0.3), zeroFirst(), into);
    expect(into[0]).toBe(1);
  });

  it('sampleBeta with both parameters below 1 and both logs drawn from a 0: in [0, 1], not NaN (a NaN rate would hang sampleBinomial)', () => {
    // With every uniform 0 the normal draw is 0 and Marsaglia-Tsang accepts at once: each log is log(d) + log(0) / a.
    expect(sampleBeta(0.5, 0.5, () => 0)).toBe(0.5);
  });
});

/**
 * Pearson's chi-square of observed counts against an exact pmf, pooling
 * outcomes with fewer than 5 expected into the neighbouring cell, and the
 * critical value at level alpha for its degrees of freedom (Wilson-Hilferty),
 * as test/random/samplers.test.ts does for PoissonSampler.
 */
function chiSquare(counts: Map<number, number>, pmf: (k: number) => number, n: number, alpha: number) {
  let statistic = 0;
  let cells = 0;
  let expected = 0;
  let observed = 0;
  const last = Math.max(...counts.keys()) + 50;
  let tail = 1;
  for (let k = 0; k <= last; k++) {
    const p = pmf(k);
    tail -= p;
    expected += n * p;
    observed += counts.get(k) ?? 0;
    if ((expected >= 5 && n * tail >= 5) || k === last) {
      // The last cell takes the whole upper tail, so the cells cover every outcome.
      if (k === last) expected += n * Math.max(0, tail);
      statistic += (observed - expected) ** 2 / expected;
      cells++;
      expected = 0;
      observed = 0;
    }
  }
  const df = cells - 1;
  const z = probit(1 - alpha);
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical, cells };
}

function tabulate(values: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const k of values) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

const poissonPmf = (mean: number) => (k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));

describe('VaryingPoisson matches the exact Poisson pmf', () => {
  const POISSON_DRAWS = 100_000;
  const means = [0.3, 4, 9.99, 10, 18.25, 199, 250];
  // Two modes per mean, all in one Bonferroni family.
  const alpha = 1e-4 / (2 * means.length);

  for (const mean of means) {
    it(`mean ${mean}: a new mean every draw (${mean < 10 ? 'inversion by sequential search' : 'PTRS'})`, () => {
      // Alternating with another mean makes every draw of `mean` the first of a new mean.
      const sampler = new VaryingPoisson();
      const uniform = createStream(114, 0, Math.round(mean * 100));
      const other = createStream(114, 1, Math.round(mean * 100));
      const draws: number[] = [];
      for (let i = 0; i < POISSON_DRAWS; i++) {
        draws.push(sampler.sample(mean, uniform));
        sampler.sample(mean + 0.5, other);
      }
      const { statistic, critical } = chiSquare(tabulate(draws), poissonPmf(mean), POISSON_DRAWS, alpha);
      expect(statistic).toBeLessThan(critical);
    });

    it(`mean ${mean}: the same mean again and again (${mean <= 200 ? 'tabulated from the second draw' : 'PTRS, never tabulated above 200'})`, () => {
      const sampler = new VaryingPoisson();
      const uniform = createStream(115, 0, Math.round(mean * 100));
      const draws: number[] = [];
      for (let i = 0; i < POISSON_DRAWS; i++) draws.push(sampler.sample(mean, uniform));
      const { statistic, critical } = chiSquare(tabulate(draws), poissonPmf(mean), POISSON_DRAWS, alpha);
      expect(statistic).toBeLessThan(critical);
    });
  }

  it('the chi-square check can fail: mean 18.25 draws are not Poisson(18.5)', () => {
    const sampler = new VaryingPoisson();
    const uniform = createStream(116, 0, 1);
    const draws: number[] = [];
    for (let i = 0; i < POISSON_DRAWS; i++) draws.push(sampler.sample(18.25, uniform));
    const { statistic, critical } = chiSquare(tabulate(draws), poissonPmf(18.5), POISSON_DRAWS, 1e-4);
    expect(statistic).toBeGreaterThan(critical);
  });

  it("a repeated mean is tabulated as PoissonSampler's table: the same counts for the same uniforms", () => {
    for (const mean of [0, 0.3, 4, 9.99, 10, 18.25, 199, 250]) {
      const varying = new VaryingPoisson();
      // The first draw of a mean is drawn directly; tabulation starts with the second.
      varying.sample(mean, createStream(117, 1, 0));
      const fixed = new PoissonSampler(mean);
      const a = createStream(117, 0, Math.round(mean * 100));
      const b = createStream(117, 0, Math.round(mean * 100));
      const fromVarying = Array.from({ length: 20_000 }, () => varying.sample(mean, a));
      const fromFixed = Array.from({ length: 20_000 }, () => fixed.sample(b));
      expect(fromVarying).toEqual(fromFixed);
    }
  });

  it('below a mean of 10 even the first (direct) draw is the inversion of the same CDF: the same count as the table', () => {
    for (const mean of [0.3, 4, 9.99]) {
      const fixed = new PoissonSampler(mean);
      const a = createStream(118, 0, Math.round(mean * 100));
      const b = createStream(118, 0, Math.round(mean * 100));
      const direct = Array.from({ length: 20_000 }, () => new VaryingPoisson().sample(mean, a));
      expect(direct).toEqual(Array.from({ length: 20_000 }, () => fixed.sample(b)));
    }
  });

  it('switching between means re-prepares (no stale table), and a bad mean is a RangeError', () => {
    const sampler = new VaryingPoisson();
    const uniform = createStream(119, 0, 1);
    // Table of 199 grows the buffers past their first 64 entries; then back to a small mean.
    for (let i = 0; i < 3; i++) sampler.sample(199, uniform);
    const small = Array.from({ length: 1000 }, () => sampler.sample(0.3, uniform));
    expect(Math.max(...small)).toBeLessThan(10);
    for (let i = 0; i < 3; i++) expect(sampler.sample(0, uniform)).toBe(0);
    expect(() => sampler.sample(Number.NaN, uniform)).toThrow(RangeError);
    expect(() => sampler.sample(-1, uniform)).toThrow(RangeError);
    expect(() => sampler.sample(Number.POSITIVE_INFINITY, uniform)).toThrow(RangeError);
  });
});
