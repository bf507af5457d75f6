import type { Plan } from '../engine/plan.js';
import { replicate, simulateInto } from '../engine/simulate.js';
import { createState, resetState } from '../engine/state.js';
import type { ReplicationState } from '../engine/state.js';
import { sumsInOrder, Tally } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { HistogramData } from '../stats/int-histogram.js';
import { IntHistogram } from '../stats/int-histogram.js';
import { PairedDifference } from '../stats/paired-difference.js';
import type { Job, JobPart } from './job.js';
import { PeriodRecorder } from './period-values.js';
import type { PeriodSpec, PeriodValuesData } from './period-values.js';
import { MeasureRecorder } from './replication-measure.js';
import type { ReplicationMeasure } from './replication-measure.js';

/** A PairedDifference as data: the differences, the plan's and the base's end backlogs. */
export type PairedData = readonly [HistogramData, HistogramData, HistogramData];

/** What a thread needs to run a part: the part's own scenarios only, not the whole job's. */
export interface PartWork {
  readonly scenarios: readonly Scenario[];
  /** Index in the job of the first of `scenarios`. */
  readonly fromPlan: number;
  readonly seed: number;
  readonly paired: boolean;
  /** The job's measure, if any. */
  readonly measure?: ReplicationMeasure | null;
  /** The job's periods, if any. */
  readonly periods?: PeriodSpec | null;
}

/** JobTallies as plain data, to send between threads or write to a shard. */
export interface JobTalliesData {
  readonly fromPlan: number;
  /** One per plan from `fromPlan` on. */
  readonly tallies: readonly TallyData[];
  /** One per plan (null for plan 0) when paired; null when not. */
  readonly paired: readonly (PairedData | null)[] | null;
  /** The measure's distribution, one per plan, when the job has a measure; absent or null when not. */
  readonly measures?: readonly HistogramData[] | null;
  /** The values of the job's periods, one per plan, when the job has periods; absent or null when not. */
  readonly periods?: readonly PeriodValuesData[] | null;
}

type AfterWeek = (state: ReplicationState, week: number) => void;

/** One afterWeek callback for two (either may be absent). */
function bothWeeks(first: AfterWeek | undefined, second: AfterWeek | undefined): AfterWeek | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return (state, week) => {
    first(state, week);
    second(state, week);
  };
}

/** The work of a part of a job. */
export function partWork(job: Job, part: JobPart): PartWork {
  return {
    scenarios: job.scenarios.slice(part.fromPlan, part.toPlan),
    fromPlan: part.fromPlan,
    seed: job.seed,
    paired: job.paired,
    measure: job.measure ?? null,
    periods: job.periods ?? null,
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
  /** The distribution of the job's measure over the replications, per plan; null when the job has none. */
  readonly measures: readonly IntHistogram[] | null;
  private readonly recorders: readonly MeasureRecorder[] | null;
  /** The values of the job's periods, per plan; null when the job has none. */
  readonly periods: readonly PeriodRecorder[] | null;
  /** Per plan: what sees the end of each week for the measure and the periods (replicate's afterWeek). */
  private readonly afterWeeks: readonly (AfterWeek | undefined)[];
  private readonly seed: number;
  private states: ReplicationState[] | null = null;

  constructor(work: PartWork) {
    this.fromPlan = work.fromPlan;
    this.seed = work.seed;
    this.plans = work.scenarios.map((scenario) => compile(scenario));
    this.tallies = this.plans.map((plan) => new Tally(plan, false));
    if (work.paired && work.fromPlan !== 0) throw new RangeError('the tallies of a paired job start at plan 0');
    this.paired = work.paired ? this.plans.map((_, i) => (i === 0 ? null : new PairedDifference())) : null;
    const measure = work.measure ?? null;
    this.recorders = measure === null ? null : this.plans.map((plan) => new MeasureRecorder(plan, measure));
    this.measures = measure === null ? null : this.plans.map(() => new IntHistogram());
    const periods = work.periods ?? null;
    this.periods = periods === null ? null : this.plans.map((plan) => new PeriodRecorder(plan, periods));
    this.afterWeeks = this.plans.map((_, i) => bothWeeks(this.recorders?.[i]?.afterWeek, this.periods?.[i]?.afterWeek));
  }

  /** The values of the job's periods over the replications of plan `plan` (an index among all its plans). */
  periodValues(plan: number): PeriodRecorder {
    const recorder = this.periods?.[plan - this.fromPlan];
    if (recorder === undefined) throw new RangeError(`plan ${plan} has no period values among these tallies`);
    return recorder;
  }

  /** The distribution of the job's measure over the replications of plan `plan` (an index among all its plans). */
  measure(plan: number): IntHistogram {
    const histogram = this.measures?.[plan - this.fromPlan];
    if (histogram === undefined) throw new RangeError(`plan ${plan} has no measure among these tallies`);
    return histogram;
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
    if (this.paired === null && this.recorders === null && this.periods === null) {
      this.plans.forEach((plan, i) => {
        simulateInto(plan, this.tallies[i]!, { seed: this.seed, firstReplication: first, replications: count });
      });
      return;
    }
    const { paired, recorders, measures, periods } = this;
    this.states ??= this.plans.map((plan, i) =>
      createState(plan, false, this.tallies[i]!.decisionWeeks, this.tallies[i]!.movedOutBySlot),
    );
    const states = this.states;
    const ends = new Float64Array(this.plans.length);
    for (let r = first; r < first + count; r++) {
      this.plans.forEach((plan, i) => {
        const state = states[i]!;
        resetState(plan, state, this.seed, r);
        const recorder = recorders?.[i];
        recorder?.begin(state);
        replicate(plan, state, this.tallies[i]!, this.afterWeeks[i]);
        if (recorder !== undefined) measures![i]!.add(recorder.end(state));
        periods?.[i]?.end();
        let end = 0;
        for (let lane = 0; lane < plan.laneCount; lane++) end += state.backlog[lane]!;
        ends[i] = end;
      });
      if (paired !== null) for (let i = 1; i < this.plans.length; i++) paired[i]!.add(ends[i]!, ends[0]!);
    }
  }

  toData(): JobTalliesData {
    return {
      fromPlan: this.fromPlan,
      tallies: this.tallies.map((tally) => tally.toData()),
      paired: this.paired === null ? null : this.paired.map((pair) => (pair === null ? null : pair.toData())),
      measures: this.measures === null ? null : this.measures.map((histogram) => histogram.toData()),
      ...(this.periods === null ? {} : { periods: this.periods.map((recorder) => recorder.toData()) }),
    };
  }

  /** Adds tallies of some of the same plans (from another thread, a sweep's combination, or a shard). */
  mergeData(data: JobTalliesData): void {
    data.tallies.forEach((tally, i) => {
      this.tally(data.fromPlan + i).mergeData(tally);
    });
    data.measures?.forEach((histogram, i) => {
      this.measure(data.fromPlan + i).mergeData(histogram);
    });
    data.periods?.forEach((values, i) => {
      this.periodValues(data.fromPlan + i).mergeData(values);
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
      ...sumsInOrder(tally),
      ...(tally.backlog ?? []).map((h) => h.counts),
      ...(tally.totals ?? []).map((h) => h.counts),
    ]);
    const pairs = (data.paired ?? []).flatMap((pair) => (pair === null ? [] : pair.map((h) => h.counts)));
    const measures = (data.measures ?? []).map((h) => h.counts);
    const periods = (data.periods ?? []).flatMap(PeriodRecorder.buffers);
    return [...[...tallies, ...pairs, ...measures].map((array) => array.buffer as ArrayBuffer), ...periods];
  }
}
