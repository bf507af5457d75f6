import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/random/hash.js';
import {
  argScenario,
  compile,
  compilePool,
  initialBacklogAges,
  meanHoursPerDecision,
  totalInflowMeans,
} from '../../src/scenario/index.js';
import type { CapacitySpec, LaneSpec, Scenario } from '../../src/scenario/types.js';

/**
 * The plan compile() hands the engine, pinned field by field on small
 * scenarios whose values are worked out by hand: the order of the lanes, the
 * parts that are null when a scenario does not use them (the engine skips
 * their steps), the cumulative tables its draws search, the stream keys, and
 * the per-week capacity and inflow it reads.
 */

/** A lane with the fields every lane has; `extra` sets the rest. */
function lane(name: string, share: number, extra: Partial<LaneSpec> = {}): LaneSpec {
  return {
    name,
    share,
    priority: 1,
    minWaitWeeks: 1,
    grantRate: 0.5,
    hoursPerDecision: null,
    dedicatedCapacity: null,
    ...extra,
  };
}

/** A small scenario built in code, checked as a public function checks one (so every value is valid). */
function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return argScenario(
    {
      name: 'compile-plan',
      description: null,
      start: '2024-01-01',
      horizonWeeks: 4,
      seed: 1,
      replications: 1,
      inflow: { kind: 'constant', meanPerWeek: 10 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 10 } },
      calendar: [],
      lanes: [lane('only', 1)],
      initialBacklog: {},
      target: null,
      ...overrides,
    },
    'scenario',
  );
}

/** The uncertainty block with every source off; `extra` switches some on. */
function uncertainty(extra: Record<string, unknown> = {}): NonNullable<Scenario['uncertainty']> {
  const base = {
    inflow: { level: null, drift: null, overdispersion: null },
    capacity: { productivity: null, weekly: null },
    shares: null,
    grantRates: null,
    source: null,
  };
  return { ...base, ...extra } as NonNullable<Scenario['uncertainty']>;
}

describe('compile: lanes in priority order', () => {
  it('sorts the lanes by priority, ties in file order, and carries each lane its own settings', () => {
    const plan = compile(
      scenario({
        lanes: [
          lane('a', 0.1, { priority: 2, minWaitWeeks: 1, grantRate: 0.1 }),
          lane('b', 0.2, { priority: 1, minWaitWeeks: 2, grantRate: 0.2 }),
          lane('c', 0.3, { priority: 2, minWaitWeeks: 3, grantRate: 0.3 }),
          lane('d', 0.4, { priority: 0, minWaitWeeks: 4, grantRate: 0.4 }),
        ],
      }),
    );
    expect(plan.laneNames).toEqual(['d', 'b', 'a', 'c']);
    expect(Array.from(plan.minWaitWeeks)).toEqual([4, 2, 1, 3]);
    expect(Array.from(plan.grantRate)).toEqual([0.4, 0.2, 0.1, 0.3]);
    // Week 0's means, lane by lane in priority order: 10 x share.
    expect(Array.from(plan.inflowMean.subarray(0, 4))).toEqual([4, 2, 1, 3]);
  });
});

describe('compile: samplers', () => {
  it('gives equal means one shared sampler and different means their own', () => {
    const plan = compile(scenario({ lanes: [lane('x', 0.25), lane('y', 0.75)] }));
    // Weeks x lanes: x, y, x, y, ... with means 2.5 and 7.5 every week.
    expect(plan.inflowSamplers).toHaveLength(8);
    expect(plan.inflowSamplers.map((sampler) => sampler.mean)).toEqual([2.5, 7.5, 2.5, 7.5, 2.5, 7.5, 2.5, 7.5]);
    expect(new Set(plan.inflowSamplers).size).toBe(2);
    expect(plan.inflowSamplers[2]).toBe(plan.inflowSamplers[0]);
    expect(plan.inflowSamplers[7]).toBe(plan.inflowSamplers[1]);
  });
});

