import { describe, expect, it } from 'vitest';
import { probit, quantileSorted } from 'simple-statistics';
import fc from 'fast-check';
import { sampleBinomial } from '../../src/random/binomial.js';
import { logFactorial } from '../../src/random/log-factorial.js';
import { PoissonSampler } from '../../src/random/poisson.js';
import { createStream, streamSeed } from '../../src/random/stream.js';
import { IntHistogram } from '../../src/stats/int-histogram.js';

const DRAWS = 100_000;

/**
 * Pearson's chi-square of observed counts against an exact pmf, pooling
 * outcomes with fewer than 5 expected into the neighbouring cell, and the
 * 0.999 critical value for its degrees of freedom (Wilson-Hilferty).
 */
function chiSquare(counts: Map<number, number>, pmf: (k: number) => number, n: number, support: [number, number]) {
  let statistic = 0;
  let cells = 0;
  let expected = 0;
  let observed = 0;
  for (let k = support[0]; k <= support[1]; k++) {
    expected += n * pmf(k);
    observed += counts.get(k) ?? 0;
    if (expected >= 5 || k === support[1]) {
      statistic += (observed - expected) ** 2 / expected;
      cells++;
      expected = 0;
      observed = 0;
    }
  }
  const df = cells - 1;
  const z = probit(0.999);
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical };
}

function draw(n: number, sample: () => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = sample();
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

describe('PoissonSampler matches the exact Poisson pmf', () => {
  for (const mean of [0.75, 2.5, 18.25, 199, 250, 5000]) {
    it(`mean ${mean} (${mean <= 200 ? 'table inversion' : 'PTRS rejection'})`, () => {
      const sampler = new PoissonSampler(mean);
      const uniform = createStream(42, 0, Math.round(mean * 100));
      const counts = draw(DRAWS, () => sampler.sample(uniform));
      const pmf = (k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
      const span = Math.ceil(8 * Math.sqrt(mean) + 10);
      const { statistic, critical } = chiSquare(counts, pmf, DRAWS, [
        Math.max(0, Math.floor(mean) - span),
        Math.floor(mean) + span,
      ]);
      expect(statistic).toBeLessThan(critical);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const mean_ = [...counts.entries()].reduce((s, [k, c]) => s + k * c, 0) / total;
      expect(Math.abs(mean_ - mean)).toBeLessThan(5 * Math.sqrt(mean / DRAWS));
    });
  }

  it('mean 0 always gives 0', () => {
    const sampler = new PoissonSampler(0);
    const uniform = createStream(1, 0, 1);
    for (let i = 0; i < 100; i++) expect(sampler.sample(uniform)).toBe(0);
  });

  it('rejects a negative or infinite mean', () => {
    expect(() => new PoissonSampler(-1)).toThrow(RangeError);
    expect(() => new PoissonSampler(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('sampleBinomial matches the exact binomial pmf', () => {
  for (const [n, p] of [
    [30, 0.4],
    [5, 0.02],
    [40, 0.3],
    [1200, 0.4],
    [1000, 0.98],
    [100_000, 0.32],
  ] as const) {
    it(`n ${n}, p ${p}`, () => {
      const uniform = createStream(43, 0, n);
      const counts = draw(DRAWS, () => sampleBinomial(n, p, uniform));
      const logPmf = (k: number) =>
        logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log(1 - p);
      const { statistic, critical } = chiSquare(counts, (k) => (k < 0 || k > n ? 0 : Math.exp(logPmf(k))), DRAWS, [
        0,
        n,
      ]);
      expect(statistic).toBeLessThan(critical);
    });
  }

  it('edge cases: n 0, p 0, p 1', () => {
    const uniform = createStream(1, 0, 2);
    expect(sampleBinomial(0, 0.5, uniform)).toBe(0);
    expect(sampleBinomial(10, 0, uniform)).toBe(0);
    expect(sampleBinomial(10, 1, uniform)).toBe(10);
  });
});

describe('streams', () => {
  it('depend only on (seed, replication, key)', () => {
    const a = createStream(9, 3, 77);
    const b = createStream(9, 3, 77);
    const c = createStream(9, 4, 77);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(streamSeed(9, 3, 77)).not.toBe(streamSeed(9, 3, 78));
    expect(streamSeed(9, 2 ** 32 + 3, 77)).not.toBe(streamSeed(9, 3, 77));
  });
});

describe('IntHistogram', () => {
  it('quantiles equal simple-statistics quantileSorted on the raw values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 5000 }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const histogram = new IntHistogram();
          values.forEach((v) => {
            histogram.add(v);
          });
          const sorted = [...values].sort((a, b) => a - b);
          expect(histogram.quantile(p)).toBeCloseTo(quantileSorted(sorted, p), 9);
          expect(histogram.count).toBe(values.length);
          expect(histogram.fractionAtMost(sorted[0]!)).toBe(
            sorted.filter((v) => v <= sorted[0]!).length / values.length,
          );
        },
      ),
    );
  });

  it('merging in any split gives the same counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), fc.nat(200), (values, cut) => {
        const whole = new IntHistogram();
        values.forEach((v) => {
          whole.add(v);
        });
        const left = new IntHistogram();
        const right = new IntHistogram();
        values.forEach((v, i) => {
          (i < cut ? left : right).add(v);
        });
        left.merge(right);
        expect(left.entries()).toEqual(whole.entries());
      }),
    );
  });
});
