/**
 * The weekly step (step.ts) on scripted scenarios whose numbers follow by hand
 * from docs/model.md, in expected-value mode (exact arithmetic): the capacity
 * of a pool that follows the inflow, with refilings and a calendar.
 */
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import { capacity, decisions, inflow, outcome } from '../../src/engine/step.js';
import { traceReplication } from '../../src/engine/trace.js';
import { sampleBinomial } from '../../src/random/binomial.js';
import { createStream } from '../../src/random/stream.js';
import { compile } from '../../src/scenario/index.js';
import type { CalendarEntry, CapacityUnit, LaneSpec, Scenario, UncertaintySpec } from '../../src/scenario/types.js';
import { benchReference, testLane } from './bench-reference.js';

const only = (extra: Partial<LaneSpec> = {}) => testLane('only', { share: 1, ...extra });

/** bench-reference with no inflow and a fixed pool of `perWeek` decisions or hours a week, over `horizonWeeks` weeks. */
const noInflow = (horizonWeeks: number, unit: CapacityUnit, perWeek: number, rest: Partial<Scenario>) =>
  benchReference({
    horizonWeeks,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit, policy: { kind: 'perWeek', perWeek } },
    ...rest,
  });

/** One lane, no initial backlog, capacity (1 + margin) x this week's inflow, clamped to [min, max]. */
function following(
  meanPerWeek: number,
  rule: { margin: number; min: number; max: number },
  extra: Partial<Scenario> = {},
): Scenario {
  return benchReference({
    horizonWeeks: 6,
    inflow: { kind: 'constant', meanPerWeek },
    capacity: { unit: 'decisions', policy: { kind: 'inflowPlusMargin', trailingWeeks: 1, ...rule } },
    lanes: [only()],
    initialBacklog: {},
    target: null,
    ...extra,
  });
}

const capacities = (scenario: Scenario) =>
  traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true }).weeks.map((w) => w.capacity[0]);

