import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scenario/index.js';
import { calendarOverlaps } from '../../src/scenario/check/calendar-overlaps.js';
import { calendarScale } from '../../src/scenario/compile/pools.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { parseScenarioText } from '../../src/scenario/read/parse-text.js';
import { resolveSourceNode } from '../../src/scenario/pipeline.js';
import { WEEKDAYS } from '../../src/scenario/schema/schema.js';
import type { CalendarEntry, Weekday } from '../../src/scenario/types.js';
import { dayNumber, isoDate, weekdayOf } from '../../src/time/weeks.js';
import { edit, messages, scenarioOf, VALID } from './helpers.js';

const MON_FRI: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** 2024-04-22 is a Monday: weeks from it run Monday to Sunday. */
const MONDAY = '2024-04-22';

function period(from: string, to: string, scale: number, label: string | null = null): CalendarEntry {
  return { from, to, scale, label };
}

/** The factor of the one week from `start`. */
function weekFactor(calendar: CalendarEntry[], workWeek: Weekday[] = MON_FRI, start = MONDAY): number {
  return calendarScale(start, 1, calendar, workWeek)[0]!;
}

describe('a calendar period changes only the working days it covers', () => {
  it("King's Day 2024, a Saturday, costs nothing in a Monday-to-Friday week", () => {
    expect(weekFactor([period('2024-04-27', '2024-04-27', 0)])).toBe(1);
    // Whatever day the scenario's weeks start on.
    expect(weekFactor([period('2024-04-27', '2024-04-27', 0)], MON_FRI, '2024-04-24')).toBe(1);
  });

  it("King's Day on a Saturday leaves the baseline's decisions as they are", () => {
    const base = scenarioOf(VALID);
    const kingsDay = scenarioOf(`${VALID}calendar: [{ from: 2024-04-27, to: 2024-04-27, scale: 0 }]\n`);
    expect(Array.from(compile(kingsDay).pools[0]!.quota!)).toEqual(Array.from(compile(base).pools[0]!.quota!));
  });

  it('a Thursday-Friday bridge at scale 0 costs 2/5 of its week, not 2/7', () => {
    // Ascension Day 2024 (Thursday 9 May) and the bridge day after it.
    expect(weekFactor([period('2024-05-09', '2024-05-10', 0)], MON_FRI, '2024-05-06')).toBeCloseTo(3 / 5, 15);
  });

  it('one period: 1 - (working days covered / working days in the week) x (1 - scale)', () => {
    // Wednesday to Sunday at 0.5: three of five working days.
    expect(weekFactor([period('2024-04-24', '2024-04-28', 0.5)])).toBeCloseTo(1 - (3 / 5) * 0.5, 15);
    // A whole week at 0.7, weekends included or not.
    expect(weekFactor([period('2024-04-22', '2024-04-28', 0.7)])).toBeCloseTo(0.7, 15);
    expect(weekFactor([period('2024-04-22', '2024-04-26', 0.7)])).toBeCloseTo(0.7, 15);
    // A scale above 1 adds capacity on the working days only: here the Friday.
    expect(weekFactor([period('2024-04-26', '2024-04-28', 2)])).toBeCloseTo(1 + 1 / 5, 15);
    expect(weekFactor([period('2024-04-27', '2024-04-28', 2)])).toBe(1);
  });

  it('periods outside the horizon, or partly before the start, change only the days within it', () => {
    expect(weekFactor([period('2024-04-15', '2024-04-21', 0)])).toBe(1);
    expect(weekFactor([period('2024-04-29', '2024-05-03', 0)])).toBe(1);
    expect(weekFactor([period('2024-04-01', '2024-04-23', 0)])).toBeCloseTo(3 / 5, 15);
  });

  it('a scenario of several weeks: each week by its own working days', () => {
    const scenario = scenarioOf(
      `${edit('perYear: 1600', 'perWeek: 10')}calendar:\n  - { from: 2024-01-12, to: 2024-01-14, scale: 0 }\n  - { from: 2024-01-15, to: 2024-01-17, scale: 0 }\n`,
    );
    // 2024-01-01 is a Monday. Week 1 loses its Friday (1/5), week 2 Monday to Wednesday (3/5).
    expect(Array.from(compile(scenario).pools[0]!.quota!.slice(0, 4))).toEqual([10, 8, 4, 10]);
  });
});

