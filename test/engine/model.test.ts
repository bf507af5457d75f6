import { describe, expect, it } from 'vitest';
import { probit, sampleStandardDeviation } from 'simple-statistics';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { backlogQuantiles, probabilityAtMost } from '../../src/engine/tally-quantiles.js';
import { benchReference } from './bench-reference.js';

const lane = (name: string, overrides: Partial<LaneSpec> = {}): LaneSpec => ({
  name,
  share: 1,
  priority: 1,
  minWaitWeeks: 1,
  grantRate: 0.5,
  hoursPerDecision: null,
  dedicatedCapacity: null,
  ...overrides,
});

/** One lane, constant inflow, perWeek capacity: the simplest scenario, for exact arithmetic. */
const simple = (overrides: Partial<Scenario> = {}): Scenario => ({
  ...benchReference(),
  lanes: [lane('only')],
  initialBacklog: { only: { kind: 'spread', count: 100, spreadWeeks: 10 } },
  capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 10 } },
  target: null,
  ...overrides,
});

const endTotal = (scenario: Scenario) => {
  const plan = compile(scenario);
  const tally = simulateDeterministic(plan);
  return tally.backlogSum(plan.horizonWeeks - 1, plan.laneCount);
};

describe('deterministic mode', () => {
  it('the bench-reference / baseline workload ends at exactly 1,440 + 52 x 25 - 1,600 = 1,140', () => {
    expect(endTotal(benchReference())).toBe(1140);
  });

  it('fractional carry: 1,600 a year gives 30, 31, 31, 31, 30, ... and exactly 1,600 in 52 weeks', () => {
    const plan = compile(benchReference());
    const quota = Array.from(plan.pools[0]!.quota!);
    expect(quota.slice(0, 5)).toEqual([30, 31, 31, 31, 30]);
    quota.forEach((q, t) => {
      expect(q).toBe(Math.floor(((t + 1) * 1600) / 52) - Math.floor((t * 1600) / 52));
    });
    expect(quota.reduce((a, b) => a + b, 0)).toBe(1600);
  });

  it('fractional carry of a weekly rate: 30.5 a week alternates 30 and 31', () => {
    const plan = compile(
      simple({ capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 30.5 } }, horizonWeeks: 6 }),
    );
    expect(Array.from(plan.pools[0]!.quota!)).toEqual([30, 31, 30, 31, 30, 31]);
  });

  it('capacity left idle because nothing is eligible is lost, not banked', () => {
    // 5 cases, 10 a week: week 0 decides the 5, later weeks decide each week's arrivals only.
    const scenario = simple({
      horizonWeeks: 4,
      inflow: { kind: 'weekly', meanPerWeek: [0, 0, 30, 0] },
      initialBacklog: { only: { kind: 'spread', count: 5, spreadWeeks: 1 } },
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true });
    expect(trace.weeks.map((w) => w.decisions[0])).toEqual([5, 0, 0, 10]);
  });

  it('minWaitWeeks: a case arriving in week a is first decided in week a + minWaitWeeks', () => {
    const scenario = simple({
      horizonWeeks: 8,
      lanes: [lane('only', { minWaitWeeks: 3 })],
      inflow: { kind: 'weekly', meanPerWeek: [4, 0, 0, 0, 0, 0, 0, 0] },
      initialBacklog: {},
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true });
    expect(trace.weeks.map((w) => w.decisions[0])).toEqual([0, 0, 0, 4, 0, 0, 0, 0]);
    expect(trace.leadWeeks[0]![3]).toBe(4);
  });

  it('minWaitWeeks 0 allows a decision in the week of arrival', () => {
    const scenario = simple({
      horizonWeeks: 2,
      lanes: [lane('only', { minWaitWeeks: 0 })],
      inflow: { kind: 'constant', meanPerWeek: 3 },
      initialBacklog: {},
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true });
    expect(trace.weeks.map((w) => w.decisions[0])).toEqual([3, 3]);
  });

  it('priority: the higher lane takes the shared pool first, the lower gets what is left', () => {
    const scenario = simple({
      horizonWeeks: 3,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      lanes: [lane('low', { priority: 2, share: 0.5 }), lane('high', { priority: 1, share: 0.5 })],
      initialBacklog: {
        low: { kind: 'spread', count: 20, spreadWeeks: 1 },
        high: { kind: 'spread', count: 14, spreadWeeks: 1 },
      },
    });
    const plan = compile(scenario);
    expect(plan.laneNames).toEqual(['high', 'low']);
    const trace = traceReplication(plan, { seed: 1, replication: 0, deterministic: true });
    expect(trace.weeks.map((w) => w.decisions)).toEqual([
      [10, 0],
      [4, 6],
      [0, 10],
    ]);
  });

  it('dedicated capacity is used first, then the shared pool; other lanes keep the shared pool', () => {
    const scenario = simple({
      horizonWeeks: 1,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      lanes: [
        lane('triage', {
          priority: 1,
          share: 0.5,
          dedicatedCapacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 5 } },
        }),
        lane('regular', { priority: 2, share: 0.5 }),
      ],
      initialBacklog: {
        triage: { kind: 'spread', count: 12, spreadWeeks: 1 },
        regular: { kind: 'spread', count: 50, spreadWeeks: 1 },
      },
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true });
    // triage: 5 dedicated + 7 shared; regular: the 3 shared decisions left.
    expect(trace.weeks[0]!.decisions).toEqual([12, 3]);
    expect(trace.weeks[0]!.capacity).toEqual([10, 5]);
  });

  it("staff hours: FTE x hours per FTE-week x productive share, spent at each lane's hours per decision", () => {
    const scenario = simple({
      horizonWeeks: 1,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'hours', policy: { kind: 'staff', fte: 10, hoursPerFteWeek: 36, productiveShare: 0.5 } },
      lanes: [
        lane('quick', { priority: 1, share: 0.5, hoursPerDecision: 2 }),
        lane('slow', { priority: 2, share: 0.5, hoursPerDecision: 12 }),
      ],
      initialBacklog: {
        quick: { kind: 'spread', count: 30, spreadWeeks: 1 },
        slow: { kind: 'spread', count: 100, spreadWeeks: 1 },
      },
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: false });
    // 180 hours: 30 quick decisions use 60, the 120 left decide 10 slow ones.
    expect(trace.weeks[0]!.capacity).toEqual([180]);
    expect(trace.weeks[0]!.decisions).toEqual([30, 10]);
  });

  it('hours short of a whole decision carry on while cases wait, so no capacity leaks', () => {
    const scenario = simple({
      horizonWeeks: 10,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 25 } },
      lanes: [lane('only', { hoursPerDecision: 10 })],
      initialBacklog: { only: { kind: 'spread', count: 100, spreadWeeks: 1 } },
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: false });
    // 250 hours over 10 weeks decide 25 cases: 2, 3, 2, 3, ...
    expect(trace.weeks.map((w) => w.decisions[0])).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
  });

  it('a calendar scales the capacity of the working days it covers', () => {
    const scenario = simple({
      horizonWeeks: 3,
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 14 } },
      // 2024-01-01 is a Monday. Week 1 wholly at half capacity; week 2 has Monday to Wednesday,
      // 3 of its 5 working days, at 0: 14 x 2/5 = 5.6, and the cumulative floor gives 26 - 21 = 5.
      calendar: [
        { from: '2024-01-08', to: '2024-01-14', scale: 0.5, label: null },
        { from: '2024-01-15', to: '2024-01-17', scale: 0, label: null },
      ],
    });
    expect(Array.from(compile(scenario).pools[0]!.quota!)).toEqual([14, 7, 5]);
  });

  it('inflow plus margin: (1 + margin) x trailing mean inflow, clamped to [min, max]', () => {
    const scenario = simple({
      horizonWeeks: 5,
      inflow: { kind: 'weekly', meanPerWeek: [20, 40, 0, 0, 100] },
      capacity: {
        unit: 'decisions',
        policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 2, min: 5, max: 40 },
      },
    });
    const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true });
    // rates 22, 33, 22, 5 (clamped up), 40 (clamped down); cumulative floors give the same whole numbers.
    expect(trace.weeks.map((w) => w.capacity[0])).toEqual([22, 33, 22, 5, 40]);
  });

  it('the initial backlog is spread evenly: the i-th of n cases arrived in week -N + floor(iN/n)', () => {
    const plan = compile(simple({ initialBacklog: { only: { kind: 'spread', count: 7, spreadWeeks: 3 } } }));
    // weeks -3, -3, -3, -2, -2, -1, -1
    expect(plan.maxAgeWeeks).toBe(3);
    expect(Array.from(plan.initialCohorts.subarray(0, 3))).toEqual([3, 2, 2]);
  });
});