describe('capacity that follows the inflow, expected values', () => {
  it('counts the refilings due in a week as inflow: 10 new a week, every decision refused and back a week later, gives 10, 20, 30, ...', () => {
    // Week t: 10 new plus the 10 t decided in week t - 1, all back after one week; capacity is this week's inflow.
    const scenario = following(
      10,
      { margin: 0, min: 0, max: 1000 },
      { lanes: [only({ refiling: { probability: 1, delay: [1], lanes: null } })] },
    );
    expect(capacities(scenario)).toEqual([10, 20, 30, 40, 50, 60]);
    // The tally keeps the refilings apart: all arrivals but the 10 new ones of each week.
    expect(Array.from(simulateDeterministic(compile(scenario)).refiledSum)).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('counts replayed weeks as inflow: observed 10 and 20, then a mean of 5, give capacities 10, 20, 5', () => {
    const replay: Scenario['inflow'] = {
      kind: 'replay',
      observedPerWeek: [10, 20],
      wholePerWeek: [10, 20],
      futureMeanPerWeek: 5,
      source: 'test',
    };
    expect(capacities(following(0, { margin: 0, min: 0, max: 1000 }, { horizonWeeks: 3, inflow: replay }))).toEqual([
      10, 20, 5,
    ]);
    // Drawn, the replayed weeks are the data whatever the draws: capacity follows them exactly.
    const drawn = traceReplication(
      compile(following(0, { margin: 0, min: 0, max: 1000 }, { horizonWeeks: 2, inflow: replay })),
      {
        seed: 1,
        replication: 0,
      },
    );
    expect(drawn.weeks.map((w) => w.capacity[0])).toEqual([10, 20]);
  });

  it('the calendar scales the clamped rate: inflow 10, between 30 and 40, half a week gives 15 (not the clamp of a scaled maximum)', () => {
    const halfWeek: CalendarEntry = { from: '2024-01-08', to: '2024-01-14', scale: 0.5, label: null };
    // max(30, 10) = 30 every week; week 1 at half: 15. Scaling the maximum first would give min(20, 30) = 20.
    expect(capacities(following(10, { margin: 0, min: 30, max: 40 }, { calendar: [halfWeek] }))).toEqual([
      30, 15, 30, 30, 30, 30,
    ]);
  });

  it('a rate of 0.1 a week gives its first whole decision in week 9: ten additions of 0.1 floor to 1, not 0', () => {
    // 0.1 added ten times is 0.9999999999999999; the tolerance of the floor makes it the 1 it stands for.
    const units = capacities(following(0.1, { margin: 0, min: 0, max: 100 }, { horizonWeeks: 12 }));
    expect(units).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
});

/** An uncertainty block with every source off but those given. */
const held = (inflow: Partial<UncertaintySpec['inflow']>, capacity: Partial<UncertaintySpec['capacity']>) => ({
  inflow: { level: null, drift: null, overdispersion: null, ...inflow },
  capacity: { productivity: null, weekly: null, ...capacity },
  shares: null,
  grantRates: null,
  source: null,
});

describe('expected values with sources of uncertainty held at a value (the sensitivity runs)', () => {
  const base = (uncertainty: UncertaintySpec) =>
    benchReference({
      horizonWeeks: 3,
      inflow: { kind: 'constant', meanPerWeek: 10 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 10 } },
      lanes: [only()],
      initialBacklog: {},
      target: null,
      uncertainty,
    });
  const trace = (scenario: Scenario) =>
    traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true }).weeks;

  it('an inflow level held at 1.2 gives 12 arrivals a week where the mean is 10', () => {
    const weeks = trace(base(held({ level: { cv: 0.1, distribution: 'gamma', fixedAt: 1.2 } }, {})));
    expect(weeks.map((w) => w.arrivals[0])).toEqual([12, 12, 12]);
  });

  it('a drift held to end at 2 raises the mean along a straight line of the log level: 10, 10 sqrt 2, 20', () => {
    const weeks = trace(base(held({ drift: { sdPerYear: 0.5, fixedEndAt: 2 } }, {})));
    const arrivals = weeks.map((w) => w.arrivals[0]!);
    expect(arrivals[0]).toBe(10);
    expect(arrivals[1]).toBeCloseTo(10 * Math.SQRT2, 12);
    expect(arrivals[2]).toBeCloseTo(20, 12);
  });

  it('productivity held at 0.55 scales the planned rate before the whole-unit floor: 5.5 a week gives 5, 6, 5', () => {
    const weeks = trace(base(held({}, { productivity: { cv: 0.1, distribution: 'lognormal', fixedAt: 0.55 } })));
    expect(weeks.map((w) => w.capacity[0])).toEqual([5, 6, 5]);
  });
});

describe('expected values with fractional cases leave no rounding residue', () => {
  // 1,000 cases of 2.7 hours over 10 filing weeks and 250 hours a week: lane a spends the pool, and
  // 250 - (250 / 2.7) x 2.7 is 2.8e-14, not 0: the pool must keep what is left of its room, exactly 0.
  for (const flowing of [false, true]) {
    it(`a spent pool keeps exactly 0 hours, so a lower lane decides nothing${flowing ? ' (a plan with moves)' : ''}`, () => {
      const lanes: LaneSpec[] = [
        { ...only(), name: 'a', hoursPerDecision: 2.7 },
        {
          ...only(),
          name: 'b',
          share: 0,
          priority: 2,
          hoursPerDecision: 1,
          ...(flowing ? { transfers: [{ to: 'c', probability: 0.5 }] } : {}),
        },
        ...(flowing ? [{ ...only(), name: 'c', share: 0, priority: 3, hoursPerDecision: 1 }] : []),
      ];
      const scenario = noInflow(2, 'hours', 250, {
        lanes,
        initialBacklog: {
          a: { kind: 'spread', count: 1000, spreadWeeks: 10 },
          b: { kind: 'spread', count: 10, spreadWeeks: 1 },
        },
        target: null,
      });
      const weeks = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true }).weeks;
      for (const week of weeks) {
        expect(week.poolLeft[0]).toBe(0);
        expect(week.decisions[1]).toBe(0);
        expect(week.backlogEnd[1]).toBe(10);
      }
    });

    it(`the backlog is what the cohorts hold, not a running difference: weekly inflows 0.1, 0.2, 0.7, 0 leave 0.1, 0.2, 0.7, 0${flowing ? ' (a plan with moves)' : ''}`, () => {
      // Each week decides the week before's arrivals; (0.1 + 0.2) - 0.1 would be 0.20000000000000004.
      const scenario = benchReference({
        horizonWeeks: 4,
        inflow: { kind: 'weekly', meanPerWeek: [0.1, 0.2, 0.7, 0] },
        capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100 } },
        lanes: [
          { ...only(), minWaitWeeks: 1, ...(flowing ? { transfers: [{ to: 'other', probability: 0.5 }] } : {}) },
          { ...only(), name: 'other', share: 0, priority: 2 },
        ],
        initialBacklog: {},
        target: null,
      });
      const weeks = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true }).weeks;
      expect(weeks.map((w) => w.backlogEnd[0])).toEqual([0.1, 0.2, 0.7, 0]);
    });
  }
});

