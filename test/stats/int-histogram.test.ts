import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { IntHistogram } from '../../src/stats/int-histogram.js';
import { runs } from '../fast-check-config.js';

/** Bins a range of values may take: a multiple of its width (growth adds half again on the side that overflowed, see IntHistogram.grow) plus the initial 64 and slack. */
const maxBins = (low: number, high: number) => 3 * (high - low + 1) + 192;

describe('IntHistogram memory follows the spread of the values, not their size', () => {
  it('a backlog around 1,000,000 or 10^12 takes as many bins as one around 0', () => {
    for (const base of [0, 1_000_000, 1e12]) {
      const h = new IntHistogram();
      for (let i = 0; i < 1000; i++) h.add(base + ((i * 7919) % 501) - 250);
      expect(h.byteLength / 8).toBeLessThanOrEqual(maxBins(-250, 250));
      expect(h.count).toBe(1000);
      expect(h.quantile(0)).toBe(base - 250);
      expect(h.quantile(1)).toBe(base + 250);
    }
  });

  it('random integers in any order: bins at most three times the range plus a constant, exact quantiles, sums and merges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e12 }),
        fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: -5000, max: 5000 }), { maxLength: 300 }),
        (base, first, second) => {
          const a = new IntHistogram();
          const b = new IntHistogram();
          for (const x of first) a.add(base + x);
          for (const x of second) b.add(base + x);
          expect(a.byteLength / 8).toBeLessThanOrEqual(maxBins(Math.min(...first), Math.max(...first)));
          a.merge(b);
          const all = [...first, ...second].map((x) => base + x).sort((x, y) => x - y);
          expect(a.byteLength / 8).toBeLessThanOrEqual(maxBins(all[0]! - base, all[all.length - 1]! - base));
          expect(a.count).toBe(all.length);
          expect(a.sum()).toBe(all.reduce((s, x) => s + x, 0));
          for (const p of [0, 0.05, 0.5, 0.95, 1]) expect(a.quantile(p)).toBeCloseTo(quantileSorted(all, p), 6);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('IntHistogram.countAtMost counts exactly what fractionAtMost shares', () => {
  it('known values: below the range, inside it, at its ends and above it', () => {
    const h = new IntHistogram();
    for (const x of [3, 5, 5, 9]) h.add(x);
    h.add(1100, 3);
    expect([2, 3, 4, 5, 9, 1099, 1100, 5000].map((x) => h.countAtMost(x))).toEqual([0, 1, 1, 3, 4, 4, 7, 7]);
    expect(new IntHistogram().countAtMost(10)).toBe(0);
  });

  it('random values: the count of observations <= x, and count / total is fractionAtMost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: -400, max: 400 }),
        (values, x) => {
          const h = new IntHistogram();
          for (const value of values) h.add(value);
          const count = values.filter((value) => value <= x).length;
          expect(h.countAtMost(x)).toBe(count);
          expect(h.fractionAtMost(x)).toBe(count / values.length);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe('IntHistogram against the plain list of its observations', () => {
  it('mean, entries, toData, quantiles and counts equal those of the sorted list, values far apart on both sides', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const histogram = new IntHistogram();
          for (const value of values) histogram.add(value);
          const sorted = [...values].sort((a, b) => a - b);
          expect(histogram.count).toBe(values.length);
          expect(histogram.mean()).toBeCloseTo(sorted.reduce((a, b) => a + b, 0) / sorted.length, 6);
          const counted = new Map<number, number>();
          for (const value of sorted) counted.set(value, (counted.get(value) ?? 0) + 1);
          expect(histogram.entries()).toEqual([...counted.entries()]);
          const data = histogram.toData();
          expect(data.offset).toBe(sorted[0]);
          expect(data.counts.length).toBe(sorted.at(-1)! - sorted[0]! + 1);
          expect(data.counts[0]).toBeGreaterThan(0);
          expect(data.counts.at(-1)).toBeGreaterThan(0);
          expect(histogram.quantile(p)).toBeCloseTo(quantileSorted(sorted, p), 9);
          expect(histogram.quantile(0)).toBe(sorted[0]);
          expect(histogram.quantile(1)).toBe(sorted.at(-1));
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('an empty histogram has no mean, quantile or share; a value that is not an integer is refused', () => {
    const empty = new IntHistogram();
    expect(empty.mean()).toBeNaN();
    expect(empty.quantile(0.5)).toBeNaN();
    expect(empty.fractionAtMost(3)).toBeNaN();
    expect(empty.entries()).toEqual([]);
    expect(() => new IntHistogram().add(2.5)).toThrow(RangeError);
  });
});
