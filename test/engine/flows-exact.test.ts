/**
 * The flows of flows.ts against their contract, number for number: the draws
 * that docs/model.md and flows.ts promise (one uniform per case up to 24
 * cases, a binomial beyond; withdrawals as one sequence of Bernoulli trials
 * per band, one trial per open case a week, oldest first; a refiling's delay
 * and, with several target lanes only, its target) are written out here from
 * the lane's own stream, and expected values from the arithmetic of the model.
 */
import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../src/random/binomial.js';
import { createStream } from '../../src/random/stream.js';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { pickCumulative } from '../../src/engine/flows.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference, testLane } from './bench-reference.js';

const lane = (name: string, priority: number, extra: Partial<LaneSpec> = {}) =>
  testLane(name, { share: name === 'a' ? 1 : 0, priority, grantRate: 0.5, ...extra });

/** Lanes a and b, no inflow, `n` open cases in a filed `weeksAgo` weeks before the start. */
function twoLanes(n: number, weeksAgo: number, a: Partial<LaneSpec>, perWeek: number, weeks = 2): Scenario {
  return benchReference({
    horizonWeeks: weeks,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek } },
    lanes: [lane('a', 1, a), lane('b', 2)],
    initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo, count: n }] } },
    target: null,
  });
}

/** How many of the first n uniforms of the stream fall below p: one uniform per case. */
function perCase(stream: () => number, n: number, p: number): number {
  let moved = 0;
  for (let c = 0; c < n; c++) if (stream() < p) moved++;
  return moved;
}

/**
 * Withdrawals by skips, as flows.ts draws them: walk the open cases of `slots` in order, passing `skip`
 * cases before each withdrawal and drawing the next skip with `gap`. Changes `cohorts`; returns the
 * cases withdrawn and the skip left over for the next week.
 */
function withdrawBySkips(
  cohorts: number[],
  slots: Iterable<number>,
  skip: number,
  gap: () => number,
): { withdrawn: number; skip: number } {
  let withdrawn = 0;
  let left = skip;
  for (const slot of slots) {
    const open = cohorts[slot]!;
    for (let c = 0; c < open; c++) {
      if (left > 0) {
        left--;
        continue;
      }
      cohorts[slot]!--;
      withdrawn++;
      left = gap();
    }
  }
  return { withdrawn, skip: left };
}

describe('moves at the decision step, drawn', () => {
  for (const n of [1, 24, 25, 60]) {
    it(`${n} cases reached at once: ${n <= 24 ? 'one uniform per case' : 'one binomial'} from the transfer.a stream`, () => {
      const plan = compile(twoLanes(n, 1, { transfers: [{ to: 'b', probability: 0.5 }] }, 1000));
      for (let r = 0; r < 8; r++) {
        const week = traceReplication(plan, { seed: 11, replication: r }).weeks[0]!;
        const stream = createStream(11, r, plan.transfers!.keys[0]!);
        const moved = n <= 24 ? perCase(stream, n, 0.5) : sampleBinomial(n, 0.5, stream);
        expect(week.transferredOut[0]).toBe(moved);
        expect(week.transferredIn[1]).toBe(moved);
        expect(week.decisions[0]).toBe(n - moved);
      }
    });
  }
});

describe('moves after a waiting time, drawn', () => {
  for (const n of [1, 24, 25, 60]) {
    it(`${n} cases reaching the age: ${n <= 24 ? 'one uniform per case' : 'one binomial'} from the transfer-wait.a stream`, () => {
      const plan = compile(twoLanes(n, 2, { transfers: [{ to: 'b', probability: 0.5, afterWeeks: 2 }] }, 0));
      for (let r = 0; r < 8; r++) {
        const week = traceReplication(plan, { seed: 12, replication: r }).weeks[0]!;
        const stream = createStream(12, r, plan.transfers!.waitingKeys[0]!);
        const moved = n <= 24 ? perCase(stream, n, 0.5) : sampleBinomial(n, 0.5, stream);
        expect(week.transferredOut[0]).toBe(moved);
        expect(week.backlogEnd).toEqual([n - moved, moved]);
      }
    });
  }
});

