/**
 * What the uncertainty block must leave alone: the expected-value path (every
 * factor has mean 1), the draws of a run without it (a block with every
 * source off), and the draws of every other source (each has its own named
 * stream, so options compared with the same seed see the same inflow, the
 * same capacity factors and the same grant rates). And the run stays a pure
 * function of (plan, seed, replications), however it is split over workers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/engine/plan.js';
import { simulate, simulateDeterministic, simulateInto } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import type { ReplicationState } from '../../src/engine/state.js';
import { capacity, decisions, inflow, outcome } from '../../src/engine/step.js';
import { Tally } from '../../src/engine/tally.js';
import { compile, loadScenario } from '../../src/scenario/index.js';
import type { Scenario, UncertaintySpec } from '../../src/scenario/types.js';
import { runs } from '../fast-check-config.js';
import { arbitraryScenario, arbitraryUncertainty } from './arbitrary-scenario.js';
import { benchReference } from './bench-reference.js';

/** Every source on, as the issue's example block. */
const FULL: UncertaintySpec = {
  inflow: {
    level: { cv: 0.12, distribution: 'lognormal' },
    drift: { sdPerYear: 0.05 },
    overdispersion: { cv: 0.1 },
  },
  capacity: { productivity: { cv: 0.05, distribution: 'gamma' }, weekly: { cv: 0.08 } },
  shares: { concentration: 300 },
  grantRates: { concentration: 50 },
  source: 'test',
};

/** FULL with only some of its sources (the others off). */
function only(
  ...sources: ('level' | 'drift' | 'overdispersion' | 'productivity' | 'weekly' | 'shares' | 'grantRates')[]
) {
  const on = new Set(sources);
  return {
    inflow: {
      level: on.has('level') ? FULL.inflow.level : null,
      drift: on.has('drift') ? FULL.inflow.drift : null,
      overdispersion: on.has('overdispersion') ? FULL.inflow.overdispersion : null,
    },
    capacity: {
      productivity: on.has('productivity') ? FULL.capacity.productivity : null,
      weekly: on.has('weekly') ? FULL.capacity.weekly : null,
    },
    shares: on.has('shares') ? FULL.shares : null,
    grantRates: on.has('grantRates') ? FULL.grantRates : null,
    source: null,
  } satisfies UncertaintySpec;
}

const INFLOW_SOURCES = ['level', 'drift', 'overdispersion', 'shares'] as const;

/** Blocks with every source off: all null, and every cv (and sdPerYear) 0. */
const OFF: readonly UncertaintySpec[] = [
  only(),
  {
    inflow: {
      level: { cv: 0, distribution: 'lognormal' },
      drift: { sdPerYear: 0 },
      overdispersion: { cv: 0 },
    },
    capacity: { productivity: { cv: 0, distribution: 'gamma' }, weekly: { cv: 0 } },
    shares: null,
    grantRates: null,
    source: 'all off',
  },
];

const withBlock = (scenario: Scenario, uncertainty: UncertaintySpec | undefined): Scenario => {
  const { uncertainty: _, ...rest } = scenario;
  return uncertainty === undefined ? rest : { ...rest, uncertainty };
};

/** The expected-value path: its tally's data and its recorded fractional decisions. */
function expectedPath(scenario: Scenario) {
  const tally = simulateDeterministic(compile(scenario));
  return { data: tally.toData(), decisions: tally.expectedDecisions };
}

/** Runs replications as `simulate` does, calling back after each week and at the end. */
function eachReplication(
  plan: Plan,
  seed: number,
  replications: number,
  atEnd: (state: ReplicationState, replication: number) => void,
  afterWeek: (state: ReplicationState, t: number, replication: number) => void = () => {},
): void {
  const state = createState(plan, false);
  for (let r = 0; r < replications; r++) {
    resetState(plan, state, seed, r);
    for (let t = 0; t < plan.horizonWeeks; t++) {
      inflow(plan, state, t);
      capacity(plan, state, t);
      decisions(plan, state, t);
      afterWeek(state, t, r);
    }
    outcome(plan, state);
    atEnd(state, r);
  }
}

/** Every replication's arrivals per week and lane, in one array. */
function arrivalsOf(plan: Plan, seed: number, replications: number): Float64Array {
  const lanes = plan.laneCount;
  const out = new Float64Array(replications * plan.horizonWeeks * lanes);
  eachReplication(
    plan,
    seed,
    replications,
    () => {},
    (state, t, r) => {
      for (let l = 0; l < lanes; l++) out[(r * plan.horizonWeeks + t) * lanes + l] = state.arrivals[l]!;
    },
  );
  return out;
}

