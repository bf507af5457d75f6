/**
 * A deliberately naive implementation of MODEL.md, kept as the benchmark's
 * reference: an object per case, queues as arrays with shift(), Knuth's
 * multiplication method for Poisson draws, a Bernoulli draw per decision,
 * seedrandom's default (ARC4) generator seeded from a string, and every
 * replication's weekly backlogs kept in arrays (to be sorted for the same
 * percentiles the engine reports). No
 * tricks: it is what a first version would look like. It supports what
 * bench-reference needs (decision-counted pools with perWeek or perYear,
 * constant or weekly Poisson inflow, spread or explicit initial backlogs).
 */
import seedrandom from 'seedrandom';
import type { Scenario } from '../src/scenario/types.js';

interface Case {
  lane: string;
  arrivalWeek: number;
}

interface NaiveLane {
  name: string;
  share: number;
  minWaitWeeks: number;
  grantRate: number;
  queue: Case[];
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
export function naiveSimulate(scenario: Scenario, seed: number, replications: number, firstReplication = 0): NaiveResult {
  if (scenario.capacity.unit !== 'decisions' || scenario.calendar.length > 0 || scenario.lanes.some((l) => l.dedicatedCapacity !== null)) {
    throw new Error('the naive reference supports decision-counted shared pools without a calendar only');
  }
  const policy = scenario.capacity.policy;
  const rate = policy.kind === 'perWeek' ? policy.perWeek : policy.kind === 'perYear' ? policy.perYear / 52 : Number.NaN;
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
      .map((l) => ({ name: l.name, share: l.share, minWaitWeeks: l.minWaitWeeks, grantRate: l.grantRate, queue: [] }));
    for (const lane of lanes) {
      const spec = scenario.initialBacklog[lane.name];
      if (spec === undefined) continue;
      if (spec.kind === 'spread') {
        for (let i = 0; i < spec.count; i++) lane.queue.push({ lane: lane.name, arrivalWeek: -spec.spreadWeeks + Math.floor((i * spec.spreadWeeks) / spec.count) });
      } else {
        const cases: Case[] = [];
        for (const { weeksAgo, count } of spec.counts) for (let i = 0; i < count; i++) cases.push({ lane: lane.name, arrivalWeek: -weeksAgo });
        cases.sort((a, b) => a.arrivalWeek - b.arrivalWeek);
        lane.queue.push(...cases);
      }
    }
    for (let t = 0; t < scenario.horizonWeeks; t++) {
      const mean = scenario.inflow.kind === 'constant' ? scenario.inflow.meanPerWeek : scenario.inflow.meanPerWeek[t]!;
      for (const lane of lanes) {
        const arrivals = poisson(mean * lane.share, random);
        for (let i = 0; i < arrivals; i++) lane.queue.push({ lane: lane.name, arrivalWeek: t });
      }
      let capacity = Math.floor((t + 1) * rate + 1e-9) - Math.floor(t * rate + 1e-9);
      for (const lane of lanes) {
        while (capacity > 0 && lane.queue.length > 0 && t - lane.queue[0]!.arrivalWeek >= lane.minWaitWeeks) {
          const decided = lane.queue.shift()!;
          capacity--;
          decisions++;
          leadWeeks.push(t - decided.arrivalWeek);
          if (random() < lane.grantRate) grants++;
        }
      }
      weeklyBacklog[t] ??= [...lanes.map(() => []), []];
      lanes.forEach((lane, l) => weeklyBacklog[t]![l]!.push(lane.queue.length));
      weeklyBacklog[t]![lanes.length]!.push(lanes.reduce((sum, lane) => sum + lane.queue.length, 0));
    }
    endBacklog.push(lanes.reduce((sum, lane) => sum + lane.queue.length, 0));
  }
  return { endBacklog, weeklyBacklog, leadWeeks, grants, decisions };
}