describe('moves after a waiting time, expected values', () => {
  it('the oldest initial cohort (arrival slot 0) moves when it reaches the age: filed 3 weeks ago, moves at 5 in week 2', () => {
    const plan = compile(twoLanes(100, 3, { transfers: [{ to: 'b', probability: 0.25, afterWeeks: 5 }] }, 0, 4));
    // Slot 0 holds the oldest initial cohort: no earlier slot exists, yet its cases move like any other's.
    expect(plan.maxAgeWeeks).toBe(3);
    const weeks = traceReplication(plan, { seed: 1, replication: 0, deterministic: true }).weeks;
    expect(weeks.map((w) => w.transferredOut[0])).toEqual([0, 0, 25, 0]);
    expect(weeks[3]!.backlogEnd).toEqual([75, 25]);
  });

  it('the tally keeps the moved cases by lane and filing slot, at the decision step and after waiting', () => {
    const atDecision = compile(twoLanes(100, 2, { transfers: [{ to: 'b', probability: 0.25 }] }, 1000));
    const moved = simulateDeterministic(atDecision).movedOutBySlot;
    // Filed 2 weeks before the start: slot maxAgeWeeks - 2 = 0 of lane a; b's moved cases go nowhere further.
    expect(Array.from(moved)).toEqual(Array.from(moved, (_, i) => (i === 0 ? 25 : 0)));
    const waiting = compile(twoLanes(100, 1, { transfers: [{ to: 'b', probability: 0.25, afterWeeks: 2 }] }, 0, 3));
    const movedAfter = simulateDeterministic(waiting).movedOutBySlot;
    expect(Array.from(movedAfter)).toEqual(Array.from(movedAfter, (_, i) => (i === 0 ? 25 : 0)));
  });
});

describe('withdrawals, drawn: one Bernoulli trial per open case and week, oldest first, from the withdrawal stream', () => {
  const bandsCases: [string, { fromWeeks: number; hazard: number }[]][] = [
    ['one band', [{ fromWeeks: 0, hazard: 0.15 }]],
    [
      'two bands (ages 0-5 and 6 on)',
      [
        { fromWeeks: 0, hazard: 0.05 },
        { fromWeeks: 6, hazard: 0.3 },
      ],
    ],
    [
      'a first band of hazard 0',
      [
        { fromWeeks: 0, hazard: 0 },
        { fromWeeks: 8, hazard: 0.2 },
      ],
    ],
  ];
  for (const [name, bands] of bandsCases) {
    it(`${name}, over 20 filing weeks (more than a block of 16 slots): every cohort, every week, as the trials give`, () => {
      const counts = Array.from({ length: 20 }, (_, i) => ({ weeksAgo: i + 1, count: 3 + ((i * 7) % 11) }));
      const scenario = benchReference({
        horizonWeeks: 12,
        inflow: { kind: 'constant', meanPerWeek: 0 },
        capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
        lanes: [{ ...lane('a', 1), withdrawals: bands }],
        initialBacklog: { a: { kind: 'byWeeksAgo', counts } },
        target: null,
      });
      const plan = compile(scenario);
      const scales = plan.withdrawalBandLogStay[0]!;
      for (let r = 0; r < 6; r++) {
        const trace = traceReplication(plan, { seed: 5, replication: r });
        const stream = createStream(5, r, plan.withdrawalKeys[0]!);
        // Failures to pass before the band's next withdrawal: geometric, floor(log(1 - U) / log(1 - h)).
        const gap = (band: number) => Math.floor(Math.log(1 - stream()) / scales[band]!);
        const cohorts = Array.from(plan.initialCohorts);
        // Per band: the trials still to pass, drawn when the band first holds ages of open cases.
        const skips: (number | null)[] = bands.map(() => null);
        trace.weeks.forEach((week, t) => {
          let withdrawn = 0;
          bands.forEach((band, b) => {
            if (band.hazard === 0) return;
            // Slot s holds cases of age t + maxAgeWeeks - s; those filed this week (age 0) are not yet open.
            const ageOf = (slot: number) => t + plan.maxAgeWeeks - slot;
            const upTo = b + 1 < bands.length ? bands[b + 1]!.fromWeeks : Number.POSITIVE_INFINITY;
            const slots = cohorts
              .map((_, slot) => slot)
              .filter((slot) => ageOf(slot) >= Math.max(1, band.fromWeeks) && ageOf(slot) < upTo);
            if (slots.length === 0) return;
            const inBand = withdrawBySkips(cohorts, slots, skips[b] ?? gap(b), () => gap(b));
            withdrawn += inBand.withdrawn;
            skips[b] = inBand.skip;
          });
          expect(week.withdrawn[0]).toBe(withdrawn);
          expect(week.cohorts[0]).toEqual(cohorts);
        });
      }
    });
  }
});

