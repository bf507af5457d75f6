import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  gammaQuantile,
  lnGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
} from '../../src/stats/distributions.js';

/** |actual - expected| <= tolerance |expected|. */
function relative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** |actual - expected| <= tolerance. */
function absolute(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** A compensated (Kahan) sum, so that a reference made of many terms keeps its last digits. */
function kahanSum(terms: Iterable<number>): number {
  let sum = 0;
  let carry = 0;
  for (const term of terms) {
    const y = term - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
  }
  return sum;
}

/** ln n! as a compensated sum of logarithms. */
function lnFactorial(n: number): number {
  const logs: number[] = [];
  for (let k = 2; k <= n; k++) logs.push(Math.log(k));
  return kahanSum(logs);
}

/** The Poisson(mean) probabilities of fewer than n events and of n or more, each a sum of positive terms. */
function poissonTails(n: number, mean: number): { below: number; atLeast: number } {
  const below: number[] = [];
  const atLeast: number[] = [];
  let term = Math.exp(-mean);
  for (let k = 0; k < n + 60 + 20 * mean; k++) {
    (k < n ? below : atLeast).push(term);
    term *= mean / (k + 1);
  }
  return { below: kahanSum(below), atLeast: kahanSum(atLeast) };
}

/** For X ~ Binomial(a + b - 1, x): P(X >= a) = I_x(a, b) and P(X < a) = 1 - I_x(a, b), as sums of positive terms. */
function binomialTails(x: number, a: number, b: number): { lower: number; upper: number } {
  const n = a + b - 1;
  const lower: number[] = [];
  const upper: number[] = [];
  for (let j = 0; j <= n; j++) {
    const term = Math.exp(
      lnFactorial(n) - lnFactorial(j) - lnFactorial(n - j) + j * Math.log(x) + (n - j) * Math.log1p(-x),
    );
    (j >= a ? lower : upper).push(term);
  }
  return { lower: kahanSum(lower), upper: kahanSum(upper) };
}

/**
 * 1e-13 relative, or more for a tiny tail: e^L with |L| in the hundreds is
 * only known to about |L| ulps, in the reference and in the function alike.
 */
function expTolerance(value: number): number {
  return 1e-15 * Math.max(100, Math.abs(Math.log(value)));
}

const EULER_GAMMA = 0.5772156649015329;
/** zeta(2) .. zeta(8). */
const ZETA = [
  1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337, 1.017343061984449, 1.0083492773819227,
  1.0040773561979444,
];

/** ln Gamma(1 + e) = -gamma e + sum over k >= 2 of (-1)^k zeta(k) e^k / k, for small e. */
function lnGammaNearOne(e: number): number {
  let sum = -EULER_GAMMA * e;
  for (let k = 2; k <= 8; k++) sum += ((k % 2 === 0 ? 1 : -1) * ZETA[k - 2]! * e ** k) / k;
  return sum;
}

describe('lnGamma against closed forms', () => {
  it('is ln (n - 1)! at whole numbers on both sides of the shift to Stirling (n = 1..12) and far above', () => {
    for (let n = 1; n <= 12; n++) absolute(lnGamma(n), lnFactorial(n - 1), 1e-14 * Math.max(1, lnFactorial(n - 1)));
    for (const n of [20, 57, 171, 1000]) relative(lnGamma(n), lnFactorial(n - 1), 1e-15);
  });

  it('is ln((2n)! sqrt(pi) / (4^n n!)) at n + 1/2', () => {
    for (let n = 0; n <= 30; n++) {
      const expected = lnFactorial(2 * n) + 0.5 * Math.log(Math.PI) - n * Math.log(4) - lnFactorial(n);
      absolute(lnGamma(n + 0.5), expected, 2e-15 * Math.max(1, Math.abs(expected)));
    }
  });

  it('follows the series about 1 near its zeros at 1 and 2, to 1e-14 absolute', () => {
    for (const e of [1e-8, 1e-3, -1e-3, 0.01, -0.01]) {
      absolute(lnGamma(1 + e), lnGammaNearOne(e), 1e-14);
      // Gamma(2 + e) = (1 + e) Gamma(1 + e).
      absolute(lnGamma(2 + e), lnGammaNearOne(e) + Math.log1p(e), 1e-14);
    }
  });

  it('follows Stirling for huge x and is Infinity at Infinity', () => {
    for (const x of [1e7, 1e15, 1e300]) {
      relative(lnGamma(x), (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x), 1e-15);
    }
    expect(lnGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the incomplete gamma function against Poisson sums', () => {
  it('both tails for whole a, on both sides of x = a + 1, the smaller tail to 1e-13 relative', () => {
    for (const a of [1, 2, 3, 7, 25, 60]) {
      for (const x of [
        1e-9,
        0.01 * a,
        0.5 * a,
        a + 1 - 2 ** -30,
        a + 1,
        a + 1 + 2 ** -30,
        1.5 * a + 2,
        3 * a + 20,
        6 * a + 60,
      ]) {
        const { below, atLeast } = poissonTails(a, x);
        // P(a, x) is the probability of a or more Poisson(x) events, Q(a, x) of fewer.
        relative(regularizedGammaP(a, x), atLeast, 1e-13);
        relative(regularizedGammaQ(a, x), below, 1e-13);
      }
    }
  });

  it('P(1/2, x^2) = erf(x) and Q(1/2, x^2) = erfc(x), the far tails to their digits', () => {
    // erf(1e-5) = (2 / sqrt(pi)) (1e-5 - 1e-15 / 3 + ...).
    relative(regularizedGammaP(0.5, 1e-10), (2 / Math.sqrt(Math.PI)) * (1e-5 - 1e-15 / 3), 1e-14);
    relative(regularizedGammaP(0.5, 0.01), 0.1124629160182849, 1e-14);
    relative(regularizedGammaP(0.5, 0.25), 0.5204998778130465, 1e-14);
    relative(regularizedGammaQ(0.5, 0.25), 1 - 0.5204998778130465, 1e-14);
    relative(regularizedGammaP(0.5, 1), 0.8427007929497149, 1e-14);
    relative(regularizedGammaQ(0.5, 9), 2.209049699858544e-5, 1e-13);
    relative(regularizedGammaQ(0.5, 25), 1.5374597944280349e-12, 1e-13);
    relative(regularizedGammaQ(0.5, 100), 2.088487583762545e-45, 1e-13);
    relative(regularizedGammaP(0.5, 9), 0.9999779095030014, 1e-15);
  });

  it('is 0 and 1 at and below 0, 1 and 0 at Infinity', () => {
    for (const a of [0.3, 1, 12]) {
      expect(regularizedGammaP(a, 0)).toBe(0);
      expect(regularizedGammaQ(a, 0)).toBe(1);
      expect(regularizedGammaP(a, -2)).toBe(0);
      expect(regularizedGammaQ(a, -2)).toBe(1);
      expect(regularizedGammaP(a, Number.POSITIVE_INFINITY)).toBe(1);
      expect(regularizedGammaQ(a, Number.POSITIVE_INFINITY)).toBe(0);
    }
  });
});

describe('the incomplete beta function against binomial sums', () => {
  it('I_x(a, b) for whole a, b on both sides of x = (a + 1) / (a + b + 2), the lower tail to 1e-13 relative', () => {
    for (const [a, b] of [
      [1, 1],
      [2, 3],
      [5, 5],
      [1, 7],
      [10, 3],
      [30, 40],
    ] as const) {
      const switchAt = (a + 1) / (a + b + 2);
      for (const x of [
        1e-8,
        0.3 * switchAt,
        switchAt * (1 - 1e-12),
        switchAt,
        switchAt * (1 + 1e-12),
        0.5,
        0.9,
        1 - 2 ** -20,
      ]) {
        const { lower, upper } = binomialTails(x, a, b);
        relative(regularizedBeta(x, a, b), lower, expTolerance(lower));
        // The upper tail through the mirror I_(1-x)(b, a), with 1 - x exact.
        if (x >= 0.5) relative(regularizedBeta(1 - x, b, a), upper, expTolerance(upper));
      }
    }
  });

  it('a small I_x(1/2, 1/2) keeps its digits: (2 / pi) asin(sqrt x)', () => {
    for (const x of [1e-12, 1e-6, 0.01, 0.3, 0.7])
      relative(regularizedBeta(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)), 1e-13);
  });

  it('is 0 at and below 0, 1 at and above 1', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(-0.5, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(regularizedBeta(1.5, 2, 3)).toBe(1);
  });
});

describe('the normal and Student t CDFs', () => {
  it('normalCdf: 1/2 at 0, the tails to their digits, 0 and 1 at the infinities, NaN for NaN', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-0)).toBe(0.5);
    // Phi(-z) = erfc(z / sqrt 2) / 2.
    relative(normalCdf(-5 * Math.SQRT2), 1.5374597944280349e-12 / 2, 1e-13);
    relative(normalCdf(5 * Math.SQRT2), 1 - 1.5374597944280349e-12 / 2, 1e-16);
    relative(normalCdf(-Math.SQRT2), (1 - 0.8427007929497149) / 2, 1e-14);
    relative(normalCdf(Math.SQRT2), (1 + 0.8427007929497149) / 2, 1e-15);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('studentTCdf: the closed forms for 1, 2, 3 and 4 df in both tails', () => {
    for (const u of [1e-6, 0.3, 1, 2.5, 10, 1e3, 1e8]) {
      // 1 df (Cauchy): F(-u) = atan(1 / u) / pi.
      relative(studentTCdf(-u, 1), Math.atan(1 / u) / Math.PI, 1e-13);
      // The upper half is 1 minus the tail: to 1e-14 absolute.
      absolute(studentTCdf(u, 1), 1 - Math.atan(1 / u) / Math.PI, 1e-14);
      // 2 df: F(-u) = (1 - s) / 2 with s = u / sqrt(2 + u^2), 1 - s = 2 / (r (r + u)), r = sqrt(2 + u^2).
      const r2 = Math.sqrt(2 + u * u);
      relative(studentTCdf(-u, 2), 1 / (r2 * (r2 + u)), 1e-13);
      absolute(studentTCdf(u, 2), 1 - 1 / (r2 * (r2 + u)), 1e-14);
      // 4 df: F(-u) = (1 - s)^2 (2 + s) / 4 with s = u / sqrt(4 + u^2), 1 - s = 4 / (r (r + u)).
      const r4 = Math.sqrt(4 + u * u);
      const oneMinusS = 4 / (r4 * (r4 + u));
      relative(studentTCdf(-u, 4), (oneMinusS ** 2 * (3 - oneMinusS)) / 4, 1e-13);
    }
    // 3 df: F(-u) = (phi - sin(phi) cos(phi)) / pi with phi = atan(sqrt(3) / u).
    for (const u of [0.2, 1, 3]) {
      const phi = Math.atan(Math.sqrt(3) / u);
      relative(studentTCdf(-u, 3), (phi - Math.sin(phi) * Math.cos(phi)) / Math.PI, 1e-13);
    }
  });

  it('studentTCdf: 1/2 at 0, 0 and 1 at the infinities and beyond 1e154, NaN for NaN t or df <= 0', () => {
    for (const df of [0.5, 1, 7.5, 300]) {
      expect(studentTCdf(0, df)).toBe(0.5);
      expect(studentTCdf(Number.NEGATIVE_INFINITY, df)).toBe(0);
      expect(studentTCdf(Number.POSITIVE_INFINITY, df)).toBe(1);
      expect(studentTCdf(1e200, df)).toBe(1);
      // The true lower tail is below 1e-200 here (u^2 overflows): it is at most that, and a number.
      const far = studentTCdf(-1e200, df);
      expect(far >= 0 && far <= 1e-100).toBe(true);
      expect(studentTCdf(Number.NaN, df)).toBeNaN();
    }
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTCdf(1, -2)).toBeNaN();
    expect(studentTCdf(1, Number.NaN)).toBeNaN();
  });
});

const TAIL_PROBABILITIES = [1e-10, 1e-3, 0.3, 0.4999, 0.5, 0.5001, 0.7, 0.999, 1 - 1e-10];

describe('quantiles invert their CDFs to 1e-12 in both tails', () => {
  it('normalQuantile', () => {
    for (const p of [...TAIL_PROBABILITIES, 0.5 - 1e-9]) {
      const z = normalQuantile(p);
      // The tail beyond z, computed directly on the side it is small.
      if (p <= 0.5) relative(normalCdf(z), p, 1e-12);
      else relative(normalCdf(-z), 1 - p, 1e-12);
      expect(Math.sign(z)).toBe(Math.sign(p - 0.5));
    }
    // Near 1/2 the quantile is (p - 1/2) sqrt(2 pi) to first order.
    relative(normalQuantile(0.5 - 1e-9), -1e-9 * Math.sqrt(2 * Math.PI), 1e-7);
  });

  it('gammaQuantile for shapes below 1, near 1 and large, with a scale', () => {
    for (const shape of [0.1, 0.5, 1, 3.7, 40, 400]) {
      for (const p of TAIL_PROBABILITIES) {
        const x = gammaQuantile(p, shape);
        if (p <= 0.5) relative(regularizedGammaP(shape, x), p, 1e-12);
        else relative(regularizedGammaQ(shape, x), 1 - p, 1e-12);
        relative(gammaQuantile(p, shape, 0.25), x / 4, 1e-15);
        relative(gammaQuantile(p, shape, 3), 3 * x, 1e-15);
      }
    }
    // Shape 1 is the exponential: -ln(1 - p), and ln 2 at the median.
    relative(gammaQuantile(0.5, 1), Math.LN2, 1e-14);
    relative(gammaQuantile(1e-10, 1, 2), -2 * Math.log1p(-1e-10), 1e-14);
  });

  it('gammaQuantile deep in the lower tail, far below its starting guess: P(shape, x) = p to 1e-12', () => {
    // Newton's steps from the guess halve x many times here before they converge.
    for (const shape of [1, 2, 3.7]) {
      for (const p of [1e-20, 1e-50]) relative(regularizedGammaP(shape, gammaQuantile(p, shape)), p, 1e-12);
    }
    // P(2, x) = x^2 / 2 - x^3 / 3 + ..., so the 1e-20-quantile is sqrt(2e-20) to 1e-10.
    relative(gammaQuantile(1e-20, 2), Math.sqrt(2e-20), 1e-9);
  });

  it('betaQuantile for shapes below 1, mixed and large', () => {
    for (const [a, b] of [
      [0.3, 0.3],
      [0.5, 4],
      [2, 0.5],
      [1, 1],
      [3, 7],
      [50, 80],
    ] as const) {
      for (const p of TAIL_PROBABILITIES) {
        const x = betaQuantile(p, a, b);
        if (p <= 0.5) relative(regularizedBeta(x, a, b), p, 1e-12);
        else if (1 - x > 1e-6) relative(regularizedBeta(1 - x, b, a), 1 - p, 1e-12);
      }
    }
  });

  it('betaQuantile near 1 is one minus the mirrored quantile near 0, to a few ulps', () => {
    // With 1 - p exact (a power of 2), the upper quantile of Beta(a, b) is 1 minus the lower one of Beta(b, a).
    for (const [a, b] of [
      [0.5, 2],
      [2, 0.5],
      [3, 7],
      [0.3, 0.3],
    ] as const) {
      for (const tail of [2 ** -34, 2 ** -10, 0.25]) {
        absolute(betaQuantile(1 - tail, a, b), 1 - betaQuantile(tail, b, a), 4.5e-16);
      }
    }
  });

  it('studentTQuantile for fractional, small and large df', () => {
    for (const df of [0.7, 1, 2.5, 5, 30, 300]) {
      for (const p of TAIL_PROBABILITIES) {
        const t = studentTQuantile(p, df);
        if (p <= 0.5) relative(studentTCdf(t, df), p, 1e-12);
        else relative(studentTCdf(-t, df), 1 - p, 1e-12);
        if (p !== 0.5) expect(Math.sign(t)).toBe(Math.sign(p - 0.5));
      }
    }
  });

  it('studentTQuantile matches the closed forms for 1 and 2 df to 1e-13', () => {
    for (const p of TAIL_PROBABILITIES.filter((p) => p !== 0.5)) {
      // 1 df: tan(pi (p - 1/2)), near 1/2 as it stands (p - 1/2 is exact), in the tails as
      // -1 / tan(pi p) or 1 / tan(pi (1 - p)), so that a small p keeps its digits.
      const cauchy =
        Math.abs(p - 0.5) < 0.25
          ? Math.tan(Math.PI * (p - 0.5))
          : p < 0.5
            ? -1 / Math.tan(Math.PI * p)
            : 1 / Math.tan(Math.PI * (1 - p));
      // Near 1/2 the tail P(T <= -u) is about 1/2, known to 5e-17, which limits u to about 1e-16 absolute.
      absolute(studentTQuantile(p, 1), cauchy, 1e-13 * Math.abs(cauchy) + 1e-15);
      // 2 df: (2p - 1) / sqrt(2 p (1 - p)).
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      absolute(studentTQuantile(p, 2), two, 1e-13 * Math.abs(two) + 1e-15);
    }
  });
});

describe('quantile endpoints and domains', () => {
  it('p = 1/2 gives exactly 0 for the symmetric distributions', () => {
    expect(normalQuantile(0.5)).toBe(0);
    for (const df of [0.5, 1, 3, 100]) expect(studentTQuantile(0.5, df)).toBe(0);
  });

  it('p = 0 and p = 1 give the ends of the support', () => {
    for (const shape of [0.2, 1, 5]) {
      expect(gammaQuantile(0, shape)).toBe(0);
      expect(gammaQuantile(1, shape)).toBe(Number.POSITIVE_INFINITY);
    }
    for (const [a, b] of [
      [0.3, 0.3],
      [2, 5],
    ] as const) {
      expect(betaQuantile(0, a, b)).toBe(0);
      expect(betaQuantile(1, a, b)).toBe(1);
    }
    for (const df of [0.5, 4]) {
      expect(studentTQuantile(0, df)).toBe(Number.NEGATIVE_INFINITY);
      expect(studentTQuantile(1, df)).toBe(Number.POSITIVE_INFINITY);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is NaN for p outside [0, 1] or NaN, and for parameters that are not positive', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) {
      expect(normalQuantile(p)).toBeNaN();
      expect(gammaQuantile(p, 2)).toBeNaN();
      expect(betaQuantile(p, 2, 3)).toBeNaN();
      expect(studentTQuantile(p, 3)).toBeNaN();
    }
    for (const bad of [0, -1, Number.NaN]) {
      expect(gammaQuantile(0.3, bad)).toBeNaN();
      expect(gammaQuantile(0.3, 2, bad)).toBeNaN();
      expect(betaQuantile(0.3, bad, 2)).toBeNaN();
      expect(betaQuantile(0.3, 2, bad)).toBeNaN();
      expect(studentTQuantile(0.3, bad)).toBeNaN();
    }
  });
});
