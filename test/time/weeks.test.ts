import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  firstOfMonth,
  firstOfNextMonth,
  isoDate,
  isoWeek,
  isoWeekLabel,
  monthOfDay,
  scenarioIsoWeek,
  weekEndDate,
  weekEndingBy,
  weekLabel,
  weekOf,
  weekStartDate,
  weekdayOf,
} from '../../src/time/weeks.js';

describe('dayNumber', () => {
  it('counts days from 1970-01-01 and refuses dates that are not in the calendar', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-01-01')).toBe(19723);
    expect(dayNumber('2024-03-01')! - dayNumber('2024-02-28')!).toBe(2);
    expect(dayNumber('2023-03-01')! - dayNumber('2023-02-28')!).toBe(1);
    for (const bad of ['2024-02-30', '2024-13-01', '2023-02-29', '2024-1-1', '24-01-01', '2024-01-01x', ''])
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

describe('days and months', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-01-01', 0)).toBe('2024-01-01');
  });

  it('finds the first of the next month, also in December and in the years 0001-0099', () => {
    const next = (date: string) => isoDate(firstOfNextMonth(dayNumber(date)!));
    expect(next('2024-01-01')).toBe('2024-02-01');
    expect(next('2024-01-31')).toBe('2024-02-01');
    expect(next('2024-02-01')).toBe('2024-03-01');
    expect(next('2024-12-01')).toBe('2025-01-01');
    expect(next('0050-12-01')).toBe('0051-01-01');
    expect(next('0099-12-15')).toBe('0100-01-01');
  });

  it('gives the month of a day, January 0', () => {
    expect(monthOfDay(dayNumber('2024-01-31')!)).toBe(0);
    expect(monthOfDay(dayNumber('2024-02-29')!)).toBe(1);
    expect(monthOfDay(dayNumber('2024-12-31')!)).toBe(11);
  });
});

describe('weeks of a scenario', () => {
  const start = '2024-01-01';

  it('week t runs from start + 7t to start + 7t + 6', () => {
    expect(weekStartDate(start, 0)).toBe('2024-01-01');
    expect(weekStartDate(start, 1)).toBe('2024-01-08');
    expect(weekStartDate(start, -1)).toBe('2023-12-25');
    expect(weekEndDate(start, 0)).toBe('2024-01-07');
    expect(weekEndDate(start, 51)).toBe('2024-12-29');
    expect(weekEndDate(start, 52)).toBe('2025-01-05');
  });

  it('the week that ends by a date is the last whole week ending on or before it', () => {
    expect(weekEndingBy(start, '2024-01-06')).toBe(-1);
    expect(weekEndingBy(start, '2024-01-07')).toBe(0);
    expect(weekEndingBy(start, '2024-01-13')).toBe(0);
    expect(weekEndingBy(start, '2024-01-14')).toBe(1);
    expect(weekEndingBy(start, '2024-12-31')).toBe(51);
    expect(weekEndingBy('2024-01-02', '2024-12-29')).toBe(50);
  });

  it('the week a date falls in, negative before the start', () => {
    expect(weekOf(start, '2024-01-01')).toBe(0);
    expect(weekOf(start, '2024-01-07')).toBe(0);
    expect(weekOf(start, '2024-01-08')).toBe(1);
    expect(weekOf(start, '2023-12-31')).toBe(-1);
    expect(weekOf(start, '2023-12-25')).toBe(-1);
    expect(weekOf(start, '2023-12-24')).toBe(-2);
  });

  it('agree with each other for any start and week', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('1900-01-01')!, max: dayNumber('2200-01-01')! }),
        fc.integer({ min: -520, max: 5200 }),
        fc.integer({ min: 0, max: 6 }),
        (startDay, week, day) => {
          const from = isoDate(startDay);
          const inWeek = addDays(weekStartDate(from, week), day);
          expect(weekOf(from, inWeek)).toBe(week);
          expect(weekEndingBy(from, addDays(weekEndDate(from, week), day))).toBe(week);
          expect(addDays(weekStartDate(from, week), 6)).toBe(weekEndDate(from, week));
        },
      ),
    );
  });
});

describe('firstOfMonth', () => {
  it('gives the first day of a month for any year from 1, months running on into the next year', () => {
    expect(isoDate(firstOfMonth(2024, 0))).toBe('2024-01-01');
    expect(isoDate(firstOfMonth(2024, 12))).toBe('2025-01-01');
    expect(isoDate(firstOfMonth(45, 1))).toBe('0045-02-01');
  });
});

describe('weekdayOf', () => {
  it('is 0 for Monday to 6 for Sunday, before 1970 too', () => {
    expect(weekdayOf(dayNumber('1970-01-01')!)).toBe(3); // a Thursday
    expect(weekdayOf(dayNumber('2024-01-01')!)).toBe(0); // a Monday
    expect(weekdayOf(dayNumber('2024-04-27')!)).toBe(5); // King's Day 2024, a Saturday
    expect(weekdayOf(dayNumber('2024-03-31')!)).toBe(6); // Easter Sunday 2024
    expect(weekdayOf(dayNumber('1969-12-29')!)).toBe(0); // a Monday before day 0
  });

  it('steps by one a day and agrees with Date for every day of the years 1-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0001-01-01')!, max: dayNumber('9999-12-31')! }), (day) => {
        expect(weekdayOf(day + 1)).toBe((weekdayOf(day) + 1) % 7);
        expect(weekdayOf(day)).toBe((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
      }),
    );
  });
});

