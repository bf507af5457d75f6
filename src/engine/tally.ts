import { IntHistogram } from '../stats/int-histogram.js';
import type { HistogramData } from '../stats/int-histogram.js';
import type { Plan } from './plan.js';
import type { ReplicationState } from './state.js';

/** The dimensions of a tally: what a plan fixes. */
export interface TallyShape {
  readonly horizonWeeks: number;
  readonly laneCount: number;
  readonly poolCount: number;
  readonly cohortSlots: number;
}

/** A tally as plain data, to send between threads or write to a shard file. */
export interface TallyData extends TallyShape {
  readonly deterministic: boolean;
  readonly replications: number;
  readonly backlogSum: Float64Array;
  readonly backlog: readonly HistogramData[] | null;
  readonly arrivalsSum: Float64Array;
  readonly decisionsSum: Float64Array;
  readonly capacitySum: Float64Array;
  readonly grantsSum: Float64Array;
  readonly leadWeeks: Float64Array;
}

/** The shape of the tallies of a plan. */
export function tallyShape(plan: Plan): TallyShape {
  return { horizonWeeks: plan.horizonWeeks, laneCount: plan.laneCount, poolCount: plan.pools.length, cohortSlots: plan.cohortSlots };
}

/**
 * What a run records, summed over its replications: mergeable, so that runs
 * on several workers or machines add up to exactly the result of one run.
 * Memory depends on the horizon, the lanes and the range of backlogs, never
 * on the number of replications.
 */
export class Tally {
  readonly horizonWeeks: number;
  readonly laneCount: number;
  readonly poolCount: number;
  readonly cohortSlots: number;
  readonly deterministic: boolean;
  replications = 0;
  /** Sum of the end-of-week backlog per week, lane and total (horizonWeeks x (laneCount + 1)). */
  readonly backlogSum: Float64Array;
  /** Distribution of the end-of-week backlog per week, lane and total; null in deterministic mode. */
  readonly backlog: IntHistogram[] | null;
  /** Sums per week and lane (horizonWeeks x laneCount). */
  readonly arrivalsSum: Float64Array;
  readonly decisionsSum: Float64Array;
  /** New capacity per week and pool, in the pool's unit (horizonWeeks x poolCount). */
  readonly capacitySum: Float64Array;
  /** Grants per lane, summed over replications. */
  readonly grantsSum: Float64Array;
  /** Decided cases per lane and lead time in weeks (laneCount x cohortSlots). */
  readonly leadWeeks: Float64Array;

  constructor(plan: Plan | TallyShape, deterministic: boolean) {
    const shape = 'pools' in plan ? tallyShape(plan) : plan;
    const weeks = shape.horizonWeeks;
    const lanes = shape.laneCount;
    this.horizonWeeks = weeks;
    this.laneCount = lanes;
    this.poolCount = shape.poolCount;
    this.cohortSlots = shape.cohortSlots;
    this.deterministic = deterministic;
    this.backlogSum = new Float64Array(weeks * (lanes + 1));
    this.backlog = deterministic ? null : Array.from({ length: weeks * (lanes + 1) }, () => new IntHistogram());
    this.arrivalsSum = new Float64Array(weeks * lanes);
    this.decisionsSum = new Float64Array(weeks * lanes);
    this.capacitySum = new Float64Array(weeks * this.poolCount);
    this.grantsSum = new Float64Array(lanes);
    this.leadWeeks = new Float64Array(lanes * shape.cohortSlots);
  }

  /** Plain data: typed arrays (transferable between threads) and histogram counts. */
  toData(): TallyData {
    return {
      horizonWeeks: this.horizonWeeks,
      laneCount: this.laneCount,
      poolCount: this.poolCount,
      cohortSlots: this.cohortSlots,
      deterministic: this.deterministic,
      replications: this.replications,
      backlogSum: this.backlogSum,
      backlog: this.backlog === null ? null : this.backlog.map((h) => h.toData()),
      arrivalsSum: this.arrivalsSum,
      decisionsSum: this.decisionsSum,
      capacitySum: this.capacitySum,
      grantsSum: this.grantsSum,
      leadWeeks: this.leadWeeks,
    };
  }

  /** A tally from `toData()` output. */
  static fromData(data: TallyData): Tally {
    const tally = new Tally(data, data.deterministic);
    tally.mergeData(data);
    return tally;
  }

  /** 5. Record: the end-of-week state of week t. */
  addWeek(state: ReplicationState, t: number): void {
    const lanes = this.laneCount;
    const row = t * (lanes + 1);
    const histograms = this.backlog;
    let total = 0;
    for (let lane = 0; lane < lanes; lane++) {
      const open = state.backlog[lane]!;
      total += open;
      this.backlogSum[row + lane]! += open;
      if (histograms !== null) histograms[row + lane]!.add(open);
      this.arrivalsSum[t * lanes + lane]! += state.arrivals[lane]!;
      this.decisionsSum[t * lanes + lane]! += state.decisions[lane]!;
    }
    this.backlogSum[row + lanes]! += total;
    if (histograms !== null) histograms[row + lanes]!.add(total);
    for (let p = 0; p < this.poolCount; p++) this.capacitySum[t * this.poolCount + p]! += state.capacity[p]!;
  }

  /** Closes a replication: its grants. Lead times were added to `leadWeeks` as cases were decided. */
  addReplication(state: ReplicationState): void {
    for (let lane = 0; lane < this.laneCount; lane++) this.grantsSum[lane]! += state.grants[lane]!;
    this.replications++;
  }

  /** Adds another tally of the same plan and mode. Exact: every stored number is an integer sum in stochastic mode. */
  merge(other: Tally): void {
    this.mergeData(other.toData());
  }

  /** Adds a tally given as data (from another thread or a shard file). */
  mergeData(other: TallyData): void {
    if (
      other.horizonWeeks !== this.horizonWeeks ||
      other.laneCount !== this.laneCount ||
      other.poolCount !== this.poolCount ||
      other.cohortSlots !== this.cohortSlots ||
      other.deterministic !== this.deterministic
    ) {
      throw new Error('cannot merge tallies of different plans or modes');
    }
    addInto(this.backlogSum, other.backlogSum);
    addInto(this.arrivalsSum, other.arrivalsSum);
    addInto(this.decisionsSum, other.decisionsSum);
    addInto(this.capacitySum, other.capacitySum);
    addInto(this.grantsSum, other.grantsSum);
    addInto(this.leadWeeks, other.leadWeeks);
    if (this.backlog !== null && other.backlog !== null) {
      for (let i = 0; i < this.backlog.length; i++) this.backlog[i]!.mergeData(other.backlog[i]!);
    }
    this.replications += other.replications;
  }
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}
