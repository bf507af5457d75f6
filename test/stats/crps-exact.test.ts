import { describe, expect, it } from 'vitest';
import { crpsOfSorted } from '../../src/stats/crps.js';

/** Within a few rounding errors of a value computed by hand. */
function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(4e-16 * Math.max(1, expected));
}

describe('crpsOfSorted on small hand-computed ensembles', () => {
  it('{1, 2, 4}: E|X - X`| / 2 = 2/3, and E|X - y| is 4/3 at 3, 7/3 at 0, 23/3 at 10', () => {
    const draws = Float64Array.of(1, 2, 4);
    // Inside the ensemble: E|X - 3| = (2 + 1 + 1) / 3.
    near(crpsOfSorted(draws, 3), 4 / 3 - 2 / 3);
    // Below it: E|X - 0| = 7 / 3.
    near(crpsOfSorted(draws, 0), 7 / 3 - 2 / 3);
    // Above it: E|X - 10| = (9 + 8 + 6) / 3.
    near(crpsOfSorted(draws, 10), 23 / 3 - 2 / 3);
    // On a draw: E|X - 2| = (1 + 0 + 2) / 3.
    near(crpsOfSorted(draws, 2), 1 - 2 / 3);
  });

  it('ties: {2, 2, 5} against 2 is 1 - (2 x 2 x 3 / 9) / 2 = 1/3', () => {
    near(crpsOfSorted(Float64Array.of(2, 2, 5), 2), 1 / 3);
  });

  it('four draws {0, 1, 1, 6} against 1.5: E|X - y| = 7/4, E|X - X`| / 2 = 9/8', () => {
    // Unordered pairs: |0-1| twice, |0-6|, |1-1|, |1-6| twice sum to 18, so the 16 ordered pairs sum to 36.
    near(crpsOfSorted(Float64Array.of(0, 1, 1, 6), 1.5), 5 / 8);
  });

  it('one draw is the distance to it, no draws are NaN', () => {
    expect(crpsOfSorted(Float64Array.of(-2.5), 1)).toBe(3.5);
    expect(crpsOfSorted(Float64Array.of(-2.5), -2.5)).toBe(0);
    expect(crpsOfSorted(new Float64Array(0), 0)).toBeNaN();
  });
});
