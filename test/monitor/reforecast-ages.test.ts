/**
 * The re-forecast's starting backlog and its ages: first in first out over
 * the actual inflow (weeks, and months spread over their days) into the
 * plan's own initial backlog, a total split by the plan's lane mix, a
 * missing backlog carried forward, and a backlog-by-age that overrides them.
 */
import { describe, expect, it } from 'vitest';
import type { Actuals, ActualValue } from '../../src/monitor/actuals.js';
import { fifoAges } from '../../src/monitor/fifo-ages.js';
import { laneFigures } from '../../src/monitor/lane-figures.js';
import { reforecastScenario } from '../../src/monitor/reforecast-scenario.js';
import type { ReforecastScenarioOptions, ReforecastSetup } from '../../src/monitor/reforecast-scenario.js';
import { reforecastStart } from '../../src/monitor/reforecast-start.js';
import { roundCumulatively } from '../../src/monitor/round-cumulatively.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { dayNumber } from '../../src/time/weeks.js';
import { benchReference } from '../engine/bench-reference.js';
import { actualsOf, expectedActuals, weeklyMeans, expectedRun } from './expected-actuals.js';
import type { TestPeriod } from './expected-actuals.js';

const lane = (name: string, share: number, priority: number): LaneSpec => ({
  name,
  share,
  priority,
  minWaitWeeks: 1,
  grantRate: 0.5,
  hoursPerDecision: null,
  dedicatedCapacity: null,
});

/** Two lanes; a has 4 cases from the week before the start and 6 from the week before that, b none. */
const TWO: Scenario = benchReference({
  lanes: [lane('a', 0.5, 1), lane('b', 0.5, 2)],
  initialBacklog: {
    a: {
      kind: 'byWeeksAgo',
      counts: [
        { weeksAgo: 1, count: 4 },
        { weeksAgo: 2, count: 6 },
      ],
    },
  },
});

const value = (total: number | null, byLane: Record<string, number> = {}): ActualValue => ({ total, byLane });

function period(line: number, from: string, to: string, rest: Partial<TestPeriod>): TestPeriod {
  return { line, from, to, inflow: null, decisions: null, backlog: null, ...rest };
}

function setupOf(scenario: Scenario, actuals: Actuals, options: ReforecastScenarioOptions = { learn: null }) {
  const setup = reforecastScenario(scenario, actuals, options);
  if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
  return setup.value;
}

const countsOf = (setup: ReforecastSetup, name: string) => {
  const spec = setup.scenario.initialBacklog[name];
  return spec?.kind === 'byWeeksAgo' ? spec.counts : spec;
};

/** Two weeks of actuals of TWO: a gets 3 then 5 new cases; the backlog at the end of week 1 as given. */
function twoWeeks(backlog: ActualValue | null, firstBacklog: ActualValue | null = null): Actuals {
  return actualsOf('two.csv', 'week', [
    period(2, '2024-01-01', '2024-01-07', {
      inflow: value(4, { a: 3, b: 1 }),
      decisions: value(2, { a: 1, b: 1 }),
      backlog: firstBacklog,
    }),
    period(3, '2024-01-08', '2024-01-14', {
      inflow: value(7, { a: 5, b: 2 }),
      decisions: value(9, { a: 7, b: 2 }),
      backlog,
    }),
  ]);
}

