/**
 * Extreme but valid scenarios: 10-year horizons, 10,000 arrivals a week,
 * 1,000,000 open cases, capacities of 0, shares of 0 and 1 and a lane with
 * no cases at all. Exact results where deterministic arithmetic gives them,
 * conservation, and summaries without NaN, Infinity or negative figures
 * (lead times of a lane that decides nothing are NaN by design: there is no
 * lead time to report).
 */
import fc from 'fast-check';
import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scenario/index.js';
import { weekEndDate } from '../../src/time/weeks.js';
import { simulateDeterministic } from '../../src/engine/simulate.js';
import { traceReplication } from '../../src/engine/trace.js';
import type { Tally } from '../../src/engine/tally.js';
import { runScenario } from '../../src/run/run-scenario.js';
import type { RunResult } from '../../src/run/run-scenario.js';
import type { CapacitySpec, InitialBacklogSpec, LaneSpec, Scenario } from '../../src/scenario/types.js';
import { arbitraryScenario } from '../engine/arbitrary-scenario.js';
import { runs } from '../fast-check-config.js';

const lane = (name: string, share: number, overrides: Partial<LaneSpec> = {}): LaneSpec => ({
  name,
  share,
  priority: 1,
  minWaitWeeks: 1,
  grantRate: 0.4,
  hoursPerDecision: null,
  dedicatedCapacity: null,
  ...overrides,
});

const perWeek = (n: number): CapacitySpec => ({ unit: 'decisions', policy: { kind: 'perWeek', perWeek: n } });

/** One lane with all the inflow, 1,000,000 cases spread over the last 100 weeks, 10,000 arrivals a week. */
const huge = (overrides: Partial<Scenario> = {}): Scenario => ({
  name: 'extreme',
  description: null,
  start: '2024-01-01',
  horizonWeeks: 520,
  seed: 17,
  replications: 200,
  inflow: { kind: 'constant', meanPerWeek: 10_000 },
  capacity: perWeek(9_000),
  calendar: [],
  lanes: [lane('regular', 1)],
  initialBacklog: { regular: { kind: 'spread', count: 1_000_000, spreadWeeks: 100 } },
  target: null,
  ...overrides,
});

/** Every number of the summary and the weekly rows: finite and >= 0, except lead times of lanes that decided nothing (NaN). */
function expectClean(result: RunResult): void {
  const bad: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      const noDecisions = /leadTimeDays\.(all|byLane\.[^.]+)\.(mean|p50|p90)$/.test(path);
      if (Number.isNaN(value) && noDecisions) return;
      if (!Number.isFinite(value) || value < 0) bad.push(`${path} = ${value}`);
    } else if (Array.isArray(value))
      value.forEach((v, i) => {
        walk(v, `${path}[${i}]`);
      });
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(result.summary, 'summary');
  walk(result.weekly, 'weekly');
  expect(bad.slice(0, 10)).toEqual([]);
  // A lane's lead times are NaN exactly when it decided nothing.
  for (const [name, lead] of Object.entries(result.summary.leadTimeDays.byLane)) {
    expect(Number.isNaN(lead.mean), name).toBe(lead.decided === 0);
  }
}

/** Conservation of the tally, per lane and week: decisions >= 0 and arrivals >= 0; and decisions never above the capacity. */
function expectConserved(tally: Tally, plan: ReturnType<typeof compile>): void {
  for (let t = 0; t < tally.horizonWeeks; t++) {
    let decided = 0;
    for (let l = 0; l < tally.laneCount; l++) {
      const decisions = tally.decisionsSum(t, l);
      expect(decisions).toBeGreaterThanOrEqual(-1e-6);
      expect(tally.arrivalsSum[t * tally.laneCount + l]).toBeGreaterThanOrEqual(0);
      expect(tally.backlogSum(t, l)).toBeGreaterThanOrEqual(0);
      decided += decisions;
    }
    if (plan.pools.length === 1 && plan.pools[0]!.unit === 'decisions')
      expect(decided).toBeLessThanOrEqual(tally.capacitySum[t]! * (1 + 1e-12));
  }
}

