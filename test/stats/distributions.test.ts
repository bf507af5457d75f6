import fc from 'fast-check';
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
import { Z_95 } from '../../src/stats/proportion.js';

/** |actual - expected| <= tolerance x max(1, |expected|): relative for large values, absolute near 0. */
function close(actual: number, expected: number, tolerance = 1e-10): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

const PROBABILITIES = [
  1e-12,
  1e-6,
  0.001,
  0.01,
  0.05,
  0.1,
  0.25,
  0.4,
  0.5,
  0.6,
  0.75,
  0.9,
  0.95,
  0.99,
  0.999,
  1 - 1e-9,
];

describe('lnGamma', () => {
  it('is ln((n - 1)!) at whole numbers and ln sqrt(pi) at 1/2', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      close(lnGamma(n), Math.log(factorial), 1e-14);
      factorial *= n;
    }
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    close(lnGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2), 1e-14);
    close(lnGamma(100), 359.1342053695754, 1e-15);
  });

  it('follows Gamma(x + 1) = x Gamma(x) and is -ln x - gamma x near 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e4, noNaN: true }), (x) => {
        close(lnGamma(x + 1), lnGamma(x) + Math.log(x), 1e-13);
      }),
    );
    const eulerGamma = 0.5772156649015329;
    close(lnGamma(1e-10), -Math.log(1e-10) - eulerGamma * 1e-10, 1e-15);
  });

  it('is NaN where Gamma has no logarithm (x <= 0)', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1.5)).toBeNaN();
    expect(lnGamma(Number.NaN)).toBeNaN();
  });
});

describe('the incomplete gamma and beta functions', () => {
  it('P(1, x) = 1 - e^-x and Q(1, x) = e^-x, the small tail to its last digits', () => {
    for (const x of [1e-8, 0.1, 1, 2, 5, 20, 50, 200]) {
      close(regularizedGammaP(1, x), -Math.expm1(-x), 1e-14);
      expect(Math.abs(regularizedGammaQ(1, x) / Math.exp(-x) - 1)).toBeLessThan(1e-12);
    }
  });

  it('Q(n, x) is the Poisson probability of fewer than n events with mean x', () => {
    for (const mean of [0.5, 3, 17.5, 60]) {
      for (const n of [1, 2, 5, 10, 40, 90]) {
        let term = Math.exp(-mean);
        let below = 0;
        for (let k = 0; k < n; k++) {
          below += term;
          term *= mean / (k + 1);
        }
        close(regularizedGammaQ(n, mean), below, 1e-13);
      }
    }
  });

  it('P(1/2, x^2) = erf(x)', () => {
    close(regularizedGammaP(0.5, 1), 0.8427007929497149, 1e-14);
    close(regularizedGammaP(0.5, 0.25), 0.5204998778130465, 1e-14);
    close(regularizedGammaP(0.5, 4), 0.9953222650189527, 1e-14);
  });

  it('I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_x(a, b) = 1 - I_(1-x)(b, a), I_1/2(a, a) = 1/2', () => {
    for (const x of [1e-6, 0.01, 0.2, 0.5, 0.77, 0.99]) {
      for (const a of [0.3, 1, 2.5, 10, 80]) {
        close(regularizedBeta(x, a, 1), x ** a, 1e-13);
        close(regularizedBeta(x, 1, a), 1 - (1 - x) ** a, 1e-13);
        close(regularizedBeta(x, a, 3.7), 1 - regularizedBeta(1 - x, 3.7, a), 1e-12);
      }
    }
    for (const a of [0.1, 1, 7.5, 300]) close(regularizedBeta(0.5, a, a), 0.5, 1e-13);
  });
});