describe('first-in-first-out ages over weekly actuals', () => {
  it("gives a lane's open cases the ages of its most recent arrivals, walking into the plan's initial backlog", () => {
    // 10 open in a on 2024-01-14: the 5 of the last week, the 3 of the week before, and 2 of the
    // 4 that were a week old at the start (now three weeks old).
    const setup = setupOf(TWO, twoWeeks(value(10, { a: 10, b: 0 })));
    expect(setup.start).toBe('2024-01-15');
    expect(countsOf(setup, 'a')).toEqual([
      { weeksAgo: 1, count: 5 },
      { weeksAgo: 2, count: 3 },
      { weeksAgo: 3, count: 2 },
    ]);
    expect(setup.scenario.initialBacklog['b']).toBeUndefined();
    expect(setup.startBacklog).toEqual({ total: 10, byLane: { a: 10, b: 0 } });
    expect(setup.startBacklogFrom).toEqual({ a: 'actual', b: 'actual' });
  });

  it('puts open cases beyond every known arrival in the oldest week reached, and says so', () => {
    // 30 open, but only 5 + 3 + 4 + 6 = 18 arrivals known: the other 12 join the oldest, 4 weeks back.
    const setup = setupOf(TWO, twoWeeks(value(30, { a: 30, b: 0 })));
    expect(countsOf(setup, 'a')).toEqual([
      { weeksAgo: 1, count: 5 },
      { weeksAgo: 2, count: 3 },
      { weeksAgo: 3, count: 4 },
      { weeksAgo: 4, count: 18 },
    ]);
    expect(setup.assumptions.join('\n')).toContain('More cases are open than arrived in the actuals and the plan');
  });

  it('carries the last known backlog forward when the last period has none: 12 + 5 - 7 = 10', () => {
    const setup = setupOf(TWO, twoWeeks(null, value(13, { a: 12, b: 1 })));
    expect(setup.startBacklog.byLane).toEqual({ a: 10, b: 1 + 2 - 2 });
    expect(setup.startBacklogFrom).toEqual({ a: 'carried', b: 'carried' });
  });

  it("carries the plan's initial backlog forward when no period has a backlog: 10 + 3 + 5 - 1 - 7 = 10", () => {
    const setup = setupOf(TWO, twoWeeks(null));
    expect(setup.startBacklog.byLane).toEqual({ a: 10, b: 0 });
    expect(setup.startBacklogFrom).toEqual({ a: 'plan', b: 'plan' });
    expect(setup.assumptions.join('\n')).toContain("No period gives the backlog of a, b: the plan's expected backlog");
  });
});

describe('first-in-first-out ages over monthly actuals, spread over their days', () => {
  // January: 31 cases in a (1 a day); February 2024: 58 (2 a day); 70 open on 29 February.
  const months: Actuals = actualsOf('months.csv', 'month', [
    period(2, '2024-01-01', '2024-01-31', {
      inflow: value(62, { a: 31, b: 31 }),
      decisions: value(0, { a: 0, b: 0 }),
    }),
    period(3, '2024-02-01', '2024-02-29', {
      inflow: value(116, { a: 58, b: 58 }),
      decisions: value(0, { a: 0, b: 0 }),
      backlog: value(140, { a: 70, b: 70 }),
    }),
  ]);

  it('bins the days into weeks before 1 March: four weeks of February, one across the months, then January', () => {
    // Weeks before Friday 1 March: 23-29 Feb 14, 16-22 Feb 14, 9-15 Feb 14, 2-8 Feb 14, 26 Jan-1 Feb
    // 6 + 2 = 8 (64 so far), and 6 of the 7 of 19-25 Jan: 70.
    const setup = setupOf(TWO, months);
    expect(setup.start).toBe('2024-03-01');
    expect(countsOf(setup, 'a')).toEqual([14, 14, 14, 14, 8, 6].map((count, k) => ({ weeksAgo: k + 1, count })));
  });

  it("runs whole weeks to the horizon's end, the last past it, the target at the last whole week ending by its date", () => {
    // 1 March to 29 December 2024 is 304 days: 44 weeks (43.4), the last ending on 2 January 2025.
    const setup = setupOf(TWO, months);
    expect(setup.horizonWeeks).toBe(44);
    expect(setup.assumptions[0]).toContain('to 2025-01-02, 4 days past the plan');
    expect(setup.assumptions.join('\n')).toContain('week 42 (2024-12-26)');
    // The plan's 25 a week, spread by days over weeks that straddle its own.
    for (const mean of weeklyMeans(setup.scenario)) expect(mean).toBeCloseTo(25, 9);
  });

  it("spreads a month's inflow given as a total by the plan's expected lane mix of its days", () => {
    const totals: Actuals = {
      ...months,
      periods: months.periods.map((p) => ({ ...p, inflow: value(p.inflow!.total) })),
    };
    expect(countsOf(setupOf(TWO, totals), 'a')).toEqual(countsOf(setupOf(TWO, months), 'a'));
  });
});

describe('a total backlog split over the lanes', () => {
  it("by the plan's expected lane mix on the last actual date, rounded cumulatively so the total stays", () => {
    const bench = benchReference();
    const setup = setupOf(bench, expectedActuals(bench, 13, 'total'));
    const { tally, laneNames } = expectedRun(bench);
    expect(Object.values(setup.startBacklogFrom)).toEqual(['split', 'split', 'split', 'split']);
    expect(setup.startBacklog.total).toBeCloseTo(tally.backlogSum(12, 4), 9);
    laneNames.forEach((name, l) => {
      expect(Math.abs(setup.startBacklog.byLane[name]! - tally.backlogSum(12, l))).toBeLessThan(1);
      expect(Number.isInteger(setup.startBacklog.byLane[name])).toBe(true);
    });
    expect(setup.assumptions.join('\n')).toContain(
      "by the plan's expected lane mix on 2024-03-31 (its expected-value run)",
    );
  });

  it('after the lanes given their own: the others share what the total leaves', () => {
    const setup = setupOf(TWO, twoWeeks(value(25, { a: 20 })));
    expect(setup.startBacklog.byLane).toEqual({ a: 20, b: 5 });
    expect(setup.startBacklogFrom).toEqual({ a: 'actual', b: 'split' });
  });
});

