import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crpsOfCounts } from '../../src/stats/crps.js';
import { IntHistogram } from '../../src/stats/int-histogram.js';
import { runs } from '../fast-check-config.js';

function histogramOf(values: readonly number[]): IntHistogram {
  const histogram = new IntHistogram();
  for (const value of values) histogram.add(value);
  return histogram;
}

/** E|X - y| - E|X - X'| / 2 over the draws, by brute force. */
function kernelForm(values: readonly number[], observed: number): number {
  const n = values.length;
  let toObserved = 0;
  let between = 0;
  for (const x of values) {
    toObserved += Math.abs(x - observed);
    for (const other of values) between += Math.abs(x - other);
  }
  return toObserved / n - between / (2 * n * n);
}

describe('crpsOfCounts', () => {
  it('is |x - y| for a forecast that puts all its weight on x, 0 when x happened', () => {
    expect(crpsOfCounts(histogramOf([3, 3, 3]), 5)).toBe(2);
    expect(crpsOfCounts(histogramOf([7]), 2)).toBe(5);
    expect(crpsOfCounts(histogramOf([4, 4]), 4)).toBe(0);
  });

  it('is 1/4 for a fair coin between y and y + 1', () => {
    // F = 1/2 on [y, y + 1): (1/2 - 1)^2 = 1/4.
    expect(crpsOfCounts(histogramOf([10, 11]), 10)).toBe(0.25);
    expect(crpsOfCounts(histogramOf([10, 11]), 11)).toBe(0.25);
  });

  it("equals E|X - y| - E|X - X'| / 2 (Gneiting and Raftery) for any draws and any observed count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -10, max: 50 }),
        (values, observed) => {
          expect(crpsOfCounts(histogramOf(values), observed)).toBeCloseTo(kernelForm(values, observed), 10);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