/** The replication's drawn parameters, right after resetState (copied: the state is reused). */
function drawsOf(plan: Plan, seed: number, replication: number) {
  const state = createState(plan, false);
  resetState(plan, state, seed, replication);
  return {
    inflowFactor: Float64Array.from(state.inflowFactor),
    capacityFactor: Float64Array.from(state.capacityFactor),
    shareRatio: Float64Array.from(state.shareRatio),
    grantRate: Float64Array.from(state.grantRate),
  };
}

/**
 * Deep equality with typed arrays compared element by element (Object.is: -0 is not 0): what `toEqual` checks,
 * about 50x faster on the large arrays of a tally. Returns the path of the first difference, or null.
 */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (a.constructor !== b.constructor || x.length !== y.length) return `${path} (type or length)`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${path}[${i}]: ${x[i]} vs ${y[i]}`;
    return null;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (Array.isArray(a) !== Array.isArray(b)) return `${path} (array or not)`;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
}

/** `expect(actual).toEqual(expected)` for tallies and typed arrays, naming the first difference. */
function expectSame(actual: unknown, expected: unknown): void {
  expect(firstDifference(actual, expected)).toBeNull();
}

function correlation(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function sd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

describe('expected-value mode ignores the block (every factor has mean 1)', () => {
  it('the bench-reference workload with the full block: exactly the path without it, ending at 1,140', () => {
    const without = expectedPath(benchReference());
    const withFull = expectedPath(benchReference({ uncertainty: FULL }));
    expectSame(withFull, without);
    const plan = compile(benchReference({ uncertainty: FULL }));
    expect(simulateDeterministic(plan).backlogSum(plan.horizonWeeks - 1, plan.laneCount)).toBe(1140);
  });

  it('the shipped baseline (scenarios/baseline-2024.yaml), with its own block if it has one, with the full block, and without: end backlog 1,140', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const scenario = loaded.value.scenario;
    const ends = [scenario, withBlock(scenario, FULL), withBlock(scenario, undefined)].map((s) => {
      const plan = compile(s);
      return simulateDeterministic(plan).backlogSum(plan.horizonWeeks - 1, plan.laneCount);
    });
    expect(ends).toEqual([1140, 1140, 1140]);
    expectSame(expectedPath(withBlock(scenario, FULL)), expectedPath(withBlock(scenario, undefined)));
  });

  it('property: a random scenario with a random block has exactly the expected-value path it has without', () => {
    fc.assert(
      fc.property(arbitraryScenario({ uncertainty: false }), arbitraryUncertainty(), (scenario, uncertainty) => {
        expectSame(expectedPath({ ...scenario, uncertainty }), expectedPath(scenario));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('a block with every source off is no block: the same tally, draw for draw', () => {
  OFF.forEach((off, i) => {
    it(`bench-reference, ${i === 0 ? 'every source absent' : 'every cv and sdPerYear 0'}: the same tally as without a block, same seed`, () => {
      const options = { seed: 41, replications: 300 };
      const plain = simulate(compile(benchReference()), options).toData();
      expectSame(simulate(compile(benchReference({ uncertainty: off })), options).toData(), plain);
    });
  });

  it('property: random scenarios (every capacity policy, dedicated pools, calendars) with an off block', () => {
    fc.assert(
      fc.property(
        arbitraryScenario({ uncertainty: false }),
        fc.constantFrom(...OFF),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (scenario, off, seed) => {
          const options = { seed, replications: 4 };
          expectSame(
            simulate(compile({ ...scenario, uncertainty: off }), options).toData(),
            simulate(compile(scenario), options).toData(),
          );
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe('common random numbers: each source draws from its own stream', () => {
  const SEED = 43;

  it("each group's draws are the same whichever other sources are on: inflow factors, capacity factors, share ratios, grant rates", () => {
    const plans = {
      full: compile(benchReference({ uncertainty: FULL })),
      inflow: compile(benchReference({ uncertainty: only('level', 'drift', 'overdispersion') })),
      capacity: compile(benchReference({ uncertainty: only('productivity', 'weekly') })),
      shares: compile(benchReference({ uncertainty: only('shares') })),
      grants: compile(benchReference({ uncertainty: only('grantRates') })),
      level: compile(benchReference({ uncertainty: only('level') })),
      drift: compile(benchReference({ uncertainty: only('drift') })),
      overdispersion: compile(benchReference({ uncertainty: only('overdispersion') })),
      productivity: compile(benchReference({ uncertainty: only('productivity') })),
      weekly: compile(benchReference({ uncertainty: only('weekly') })),
    };
    for (let r = 0; r < 200; r++) {
      const d = Object.fromEntries(Object.entries(plans).map(([name, plan]) => [name, drawsOf(plan, SEED, r)])) as {
        [K in keyof typeof plans]: ReturnType<typeof drawsOf>;
      };
      expectSame(d.full.inflowFactor, d.inflow.inflowFactor);
      expectSame(d.full.capacityFactor, d.capacity.capacityFactor);
      expectSame(d.full.shareRatio, d.shares.shareRatio);
      expectSame(d.full.grantRate, d.grants.grantRate);
      // Within a group each source has its own stream too: the week's factor is the product of each alone.
      expectSame(
        d.inflow.inflowFactor,
        d.level.inflowFactor.map((f, t) => f * d.drift.inflowFactor[t]! * d.overdispersion.inflowFactor[t]!),
      );
      expectSame(
        d.capacity.capacityFactor,
        d.productivity.capacityFactor.map((f, t) => f * d.weekly.capacityFactor[t]!),
      );
      // And a source really draws: its factor is not 1 (or a share ratio, or the planned rate).
      expect(d.level.inflowFactor[0]).not.toBe(1);
      expect(d.weekly.capacityFactor[3]).not.toBe(1);
      expect(d.shares.shareRatio[3]).not.toBe(1);
      expect(d.grants.grantRate[3]).not.toBe(0.4);
    }
  });

  it('sources of the same form do not share draws: level and productivity factors, inflow and capacity weekly noise, are uncorrelated', () => {
    // Same distribution and cv in each pair, so that two sources on one stream would draw the very same values.
    const factors = compile(
      benchReference({
        uncertainty: {
          ...only(),
          inflow: { level: { cv: 0.1, distribution: 'gamma' }, drift: null, overdispersion: null },
          capacity: { productivity: { cv: 0.1, distribution: 'gamma' }, weekly: null },
        },
      }),
    );
    const noise = compile(
      benchReference({
        uncertainty: {
          ...only(),
          inflow: { level: null, drift: null, overdispersion: { cv: 0.1 } },
          capacity: { productivity: null, weekly: { cv: 0.1 } },
        },
      }),
    );
    const replications = 1000;
    const level: number[] = [];
    const productivity: number[] = [];
    const inflowWeek: number[] = [];
    const capacityWeek: number[] = [];
    for (let r = 0; r < replications; r++) {
      const f = drawsOf(factors, SEED, r);
      level.push(f.inflowFactor[0]!);
      productivity.push(f.capacityFactor[0]!);
      const n = drawsOf(noise, SEED, r);
      inflowWeek.push(...n.inflowFactor);
      capacityWeek.push(...n.capacityFactor);
    }
    // Under independence a sample correlation has sd about 1 / sqrt(n): 4.4 of them bound both with probability 1e-4.
    expect(Math.abs(correlation(level, productivity))).toBeLessThan(4.4 / Math.sqrt(level.length));
    expect(Math.abs(correlation(inflowWeek, capacityWeek))).toBeLessThan(4.4 / Math.sqrt(inflowWeek.length));
  });

  it('switching the capacity sources on changes no arrival, in any week, lane or replication', () => {
    const inflowOnly = compile(benchReference({ uncertainty: only(...INFLOW_SOURCES, 'grantRates') }));
    const withCapacity = compile(benchReference({ uncertainty: FULL }));
    const a = arrivalsOf(inflowOnly, SEED, 500);
    expectSame(arrivalsOf(withCapacity, SEED, 500), a);
    // Not a vacuous equality: the inflow sources do move the arrivals.
    expect(
      firstDifference(arrivalsOf(compile(benchReference({ uncertainty: only('grantRates') })), SEED, 500), a),
    ).not.toBeNull();
  });

  it('switching the inflow sources on changes no grant when the decisions are the same', () => {
    // One lane, 20,000 old cases, 1,600 decisions a year whatever arrives: the decisions do not depend on the inflow.
    const saturated = (uncertainty: UncertaintySpec): Plan =>
      compile(
        benchReference({
          lanes: [
            {
              name: 'only',
              share: 1,
              priority: 1,
              minWaitWeeks: 1,
              grantRate: 0.4,
              hoursPerDecision: null,
              dedicatedCapacity: null,
            },
          ],
          initialBacklog: { only: { kind: 'spread', count: 20_000, spreadWeeks: 10 } },
          target: null,
          uncertainty,
        }),
      );
    const outcomes = (plan: Plan) => {
      const rows: [number, number, number][] = [];
      eachReplication(plan, SEED, 1000, (state) => {
        rows.push([state.decided[0]!, state.grantRate[0]!, state.grants[0]!]);
      });
      return rows;
    };
    const grantsOnly = outcomes(saturated(only('grantRates')));
    expect(outcomes(saturated(only(...INFLOW_SOURCES, 'grantRates')))).toEqual(grantsOnly);
    expect(grantsOnly.every(([decided]) => decided === 1600)).toBe(true);
    // Without the beta the grant draws are the plain binomial's, from the same outcome stream: different grants.
    expect(outcomes(saturated(only(...INFLOW_SOURCES))).map((row) => row[2])).not.toEqual(
      grantsOnly.map((row) => row[2]),
    );
  });

  it('two capacities, one block: identical arrivals per replication, and a paired difference of end backlogs far tighter than unpaired', () => {
    const replications = 2000;
    const lanes = 4;
    const option = (perYear: number) =>
      compile(
        benchReference({
          capacity: { unit: 'decisions', policy: { kind: 'perYear', perYear } },
          uncertainty: FULL,
        }),
      );
    const run = (plan: Plan) => {
      const arrivals = new Float64Array(replications * plan.horizonWeeks * lanes);
      const ends: number[] = [];
      eachReplication(
        plan,
        SEED,
        replications,
        (state) => ends.push(state.backlog.reduce((a, b) => a + b, 0)),
        (state, t, r) => {
          for (let l = 0; l < lanes; l++) arrivals[(r * plan.horizonWeeks + t) * lanes + l] = state.arrivals[l]!;
        },
      );
      return { arrivals, ends };
    };
    const a = run(option(1600));
    const b = run(option(1700));
    expectSame(b.arrivals, a.arrivals);
    const paired = sd(a.ends.map((end, r) => end - b.ends[r]!));
    const unpaired = Math.sqrt(sd(a.ends) ** 2 + sd(b.ends) ** 2);
    // With common draws the difference is about 100 x the productivity factor (sd 5, plus rounding);
    // unpaired it carries the whole spread of the inflow (a sd of about 200 each).
    expect(paired).toBeLessThan(unpaired / 10);
    // The same holds for the tallies simulate keeps: the same distribution of arrivals, exactly.
    const options = { seed: SEED, replications: 500 };
    expect(simulate(option(1700), options).arrivalsTotal!.entries()).toEqual(
      simulate(option(1600), options).arrivalsTotal!.entries(),
    );
  });
});

describe('determinism', () => {
  const plan = compile(benchReference({ uncertainty: FULL }));

  it('the same seed gives the same tally; another seed another', () => {
    const options = { seed: 47, replications: 400 };
    const first = simulate(plan, options).toData();
    expectSame(simulate(plan, options).toData(), first);
    expect(firstDifference(simulate(plan, { ...options, seed: 48 }).toData(), first)).not.toBeNull();
  });

  it('a run split over workers (firstReplication ranges, merged in any order) equals the run in one piece', () => {
    const whole = simulate(plan, { seed: 47, replications: 600 }).toData();
    const ranges = [
      [400, 200],
      [0, 150],
      [150, 250],
    ] as const;
    const merged = new Tally(plan, false);
    for (const [firstReplication, replications] of ranges)
      merged.merge(simulate(plan, { seed: 47, replications, firstReplication }));
    expectSame(merged.toData(), whole);
    // And range after range into one tally, as a worker does.
    const worker = new Tally(plan, false);
    for (const [firstReplication, replications] of [
      [0, 150],
      [150, 250],
      [400, 200],
    ] as const)
      simulateInto(plan, worker, { seed: 47, replications, firstReplication });
    expectSame(worker.toData(), whole);
  });
});

describe('a replication does not depend on the replications run before it', () => {
  // The sensitivity runs hold the level at a fixed value: every replication then has the same Poisson
  // means, which VaryingPoisson tabulates from their second draw. Were that table kept from one
  // replication to the next, a replication's draws would depend on where its chunk started.
  it('with the level held at a value, ranges merged equal the run in one piece, to the last draw', () => {
    const fixed: UncertaintySpec = {
      ...FULL,
      inflow: { level: { cv: 0, distribution: 'lognormal', fixedAt: 1.1 }, drift: null, overdispersion: null },
      capacity: { productivity: null, weekly: null },
      shares: null,
      grantRates: null,
    };
    const plan = compile(withBlock(benchReference(), fixed));
    const whole = simulate(plan, { seed: 5, replications: 60 });
    const split = new Tally(plan, false);
    for (const [first, count] of [
      [0, 1],
      [1, 36],
      [37, 23],
    ] as const)
      simulateInto(plan, split, { seed: 5, firstReplication: first, replications: count });
    expectSame(split.toData(), whole.toData());
  });
});