describe('a backlog-by-age', () => {
  const ages: ReforecastScenarioOptions = {
    learn: null,
    backlogAges: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 3, count: 7 }] } },
  };

  it("replaces the lane's actual backlog and its first-in-first-out ages, and says where they differ", () => {
    const setup = setupOf(TWO, twoWeeks(value(10, { a: 10, b: 0 })), ages);
    expect(countsOf(setup, 'a')).toEqual([{ weeksAgo: 3, count: 7 }]);
    expect(setup.startBacklog.byLane).toEqual({ a: 7, b: 0 });
    expect(setup.startBacklogFrom['a']).toBe('ages');
    expect(setup.assumptions.join('\n')).toContain('counts 7 open cases where the actuals give 10');
  });

  it('leaves the other lanes what a total backlog leaves after it', () => {
    const setup = setupOf(TWO, twoWeeks(value(12)), ages);
    expect(setup.startBacklog.byLane).toEqual({ a: 7, b: 5 });
    expect(setup.startBacklogFrom).toEqual({ a: 'ages', b: 'split' });
  });

  it("counts back from the re-forecast's start, the day after the last actual date", () => {
    expect(reforecastStart(TWO, twoWeeks(null))).toBe('2024-01-15');
    expect(reforecastStart(TWO, actualsOf('x.csv', 'week', []))).toBe('2024-01-01');
  });
});

describe('the pieces', () => {
  it('fifoAges takes the most recent arrivals first and stops when the open cases are accounted for', () => {
    const day = dayNumber('2024-01-15')!;
    const spans = [
      { fromDay: day - 7, toDay: day - 1, count: 6 },
      { fromDay: day - 14, toDay: day - 8, count: 6 },
    ];
    expect(fifoAges(10, spans, day)).toEqual({
      counts: [
        { weeksAgo: 1, count: 6 },
        { weeksAgo: 2, count: 4 },
      ],
      unexplained: 0,
    });
    expect(fifoAges(0, spans, day)).toEqual({ counts: [], unexplained: 0 });
    // A span of 14 days split in two weeks, 3.5 each: rounded cumulatively, youngest first (4, then 7 - 4).
    expect(fifoAges(7, [{ fromDay: day - 14, toDay: day - 1, count: 7 }], day).counts).toEqual([
      { weeksAgo: 1, count: 4 },
      { weeksAgo: 2, count: 3 },
    ]);
    // Nothing known: every case a week old, all unexplained.
    expect(fifoAges(3, [], day)).toEqual({ counts: [{ weeksAgo: 1, count: 3 }], unexplained: 3 });
  });

  it('roundCumulatively keeps the total and whole values', () => {
    expect(roundCumulatively([0.4, 0.4, 0.2], 1)).toEqual([0, 1, 0]);
    expect(roundCumulatively([3.5, 3.5, 3.5, 3.5], 14)).toEqual([4, 3, 4, 3]);
    expect(roundCumulatively([10.6, 5, 2.4], 18)).toEqual([11, 5, 2]);
    expect(roundCumulatively([], 0)).toEqual([]);
  });

  it('laneFigures splits what the lanes given leave by the weights, then the fallback, then equally', () => {
    const names = ['a', 'b', 'c'];
    expect(laneFigures(value(100, { a: 10 }), names, [1, 3, 1], [0.2, 0.4, 0.4]).values).toEqual([10, 67.5, 22.5]);
    expect(laneFigures(value(100, { a: 10 }), names, [1, 0, 0], [0.5, 2, 1]).values).toEqual([10, 60, 30]);
    expect(laneFigures(value(90), names, [0, 0, 0], [0, 0, 0]).values).toEqual([30, 30, 30]);
    expect(laneFigures(value(5, { a: 10 }), names, [1, 1, 1], [1, 1, 1])).toEqual({
      values: [10, 0, 0],
      split: true,
      excess: 5,
    });
    expect(laneFigures(value(null, { a: 10 }), names, [1, 1, 1], [1, 1, 1]).values).toEqual([10, null, null]);
  });
});