describe('calendarScale, properties', () => {
  const start = dayNumber('2024-01-03')!; // a Wednesday: weeks need not start on a Monday
  const arbitraryCalendar = fc.array(
    fc.record({
      from: fc.integer({ min: -10, max: 60 }),
      days: fc.integer({ min: 0, max: 20 }),
      scale: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    }),
    { maxLength: 4 },
  );

  it('each week is the mean over its working days of the lowest scale covering the day (1 when none)', () => {
    fc.assert(
      fc.property(arbitraryCalendar, fc.subarray([...WEEKDAYS], { minLength: 1 }), (periods, workWeek) => {
        const calendar = periods.map((p) => period(isoDate(start + p.from), isoDate(start + p.from + p.days), p.scale));
        const scale = calendarScale(isoDate(start), 8, calendar, workWeek);
        for (let t = 0; t < 8; t++) {
          let sum = 0;
          for (let day = start + 7 * t; day < start + 7 * t + 7; day++) {
            if (!workWeek.includes(WEEKDAYS[weekdayOf(day)]!)) continue;
            const covering = periods.filter((p) => start + p.from <= day && day <= start + p.from + p.days);
            sum += covering.length === 0 ? 1 : Math.min(...covering.map((p) => p.scale));
          }
          expect(scale[t]).toBeCloseTo(sum / workWeek.length, 12);
        }
      }),
    );
  });

  it('periods on days off change nothing', () => {
    fc.assert(
      fc.property(
        fc.subarray([...WEEKDAYS], { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 55 }), { maxLength: 10 }),
        (workWeek, days) => {
          const off = days.filter((d) => !workWeek.includes(WEEKDAYS[weekdayOf(start + d)]!));
          const calendar = off.map((d) => period(isoDate(start + d), isoDate(start + d), 0));
          expect(Array.from(calendarScale(isoDate(start), 8, calendar, workWeek))).toEqual(new Array(8).fill(1));
        },
      ),
    );
  });
});