describe('refiling, drawn', () => {
  it('one target lane: each return draws its delay only, so the week-1 refilings are the returns whose uniform is below P(delay 1)', () => {
    const n = 40;
    const scenario = benchReference({
      horizonWeeks: 2,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 1000 } },
      lanes: [{ ...lane('a', 1), grantRate: 0, refiling: { probability: 0.5, delay: [0.5, 0.5], lanes: null } }],
      initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: n }] } },
      target: null,
    });
    const plan = compile(scenario);
    for (let r = 0; r < 8; r++) {
      const weeks = traceReplication(plan, { seed: 3, replication: r }).weeks;
      expect(weeks[0]!.decisions[0]).toBe(n);
      const stream = createStream(3, r, plan.refiling!.keys[0]!);
      const returning = sampleBinomial(n, 0.5, stream);
      expect(weeks[1]!.arrivals[0]).toBe(perCase(stream, returning, 0.5));
    }
    // With no new applications, the tally's refilings are all the arrivals, in every replication.
    const tally = simulate(plan, { seed: 3, replications: 8 });
    expect(Array.from(tally.refiledSum)).toEqual(Array.from(tally.arrivalsSum));
    expect(tally.refiledSum[1]).toBeGreaterThan(0);
  });
});

describe('pickCumulative', () => {
  it('gives the first index whose running sum exceeds u', () => {
    const cumulative = Float64Array.from([0.2, 0.5, 0.5, 0.9, 1]);
    const cases: [number, number][] = [
      [0, 0],
      [0.1999, 0],
      [0.2, 1],
      [0.4999, 1],
      [0.5, 3],
      [0.8999, 3],
      [0.9, 4],
      [0.99999, 4],
    ];
    for (const [u, index] of cases) expect(pickCumulative(cumulative, u)).toBe(index);
    expect(pickCumulative(Float64Array.from([1]), 0.7)).toBe(0);
    expect(pickCumulative(Float64Array.from([0.5, 1]), 0.5)).toBe(1);
  });
});

describe('withdrawals, expected values', () => {
  it('with fractional cohorts the backlog is the sum of what the cohorts keep, not the backlog less the withdrawn', () => {
    const scenario = benchReference({
      horizonWeeks: 8,
      inflow: { kind: 'weekly', meanPerWeek: [0.1, 0.2, 0.7, 0.3, 0.1, 0.2, 0.7, 0.3] },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
      lanes: [{ ...lane('a', 1), withdrawals: [{ fromWeeks: 0, hazard: 0.3 }] }],
      initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 0.1 }] } },
      target: null,
    });
    const weeks = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true }).weeks;
    for (const week of weeks) {
      const kept = week.cohorts[0]!.reduce((a, b) => a + b, 0);
      expect(week.backlogEnd[0]).toBe(kept);
    }
    // Each case open at the start of a week leaves with probability 0.3: 0.7 x 0.1 + 0.1 = 0.17, then 0.7 x 0.17 + 0.2.
    expect(weeks[0]!.backlogEnd[0]).toBeCloseTo(0.17, 15);
    expect(weeks[1]!.backlogEnd[0]).toBeCloseTo(0.319, 15);
  });
});

