/**
 * A deliberately naive implementation of docs/model.md, kept as the benchmark's
 * reference: an object per case, all open cases in one array kept in service
 * order (lane priority, then arrival) with arrivals spliced in and decided
 * cases spliced out, a linear search for the next eligible case, Knuth's
 * multiplication method for Poisson draws, a Bernoulli draw per decision,
 * seedrandom's default (ARC4) generator seeded from a string, and every
 * replication's weekly backlogs kept in arrays (to be sorted for the same
 * percentiles the engine reports). No tricks: it is what a first version
 * would look like. It supports what bench-reference needs (decision-counted
 * pools with perWeek or perYear, constant or weekly Poisson inflow, spread
 * or explicit initial backlogs).
 */
import seedrandom from 'seedrandom';
import type { Scenario } from '../src/scenario/types.js';

interface Case {
  /** Index of the case's lane in priority order. */
  lane: number;
  arrivalWeek: number;
}

interface NaiveLane {
  name: string;
  share: number;
  minWaitWeeks: number;
  grantRate: number;
}

export interface NaiveResult {
  /** End-of-horizon total backlog of each replication. */
  readonly endBacklog: number[];
  /** Per week, per lane and then the total: the end-of-week backlog of every replication, as the engine reports it. */
  readonly weeklyBacklog: number[][][];
  /** Lead time in weeks of every decided case of every replication. */
  readonly leadWeeks: number[];
  readonly grants: number;
  readonly decisions: number;
}

function poisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

/** Runs `replications` replications of the scenario the slow, obvious way. */
export function naiveSimulate(
  scenario: Scenario,
  seed: number,
  replications: number,
  firstReplication = 0,
): NaiveResult {
  if (
    scenario.capacity.unit !== 'decisions' ||
    scenario.calendar.length > 0 ||
    scenario.lanes.some((l) => l.dedicatedCapacity !== null)
  ) {
    throw new Error('the naive reference supports decision-counted shared pools without a calendar only');
  }
  const policy = scenario.capacity.policy;
  const rate =
    policy.kind === 'perWeek' ? policy.perWeek : policy.kind === 'perYear' ? policy.perYear / 52 : Number.NaN;
  if (Number.isNaN(rate)) throw new Error('the naive reference supports perWeek and perYear capacity only');

  const endBacklog: number[] = [];
  const weeklyBacklog: number[][][] = [];
  const leadWeeks: number[] = [];
  let grants = 0;
  let decisions = 0;
  for (let r = firstReplication; r < firstReplication + replications; r++) {
    const random = seedrandom(`naive/${seed}/${r}`);
    const lanes: NaiveLane[] = [...scenario.lanes]
      .sort((a, b) => a.priority - b.priority)
      .map((l) => ({ name: l.name, share: l.share, minWaitWeeks: l.minWaitWeeks, grantRate: l.grantRate }));
    // Every open case, in service order: by lane priority, then by arrival.
    const open: Case[] = [];
    lanes.forEach((lane, l) => {
      const spec = scenario.initialBacklog[lane.name];
      if (spec === undefined) return;
      const cases: Case[] = [];
      if (spec.kind === 'spread') {
        for (let i = 0; i < spec.count; i++)
          cases.push({ lane: l, arrivalWeek: -spec.spreadWeeks + Math.floor((i * spec.spreadWeeks) / spec.count) });
      } else {
        for (const { weeksAgo, count } of spec.counts)
          for (let i = 0; i < count; i++) cases.push({ lane: l, arrivalWeek: -weeksAgo });
      }
      cases.sort((a, b) => a.arrivalWeek - b.arrivalWeek);
      open.push(...cases);
    });
    for (let t = 0; t < scenario.horizonWeeks; t++) {
      const inflow = scenario.inflow;
      if (inflow.kind === 'replay') throw new Error('the naive reference does not replay observed inflow');
      if (inflow.kind === 'scheduled') throw new Error('the naive reference has no dated inflow schedule');
      const mean = inflow.kind === 'constant' ? inflow.meanPerWeek : inflow.meanPerWeek[t]!;
      lanes.forEach((lane, l) => {
        const arrivals = poisson(mean * lane.share, random);
        // New cases go after the last open case of their lane.
        let at = open.findIndex((c) => c.lane > l);
        if (at === -1) at = open.length;
        for (let i = 0; i < arrivals; i++) open.splice(at + i, 0, { lane: l, arrivalWeek: t });
      });
      let capacity = Math.floor((t + 1) * rate + 1e-9) - Math.floor(t * rate + 1e-9);
      while (capacity > 0) {
        const next = open.findIndex((c) => t - c.arrivalWeek >= lanes[c.lane]!.minWaitWeeks);
        if (next === -1) break;
        const [decided] = open.splice(next, 1);
        capacity--;
        decisions++;
        leadWeeks.push(t - decided!.arrivalWeek);
        if (random() < lanes[decided!.lane]!.grantRate) grants++;
      }
      weeklyBacklog[t] ??= [...lanes.map(() => []), []];
      const byLane = lanes.map(() => 0);
      for (const c of open) byLane[c.lane]!++;
      byLane.forEach((count, l) => {
        weeklyBacklog[t]![l]!.push(count);
      });
      weeklyBacklog[t]![lanes.length]!.push(open.length);
    }
    endBacklog.push(open.length);
  }
  return { endBacklog, weeklyBacklog, leadWeeks, grants, decisions };
}