describe('the outcome step, drawn: one binomial per lane and replication from the outcome.<lane> stream', () => {
  /** Lane a with n open cases decided in week 0 (ample capacity), grant rate g, refiling q with a delay of one week. */
  const decidedOnce = (n: number, g: number, q: number) =>
    compile(
      noInflow(3, 'decisions', 1000, {
        lanes: [
          {
            ...only(),
            name: 'a',
            grantRate: g,
            ...(q > 0 ? { refiling: { probability: q, delay: [1], lanes: null } } : {}),
          },
        ],
        initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: n }] } },
        target: null,
      }),
    );

  it('without refiling: grants are Binomial(decisions, g)', () => {
    const plan = decidedOnce(60, 0.4, 0);
    for (let r = 0; r < 6; r++) {
      const trace = traceReplication(plan, { seed: 9, replication: r });
      const decided = trace.weeks.reduce((sum, w) => sum + w.decisions[0]!, 0);
      expect(decided).toBe(60);
      expect(trace.grants[0]).toBe(sampleBinomial(60, 0.4, createStream(9, r, plan.outcomeKeys[0]!)));
    }
  });

  it('with refiling: the decisions that returned were refusals; the rest are grants with g / (1 - (1 - g) q)', () => {
    const g = 0.4;
    const q = 0.5;
    const plan = decidedOnce(60, g, q);
    for (let r = 0; r < 6; r++) {
      const state = createState(plan, false);
      resetState(plan, state, 9, r);
      for (let t = 0; t < plan.horizonWeeks; t++) {
        inflow(plan, state, t);
        capacity(plan, state, t);
        decisions(plan, state, t);
      }
      const decided = state.decided[0]!;
      const returned = state.returned[0]!;
      expect(returned).toBeGreaterThan(0);
      outcome(plan, state);
      const p = g / (1 - (1 - g) * q);
      expect(state.grants[0]).toBe(sampleBinomial(decided - returned, p, createStream(9, r, plan.outcomeKeys[0]!)));
    }
  });

  it('grant rates of 0 and 1 give no grants and every decision a grant, with or without refiling', () => {
    for (const q of [0, 0.5])
      for (const g of [0, 1]) {
        const trace = traceReplication(decidedOnce(30, g, q), { seed: 2, replication: 0 });
        const decided = trace.weeks.reduce((sum, w) => sum + w.decisions[0]!, 0);
        expect(trace.grants[0]).toBe(g * decided);
      }
  });

  it('expected values: grants are decisions x g, refusals that return included', () => {
    const trace = traceReplication(decidedOnce(60, 0.4, 0.5), { seed: 2, replication: 0, deterministic: true });
    // 60 decided in week 0; 0.6 x 0.5 x 60 = 18 return and are decided in week 1; 0.3 x 18 = 5.4 of them in week 2.
    const decided = trace.weeks.map((w) => w.decisions[0]!);
    expect(decided.slice(0, 2)).toEqual([60, 18]);
    expect(decided[2]).toBeCloseTo(5.4, 12);
    expect(trace.grants[0]).toBeCloseTo(0.4 * 83.4, 12);
  });
});