describe('deterministic mode at the extremes: exact', () => {
  it('decisions per week are exactly 0 with capacity 0, also when tiny fractional arrivals meet a backlog of 10^6 (no rounding residue)', () => {
    const scenario = huge({
      horizonWeeks: 20,
      capacity: perWeek(0),
      inflow: { kind: 'weekly', meanPerWeek: new Array<number>(20).fill(2.910383045673371e-11) },
      initialBacklog: { regular: { kind: 'spread', count: 263_333, spreadWeeks: 1 } },
    });
    const tally = simulateDeterministic(compile(scenario));
    for (let t = 0; t < 20; t++) expect(tally.decisionsSum(t, 0)).toBe(0);
  });

  it('a lane that empties in hours at a fractional effort ends at exactly 0 open, never a rounding residue below it', () => {
    const scenario = huge({
      horizonWeeks: 429,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'hours', policy: { kind: 'staff', fte: 0, hoursPerFteWeek: 1, productiveShare: 0.05 } },
      lanes: [
        lane('regular', 1, {
          minWaitWeeks: 0,
          hoursPerDecision: 0.5000000000000002,
          dedicatedCapacity: { unit: 'hours', policy: { kind: 'perYear', perYear: 16_667 } },
        }),
      ],
      initialBacklog: {
        regular: {
          kind: 'byWeeksAgo',
          counts: [
            { weeksAgo: 1, count: 20_000 },
            { weeksAgo: 2, count: 20_000 },
          ],
        },
      },
    });
    const tally = simulateDeterministic(compile(scenario));
    for (let t = 0; t < 429; t++) expect(tally.backlogSum(t, 0)).toBeGreaterThanOrEqual(0);
    expect(tally.backlogSum(428, 0)).toBe(0);
  });

  it("recorded decisions per week are the step's, and conserve the backlog up to rounding", () => {
    const plan = compile(
      huge({
        horizonWeeks: 52,
        lanes: [lane('a', 0.14, { minWaitWeeks: 8 }), lane('b', 0.86, { priority: 2 })],
        initialBacklog: { b: { kind: 'spread', count: 1_000_000, spreadWeeks: 50 } },
      }),
    );
    const tally = simulateDeterministic(plan);
    const trace = traceReplication(plan, { seed: 0, replication: 0, deterministic: true });
    for (let t = 0; t < 52; t++) {
      for (let l = 0; l < 2; l++) {
        expect(tally.decisionsSum(t, l)).toBe(trace.weeks[t]!.decisions[l]);
        const conserved = tally.backlogSum(t - 1, l) + tally.arrivalsSum[t * 2 + l]! - tally.backlogSum(t, l);
        expect(Math.abs(tally.decisionsSum(t, l) - conserved)).toBeLessThanOrEqual(1e-9 * 2_000_000);
      }
    }
  });

  it('52 weeks: 1,000,000 + 52 x 10,000 - 52 x 9,000 = 1,052,000, and every week 1,000 more', () => {
    const tally = simulateDeterministic(compile(huge({ horizonWeeks: 52 })));
    for (let t = 0; t < 52; t++) expect(tally.backlogSum(t, 1)).toBe(1_000_000 + (t + 1) * 1_000);
    expect(tally.backlogSum(51, 1)).toBe(1_052_000);
  });

  it('520 weeks: 1,000,000 + 520 x 10,000 - 520 x 9,000 = 1,520,000; with capacity 0: 6,200,000', () => {
    expect(simulateDeterministic(compile(huge())).backlogSum(519, 1)).toBe(1_520_000);
    expect(simulateDeterministic(compile(huge({ capacity: perWeek(0) }))).backlogSum(519, 1)).toBe(6_200_000);
  });

  it('520 weeks of 1,600 a year decide exactly 16,000 when cases never run out', () => {
    const plan = compile(
      huge({
        capacity: { unit: 'decisions', policy: { kind: 'perYear', perYear: 1600 } },
        inflow: { kind: 'constant', meanPerWeek: 0 },
      }),
    );
    const tally = simulateDeterministic(plan);
    expect(tally.backlogSum(519, 1)).toBe(1_000_000 - 16_000);
  });

  it('more capacity than cases: the backlog runs to 0 and stays there, never below', () => {
    const plan = compile(
      huge({
        capacity: perWeek(2_000_000),
        inflow: { kind: 'constant', meanPerWeek: 10_000 },
        lanes: [lane('regular', 1, { minWaitWeeks: 0 })],
      }),
    );
    const tally = simulateDeterministic(plan);
    for (let t = 0; t < 520; t++) expect(tally.backlogSum(t, 0)).toBe(0);
  });

  it('four lanes with fractional shares: the total is exact up to rounding of the shares', () => {
    const scenario = huge({
      lanes: [
        lane('a', 0.14, { priority: 1, minWaitWeeks: 8 }),
        lane('b', 0.03, { priority: 2 }),
        lane('c', 0.1, { priority: 3, minWaitWeeks: 4 }),
        lane('d', 0.73, { priority: 4 }),
      ],
      initialBacklog: { d: { kind: 'spread', count: 1_000_000, spreadWeeks: 100 } },
    });
    const result = simulateDeterministic(compile(scenario));
    expect(result.backlogSum(519, 4)).toBeCloseTo(1_520_000, 3);
  });
});

