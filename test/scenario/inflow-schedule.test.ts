/**
 * `inflow.meanPerWeek` as a dated schedule, like a capacity schedule: each
 * value holds from the week its date falls in, the last to the end of any
 * horizon; bad dates and values are refused at their line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { resolveLever } from '../../src/experiment/resolve-lever.js';
import { compile } from '../../src/scenario/index.js';
import type { Plan } from '../../src/engine/plan.js';
import { dayNumber, isoDate } from '../../src/time/weeks.js';
import { runs } from '../fast-check-config.js';
import { edit, messages, scenarioOf } from './helpers.js';

/** VALID with no capacity, so that the end backlog is the initial 100 plus every arrival. */
const NO_CAPACITY = edit('  perYear: 1600', '  perWeek: 0');
const RISE = edit('  meanPerWeek: 25', '  meanPerWeek: { 2024-01-01: 25, 2024-04-01: 27.5 }', NO_CAPACITY);

/** The planned total inflow of each week (all lanes). */
function weeklyTotals(plan: Plan): number[] {
  return Array.from({ length: plan.horizonWeeks }, (_, t) => {
    let total = 0;
    for (let l = 0; l < plan.laneCount; l++) total += plan.inflowMean[t * plan.laneCount + l]!;
    return Number(total.toFixed(9));
  });
}

/** The expected-value end backlog, all lanes. */
function deterministicEnd(plan: Plan): number {
  const backlog = simulateDeterministic(plan).expectedBacklog!;
  return backlog[(plan.horizonWeeks - 1) * (plan.laneCount + 1) + plan.laneCount]!;
}

describe('a dated inflow schedule', () => {
  it('changes the inflow from the week its date falls in (expected-value arithmetic)', () => {
    const scenario = scenarioOf(RISE);
    expect(scenario.inflow).toEqual({
      kind: 'scheduled',
      meanPerWeek: 25,
      changes: [{ from: '2024-04-01', meanPerWeek: 27.5 }],
    });
    const plan = compile(scenario);
    // 2024-04-01 is day 91 from the start 2024-01-01: the first day of week 13.
    expect(weeklyTotals(plan)).toEqual([...new Array<number>(13).fill(25), ...new Array<number>(39).fill(27.5)]);
    // Nothing is decided: 100 open + 13 weeks x 25 + 39 weeks x 27.5.
    expect(deterministicEnd(plan)).toBeCloseTo(100 + 13 * 25 + 39 * 27.5, 9);
  });

  it('a date inside a week changes that whole week; a date before the start gives the value at the start', () => {
    const plan = compile(
      scenarioOf(
        edit('  meanPerWeek: 25', '  meanPerWeek: { 2023-11-01: 8, 2023-12-01: 10, 2024-01-17: 20 }', NO_CAPACITY),
        'x.yaml',
        { horizonWeeks: 4 },
      ),
    );
    // 2024-01-17 (a Wednesday) falls in week 2, 15-21 January; the last date before the start (10) holds at it.
    expect(weeklyTotals(plan)).toEqual([10, 10, 20, 20]);
  });

  it('works past 52 weeks: the last value holds to the end of any horizon', () => {
    const plan = compile(scenarioOf(RISE, 'x.yaml', { horizonWeeks: 104 }));
    expect(weeklyTotals(plan).slice(50)).toEqual(new Array<number>(54).fill(27.5));
    expect(deterministicEnd(plan)).toBeCloseTo(100 + 13 * 25 + 91 * 27.5, 9);
    // A weekly list typed for the year cannot do this.
    const weekly = `  weeklyMeans: [${[...new Array<number>(13).fill(25), ...new Array<number>(39).fill(27.5)].join(', ')}]`;
    expect(messages(edit('  meanPerWeek: 25', weekly, NO_CAPACITY), 'x.yaml', { horizonWeeks: 104 })).toEqual([
      'x.yaml: horizonWeeks: is 104 weeks, but inflow.weeklyMeans has only 52 values (at most 52 weeks)',
    ]);
  });

  it('replications draw around the schedule, with and without an uncertain inflow level', () => {
    for (const text of [RISE, `${RISE}uncertainty:\n  inflow:\n    level: { cv: 0.2 }\n`]) {
      const plan = compile(scenarioOf(text));
      const reps = 2000;
      const tally = simulate(plan, { seed: 3, replications: reps });
      const arrivals = Array.from(tally.arrivalsSum).reduce((sum, x) => sum + x, 0) / reps;
      const expected = 13 * 25 + 39 * 27.5;
      // Poisson sd sqrt(1397.5) = 37; with a level factor of cv 0.2, sd about 0.2 x 1397.5 = 280.
      const sd = text === RISE ? Math.sqrt(expected) : Math.hypot(Math.sqrt(expected), 0.2 * expected);
      expect(Math.abs(arrivals - expected)).toBeLessThan((4 * sd) / Math.sqrt(reps));
    }
  });

  it('each week takes the value of the last date on or before its last day (random schedules and starts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.uniqueArray(fc.integer({ min: -60, max: 900 }), { minLength: 0, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 7, maxLength: 7 }),
        (startDay, weeks, offsets, values) => {
          const start = isoDate(dayNumber('2020-01-06')! + startDay);
          // The first value on or before the start (a date up to 30 days before it), then dates anywhere.
          const dated = [-Math.floor(startDay % 31), ...offsets].map((offset, i) => ({
            date: isoDate(dayNumber(start)! + offset),
            value: values[i]!,
          }));
          const unique = [...new Map(dated.map((d) => [d.date, d])).values()];
          const schedule = `{ ${unique.map((d) => `${d.date}: ${d.value}`).join(', ')} }`;
          const text = edit(
            'start: 2024-01-01',
            `start: ${start}`,
            edit('  meanPerWeek: 25', `  meanPerWeek: ${schedule}`),
          );
          const plan = compile(scenarioOf(text, 'x.yaml', { horizonWeeks: weeks }));
          const totals = weeklyTotals(plan);
          for (let t = 0; t < weeks; t++) {
            // The oracle: the latest date on or before the week's last day, start + 7t + 6.
            const lastDay = dayNumber(start)! + 7 * t + 6;
            const holding = unique
              .filter((d) => dayNumber(d.date)! <= lastDay)
              .reduce((latest, d) => (d.date > latest.date ? d : latest));
            expect(totals[t]).toBeCloseTo(holding.value, 6);
          }
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('a schedule with one value, or none after the start, is the constant inflow', () => {
    expect(scenarioOf(edit('  meanPerWeek: 25', '  meanPerWeek: { 2024-01-01: 25 }')).inflow).toEqual({
      kind: 'constant',
      meanPerWeek: 25,
    });
  });

  it('refuses bad dates and values at their line and column', () => {
    const at = (schedule: string) => messages(edit('  meanPerWeek: 25', `  meanPerWeek: ${schedule}`));
    expect(at('{ 2024-01-01: 25, 2024-02-30: 27.5 }')).toEqual([
      'x.yaml:5:34: inflow.meanPerWeek.2024-02-30: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(at('{ 2024-01-01: 25, 2024-13-01: 27.5 }')).toEqual([
      'x.yaml:5:34: inflow.meanPerWeek.2024-13-01: "2024-13-01" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(at('{ 2024-01-01: 25, april: 27.5 }')).toEqual([
      'x.yaml:5:34: inflow.meanPerWeek.april: "april" cannot be used as a key here (a date YYYY-MM-DD)',
    ]);
    expect(at('{ 2024-01-01: 25, 2024-04-01: -1 }')).toEqual([
      'x.yaml:5:46: inflow.meanPerWeek.2024-04-01: must not be negative, got -1 (a number in [0, 100000])',
    ]);
    expect(at('{ 2024-01-01: 25, 2024-04-01: lots }')).toEqual([
      'x.yaml:5:46: inflow.meanPerWeek.2024-04-01: must be a number, got "lots" (a number in [0, 100000])',
    ]);
    expect(at('{ 2024-04-01: 27.5 }')).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: has no value at the start: its first date 2024-04-01 is after the start 2024-01-01 (a first date on or before 2024-01-01)',
    ]);
    expect(at('{}')).toEqual(['x.yaml:5:16: inflow.meanPerWeek: is empty (a mapping of dated values, at least 1)']);
    expect(at('[25, 27.5]')).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: must be a number or a mapping, got a list (a number in [0, 100000], or a mapping of dated values, at least 1)',
    ]);
  });

  it('a capacity schedule refuses a date that is not in the calendar too', () => {
    expect(messages(edit('  perYear: 1600', '  perYear: { 2024-01-01: 1600, 2024-02-30: 1700 }'))).toEqual([
      'x.yaml:7:32: capacity.perYear.2024-02-30: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
  });
});

