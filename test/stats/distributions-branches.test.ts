import { describe, expect, it } from 'vitest';
import { betaQuantile, lnGamma, regularizedGammaQ, studentTQuantile } from '../../src/stats/distributions.js';

/** |actual - expected| <= tolerance x |expected|. */
function closeRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('distribution branches at their switch points', () => {
  it('lnGamma at 4 and 5 is within 2e-15 of ln 3! and ln 4! (the shift to 10 before Stirling)', () => {
    // mpmath, 40 digits.
    expect(Math.abs(lnGamma(4) - 1.791759469228055)).toBeLessThanOrEqual(2e-15);
    expect(Math.abs(lnGamma(5) - 3.1780538303479458)).toBeLessThanOrEqual(2e-15);
  });

  it('Q(a, a + 1), where the series gives way to the continued fraction, is accurate to 5e-15', () => {
    // mpmath, 40 digits.
    closeRelative(regularizedGammaQ(0.5, 1.5), 0.0832645166635504, 5e-15);
    closeRelative(regularizedGammaQ(1, 2), 0.1353352832366127, 5e-15);
    closeRelative(regularizedGammaQ(2, 3), 0.19914827347145578, 5e-15);
  });

  it('the quantile solvers stop at the root, not where a wrong slope makes Newton steps small', () => {
    closeRelative(betaQuantile(0.5, 2, 1), Math.SQRT1_2, 1e-14);
    closeRelative(betaQuantile(0.5, 1, 2), 1 - Math.SQRT1_2, 1e-14);
    // mpmath, 40 digits.
    closeRelative(studentTQuantile(0.25, 100), -0.6769510430114715, 1e-13);
  });
});