describe('withdrawals, drawn, in a lane after another whose arrivals fill the last block of its slots', () => {
  it('40 slots (2.5 blocks): lane b withdraws as its trials give, whatever lane a files late in the horizon', () => {
    // Lane a files 30 cases a week; lane b holds 1 case in each of its 16 oldest slots and 400 filed a week
    // before the start, with a hazard of 0.02 (skips of about 50 cases: the walk skips b's first block whole).
    const counts = [
      ...Array.from({ length: 16 }, (_, i) => ({ weeksAgo: 20 - i, count: 1 })),
      { weeksAgo: 1, count: 400 },
    ];
    const scenario = benchReference({
      horizonWeeks: 20,
      inflow: { kind: 'constant', meanPerWeek: 30 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
      lanes: [lane('a', 1), { ...lane('b', 2), withdrawals: [{ fromWeeks: 0, hazard: 0.02 }] }],
      initialBacklog: { b: { kind: 'byWeeksAgo', counts } },
      target: null,
    });
    const plan = compile(scenario);
    expect(plan.cohortSlots).toBe(40);
    const scale = plan.withdrawalBandLogStay[1]![0]!;
    for (let r = 0; r < 20; r++) {
      const trace = traceReplication(plan, { seed: 13, replication: r });
      const stream = createStream(13, r, plan.withdrawalKeys[1]!);
      const gap = () => Math.floor(Math.log(1 - stream()) / scale);
      const cohorts = Array.from(plan.initialCohorts.subarray(plan.cohortSlots, 2 * plan.cohortSlots));
      let skip = gap();
      for (const week of trace.weeks) {
        skip = withdrawBySkips(cohorts, cohorts.keys(), skip, gap).skip;
        expect(week.cohorts[1]).toEqual(cohorts);
      }
    }
  });
});

describe('moves whose probabilities use up the rest take the rest', () => {
  // 0.1, 0.3 and 0.6 sum to 1, but 1 - 0.1 - 0.3 is 0.6000000000000001: the last target still takes every case left
  // (of 7 cases, 7 - 0.7 - 2.1 - 4.2 would leave -8.9e-16 behind).
  const three = (afterWeeks: number | null) =>
    compile(
      benchReference({
        horizonWeeks: 2,
        inflow: { kind: 'constant', meanPerWeek: 0 },
        capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: afterWeeks === null ? 1000 : 0 } },
        lanes: [
          lane('a', 1, {
            transfers: [
              { to: 'b', probability: 0.1, afterWeeks },
              { to: 'c', probability: 0.3, afterWeeks },
              { to: 'd', probability: 0.6, afterWeeks },
            ],
          }),
          lane('b', 2),
          lane('c', 3),
          lane('d', 4),
        ],
        initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 2, count: 7 }] } },
        target: null,
      }),
    );
  for (const afterWeeks of [null, 2])
    for (const deterministic of [true, false])
      it(`${afterWeeks === null ? 'at the decision step' : 'after waiting'}, ${deterministic ? 'expected values' : 'drawn'}: all 7 cases of a move, none is decided or left in a`, () => {
        const weeks = traceReplication(three(afterWeeks), { seed: 1, replication: 0, deterministic }).weeks;
        expect(weeks[0]!.transferredOut[0]).toBe(7);
        expect(weeks[0]!.decisions[0]).toBe(0);
        expect(weeks[0]!.backlogEnd[0]).toBe(0);
        expect(weeks[0]!.cohorts[0]!.every((open) => open === 0)).toBe(true);
      });
});