describe('a replayed week drawn: successive binomials, each lane from its own inflow stream', () => {
  it('shares 0.1, 0.3, 0.6, 0: the lane whose share is the rest (0.6 of 0.6000000000000001 left) takes the rest without a draw, so its stream is untouched for the weeks after', () => {
    const lanes = [0.1, 0.3, 0.6, 0].map((share, i) => ({ ...only(), name: `l${i}`, share, priority: i + 1 }));
    const scenario = benchReference({
      horizonWeeks: 2,
      inflow: { kind: 'replay', observedPerWeek: [50], wholePerWeek: [50], futureMeanPerWeek: 40, source: 'test' },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
      lanes,
      initialBacklog: {},
      target: null,
    });
    const plan = compile(scenario);
    for (let r = 0; r < 8; r++) {
      const weeks = traceReplication(plan, { seed: 6, replication: r }).weeks;
      const streams = Array.from(plan.inflowKeys, (key) => createStream(6, r, key));
      const first = sampleBinomial(50, 0.1, streams[0]!);
      const second = sampleBinomial(50 - first, 0.3 / (1 - 0.1), streams[1]!);
      expect(weeks[0]!.arrivals).toEqual([first, second, 50 - first - second, 0]);
      // Week 1 draws Poisson from the same streams, after what the split took of them.
      expect(weeks[1]!.arrivals).toEqual(streams.map((stream, lane) => plan.inflowSamplers[4 + lane]!.sample(stream)));
    }
  });
});

describe('a dedicated pool in a plan with flows', () => {
  // Lane a: 10 decisions a week of its own, then the shared 5; lanes b and c only make the plan one with moves
  // (b moves to c at the decision step) or with withdrawals (for c, which has no cases): drawn, both run the flowing loop.
  const withFlows = (flow: 'moves' | 'withdrawals') =>
    compile(
      noInflow(4, 'decisions', 5, {
        lanes: [
          {
            ...only(),
            name: 'a',
            dedicatedCapacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 10 } },
          },
          {
            ...only(),
            name: 'b',
            share: 0,
            priority: 2,
            ...(flow === 'moves' ? { transfers: [{ to: 'c', probability: 0.5 }] } : {}),
          },
          {
            ...only(),
            name: 'c',
            share: 0,
            priority: 3,
            ...(flow === 'withdrawals' ? { withdrawals: [{ fromWeeks: 0, hazard: 0.1 }] } : {}),
          },
        ],
        initialBacklog: { a: { kind: 'spread', count: 100, spreadWeeks: 10 } },
        target: null,
      }),
    );

  for (const flow of ['moves', 'withdrawals'] as const)
    for (const deterministic of [true, false])
      it(`with ${flow}, ${deterministic ? 'expected values' : 'drawn'}: lane a decides 10 of its own and 5 shared a week`, () => {
        const plan = withFlows(flow);
        const weeks = traceReplication(plan, { seed: 1, replication: 0, deterministic }).weeks;
        expect(weeks.map((w) => w.decisions[0])).toEqual([15, 15, 15, 15]);
        const tally = deterministic ? simulateDeterministic(plan) : simulate(plan, { seed: 1, replications: 1 });
        expect(Array.from(tally.poolDecisionsSum)).toEqual([20, 40]);
      });
});

/**
 * Shared hours only, lane a first with its own hours a decision, lanes b and c (1 hour, no inflow) after it,
 * b moving half its cases to c when `moves`: the same numbers with the flowing step as without.
 */
function hoursPlan(perWeek: number, hoursPerDecision: number, count: number, moves: boolean) {
  return compile(
    noInflow(3, 'hours', perWeek, {
      lanes: [
        { ...only(), name: 'a', hoursPerDecision },
        {
          ...only(),
          name: 'b',
          share: 0,
          priority: 2,
          hoursPerDecision: 1,
          ...(moves ? { transfers: [{ to: 'c', probability: 0.5 }] } : {}),
        },
        { ...only(), name: 'c', share: 0, priority: 3, hoursPerDecision: 1 },
      ],
      initialBacklog: { a: { kind: 'spread', count, spreadWeeks: 10 } },
      target: null,
    }),
  );
}