describe('compile: stream keys and pool labels', () => {
  it('keys every lane stream by the hash of its purpose and the lane name', () => {
    const plan = compile(
      scenario({
        lanes: [
          lane('first', 0.5, {
            refiling: { probability: 0.5, delay: [1], lanes: null },
            transfers: [
              { to: 'second', probability: 0.1 },
              { to: 'second', probability: 0.1, afterWeeks: 3 },
            ],
          }),
          lane('second', 0.5, { withdrawals: [{ fromWeeks: 0, hazard: 0.01 }] }),
        ],
      }),
    );
    const keys = (prefix: string) => ['first', 'second'].map((name) => hashString(`${prefix}.${name}`));
    expect(Array.from(plan.inflowKeys)).toEqual(keys('inflow'));
    expect(Array.from(plan.outcomeKeys)).toEqual(keys('outcome'));
    expect(Array.from(plan.withdrawalKeys)).toEqual(keys('withdrawal'));
    expect(Array.from(plan.refiling!.keys)).toEqual(keys('refiling'));
    expect(Array.from(plan.transfers!.keys)).toEqual(keys('transfer'));
    expect(Array.from(plan.transfers!.waitingKeys)).toEqual(keys('transfer-wait'));
  });

  it('labels the shared pool "shared" and a dedicated pool by its lane, which points to it', () => {
    const own: CapacitySpec = { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 3 } };
    const plan = compile(
      scenario({
        lanes: [lane('plain', 0.5, { priority: 1 }), lane('served', 0.5, { priority: 2, dedicatedCapacity: own })],
      }),
    );
    expect(plan.pools.map((p) => p.label)).toEqual(['shared', 'served']);
    expect(Array.from(plan.dedicatedPool)).toEqual([-1, 1]);
    expect(Array.from(plan.pools[1]!.quota!)).toEqual([3, 3, 3, 3]);
  });
});

describe('compile: replayed inflow', () => {
  const replay = (observed: number[], whole: number[], extra: Record<string, unknown> = {}) =>
    ({
      kind: 'replay',
      observedPerWeek: observed,
      wholePerWeek: whole,
      futureMeanPerWeek: 10,
      source: 'counts.csv',
      ...extra,
    }) as Scenario['inflow'];

  it('replays only the weeks within the horizon when the data reach beyond it', () => {
    const plan = compile(
      scenario({
        horizonWeeks: 3,
        inflow: replay([1.5, 2.5, 3.5, 4.5, 5.5], [1, 3, 3, 5, 5]),
        lanes: [lane('low', 0.25, { priority: 2 }), lane('high', 0.75, { priority: 1 })],
      }),
    );
    expect(plan.replay).not.toBeNull();
    expect(plan.replay!.weeks).toBe(3);
    expect(Array.from(plan.replay!.total)).toEqual([1.5, 2.5, 3.5]);
    expect(Array.from(plan.replay!.whole)).toEqual([1, 3, 3]);
    expect(Array.from(plan.replay!.share)).toEqual([0.75, 0.25]);
  });

  it('has no replay when there is no observed week, only the future mean', () => {
    const plan = compile(scenario({ horizonWeeks: 2, inflow: replay([], []) }));
    expect(plan.replay).toBeNull();
    expect(Array.from(plan.inflowMean)).toEqual([10, 10]);
  });

  it('a trend adds its step once per week after the data, from 0 in the first week after them', () => {
    const s = scenario({ horizonWeeks: 6, inflow: replay([5, 7], [5, 7], { futureTrendPerWeek: 2 }) });
    expect(Array.from(totalInflowMeans(s))).toEqual([5, 7, 10, 12, 14, 16]);
  });

  it('a falling trend stops at a mean of 0', () => {
    const s = scenario({ horizonWeeks: 5, inflow: replay([5], [5], { futureTrendPerWeek: -4 }) });
    expect(Array.from(totalInflowMeans(s))).toEqual([5, 10, 6, 2, 0]);
  });

  it('month factors scale the future mean by the calendar month each week starts in', () => {
    const factors = [1.5, 0.5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 3];
    // Weeks start 2024-01-15, 01-22, 01-29, 02-05, 02-12, 02-19, 02-26, 03-04.
    const s = scenario({
      start: '2024-01-15',
      horizonWeeks: 8,
      inflow: replay([4], [4], { futureMonthFactors: factors }),
    });
    expect(Array.from(totalInflowMeans(s))).toEqual([4, 15, 15, 5, 5, 5, 5, 20]);
    // The plan's lane means are the same totals (one lane, share 1).
    expect(Array.from(compile(s).inflowMean)).toEqual([4, 15, 15, 5, 5, 5, 5, 20]);
  });

  it('a December week takes the last factor', () => {
    const factors = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3];
    // Weeks start 2024-12-23 (observed), 12-30 (December), 2025-01-06 (January).
    const s = scenario({
      start: '2024-12-23',
      horizonWeeks: 3,
      inflow: replay([1], [1], { futureMonthFactors: factors }),
    });
    expect(Array.from(totalInflowMeans(s))).toEqual([1, 30, 20]);
  });
});

