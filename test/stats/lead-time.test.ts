import { describe, expect, it } from 'vitest';
import { leadTimeDays } from '../../src/stats/lead-time.js';

describe('leadTimeDays', () => {
  it('gives the weighted mean and the smallest lead time reaching each share, in days, from counts by week', () => {
    // Weeks 1 and 2, two cases each: mean (7 * 2 + 14 * 2) / 4; half the cases are decided by day 7.
    expect(leadTimeDays(Float64Array.of(0, 2, 2), 1)).toEqual({ mean: 10.5, p50: 7, p90: 14, decided: 4 });
    // 1, 3 and 6 cases at weeks 0, 3 and 5: mean (0 + 63 + 210) / 10; the 5th and 9th cases are in week 5.
    expect(leadTimeDays([1, 0, 0, 3, 0, 6], 2)).toEqual({ mean: 27.3, p50: 35, p90: 35, decided: 5 });
    // 5, 3, 1, 1 cases at weeks 0..3: the 5th case is in week 0 (a share of exactly 1/2 is enough), the 9th in week 2.
    expect(leadTimeDays([5, 3, 1, 1], 4)).toEqual({ mean: 5.6, p50: 0, p90: 14, decided: 2.5 });
  });

  it('reports decided cases per replication', () => {
    expect(leadTimeDays([0, 0, 12], 3).decided).toBe(4);
    expect(leadTimeDays([0, 0, 12], 3).mean).toBe(14);
  });

  it('is all NaN with 0 decided when nothing was decided', () => {
    const none = { mean: Number.NaN, p50: Number.NaN, p90: Number.NaN, decided: 0 };
    expect(leadTimeDays([], 1)).toEqual(none);
    expect(leadTimeDays(new Float64Array(4), 5)).toEqual(none);
  });
});