describe('whole decisions from hours, drawn', () => {
  // 33 / 1.1 is 29.999999999999996 in doubles: the hours are those of 30 decisions, and 30 are made.
  for (const moves of [false, true])
    it(`33 hours at 1.1 hours a decision make 30 decisions a week, not 29${moves ? ' (a plan with moves)' : ''}`, () => {
      const weeks = traceReplication(hoursPlan(33, 1.1, 200, moves), { seed: 1, replication: 0 }).weeks;
      expect(weeks.map((w) => w.decisions[0])).toEqual([30, 30, 30]);
    });
});

describe('decisions from hours: whole when drawn, fractional in expected values', () => {
  const tenHours = (moves: boolean) => hoursPlan(10, 4, 100, moves);
  for (const moves of [false, true]) {
    const suffix = moves ? ' (a plan with moves)' : '';
    it(`drawn: 10 hours a week at 4 hours a decision make 2, 3, 2 (2 hours carried, never rounded up)${suffix}`, () => {
      const weeks = traceReplication(tenHours(moves), { seed: 1, replication: 0 }).weeks;
      expect(weeks.map((w) => w.decisions[0])).toEqual([2, 3, 2]);
      expect(weeks.map((w) => w.poolLeft[0])).toEqual([2, 0, 2]);
    });
    it(`expected values: 10 hours a week at 4 hours a decision make 2.5 a week${suffix}`, () => {
      const weeks = traceReplication(tenHours(moves), { seed: 1, replication: 0, deterministic: true }).weeks;
      expect(weeks.map((w) => w.decisions[0])).toEqual([2.5, 2.5, 2.5]);
    });
  }
});

describe("a dedicated pool's remainder carries while its lane still has eligible cases", () => {
  // Lane a: 10 hours of its own a week at 4 hours a decision, no shared capacity, 100 cases all filed in the one
  // week before the start (minimum wait 1): in week 0 they sit in the last eligible slot, and still wait after.
  for (const moves of [false, true])
    it(`drawn: 2, 3, 2 decisions, the 2 hours left carried${moves ? ' (a plan with moves)' : ''}`, () => {
      const plan = compile(
        noInflow(3, 'hours', 0, {
          lanes: [
            {
              ...only(),
              name: 'a',
              minWaitWeeks: 1,
              hoursPerDecision: 4,
              dedicatedCapacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 10 } },
            },
            {
              ...only(),
              name: 'b',
              share: 0,
              priority: 2,
              hoursPerDecision: 1,
              ...(moves ? { transfers: [{ to: 'c', probability: 0.5 }] } : {}),
            },
            { ...only(), name: 'c', share: 0, priority: 3, hoursPerDecision: 1 },
          ],
          initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 100 }] } },
          target: null,
        }),
      );
      const weeks = traceReplication(plan, { seed: 1, replication: 0 }).weeks;
      expect(weeks.map((w) => w.decisions[0])).toEqual([2, 3, 2]);
      expect(weeks.map((w) => w.poolLeft[1])).toEqual([2, 0, 2]);
    });
});

describe('idle capacity', () => {
  it('what a pool leaves because nothing is eligible shows as left over, and is lost: the next week has only its own capacity', () => {
    // 5 cases and 10 decisions a week: week 0 leaves 5 unused; week 1 has 10, not 15.
    for (const deterministic of [true, false]) {
      const scenario = noInflow(2, 'decisions', 10, {
        lanes: [only()],
        initialBacklog: { only: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 5 }] } },
        target: null,
      });
      const weeks = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic }).weeks;
      expect(weeks.map((w) => [w.poolAvailable[0], w.decisions[0], w.poolLeft[0]])).toEqual([
        [10, 5, 5],
        [10, 0, 10],
      ]);
    }
  });
});