describe('stochastic runs at the extremes, summarised as the CLI does', () => {
  it('10 years, 10,000 a week, 1,000,000 open, 200 replications: conserved, clean, mean equal to the deterministic line, histograms sized by the spread', async () => {
    const result = await runScenario(huge({ target: { backlog: 1_000_000, date: weekEndDate('2024-01-01', 519) } }));
    expectClean(result);
    expectConserved(result.tally, result.plan);
    const { summary, tally } = result;
    // Capacity binds every week (9,000 against more than 1,000,000 eligible): the backlog is linear in the arrivals,
    // so its mean is the deterministic 1,520,000 within the standard error of 200 Poisson(5,200,000) sums.
    const z = probit(1 - 1e-4 / 2);
    expect(summary.deterministicEndBacklog.total).toBe(1_520_000);
    expect(Math.abs(summary.endBacklog.total.mean - 1_520_000)).toBeLessThanOrEqual(z * Math.sqrt(5_200_000 / 200));
    expect(summary.decisions.total).toBe(520 * 9_000);
    expect(summary.target!.probability).toBe(0);
    // Memory: each week's histogram spans the replications' spread (a few thousand), not the backlog's size.
    let bytes = 0;
    for (const h of tally.backlog!) {
      const entries = h.entries();
      const spread = entries[entries.length - 1]![0] - entries[0]![0] + 1;
      expect(h.byteLength / 8).toBeLessThanOrEqual(3 * spread + 192);
      bytes += h.byteLength;
    }
    // 1,040 histograms of at most 3 x (spread of about 6 x 2,280 at the end) bins: far from 1,040 x 1,520,000 x 8 bytes.
    expect(bytes).toBeLessThan(1040 * 3 * 16_000 * 8);
  });

  it('capacity 0: no decisions, backlog = start + arrivals in every replication, lead times NaN with 0 decided, no crash', async () => {
    const result = await runScenario(huge({ capacity: perWeek(0), replications: 50 }));
    expectClean(result);
    expectConserved(result.tally, result.plan);
    const { summary, tally, weekly } = result;
    expect(summary.decisions.total).toBe(0);
    expect(summary.grants.total).toBe(0);
    expect(summary.leadTimeDays.all).toEqual({ mean: Number.NaN, p50: Number.NaN, p90: Number.NaN, decided: 0 });
    for (let t = 0; t < 520; t++) expect(tally.decisionsSum(t, 0)).toBe(0);
    expect(weekly.every((row) => row.decisions === 0)).toBe(true);
    // Summed over replications: the end backlogs are the start plus all arrivals, exactly.
    let arrived = 0;
    for (let t = 0; t < 520; t++) arrived += tally.arrivalsSum[t]!;
    expect(tally.backlogSum(519, 0)).toBe(50 * 1_000_000 + arrived);
    expect(summary.deterministicEndBacklog.total).toBe(6_200_000);
  });

  it('shares of 1 and 0 and a lane with no cases at all: the empty lane stays at 0, the share-0 lane only drains, nothing is NaN but its lead times', async () => {
    const scenario = huge({
      horizonWeeks: 104,
      replications: 100,
      lanes: [
        lane('empty', 0, { priority: 1, minWaitWeeks: 0 }),
        lane('drained', 0, { priority: 2 }),
        lane('all', 1, { priority: 3 }),
      ],
      initialBacklog: {
        drained: { kind: 'spread', count: 50_000, spreadWeeks: 20 },
        all: { kind: 'spread', count: 1_000_000, spreadWeeks: 100 },
      },
    });
    const result = await runScenario(scenario);
    expectClean(result);
    expectConserved(result.tally, result.plan);
    const { summary, tally, plan } = result;
    const [empty, drained] = [0, 1];
    expect(plan.laneNames).toEqual(['empty', 'drained', 'all']);
    for (let t = 0; t < 104; t++) {
      expect(tally.backlogSum(t, empty!)).toBe(0);
      expect(tally.arrivalsSum[t * 3 + empty!]).toBe(0);
      expect(tally.arrivalsSum[t * 3 + drained!]).toBe(0);
    }
    expect(summary.leadTimeDays.byLane.empty!.decided).toBe(0);
    expect(summary.arrivals.byLane.all).toBe(summary.arrivals.total);
    // The share-0 lane has priority over `all`: 9,000 a week clear its 50,000 in 6 weeks (the first week has 9,000 of them eligible).
    expect(tally.backlogSum(5, drained!)).toBe(0);
    expect(summary.decisions.byLane.drained).toBe(50_000);
    expect(summary.decisions.total).toBe(104 * 9_000);
  });

  it('deterministic runs of every extreme summarise cleanly too: capacity 0 in decisions and in hours, staff of 0 FTE, capacity that follows 10,000 a week', async () => {
    const hours = (policy: CapacitySpec['policy']): CapacitySpec => ({ unit: 'hours', policy });
    const capacities: CapacitySpec[] = [
      perWeek(0),
      hours({ kind: 'perWeek', perWeek: 0 }),
      hours({ kind: 'staff', fte: 0, hoursPerFteWeek: 36, productiveShare: 0.6 }),
      hours({ kind: 'staff', fte: 2_000, hoursPerFteWeek: 36, productiveShare: 0.6 }),
      { unit: 'decisions', policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 13, min: 0, max: 20_000 } },
    ];
    for (const capacity of capacities) {
      const scenario = huge({
        capacity,
        replications: 20,
        lanes: [lane('empty', 0, { hoursPerDecision: 4 }), lane('all', 1, { hoursPerDecision: 6, priority: 2 })],
        initialBacklog: { all: { kind: 'spread', count: 1_000_000, spreadWeeks: 100 } },
      });
      for (const deterministic of [true, false]) {
        const result = await runScenario(scenario, { deterministic });
        expectClean(result);
        expectConserved(result.tally, result.plan);
        expect(result.tally.backlogSum(519, 0)).toBe(0);
      }
    }
  });
});

