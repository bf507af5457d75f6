import { describe, expect, it } from 'vitest';
import { dateScale } from '../../../src/io/report/date-scale.js';
import { escapeXml } from '../../../src/io/report/escape-xml.js';
import { finiteExtent } from '../../../src/io/report/finite-extent.js';
import { formatDate } from '../../../src/io/report/format-date.js';
import { formatSigned } from '../../../src/io/report/format-signed.js';
import { linearScale } from '../../../src/io/report/linear-scale.js';
import { niceStep } from '../../../src/io/report/nice-step.js';
import { paletteColour } from '../../../src/io/report/palette.js';
import { parseIsoDate } from '../../../src/io/report/parse-iso-date.js';
import { roundCoordinate } from '../../../src/io/report/round-coordinate.js';

describe('niceStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1440, 6)).toBe(200);
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(35, 5)).toBe(5);
    expect(niceStep(0, 5)).toBe(1);
    expect(niceStep(NaN, 5)).toBe(1);
  });
});

describe('linearScale', () => {
  it('gives nice ticks and a nice domain for [0, 1440]', () => {
    const scale = linearScale({ min: 0, max: 1440, rangeStart: 300, rangeEnd: 20 });
    expect(scale.ticks).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600]);
    expect(scale.domainMin).toBe(0);
    expect(scale.domainMax).toBe(1600);
    expect(scale.tickDecimals).toBe(0);
  });

  it('maps the domain ends onto the range ends, and linearly between', () => {
    const scale = linearScale({ min: 0, max: 100, rangeStart: 300, rangeEnd: 20 });
    expect(scale.toPixel(0)).toBe(300);
    expect(scale.toPixel(100)).toBe(20);
    expect(scale.toPixel(50)).toBe(160);
  });

  it('includes 0 for counts', () => {
    const scale = linearScale({ min: 800, max: 1100, includeZero: true, rangeStart: 0, rangeEnd: 100 });
    expect(scale.domainMin).toBe(0);
    expect(scale.ticks[0]).toBe(0);
    expect(scale.domainMax).toBe(1200);
  });

  it('pads a zero-width domain', () => {
    const zeros = linearScale({ min: 0, max: 0, includeZero: true, rangeStart: 300, rangeEnd: 20 });
    expect(zeros.domainMax).toBeGreaterThan(0);
    expect(Number.isFinite(zeros.toPixel(0))).toBe(true);
    const same = linearScale({ min: 50, max: 50, rangeStart: 300, rangeEnd: 20 });
    expect(same.domainMin).toBeLessThan(50);
    expect(same.domainMax).toBeGreaterThan(50);
    expect(same.toPixel(50)).toBeCloseTo(160, 6);
  });

  it('keeps count ticks whole with integerTicks', () => {
    expect(
      linearScale({ min: 0, max: 0, includeZero: true, integerTicks: true, rangeStart: 1, rangeEnd: 0 }).ticks,
    ).toEqual([0, 1]);
    expect(linearScale({ min: 0, max: 0, includeZero: true, rangeStart: 1, rangeEnd: 0 }).ticks).toEqual([
      0, 0.2, 0.4, 0.6, 0.8, 1,
    ]);
  });

  it('treats non-finite bounds as 0', () => {
    const scale = linearScale({ min: NaN, max: Infinity, rangeStart: 0, rangeEnd: 10 });
    expect(scale.ticks.every((tick) => Number.isFinite(tick))).toBe(true);
    expect(Number.isFinite(scale.toPixel(0))).toBe(true);
  });
});

describe('dates', () => {
  it('parses ISO dates as UTC days', () => {
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('2024-01-01')).toBe(19723);
    expect(parseIsoDate('2024-02-30')).toBeNaN();
    expect(parseIsoDate('1 Jan 2024')).toBeNaN();
  });

  it('formats days as short English dates', () => {
    expect(formatDate(parseIsoDate('2024-12-31'))).toBe('31 Dec 2024');
    expect(formatDate(NaN)).toBe('-');
  });
});

describe('dateScale', () => {
  const range = { rangeStart: 64, rangeEnd: 700 };

  it('puts 12 month ticks on 2024, "Jan 2024" first', () => {
    const scale = dateScale({ startDay: parseIsoDate('2024-01-01'), endDay: parseIsoDate('2024-12-30'), ...range });
    expect(scale.ticks.map((tick) => tick.label)).toEqual([
      'Jan 2024',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ]);
    expect(scale.ticks[1]?.day).toBe(parseIsoDate('2024-02-01'));
    expect(scale.toPixel(parseIsoDate('2024-01-01'))).toBe(64);
    expect(scale.toPixel(parseIsoDate('2024-12-30'))).toBe(700);
  });

  it('labels the year on the first tick and on January', () => {
    const scale = dateScale({ startDay: parseIsoDate('2024-10-15'), endDay: parseIsoDate('2025-03-10'), ...range });
    expect(scale.ticks.map((tick) => tick.label)).toEqual(['Nov 2024', 'Dec', 'Jan 2025', 'Feb', 'Mar']);
  });

  it('uses quarters up to about three years and years beyond', () => {
    const quarters = dateScale({ startDay: parseIsoDate('2024-01-01'), endDay: parseIsoDate('2025-12-31'), ...range });
    expect(quarters.ticks.map((tick) => tick.label)).toEqual([
      'Jan 2024',
      'Apr',
      'Jul',
      'Oct',
      'Jan 2025',
      'Apr',
      'Jul',
      'Oct',
    ]);
    const years = dateScale({ startDay: parseIsoDate('2024-01-01'), endDay: parseIsoDate('2028-12-31'), ...range });
    expect(years.ticks.map((tick) => tick.label)).toEqual(['2024', '2025', '2026', '2027', '2028']);
    const decades = dateScale({ startDay: parseIsoDate('2024-01-01'), endDay: parseIsoDate('2054-01-01'), ...range });
    expect(decades.ticks.length).toBeLessThanOrEqual(10);
  });

  it('pads a single day and labels it in full without a month start', () => {
    const day = parseIsoDate('2024-03-13');
    const scale = dateScale({ startDay: day, endDay: day, ...range });
    expect(scale.ticks).toEqual([{ day, label: '13 Mar 2024' }]);
    expect(scale.toPixel(day)).toBe(382);
  });
});

describe('small helpers', () => {
  it('escapes XML', () => {
    expect(escapeXml(`a<b&"c"'`)).toBe('a&lt;b&amp;&quot;c&quot;&#39;');
  });

  it('rounds coordinates to 0.1 px', () => {
    expect(roundCoordinate(12.345)).toBe('12.3');
    expect(roundCoordinate(12.35)).toBe('12.4');
    expect(roundCoordinate(7)).toBe('7');
    expect(roundCoordinate(-0.01)).toBe('0');
  });

  it('cycles the Okabe–Ito palette', () => {
    expect(paletteColour(0)).toBe('#0072B2');
    expect(paletteColour(5)).toBe('#D55E00');
    expect(paletteColour(8)).toBe('#0072B2');
  });

  it('signs changes with a true minus', () => {
    expect(formatSigned(-58)).toBe('\u221258');
    expect(formatSigned(1440.4)).toBe('+1,440');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(-0.2)).toBe('0');
    expect(formatSigned(NaN)).toBe('-');
  });

  it('finds the finite extent', () => {
    expect(finiteExtent([3, NaN, 1, Infinity, 8])).toEqual({ min: 1, max: 8 });
    expect(finiteExtent([NaN])).toBeNull();
    expect(finiteExtent([])).toBeNull();
  });
});