describe('workWeek: the working days are configurable', () => {
  it('a four-day week: a Friday holiday costs nothing, a Thursday one a quarter of the week', () => {
    const four: Weekday[] = ['mon', 'tue', 'wed', 'thu'];
    expect(weekFactor([period('2024-04-26', '2024-04-26', 0)], four)).toBe(1);
    expect(weekFactor([period('2024-04-25', '2024-04-25', 0)], four)).toBeCloseTo(3 / 4, 15);
  });

  it('a six-day week: a Saturday holiday costs a sixth', () => {
    const six: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    expect(weekFactor([period('2024-04-27', '2024-04-27', 0)], six)).toBeCloseTo(5 / 6, 15);
  });

  it('is read from the scenario, in any order, Monday first; Monday to Friday is the default and is left out', () => {
    const custom = scenarioOf(`${VALID}workWeek: [thu, mon, wed, tue]\n`);
    expect(custom.workWeek).toEqual(['mon', 'tue', 'wed', 'thu']);
    expect(scenarioOf(VALID).workWeek).toBeUndefined();
    expect(scenarioOf(`${VALID}workWeek: [fri, thu, wed, tue, mon]\n`)).toEqual(scenarioOf(VALID));
    const friday = `calendar: [{ from: 2024-01-05, to: 2024-01-05, scale: 0 }]\n`;
    const standard = compile(scenarioOf(`${edit('perYear: 1600', 'perWeek: 10')}${friday}`));
    const fourDays = compile(
      scenarioOf(`${edit('perYear: 1600', 'perWeek: 10')}${friday}workWeek: [mon, tue, wed, thu]\n`),
    );
    expect(standard.pools[0]!.quota![0]).toBe(8);
    expect(fourDays.pools[0]!.quota![0]).toBe(10);
  });

  it('bad work weeks are refused at their place', () => {
    expect(messages(`${VALID}workWeek: [mon, Tue, friday, 5]\n`)).toEqual([
      'x.yaml:18:17: workWeek[1]: must be "mon", "tue", "wed", "thu", "fri", "sat" or "sun", got "Tue" (did you mean "tue"?)',
      'x.yaml:18:22: workWeek[2]: must be "mon", "tue", "wed", "thu", "fri", "sat" or "sun", got "friday" (did you mean "fri"?)',
      'x.yaml:18:30: workWeek[3]: must be "mon", "tue", "wed", "thu", "fri", "sat" or "sun", got 5',
    ]);
    expect(messages(`${VALID}workWeek: [mon, tue, mon]\n`)).toEqual([
      'x.yaml:18:22: workWeek[2]: "mon" is listed twice (also as workWeek[0]) (each value once)',
    ]);
    expect(messages(`${VALID}workWeek: []\n`)).toEqual([
      'x.yaml:18:11: workWeek: is empty (a list (at least 1, each one of: mon, tue, wed, thu, fri, sat, sun; none twice))',
    ]);
    expect(messages(`${VALID}workWeek: 5\n`)).toEqual([
      'x.yaml:18:11: workWeek: must be a list, got 5 (a list (at least 1, each one of: mon, tue, wed, thu, fri, sat, sun; none twice))',
    ]);
  });
});

describe('overlapping periods: the lowest scale applies to a day several cover', () => {
  it('a holiday inside a summer period at 0.7: the holiday is 0, the other days 0.7', () => {
    const summer = period('2024-04-22', '2024-04-28', 0.7);
    const holiday = period('2024-04-24', '2024-04-24', 0);
    expect(weekFactor([summer, holiday])).toBeCloseTo((4 * 0.7 + 0) / 5, 15);
    expect(weekFactor([holiday, summer])).toBeCloseTo((4 * 0.7 + 0) / 5, 15);
  });

  it('a holiday listed twice counts once', () => {
    const holiday = period('2024-04-24', '2024-04-24', 0);
    expect(weekFactor([holiday, holiday])).toBeCloseTo(4 / 5, 15);
  });

  it('a period above 1 and one below on the same day: the lower', () => {
    expect(weekFactor([period('2024-04-24', '2024-04-24', 1.5), period('2024-04-24', '2024-04-24', 0.5)])).toBeCloseTo(
      (4 + 0.5) / 5,
      15,
    );
  });
});