describe('compile: the initial backlog', () => {
  it('byWeeksAgo: counts by age, a week given twice adds up, weeks between are 0', () => {
    const ages = initialBacklogAges({
      kind: 'byWeeksAgo',
      counts: [
        { weeksAgo: 3, count: 2 },
        { weeksAgo: 1, count: 4 },
        { weeksAgo: 3, count: 1 },
      ],
    });
    expect(ages).toEqual([4, 0, 3]);
  });

  it('spread: the i-th of n cases arrives in week -N + floor(i N / n)', () => {
    // 7 cases over 3 weeks: i = 0..6 land in slots 0,0,0,1,1,2,2 (ages 3, 3, 3, 2, 2, 1, 1).
    expect(initialBacklogAges({ kind: 'spread', count: 7, spreadWeeks: 3 })).toEqual([2, 2, 3]);
    expect(initialBacklogAges({ kind: 'spread', count: 3, spreadWeeks: 2 })).toEqual([1, 2]);
    // Fewer cases than weeks: the weeks without one hold 0.
    expect(initialBacklogAges({ kind: 'spread', count: 2, spreadWeeks: 4 })).toEqual([0, 1, 0, 1]);
    expect(initialBacklogAges({ kind: 'spread', count: 0, spreadWeeks: 4 })).toEqual([]);
    expect(initialBacklogAges(undefined)).toEqual([]);
  });

  it('places each lane’s cohorts by arrival slot, the oldest age setting maxAgeWeeks', () => {
    const plan = compile(
      scenario({
        horizonWeeks: 2,
        lanes: [lane('a', 0.5), lane('b', 0.5)],
        initialBacklog: {
          a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 2, count: 5 }] },
          b: { kind: 'spread', count: 7, spreadWeeks: 3 },
        },
      }),
    );
    expect(plan.maxAgeWeeks).toBe(3);
    expect(plan.cohortSlots).toBe(5);
    // Slot a + 3 holds arrival week a: lane a's 5 cases of week -2 in slot 1; lane b's ages 1, 2, 3 in slots 2, 1, 0.
    expect(Array.from(plan.initialCohorts)).toEqual([0, 5, 0, 0, 0, 3, 2, 2, 0, 0]);
    expect(Array.from(plan.initialBacklog)).toEqual([5, 7]);
  });
});

describe('meanHoursPerDecision', () => {
  it('is null when any lane has no hours, whichever it is', () => {
    expect(meanHoursPerDecision([lane('a', 0.5), lane('b', 0.5, { hoursPerDecision: 2 })])).toBeNull();
    expect(meanHoursPerDecision([lane('a', 0.5, { hoursPerDecision: 2 }), lane('b', 0.5)])).toBeNull();
  });

  it('weights the hours by the shares of the lanes given, divided by their sum', () => {
    const lanes = [lane('a', 0.25, { hoursPerDecision: 2 }), lane('b', 0.5, { hoursPerDecision: 8 })];
    // (0.25 x 2 + 0.5 x 8) / 0.75 = 4.5 / 0.75 = 6.
    expect(meanHoursPerDecision(lanes)).toBeCloseTo(6, 12);
  });

  it('takes the plain mean over the lanes when every share is 0', () => {
    const lanes = [lane('a', 0, { hoursPerDecision: 2 }), lane('b', 0, { hoursPerDecision: 8 })];
    expect(meanHoursPerDecision(lanes)).toBe(5);
  });
});