describe('stochastic mode against theory', () => {
  const reps = 4000;
  const scenario = { ...benchReference(), replications: reps };
  const plan = compile(scenario);
  const tally = simulate(plan, { seed: 7, replications: reps });
  // Capacity is never idle, so the end backlog is 1,440 + A - 1,600 with A ~ Poisson(52 x 25 = 1,300).
  const sd = Math.sqrt(1300);

  it('mean end backlog 1,140 within 4 standard errors', () => {
    const mean = backlogQuantiles(tally, 51, 4).mean;
    expect(Math.abs(mean - 1140)).toBeLessThan((4 * sd) / Math.sqrt(reps));
  });

  it('P5 and P95 near 1,140 -/+ 1.645 x sqrt(1,300), within the sampling error of a quantile', () => {
    const q = backlogQuantiles(tally, 51, 4);
    for (const [p, value] of [
      [0.05, q.p5],
      [0.95, q.p95],
    ] as const) {
      const z = probit(p);
      const expected = 1140 + z * sd;
      // SE of a sample quantile: sqrt(p(1-p)/n) / density; density of N(1140, sd) at the quantile.
      const density = Math.exp((-z * z) / 2) / (sd * Math.sqrt(2 * Math.PI));
      const se = Math.sqrt((p * (1 - p)) / reps) / density;
      // 4 SE, plus 1 for the integer grid and the Poisson's skew against the normal.
      expect(Math.abs(value - expected)).toBeLessThan(4 * se + 1);
    }
  });

  it('the spread of the end backlog matches the Poisson inflow', () => {
    const values = tally.backlog![51 * 5 + 4]!.entries().flatMap(([v, c]) => new Array<number>(c).fill(v));
    const ratio = sampleStandardDeviation(values) / sd;
    // The SD of a sample SD is about sd / sqrt(2n): 4 of those as a ratio.
    expect(Math.abs(ratio - 1)).toBeLessThan(4 / Math.sqrt(2 * reps));
  });

  it('the target probability is the share of replications at or below the target', () => {
    const histogram = tally.backlog![51 * 5 + 4]!;
    const atMost = histogram
      .entries()
      .filter(([v]) => v <= 1100)
      .reduce((sum, [, c]) => sum + c, 0);
    expect(probabilityAtMost(tally, 51, 1100)).toBe(atMost / reps);
    // P(140 + Poisson(1300) <= 1100) is about P(Z <= -40/36) = 13%.
    expect(probabilityAtMost(tally, 51, 1100)).toBeGreaterThan(0.1);
    expect(probabilityAtMost(tally, 51, 1100)).toBeLessThan(0.17);
  });

  it('grants per lane average decisions x grant rate', () => {
    const decided = (lane: number) => {
      let sum = 0;
      for (let t = 0; t < 52; t++) sum += tally.decisionsSum(t, lane);
      return sum;
    };
    const regular = decided(3);
    const grants = tally.grantsSum[3]!;
    // Binomial: SD of the grant total is sqrt(n p (1-p)).
    expect(Math.abs(grants - 0.4 * regular)).toBeLessThan(4 * Math.sqrt(regular * 0.4 * 0.6));
    expect(tally.grantsSum[0]).toBe(0);
  });
});

