import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crpsOfSorted } from '../../src/stats/crps.js';
import { runs } from '../fast-check-config.js';

const sorted = (values: readonly number[]) => Float64Array.from(values).sort();

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

/** The integral of (F(x) - 1{x >= y})^2 for whole-number draws and y: a sum over whole k, F being a step function. */
function stepSum(values: readonly number[], observed: number): number {
  const low = Math.min(observed, ...values);
  const high = Math.max(observed, ...values);
  let sum = 0;
  for (let k = low; k <= high; k++) {
    const f = values.filter((x) => x <= k).length / values.length;
    sum += (f - (k >= observed ? 1 : 0)) ** 2;
  }
  return sum;
}

describe('crpsOfSorted', () => {
  it('is |x - y| for a forecast that puts all its weight on x, 0 when x happened', () => {
    expect(crpsOfSorted(sorted([3, 3, 3]), 5)).toBe(2);
    expect(crpsOfSorted(sorted([7]), 2)).toBe(5);
    expect(crpsOfSorted(sorted([4, 4]), 4)).toBe(0);
    expect(crpsOfSorted(new Float64Array(0), 4)).toBeNaN();
  });

  it('is 1/4 for a fair coin between y and y + 1', () => {
    expect(crpsOfSorted(sorted([10, 11]), 10)).toBe(0.25);
    expect(crpsOfSorted(sorted([10, 11]), 11)).toBe(0.25);
  });

  it('equals E|X - y| - E|X - X`| / 2 by brute force, and the integral of (F - step)^2 for counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -10, max: 50 }),
        (values, observed) => {
          const crps = crpsOfSorted(sorted(values), observed);
          expect(crps).toBeCloseTo(kernelForm(values, observed), 10);
          expect(crps).toBeCloseTo(stepSum(values, observed), 10);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
