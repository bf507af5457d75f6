import type { Plan } from '../engine/plan.js';
import { replicate, simulateInto } from '../engine/simulate.js';
import { createState, resetState } from '../engine/state.js';
import type { ReplicationState } from '../engine/state.js';
import { Tally } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { HistogramData } from '../stats/int-histogram.js';
import { PairedDifference } from '../stats/paired-difference.js';
import type { Job, JobPart } from './job.js';

/** A PairedDifference as data: the differences, the plan's and the base's end backlogs. */
export type PairedData = readonly [HistogramData, HistogramData, HistogramData];

/** What a thread needs to run a part: the part's own scenarios only, not the whole job's. */
export interface PartWork {
  readonly scenarios: readonly Scenario[];
  /** Index in the job of the first of `scenarios`. */
  readonly fromPlan: number;
  readonly seed: number;
  readonly paired: boolean;
}

/** JobTallies as plain data, to send between threads or write to a shard. */
export interface JobTalliesData {
  readonly fromPlan: number;
  /** One per plan from `fromPlan` on. */
  readonly tallies: readonly TallyData[];
  /** One per plan (null for plan 0) when paired; null when not. */
  readonly paired: readonly (PairedData | null)[] | null;
}

/** The work of a part of a job. */
export function partWork(job: Job, part: JobPart): PartWork {
  return {
    scenarios: job.scenarios.slice(part.fromPlan, part.toPlan),
    fromPlan: part.fromPlan,
    seed: job.seed,
    paired: job.paired,
  };
}

/**
 * What the replications of some plans of a job recorded so far: a tally per
 * plan and, for a paired job, the end backlog of each plan against plan 0,
 * replication by replication. Integer counts, so tallies of disjoint
 * replications merge into exactly those of their union, whoever ran them.
 */
export class JobTallies {
  /** Index in the job of the first plan held. */
  readonly fromPlan: number;
  readonly plans: readonly Plan[];
  readonly tallies: readonly Tally[];
  /** End backlog plan - plan 0 per plan (null for plan 0); null unless the job is paired. */
  readonly paired: readonly (PairedDifference | null)[] | null;
  private readonly seed: number;
  private states: ReplicationState[] | null = null;

  constructor(work: PartWork) {
    this.fromPlan = work.fromPlan;
    this.seed = work.seed;
    this.plans = work.scenarios.map((scenario) => compile(scenario));
    this.tallies = this.plans.map((plan) => new Tally(plan, false));
    if (work.paired && work.fromPlan !== 0) throw new RangeError('the tallies of a paired job start at plan 0');
    this.paired = work.paired ? this.plans.map((_, i) => (i === 0 ? null : new PairedDifference())) : null;
  }

  /** The tally of plan `plan` of the job (an index among all its plans). */
  tally(plan: number): Tally {
    const tally = this.tallies[plan - this.fromPlan];
    if (tally === undefined) throw new RangeError(`plan ${plan} is not among these tallies`);
    return tally;
  }

  /**
   * Runs replications first .. first + count - 1 of every plan held: plan by
   * plan when unpaired (the engine's own loop), replication by replication
   * over the plans when paired, to pair their end backlogs.
   */
  runRange(first: number, count: number): void {
    if (this.paired === null) {
      this.plans.forEach((plan, i) => {
        simulateInto(plan, this.tallies[i]!, { seed: this.seed, firstReplication: first, replications: count });
      });
      return;
    }
    const paired = this.paired;
    this.states ??= this.plans.map((plan, i) =>
      createState(plan, false, this.tallies[i]!.decisionWeeks, this.tallies[i]!.movedOutBySlot),
    );
    const states = this.states;
    const ends = new Float64Array(this.plans.length);
    for (let r = first; r < first + count; r++) {
      this.plans.forEach((plan, i) => {
        const state = states[i]!;
        resetState(plan, state, this.seed, r);
        replicate(plan, state, this.tallies[i]!);
        let end = 0;
        for (let lane = 0; lane < plan.laneCount; lane++) end += state.backlog[lane]!;
        ends[i] = end;
      });
      for (let i = 1; i < this.plans.length; i++) paired[i]!.add(ends[i]!, ends[0]!);
    }
  }

  toData(): JobTalliesData {
    return {
      fromPlan: this.fromPlan,
      tallies: this.tallies.map((tally) => tally.toData()),
      paired: this.paired === null ? null : this.paired.map((pair) => (pair === null ? null : pair.toData())),
    };
  }

  /** Adds tallies of some of the same plans (from another thread, a sweep's combination, or a shard). */
  mergeData(data: JobTalliesData): void {
    data.tallies.forEach((tally, i) => {
      this.tally(data.fromPlan + i).mergeData(tally);
    });
    if (data.paired === null) return;
    if (this.paired === null || data.fromPlan !== 0) throw new Error('cannot merge paired tallies into unpaired ones');
    data.paired.forEach((pair, i) => {
      if (pair !== null) this.paired![i]!.mergeData(pair);
    });
  }

  /** The typed arrays of the data, to transfer rather than copy between threads. */
  static buffers(data: JobTalliesData): ArrayBuffer[] {
    const tallies = data.tallies.flatMap((tally) => [
      tally.arrivalsSum,
      tally.capacitySum,
      tally.poolDecisionsSum,
      tally.grantsSum,
      tally.decisionWeeks,
      tally.withdrawalsSum,
      tally.transfersInSum,
      tally.transfersOutSum,
      tally.refiledSum,
      tally.movedOutBySlot,
      ...(tally.backlog ?? []).map((h) => h.counts),
      ...(tally.totals ?? []).map((h) => h.counts),
    ]);
    const pairs = (data.paired ?? []).flatMap((pair) => (pair === null ? [] : pair.map((h) => h.counts)));
    return [...tallies, ...pairs].map((array) => array.buffer as ArrayBuffer);
  }
}
