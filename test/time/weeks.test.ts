import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate } from '../../src/time/weeks.js';

describe('dayNumber', () => {
  it('counts days from 1970-01-01 and refuses dates that are not in the calendar', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01')! - dayNumber('2024-02-28')!).toBe(2);
    expect(dayNumber('2023-03-01')! - dayNumber('2023-02-28')!).toBe(1);
    for (const bad of ['2024-02-30', '2024-13-01', '2023-02-29', '2024-1-1', '24-01-01', '2024-01-01x'])
      expect(dayNumber(bad), bad).toBeNull();
  });

  it('reads the years 0000-0099 as written (Date.UTC would make them 1900-1999)', () => {
    expect(dayNumber('0001-01-01')).toBe(-719162);
    expect(isoDate(dayNumber('0099-12-31')!)).toBe('0099-12-31');
  });

  it('isoDate is its inverse for every day of the years 1-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0001-01-01')!, max: dayNumber('9999-12-31')! }), (day) => {
        expect(dayNumber(isoDate(day))).toBe(day);
      }),
    );
  });
});