describe('setting the inflow from the command line (--set, sweeps, levers)', () => {
  it('inflow.meanPerWeek=N replaces a schedule by a constant', () => {
    const scenario = scenarioOf(RISE, 'x.yaml', { set: [{ path: 'inflow.meanPerWeek', value: 30 }] });
    expect(scenario.inflow).toEqual({ kind: 'constant', meanPerWeek: 30 });
  });

  it('inflow.meanPerWeek.<date>=N adds that date to the schedule, or to a constant inflow', () => {
    const set = (text: string, value: number) =>
      scenarioOf(text, 'x.yaml', { set: [{ path: 'inflow.meanPerWeek.2024-07-01', value }] }).inflow;
    expect(set(RISE, 30)).toEqual({
      kind: 'scheduled',
      meanPerWeek: 25,
      changes: [
        { from: '2024-04-01', meanPerWeek: 27.5 },
        { from: '2024-07-01', meanPerWeek: 30 },
      ],
    });
    // A constant inflow keeps its value from the start.
    expect(set(NO_CAPACITY, 30)).toEqual({
      kind: 'scheduled',
      meanPerWeek: 25,
      changes: [{ from: '2024-07-01', meanPerWeek: 30 }],
    });
    // The start itself replaces the value at the start.
    expect(scenarioOf(RISE, 'x.yaml', { set: [{ path: 'inflow.meanPerWeek.2024-01-01', value: 20 }] }).inflow).toEqual({
      kind: 'scheduled',
      meanPerWeek: 20,
      changes: [{ from: '2024-04-01', meanPerWeek: 27.5 }],
    });
  });

  it('a bad date or value set on the command line is refused, naming the setting', () => {
    const problems = (path: string, value: unknown) =>
      messages(RISE, 'x.yaml', { set: [{ path, value, flag: `set ${path}=${String(value)}` }] });
    expect(problems('inflow.meanPerWeek.2024-02-30', 30)).toEqual([
      'x.yaml: set inflow.meanPerWeek.2024-02-30=30: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(problems('inflow.meanPerWeek.2024-07-01', -2)).toEqual([
      'x.yaml: set inflow.meanPerWeek.2024-07-01=-2: must not be negative, got -2 (a number in [0, 100000])',
    ]);
  });

  it('capacity that follows a scheduled inflow starts its lever at the mean inflow of the horizon', () => {
    const text = edit('  perWeek: 0', '  inflowPlusMargin: { margin: 0.1 }', RISE);
    const lever = resolveLever('perWeek', scenarioOf(text), {});
    expect(!lever.ok || lever.value.current).toBeCloseTo((1.1 * (13 * 25 + 39 * 27.5)) / 52, 9);
  });
});