describe('reproducibility and common random numbers', () => {
  const scenario = { ...benchReference(), replications: 200 };

  it('the same scenario and seed give the same result; another seed does not', async () => {
    const a = (await runScenario(scenario)).summary;
    const b = (await runScenario(scenario)).summary;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = (await runScenario({ ...scenario, seed: 2 })).summary;
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('replication r depends only on (seed, r): split runs merge into exactly the whole run', () => {
    const plan = compile(scenario);
    const whole = simulate(plan, { seed: 3, replications: 200 });
    const first = simulate(plan, { seed: 3, replications: 70 });
    first.merge(simulate(plan, { seed: 3, replications: 130, firstReplication: 70 }));
    expect(first.replications).toBe(200);
    expect(Array.from(first.arrivalsSum)).toEqual(Array.from(whole.arrivalsSum));
    expect(Array.from(first.decisionWeeks)).toEqual(Array.from(whole.decisionWeeks));
    expect(Array.from(first.grantsSum)).toEqual(Array.from(whole.grantsSum));
    for (let i = 0; i < whole.backlog!.length; i++)
      expect(first.backlog![i]!.entries()).toEqual(whole.backlog![i]!.entries());
  });

  it('two options that differ only in capacity see identical inflow draws', () => {
    const base = compile(scenario);
    const option = compile({ ...scenario, capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 40 } } });
    for (let r = 0; r < 20; r++) {
      const a = traceReplication(base, { seed: 11, replication: r });
      const b = traceReplication(option, { seed: 11, replication: r });
      expect(b.weeks.map((w) => w.arrivals)).toEqual(a.weeks.map((w) => w.arrivals));
      expect(b.weeks.map((w) => w.decisions)).not.toEqual(a.weeks.map((w) => w.decisions));
    }
  });

  it("adding a lane does not shift the other lanes' inflow streams", () => {
    const base = benchReference();
    const withExtra: Scenario = {
      ...base,
      inflow: { kind: 'constant', meanPerWeek: 50 },
      lanes: [
        ...base.lanes.map((l) => ({ ...l, share: l.share / 2 })),
        lane('first-applications', { share: 0.5, priority: 0 }),
      ],
    };
    const a = traceReplication(compile(base), { seed: 5, replication: 3 });
    const plan = compile(withExtra);
    const b = traceReplication(plan, { seed: 5, replication: 3 });
    const regular = plan.laneNames.indexOf('regular');
    expect(b.weeks.map((w) => w.arrivals[regular])).toEqual(a.weeks.map((w) => w.arrivals[3]));
  });
});