describe('compile: withdrawals', () => {
  it('fills each lane’s row of the hazard from its bands’ first ages; a hazard of 0 has a log stay of 0', () => {
    const plan = compile(
      scenario({
        horizonWeeks: 3,
        lanes: [
          lane('a', 0.5, {
            withdrawals: [
              { fromWeeks: 0, hazard: 0 },
              { fromWeeks: 2, hazard: 0.5 },
            ],
          }),
          lane('b', 0.5, {
            withdrawals: [
              { fromWeeks: 0, hazard: 0.25 },
              { fromWeeks: 1, hazard: 0.5 },
            ],
          }),
        ],
      }),
    );
    expect(plan.cohortSlots).toBe(3);
    expect(Array.from(plan.withdrawalHazard!)).toEqual([0, 0, 0.5, 0.25, 0.5, 0.5]);
    expect(Array.from(plan.withdrawalBandOffset)).toEqual([0, 2, 4]);
    expect(Array.from(plan.withdrawalBandLogStay[0]!)).toEqual([0, Math.log(0.5)]);
    expect(Array.from(plan.withdrawalBandLogStay[1]!)).toEqual([Math.log(0.75), Math.log(0.5)]);
  });

  it('has no hazard table when no lane withdraws anything', () => {
    const plan = compile(scenario({ lanes: [lane('a', 1, { withdrawals: [{ fromWeeks: 0, hazard: 0 }] })] }));
    expect(plan.withdrawalHazard).toBeNull();
  });
});

describe('compile: refiling', () => {
  it('is null when no lane refiles, or every refiling probability is 0', () => {
    expect(compile(scenario()).refiling).toBeNull();
    const none = scenario({ lanes: [lane('a', 1, { refiling: { probability: 0, delay: [1], lanes: null } })] });
    expect(compile(none).refiling).toBeNull();
  });

  it('cumulative tables: running sums up to the last positive entry, which is exactly 1', () => {
    const plan = compile(
      scenario({
        lanes: [
          lane('x', 0.6, {
            priority: 1,
            // Trailing weeks of probability 0 are cut off: a uniform can never pick them.
            refiling: { probability: 0.5, delay: [0, 0.25, 0.75, 0, 0], lanes: null },
          }),
          lane('y', 0.4, {
            priority: 2,
            // Sums to 1 - 5e-7, within the tolerance of a computed delay: the last entry is still exactly 1.
            refiling: { probability: 0.25, delay: [0.5, 0.4999995], lanes: { x: 0.25, z: 0.75 } },
          }),
          lane('z', 0, {
            priority: 3,
            refiling: { probability: 0.75, delay: [1 - 5e-7], lanes: { x: 1 } },
          }),
          lane('w', 0, { priority: 4 }),
        ],
      }),
    );
    const refiling = plan.refiling!;
    const arrays = (list: readonly Float64Array[]) => list.map((a) => Array.from(a));
    expect(Array.from(refiling.probability)).toEqual([0.5, 0.25, 0.75, 0]);
    expect(arrays(refiling.delay)).toEqual([[0, 0.25, 0.75, 0, 0], [0.5, 0.4999995], [1 - 5e-7], []]);
    expect(arrays(refiling.delayCumulative)).toEqual([[0, 0.25, 1], [0.5, 1], [1], []]);
    // x and w follow the inflow's shares (0.6, 0.4, 0, 0): the zeros at the end are cut off.
    expect(arrays(refiling.targets)).toEqual([
      [0.6, 0.4, 0, 0],
      [0.25, 0, 0.75, 0],
      [1, 0, 0, 0],
      [0.6, 0.4, 0, 0],
    ]);
    expect(arrays(refiling.targetsCumulative)).toEqual([[0.6, 1], [0.25, 0.25, 1], [1], [0.6, 1]]);
  });
});