describe('quantile functions', () => {
  it('the normal: 1.959963984540054 at 0.975, 1.2815515655446004 at 0.9, symmetric, the inverse of the CDF', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-14);
    close(normalQuantile(0.975), Z_95, 1e-14);
    close(normalQuantile(0.9), 1.2815515655446004, 1e-14);
    close(normalQuantile(0.5), 0, 0);
    close(normalQuantile(0.025), -1.959963984540054, 1e-14);
    close(normalQuantile(1e-10), -6.361340902404056, 1e-13);
    for (const p of PROBABILITIES) {
      // 1 - p is exact for p >= 0.5, so the mirror is exactly the other tail.
      if (p >= 0.5) expect(normalQuantile(1 - p) + normalQuantile(p)).toBe(0);
      const reached = normalCdf(normalQuantile(p));
      expect(Math.abs(reached - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('the gamma: shape 1 is the exponential -scale ln(1 - p); any shape inverts P(shape, x)', () => {
    for (const p of PROBABILITIES) {
      close(gammaQuantile(p, 1, 1), -Math.log1p(-p), 1e-12);
      close(gammaQuantile(p, 1, 3.5), -3.5 * Math.log1p(-p), 1e-12);
      for (const shape of [0.05, 0.5, 2, 9.3, 150]) {
        const x = gammaQuantile(p, shape, 1);
        if (p <= 0.5) expect(Math.abs(regularizedGammaP(shape, x) - p) / p).toBeLessThan(1e-11);
        else expect(Math.abs(regularizedGammaQ(shape, x) - (1 - p)) / (1 - p)).toBeLessThan(1e-11);
        close(gammaQuantile(p, shape, 4), 4 * x, 1e-14);
      }
    }
    // Shape 2: P(2, x) = 1 - e^-x (1 + x); at x = 1, P = 1 - 2 / e.
    close(gammaQuantile(1 - 2 / Math.E, 2, 1), 1, 1e-12);
  });

  it('the beta: Beta(a, 1) is p^(1/a), Beta(1, b) is 1 - (1 - p)^(1/b); any (a, b) inverts I_x(a, b)', () => {
    for (const p of PROBABILITIES) {
      for (const a of [0.2, 1, 3, 40]) {
        close(betaQuantile(p, a, 1), p ** (1 / a), 1e-12);
        close(betaQuantile(p, 1, a), -Math.expm1(Math.log1p(-p) / a), 1e-12);
      }
      for (const [a, b] of [
        [0.5, 0.5],
        [2, 5],
        [30, 0.7],
        [120, 200],
      ] as const) {
        const x = betaQuantile(p, a, b);
        const reached = regularizedBeta(x, a, b);
        if (p <= 0.5) expect(Math.abs(reached - p) / p).toBeLessThan(1e-9);
        // Above, x is near 1, where doubles are 1e-16 apart: check the upper tail only where they resolve it.
        else if (p <= 0.999) expect(Math.abs(1 - reached - (1 - p)) / (1 - p)).toBeLessThan(1e-9);
      }
    }
  });

  it('Student t: 1 df is the Cauchy tan(pi (p - 1/2)), 2 df is (2p - 1) sqrt(2 / (4p (1 - p)))', () => {
    for (const p of PROBABILITIES) {
      // tan(pi (p - 1/2)) = -1 / tan(pi p), written so that a small p keeps its digits.
      const cauchy = p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
      expect(Math.abs(studentTQuantile(p, 1) - cauchy)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(cauchy)));
      const two = (2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p)));
      expect(Math.abs(studentTQuantile(p, 2) - two)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(two)));
    }
    close(studentTQuantile(0.95, 2), 2.919985580353725, 1e-13);
    close(studentTCdf(1, 1), 0.75, 1e-14);
  });

  it('Student t: 4 df has a closed form, and many df approach the normal', () => {
    // With 4 df, F(t) = 1/2 + (3/4) s (1 - s^2 / 3) with s = t / sqrt(4 + t^2).
    for (const p of PROBABILITIES.filter((p) => p >= 0.001 && p <= 0.999)) {
      const t = studentTQuantile(p, 4);
      const s = t / Math.sqrt(4 + t * t);
      close(0.5 + 0.75 * s * (1 - (s * s) / 3), p, 1e-13);
    }
    expect(Math.abs(studentTQuantile(0.975, 1e7) - Z_95)).toBeLessThan(1e-6);
    expect(studentTQuantile(0.975, 30)).toBeGreaterThan(Z_95);
  });

  it('is monotone in p for every distribution', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        (p, q, a, b) => {
          const [low, high] = p <= q ? [p, q] : [q, p];
          // Up to the last digits: p one ulp apart may give quantiles rounded either way.
          const ordered = (x: number, y: number) => expect(x - y).toBeLessThanOrEqual(1e-13 * Math.abs(y));
          ordered(normalQuantile(low), normalQuantile(high));
          ordered(gammaQuantile(low, a, 1), gammaQuantile(high, a, 1));
          ordered(betaQuantile(low, a, b), betaQuantile(high, a, b));
          ordered(studentTQuantile(low, a), studentTQuantile(high, a));
        },
      ),
    );
  });

  it('gives NaN for parameters outside their domain', () => {
    expect(gammaQuantile(0.5, 0, 1)).toBeNaN();
    expect(gammaQuantile(0.5, 1, -1)).toBeNaN();
    expect(betaQuantile(0.5, 1, 0)).toBeNaN();
    expect(studentTQuantile(0.5, 0)).toBeNaN();
    expect(studentTQuantile(-0.1, 3)).toBeNaN();
  });
});