describe('calendarOverlaps: a warning for periods that share working days', () => {
  const warnings = (text: string) => {
    const parsed = parseScenarioText(text, 'x.yaml');
    if (!parsed.ok) throw new Error('not YAML');
    const resolved = resolveSourceNode(parsed.value, 'x.yaml');
    if (!resolved.ok) throw new Error(resolved.issues.map(formatIssue).join('\n'));
    return calendarOverlaps(resolved.value, parsed.value, 'x.yaml').map(formatIssue);
  };

  it('names both periods with their file and line, the days, and what applies', () => {
    const text = `${VALID}calendar:\n  - { from: 2024-07-22, to: 2024-08-18, scale: 0.7, label: summer }\n  - { from: 2024-07-25, to: 2024-07-25, scale: 0, label: a holiday }\n  - { from: 2024-12-25, to: 2024-12-26, scale: 0 }\n  - { from: 2024-12-24, to: 2024-12-26, scale: 0 }\n  - { from: 2024-10-07, to: 2024-10-11, scale: 0.7 }\n  - { from: 2024-10-10, to: 2024-10-14, scale: 0.5, label: training }\n`;
    expect(warnings(text)).toEqual([
      'x.yaml:20:5: calendar[1]: "a holiday" overlaps calendar[0] "summer" (x.yaml:19:5) on 1 working day, 2024-07-25: there the lower scale, 0, applies (periods that do not overlap: split the longer one around the shorter, or drop a duplicate)',
      'x.yaml:22:5: calendar[3]: overlaps calendar[2] (x.yaml:21:5) on 2 working days from 2024-12-25 to 2024-12-26: both scale them by 0, and a day counts once (periods that do not overlap: split the longer one around the shorter, or drop a duplicate)',
      'x.yaml:24:5: calendar[5]: "training" overlaps calendar[4] (x.yaml:23:5) on 2 working days from 2024-10-10 to 2024-10-11: there the lower scale, 0.5, applies, not their product 0.35 (periods that do not overlap: split the longer one around the shorter, or drop a duplicate)',
    ]);
  });

  it('says nothing about periods that meet without sharing a day, share only a weekend, or overlap outside the horizon', () => {
    const text = `${edit('horizonWeeks: 52', 'horizonWeeks: 10')}calendar:\n  - { from: 2024-01-08, to: 2024-01-13, scale: 0.5 }\n  - { from: 2024-01-13, to: 2024-01-14, scale: 0 }\n  - { from: 2024-01-15, to: 2024-01-19, scale: 0 }\n  - { from: 2024-06-03, to: 2024-06-07, scale: 0.7 }\n  - { from: 2024-06-05, to: 2024-06-05, scale: 0 }\n`;
    expect(warnings(text)).toEqual([]);
    expect(warnings(VALID)).toEqual([]);
  });

  it('the shipped calendars have no overlapping periods', async () => {
    const { loadScenario } = await import('../../src/scenario/index.js');
    const loaded = await loadScenario('scenarios/baseline-2024-holidays.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    expect(calendarOverlaps(loaded.value.scenario, loaded.value.node, 'scenarios/baseline-2024-holidays.yaml')).toEqual(
      [],
    );
  });

  it('property: warns exactly when two periods share a working day within the horizon, and counts the days', () => {
    const base = scenarioOf(edit('horizonWeeks: 52', 'horizonWeeks: 8'));
    const start = dayNumber(base.start)!;
    const arbitraryPeriod = fc
      .record({ from: fc.integer({ min: -20, max: 70 }), days: fc.integer({ min: 0, max: 30 }) })
      .map(({ from, days }) => period(isoDate(start + from), isoDate(start + from + days), 0));
    fc.assert(
      fc.property(arbitraryPeriod, arbitraryPeriod, fc.subarray([...WEEKDAYS], { minLength: 1 }), (a, b, workWeek) => {
        const scenario = { ...base, calendar: [a, b], workWeek };
        const shared: number[] = [];
        const lo = Math.max(dayNumber(a.from)!, dayNumber(b.from)!, start);
        const hi = Math.min(dayNumber(a.to)!, dayNumber(b.to)!, start + 7 * 8 - 1);
        for (let day = lo; day <= hi; day++) if (workWeek.includes(WEEKDAYS[weekdayOf(day)]!)) shared.push(day);
        const found = calendarOverlaps(
          scenario,
          { kind: 'map', at: { kind: 'file', file: 'x.yaml', line: null, column: null }, entries: new Map() },
          'x.yaml',
        );
        if (shared.length === 0) expect(found).toEqual([]);
        else {
          expect(found).toHaveLength(1);
          const when =
            shared.length === 1
              ? `1 working day, ${isoDate(shared[0]!)}`
              : `${shared.length} working days from ${isoDate(shared[0]!)} to ${isoDate(shared[shared.length - 1]!)}`;
          expect(found[0]!.problem).toContain(` on ${when}:`);
        }
      }),
    );
  });
});