describe('grants and refusals of the expected-value path', () => {
  it('refusals are never a rounding residue below 0 with a grant rate a hair under 1 (a CI counterexample)', async () => {
    // Found by the property below on CI: refusals.byLane.lane0 = -1.8e-12, because grants were
    // the rate times the engine's running sum of takes while decisions were summed week by week.
    const scenario: Scenario = {
      ...huge(),
      horizonWeeks: 52,
      replications: 3,
      inflow: { kind: 'weekly', meanPerWeek: new Array<number>(52).fill(0) },
      capacity: { unit: 'hours', policy: { kind: 'perYear', perYear: 191_667 } },
      calendar: [
        { from: '2024-02-24', to: '2024-03-05', scale: 0, label: null },
        { from: '2024-01-01', to: '2024-01-25', scale: 0, label: null },
      ],
      lanes: [
        lane('lane0', 0, {
          minWaitWeeks: 0,
          grantRate: 0.9999999999999978,
          hoursPerDecision: 11.982284545374537,
          dedicatedCapacity: { unit: 'hours', policy: { kind: 'perYear', perYear: 500 } },
        }),
        lane('lane1', 0, { minWaitWeeks: 0, grantRate: 0, hoursPerDecision: 0.5 }),
        lane('lane2', 0.8181818181818182, { minWaitWeeks: 0, grantRate: 0, hoursPerDecision: 0.5 }),
        lane('lane3', 0, { minWaitWeeks: 0, grantRate: 0, hoursPerDecision: 0.5 }),
        lane('lane4', 0.18181818181818182, { minWaitWeeks: 0, grantRate: 0, hoursPerDecision: 0.5 }),
      ],
      initialBacklog: { lane0: { kind: 'spread', count: 13_333, spreadWeeks: 13 } },
    };
    const result = await runScenario(scenario, { deterministic: true });
    expectClean(result);
    const { decisions, grants, refusals } = result.summary;
    expect(decisions.byLane['lane0']).toBeCloseTo(13_333, 6);
    for (const name of result.summary.lanes) {
      expect(grants.byLane[name]!).toBeLessThanOrEqual(decisions.byLane[name]!);
      expect(refusals.byLane[name]!).toBeGreaterThanOrEqual(0);
      expect(grants.byLane[name]! + refusals.byLane[name]!).toBeCloseTo(decisions.byLane[name]!, 9);
    }
  });
});