describe('compile: transfers', () => {
  it('is null when no lane has a move, or every move has probability 0', () => {
    expect(compile(scenario({ lanes: [lane('a', 0.5), lane('b', 0.5)] })).transfers).toBeNull();
    const zero = scenario({
      lanes: [
        lane('a', 0.5, {
          transfers: [
            { to: 'b', probability: 0 },
            { to: 'b', probability: 0, afterWeeks: 2 },
          ],
        }),
        lane('b', 0.5),
      ],
    });
    expect(compile(zero).transfers).toBeNull();
  });

  it('splits moves at the decision step from waiting ones, grouped by lane then age, without those of probability 0', () => {
    const plan = compile(
      scenario({
        lanes: [
          lane('a', 0.4, {
            priority: 1,
            transfers: [
              { to: 'b', probability: 0 },
              { to: 'c', probability: 0.2 },
              { to: 'b', probability: 0.05, afterWeeks: 12 },
              { to: 'c', probability: 0.3, afterWeeks: 4 },
              { to: 'b', probability: 0.1, afterWeeks: 8 },
              { to: 'c', probability: 0.15, afterWeeks: 12 },
              { to: 'c', probability: 0, afterWeeks: 6 },
            ],
          }),
          lane('b', 0.3, { priority: 2, transfers: [{ to: 'a', probability: 0.5, afterWeeks: 2 }] }),
          lane('c', 0.3, { priority: 3 }),
        ],
      }),
    );
    const transfers = plan.transfers!;
    expect(transfers.to.map((to) => Array.from(to))).toEqual([[2], [], []]);
    expect(transfers.probability.map((p) => Array.from(p))).toEqual([[0.2], [], []]);
    expect(transfers.cumulative.map((c) => Array.from(c))).toEqual([[0.2], [], []]);
    expect(Array.from(transfers.total)).toEqual([0.2, 0, 0]);
    const waiting = transfers.waiting.map((group) => ({
      lane: group.lane,
      age: group.age,
      to: Array.from(group.to),
      probability: Array.from(group.probability),
      cumulative: Array.from(group.cumulative),
    }));
    expect(waiting).toEqual([
      { lane: 0, age: 4, to: [2], probability: [0.3], cumulative: [0.3] },
      { lane: 0, age: 8, to: [1], probability: [0.1], cumulative: [0.1] },
      { lane: 0, age: 12, to: [1, 2], probability: [0.05, 0.15], cumulative: [0.05, 0.05 + 0.15] },
      { lane: 1, age: 2, to: [0], probability: [0.5], cumulative: [0.5] },
    ]);
  });
});

describe('compile: uncertainty', () => {
  it('a factor with cv 0 is off unless it is held at a value; one with a cv is drawn', () => {
    const plan = compile(
      scenario({
        uncertainty: uncertainty({
          inflow: { level: { cv: 0, distribution: 'lognormal' }, drift: null, overdispersion: null },
          capacity: { productivity: { cv: 0, distribution: 'gamma', fixedAt: 1.2 }, weekly: null },
        }),
      }),
    );
    expect(plan.uncertainty!.level).toBeNull();
    expect(plan.uncertainty!.productivity).toEqual({ distribution: 'gamma', cv: 0, fixedAt: 1.2 });
    const drawn = compile(
      scenario({
        uncertainty: uncertainty({
          inflow: { level: { cv: 0.1, distribution: 'gamma' }, drift: null, overdispersion: null },
        }),
      }),
    );
    expect(drawn.uncertainty!.level).toEqual({ distribution: 'gamma', cv: 0.1, fixedAt: null });
  });

  it('capacity is uncertain with a productivity factor or weekly capacity noise, not with inflow sources alone', () => {
    const of = (extra: Record<string, unknown>) => compile(scenario({ uncertainty: uncertainty(extra) })).uncertainty!;
    const inflowOnly = of({
      inflow: { level: { cv: 0.2, distribution: 'lognormal' }, drift: { sdPerYear: 0.1 }, overdispersion: { cv: 0.5 } },
    });
    expect(inflowOnly.capacityUncertain).toBe(false);
    expect(inflowOnly.capacityWeeklyShape).toBe(0);
    expect(inflowOnly.overdispersionShape).toBeCloseTo(4, 12);
    const weekly = of({ capacity: { productivity: null, weekly: { cv: 0.5 } } });
    expect(weekly.capacityUncertain).toBe(true);
    expect(weekly.capacityWeeklyShape).toBeCloseTo(4, 12);
    const productivity = of({ capacity: { productivity: { cv: 0.1, distribution: 'lognormal' }, weekly: null } });
    expect(productivity.capacityUncertain).toBe(true);
    const weeklyZero = of({ capacity: { productivity: null, weekly: { cv: 0 } } });
    expect(weeklyZero.capacityUncertain).toBe(false);
  });

  it('a weekly noise whose cv squared is exactly the double epsilon still counts; below it is none', () => {
    const cv = 2 ** -26;
    const of = (noise: number) =>
      compile(
        scenario({
          uncertainty: uncertainty({ inflow: { level: null, drift: null, overdispersion: { cv: noise } } }),
        }),
      ).uncertainty!.overdispersionShape;
    expect(cv * cv).toBe(Number.EPSILON);
    expect(of(cv)).toBe(2 ** 52);
    expect(of(cv * (1 - 2 ** -20))).toBe(0);
  });

  it('the Dirichlet parameters are the concentration times the shares in priority order', () => {
    const plan = compile(
      scenario({
        lanes: [lane('late', 0.25, { priority: 2 }), lane('early', 0.75, { priority: 1 })],
        uncertainty: uncertainty({ shares: { concentration: 40 } }),
      }),
    );
    expect(Array.from(plan.uncertainty!.share)).toEqual([0.75, 0.25]);
    expect(Array.from(plan.uncertainty!.shareParameters)).toEqual([30, 10]);
    expect(plan.uncertainty!.shareConcentration).toBe(40);
  });
});

