import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../src/random/binomial.js';
import { createStream } from '../../src/random/stream.js';
import { replicationsForHalfWidth, wilsonInterval, Z_95 } from '../../src/stats/proportion.js';

/** The larger side of the Wilson interval at probability p with n replications. */
const halfWidth = (p: number, n: number) => {
  const { low, high } = wilsonInterval(p * n, n);
  return Math.max(p - low, high - p);
};

describe('wilsonInterval', () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (score interval without continuity correction).
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    // The baseline's 11.9% at 1,000 replications.
    [119, 1000, 0.1004, 0.1405],
  ])('%i of %i: %f to %f (published values)', (successes, replications, low, high) => {
    const interval = wilsonInterval(successes, replications);
    expect(interval.successes).toBe(successes);
    expect(interval.replications).toBe(replications);
    expect(interval.probability).toBe(successes / replications);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('0 successes: [0, z^2 / (n + z^2)], not a point; n successes: [n / (n + z^2), 1]', () => {
    const z2 = Z_95 * Z_95;
    for (const n of [1, 20, 400, 1000, 300_000]) {
      const none = wilsonInterval(0, n);
      expect(none.low).toBe(0);
      expect(none.high).toBeCloseTo(z2 / (n + z2), 14);
      expect(none.high).toBeGreaterThan(0);
      const all = wilsonInterval(n, n);
      expect(all.high).toBe(1);
      expect(all.low).toBeCloseTo(n / (n + z2), 14);
      expect(all.low).toBeLessThan(1);
    }
  });

  it('keeps inside [0, 1], contains the estimate and narrows as the replications grow', () => {
    for (const p of [0, 0.001, 0.119, 0.5, 0.9, 0.999, 1]) {
      let width = Number.POSITIVE_INFINITY;
      for (const n of [10, 100, 1000, 10_000, 100_000]) {
        const { probability, low, high } = wilsonInterval(Math.round(p * n), n);
        expect(0 <= low && low <= probability && probability <= high && high <= 1).toBe(true);
        expect(high - low).toBeLessThan(width);
        width = high - low;
      }
    }
  });

  it('the lower bound rises with the successes (what the target search bisects on)', () => {
    for (const n of [20, 400, 1000]) {
      for (let x = 1; x <= n; x++) expect(wilsonInterval(x, n).low).toBeGreaterThan(wilsonInterval(x - 1, n).low);
    }
  });

  it('without replications it knows nothing: [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1 });
    expect(wilsonInterval(0, 0).probability).toBeNaN();
  });
});

describe('the 95% Wilson interval covers the true probability about 95% of the time', () => {
  /** Share of `draws` simulated binomial proportions whose interval (with z) contains p, from a fixed seed. */
  function coverage(n: number, p: number, z: number, draws = 2000): number {
    const uniform = createStream(20240531, n, Math.round(p * 1e6));
    let covered = 0;
    for (let i = 0; i < draws; i++) {
      const { low, high } = wilsonInterval(sampleBinomial(n, p, uniform), n, z);
      if (low <= p && p <= high) covered++;
    }
    return covered / draws;
  }

  // With 2,000 draws the coverage is measured to +/-1 point (95%), so 93-97% allows twice that.
  it.each([
    [1000, 0.9],
    [1000, 0.119],
    [400, 0.5],
    [300, 0.95],
    [5000, 0.137],
  ])('n = %i, p = %f: within 93-97%', (n, p) => {
    const share = coverage(n, p, Z_95);
    expect(share).toBeGreaterThanOrEqual(0.93);
    expect(share).toBeLessThanOrEqual(0.97);
  });

  it('tells a 90% interval from a 95% one: the check is sharp enough to fail', () => {
    const share = coverage(1000, 0.9, 1.6448536269514722);
    expect(share).toBeLessThan(0.93);
    expect(share).toBeGreaterThan(0.87);
  });
});

describe('replicationsForHalfWidth', () => {
  it.each([
    [0.5, 0.01, 9600],
    [0.119, 0.01, 4317],
    [0, 0.01, 381],
    [1, 0.01, 381],
    // 20 of 20 is [83.9%, 100%]; 35 of 35 is the first all-success run whose interval clears 90%.
    [1, 0.1, 35],
  ])('p = %f, +/- %f: %i replications', (p, width, replications) => {
    expect(replicationsForHalfWidth(p, width)).toBe(replications);
  });

  it('is the fewest: the interval is at most the half-width there, wider with one replication less', () => {
    for (const p of [0, 0.03, 0.119, 0.5, 0.9, 0.985, 1]) {
      for (const width of [0.1, 0.02, 0.01, 0.004]) {
        const n = replicationsForHalfWidth(p, width);
        expect(halfWidth(p, n)).toBeLessThanOrEqual(width);
        if (n > 1) expect(halfWidth(p, n - 1)).toBeGreaterThan(width);
      }
    }
  });

  it('needs more replications for a narrower interval, and the same for p and 1 - p', () => {
    for (const p of [0, 0.05, 0.119, 0.5, 0.9, 1]) {
      let previous = 0;
      for (const width of [0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]) {
        const n = replicationsForHalfWidth(p, width);
        expect(n).toBeGreaterThan(previous);
        previous = n;
      }
      expect(replicationsForHalfWidth(1 - p)).toBe(replicationsForHalfWidth(p));
    }
  });

  it('rises with p from 0 to 0.49 (the larger side of the interval peaks within a few replications of 0.5)', () => {
    let previous = 0;
    for (let i = 0; i <= 490; i++) {
      const n = replicationsForHalfWidth(i / 1000);
      expect(n).toBeGreaterThanOrEqual(previous);
      previous = n;
    }
    expect(Math.abs(replicationsForHalfWidth(0.495) - replicationsForHalfWidth(0.5))).toBeLessThanOrEqual(5);
  });
});