describe('random scenarios scaled to the extremes', () => {
  /** The random scenarios of the invariant tests, 13 x longer (up to 520 weeks), with about 167 x the inflow and capacity and up to 1,000,000 open. */
  const scale = (s: Scenario): Scenario => {
    const k = 10_000 / 60;
    const capacity = (c: CapacitySpec): CapacitySpec => {
      const p = c.policy;
      if (p.kind === 'perWeek') return { ...c, policy: { ...p, perWeek: p.perWeek * k } };
      if (p.kind === 'perYear') return { ...c, policy: { ...p, perYear: Math.round(p.perYear * k) } };
      if (p.kind === 'staff') return { ...c, policy: { ...p, fte: p.fte * k } };
      return { ...c, policy: { ...p, min: Math.round(p.min * k), max: Math.round(p.max * k) } };
    };
    const backlog = (b: InitialBacklogSpec): InitialBacklogSpec =>
      b.kind === 'spread'
        ? { ...b, count: Math.round((b.count * 1_000_000) / 300) }
        : { ...b, counts: b.counts.map((c) => ({ ...c, count: c.count * 20_000 })) };
    return {
      ...s,
      horizonWeeks: s.horizonWeeks * 13,
      inflow:
        s.inflow.kind === 'constant'
          ? { ...s.inflow, meanPerWeek: s.inflow.meanPerWeek * k }
          : s.inflow.kind === 'weekly'
            ? { ...s.inflow, meanPerWeek: s.inflow.meanPerWeek.flatMap((m) => new Array<number>(13).fill(m * k)) }
            : s.inflow,
      capacity: capacity(s.capacity),
      lanes: s.lanes.map((l) => ({
        ...l,
        dedicatedCapacity: l.dedicatedCapacity === null ? null : capacity(l.dedicatedCapacity),
      })),
      initialBacklog: Object.fromEntries(Object.entries(s.initialBacklog).map(([name, b]) => [name, backlog(b)])),
      replications: 3,
    };
  };

  it('deterministic and stochastic: conserved, never negative, summaries without NaN or Infinity', async () => {
    await fc.assert(
      // Without uncertainty blocks: a drift over 13 x the horizon at these sizes would draw inflows of millions a week;
      // the blocks are covered at the invariant tests' sizes (test/engine/invariants.test.ts).
      fc.asyncProperty(arbitraryScenario({ uncertainty: false }).map(scale), async (scenario) => {
        for (const deterministic of [true, false]) {
          const result = await runScenario(scenario, { deterministic });
          expectClean(result);
          expectConserved(result.tally, result.plan);
        }
      }),
      { numRuns: runs(12) },
    );
  });
});