describe('compile: pools', () => {
  const weeks = 6;
  const staff = (fte: number, changes: { from: string; value: number }[], rampUpWeeks: number): CapacitySpec => ({
    unit: 'hours',
    policy: { kind: 'staff', fte, hoursPerFteWeek: 1, productiveShare: 1, rampUpWeeks },
    changes: changes.map((change) => ({ ...change, field: 'fte' as const })),
  });
  const compiled = (spec: CapacitySpec) =>
    compilePool('shared', spec, new Float64Array(weeks).fill(1), '2024-01-01', weeks, {
      hoursPerDecision: null,
      inflowPerWeek: new Float64Array(weeks),
    });

  it('ramp-up: a hire works at k/R in its k-th week; a cut in staff takes effect at once, with no ramp', () => {
    // 10 FTE, 20 from week 1, 16 from week 3; R = 4; one hour per FTE, so the rate is the working FTE.
    const pool = compiled(
      staff(
        10,
        [
          { from: '2024-01-08', value: 20 },
          { from: '2024-01-22', value: 16 },
        ],
        4,
      ),
    );
    // Week 1: 20 - 10 x 3/4; week 2: 20 - 10 x 2/4; week 3: 16 - 10 x 1/4; then 16.
    expect(Array.from(pool.rate!)).toEqual([10, 12.5, 15, 13.5, 16, 16]);
    expect(Array.from(pool.paidFte!)).toEqual([10, 20, 20, 16, 16, 16]);
  });

  it('without ramp-up a hire works fully from its first week', () => {
    const pool = compiled(staff(10, [{ from: '2024-01-08', value: 20 }], 0));
    expect(Array.from(pool.rate!)).toEqual([10, 20, 20, 20, 20, 20]);
  });

  it('inflowPlusMargin with a conversion: paid FTE from the trailing mean inflow, fewer weeks at the start', () => {
    const plan = compile(
      scenario({
        horizonWeeks: 4,
        inflow: { kind: 'weekly', meanPerWeek: [10, 20, 30, 40] },
        capacity: {
          unit: 'decisions',
          policy: { kind: 'inflowPlusMargin', margin: 0.5, trailingWeeks: 2, min: 0, max: 1000 },
          conversion: { hoursPerFteWeek: 10, productiveShare: 0.5, costPerFteYear: null },
        },
        lanes: [lane('only', 1, { hoursPerDecision: 2 })],
      }),
    );
    const shared = plan.pools[0]!;
    expect(shared.quota).toBeNull();
    expect(shared.followsInflow).toEqual({ margin: 0.5, trailingWeeks: 2, min: 0, max: 1000 });
    // Planned: 1.5 x mean(10) = 15, 1.5 x mean(10, 20) = 22.5, 1.5 x mean(20, 30) = 37.5, 1.5 x mean(30, 40) = 52.5;
    // paid FTE = planned x 2 hours / (10 x 0.5) hours per FTE.
    expect(Array.from(shared.paidFte!)).toEqual([6, 9, 15, 21]);
    expect(shared.staffHoursPerUnit).toBe(2);
  });
});
