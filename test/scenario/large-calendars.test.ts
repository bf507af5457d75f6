/**
 * Calendars of many periods load in seconds: the overlap warnings come from a
 * sweep over the periods sorted by start (not a test of every pair, which
 * took hours for 200,000 periods), are shown one by one up to 50 and counted
 * beyond; the capacity factor sets each day once however many periods cover it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarOverlaps } from '../../src/scenario/check/calendar-overlaps.js';
import { calendarScale } from '../../src/scenario/compile/pools.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { WEEKDAYS } from '../../src/scenario/schema/schema.js';
import type { CalendarEntry, Weekday } from '../../src/scenario/types.js';
import { dayNumber, isoDate, weekdayOf } from '../../src/time/weeks.js';
import { scenarioOf, VALID, edit } from './helpers.js';

const EMPTY_NODE = {
  kind: 'map',
  at: { kind: 'file', file: 'x.yaml', line: null, column: null },
  entries: new Map(),
} as const;

/** A one-day period `days` after `start`. */
const oneDay = (start: number, days: number, scale = 0.5): CalendarEntry => ({
  from: isoDate(start + days),
  to: isoDate(start + days),
  scale,
  label: null,
});

/** The pairs [earlier, later] of periods that share a working day within the days first..last, tested pair by pair. */
function pairsByBruteForce(
  calendar: readonly CalendarEntry[],
  first: number,
  last: number,
  workWeek: readonly Weekday[],
) {
  const pairs: [number, number][] = [];
  for (let j = 1; j < calendar.length; j++)
    for (let i = 0; i < j; i++) {
      const from = Math.max(dayNumber(calendar[i]!.from)!, dayNumber(calendar[j]!.from)!, first);
      const to = Math.min(dayNumber(calendar[i]!.to)!, dayNumber(calendar[j]!.to)!, last);
      let shared = false;
      for (let day = from; day <= to && !shared; day++) shared = workWeek.includes(WEEKDAYS[weekdayOf(day)]!);
      if (shared) pairs.push([i, j]);
    }
  return pairs;
}

describe('a calendar of many periods', () => {
  it('2,000 periods: 50 overlaps are named, the rest counted in one warning', () => {
    const scenario = {
      name: 'many periods',
      start: '2024-01-01',
      horizonWeeks: 5200,
      inflow: { meanPerWeek: 25 },
      capacity: { perWeek: 26 },
      lanes: { regular: { share: 1, grantRate: 0.3 } },
      // Day k % 1,000 for k < 2,000: every day of the first 1,000 twice, as periods k and k + 1,000.
      calendar: Array.from({ length: 2_000 }, (_, k) => {
        const { from, to, scale } = oneDay(dayNumber('2024-01-01')!, k % 1_000);
        return { from, to, scale };
      }),
    };
    const resolved = resolveScenario(scenario, 'x.yaml');
    if (!resolved.ok) throw new Error(resolved.issues.map((issue) => issue.problem).join('\n'));
    const warnings = calendarOverlaps(resolved.value, EMPTY_NODE, 'x.yaml');
    let workingDays = 0;
    for (let day = 0; day < 1_000; day++) if (weekdayOf(dayNumber('2024-01-01')! + day) < 5) workingDays++;
    expect(warnings).toHaveLength(51);
    expect(warnings[0]!.field).toBe('calendar[1000]');
    expect(warnings[0]!.problem).toMatch(/^overlaps calendar\[0\] \(x.yaml\) on 1 working day, 2024-01-01: /);
    expect(warnings[50]).toMatchObject({
      field: 'calendar',
      problem: `${(workingDays - 50).toLocaleString('en-US')} more pairs of periods share working days besides the 50 above`,
    });
  }, 60_000);

  it('the capacity factor of 200,000 periods that each cover a hundred years takes a moment', () => {
    const start = dayNumber('2024-01-01')!;
    const calendar = Array.from({ length: 200_000 }, (_, k) => ({
      from: '2024-01-01',
      to: isoDate(start + 7 * 5200 - 1),
      scale: 0.5 + (k % 7) / 100,
      label: null,
    }));
    const scale = calendarScale('2024-01-01', 5200, calendar, ['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(scale.every((factor) => factor === 0.5)).toBe(true);
  }, 10_000);

  it('property: the overlaps warned about are exactly the pairs that share a working day in the horizon', () => {
    const base = scenarioOf(edit('horizonWeeks: 52', 'horizonWeeks: 8', VALID));
    const start = dayNumber(base.start)!;
    const arbitraryPeriod = fc
      .record({ from: fc.integer({ min: -20, max: 70 }), days: fc.integer({ min: 0, max: 20 }) })
      .map(({ from, days }) => ({
        from: isoDate(start + from),
        to: isoDate(start + from + days),
        scale: 0,
        label: null,
      }));
    fc.assert(
      fc.property(
        fc.array(arbitraryPeriod, { maxLength: 12 }),
        fc.subarray([...WEEKDAYS], { minLength: 1 }),
        (calendar, workWeek) => {
          const found = calendarOverlaps({ ...base, calendar, workWeek }, EMPTY_NODE, 'x.yaml').map((issue) => {
            const later = Number(/^calendar\[(\d+)\]$/.exec(issue.field)![1]);
            const earlier = Number(/overlaps calendar\[(\d+)\]/.exec(issue.problem)![1]);
            return [earlier, later];
          });
          expect(found).toEqual(pairsByBruteForce(calendar, start, start + 7 * 8 - 1, workWeek));
        },
      ),
    );
  });

  it('property: each working day counts at the lowest scale of the periods that cover it', () => {
    const start = dayNumber('2024-01-01')!;
    const arbitraryPeriod = fc
      .record({
        from: fc.integer({ min: -10, max: 40 }),
        days: fc.integer({ min: 0, max: 30 }),
        scale: fc.constantFrom(0, 0.25, 0.5, 0.8, 1.5),
      })
      .map(({ from, days, scale }) => ({
        from: isoDate(start + from),
        to: isoDate(start + from + days),
        scale,
        label: null,
      }));
    fc.assert(
      fc.property(
        fc.array(arbitraryPeriod, { maxLength: 10 }),
        fc.subarray([...WEEKDAYS], { minLength: 1 }),
        (calendar, workWeek) => {
          const weeks = 5;
          const expected = Array.from({ length: weeks }, (_, t) => {
            let sum = 0;
            let count = 0;
            for (let day = start + 7 * t; day < start + 7 * t + 7; day++) {
              if (!workWeek.includes(WEEKDAYS[weekdayOf(day)]!)) continue;
              const covering = calendar.filter((p) => dayNumber(p.from)! <= day && day <= dayNumber(p.to)!);
              sum += covering.length === 0 ? 1 : Math.min(...covering.map((p) => p.scale));
              count++;
            }
            return sum / count;
          });
          expect(Array.from(calendarScale('2024-01-01', weeks, calendar, workWeek))).toEqual(expected);
        },
      ),
    );
  });
});
