import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fill } from '../../src/i18n/fill.js';
import { formatDateIn, monthNameIn } from '../../src/i18n/format-date-in.js';
import { formatNumberIn, formatPercentIn } from '../../src/i18n/format-number-in.js';
import { isLang } from '../../src/i18n/lang.js';
import { formatNumber, formatPercent } from '../../src/io/format-number.js';
import { runs } from '../fast-check-config.js';

describe('numbers and dates in English and Dutch', () => {
  it('groups thousands and marks decimals as each language does', () => {
    expect(formatNumberIn('nl', 1440)).toBe('1.440');
    expect(formatNumberIn('en', 1440)).toBe('1,440');
    expect(formatNumberIn('nl', 1_600_712.5, 1)).toBe('1.600.712,5');
    expect(formatNumberIn('nl', -0.04, 1)).toBe('0,0');
    expect(formatNumberIn('nl', -2.25, 1)).toBe('-2,3');
    expect(formatNumberIn('nl', 999)).toBe('999');
    expect(formatNumberIn('en', Number.NaN)).toBe('-');
    expect(formatPercentIn('nl', 0.1336)).toBe('13,4%');
    expect(formatPercentIn('en', 0.904)).toBe('90.4%');
  });

  it('English is what the terminal prints; Dutch is the same figure with the marks swapped', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (value, decimals) => {
          const en = formatNumberIn('en', value, decimals);
          expect(en).toBe(formatNumber(value, decimals).replace(/^-(?=[0.,]*$)/, ''));
          const swapped = en.replace(/[,.]/g, (mark) => (mark === ',' ? '.' : ','));
          expect(formatNumberIn('nl', value, decimals)).toBe(swapped);
        },
      ),
      { numRuns: runs(300) },
    );
    expect(formatPercentIn('en', 0.1336)).toBe(formatPercent(0.1336));
  });

  it('writes dates with the month names of the language', () => {
    expect(formatDateIn('nl', '2024-12-31')).toBe('31 december 2024');
    expect(formatDateIn('en', '2024-12-31')).toBe('31 December 2024');
    expect(formatDateIn('en', 20088, 'short')).toBe('31 Dec 2024');
    expect(formatDateIn('nl', '2024-03-01', 'short')).toBe('1 mrt 2024');
    expect(formatDateIn('nl', 'soon')).toBe('-');
    expect(monthNameIn('nl', 4, 'long')).toBe('mei');
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(fill('{count} by {date}', { count: '1.100', date: '31 december 2024' })).toBe('1.100 by 31 december 2024');
    expect(fill('{count} by {date}', { count: 3 })).toBe('3 by {date}');
    expect(isLang('nl')).toBe(true);
    expect(isLang('de')).toBe(false);
  });
});