describe('ISO 8601 weeks', () => {
  it('gives the day of the week, Monday 0 to Sunday 6, also before 1970', () => {
    expect(weekdayOf(dayNumber('2024-01-01')!)).toBe(0);
    expect(weekdayOf(dayNumber('2024-12-29')!)).toBe(6);
    expect(weekdayOf(dayNumber('1970-01-01')!)).toBe(3);
    expect(weekdayOf(dayNumber('1969-12-29')!)).toBe(0);
    expect(weekdayOf(dayNumber('0001-01-01')!)).toBe(0);
  });

  it('puts the days around new year in the week of their Thursday', () => {
    const cases: [string, string][] = [
      ['2024-01-01', '2024-W01'],
      ['2024-03-31', '2024-W13'],
      ['2024-12-29', '2024-W52'],
      ['2024-12-30', '2025-W01'], // Monday: its Thursday is 2 January 2025
      ['2023-01-01', '2022-W52'], // Sunday: belongs to the last week of 2022
      ['2023-01-02', '2023-W01'],
      ['2008-12-29', '2009-W01'],
      ['2023-06-01', '2023-W22'],
      ['0001-01-01', '0001-W01'],
    ];
    for (const [date, label] of cases) expect(isoWeekLabel(date), date).toBe(label);
  });

  it('has week 53 in the years that start on a Thursday (or, leap, on a Wednesday), and only there', () => {
    const cases: [string, string][] = [
      ['2020-12-31', '2020-W53'],
      ['2021-01-03', '2020-W53'],
      ['2021-01-04', '2021-W01'],
      ['2015-12-31', '2015-W53'], // 2015 starts on a Thursday
      ['2016-01-03', '2015-W53'],
      ['2004-12-31', '2004-W53'], // 2004, a leap year, starts on a Thursday
      ['2026-12-31', '2026-W53'],
      ['2027-01-01', '2026-W53'],
      ['2027-01-03', '2026-W53'],
      ['2027-01-04', '2027-W01'],
      ['2010-01-03', '2009-W53'],
      ['0004-12-31', '0004-W53'],
    ];
    for (const [date, label] of cases) expect(isoWeekLabel(date), date).toBe(label);
    const long = [];
    for (let year = 1990; year <= 2040; year++) if (isoWeek(`${year}-12-28`).week === 53) long.push(year);
    expect(long).toEqual([1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037]);
    // 28 December is always in the last week of its year.
    expect(isoWeek('2024-12-28')).toEqual({ year: 2024, week: 52 });
  });

  it('agrees with the rule "week 1 starts on the Monday on or before 4 January" for any date', () => {
    const mondayOfWeekOne = (year: number) => {
      const jan4 = dayNumber(`${String(year).padStart(4, '0')}-01-04`)!;
      return jan4 - weekdayOf(jan4);
    };
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0002-01-01')!, max: dayNumber('9998-12-31')! }), (day) => {
        const calendarYear = Number(isoDate(day).slice(0, 4));
        const year = [calendarYear + 1, calendarYear, calendarYear - 1].find((y) => mondayOfWeekOne(y) <= day)!;
        const expected = { year, week: Math.floor((day - mondayOfWeekOne(year)) / 7) + 1 };
        expect(isoWeek(isoDate(day))).toEqual(expected);
        expect(expected.week).toBeGreaterThanOrEqual(1);
        expect(expected.week).toBeLessThanOrEqual(53);
      }),
    );
  });

  it('labels week t of a scenario by the ISO week holding most of its days; week 0 is the first week', () => {
    expect(scenarioIsoWeek('2024-01-01', 0)).toBe('2024-W01');
    expect(scenarioIsoWeek('2024-01-01', 51)).toBe('2024-W52');
    expect(scenarioIsoWeek('2024-01-01', 52)).toBe('2025-W01');
    expect(scenarioIsoWeek('2024-01-01', -31)).toBe('2023-W22');
    // A Thursday start: Thursday to Wednesday holds four days of the ISO week it starts in.
    expect(scenarioIsoWeek('2024-01-04', 0)).toBe('2024-W01');
    // A Friday start: Friday to Thursday holds four days of the next ISO week.
    expect(scenarioIsoWeek('2024-01-05', 0)).toBe('2024-W02');
    expect(scenarioIsoWeek('2020-12-28', 0)).toBe('2020-W53');
    expect(weekLabel('2024-01-01', 0)).toBe('week 0 (ISO 2024-W01)');
    expect(weekLabel('2024-01-01', 12)).toBe('week 12 (ISO 2024-W13)');
  });
});
