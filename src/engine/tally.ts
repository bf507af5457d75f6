import { IntHistogram } from '../stats/int-histogram.js';
import type { Plan } from './plan.js';
import type { ReplicationState } from './state.js';

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

  constructor(plan: Plan, deterministic: boolean) {
    const weeks = plan.horizonWeeks;
    const lanes = plan.laneCount;
    this.horizonWeeks = weeks;
    this.laneCount = lanes;
    this.poolCount = plan.pools.length;
    this.cohortSlots = plan.cohortSlots;
    this.deterministic = deterministic;
    this.backlogSum = new Float64Array(weeks * (lanes + 1));
    this.backlog = deterministic ? null : Array.from({ length: weeks * (lanes + 1) }, () => new IntHistogram());
    this.arrivalsSum = new Float64Array(weeks * lanes);
    this.decisionsSum = new Float64Array(weeks * lanes);
    this.capacitySum = new Float64Array(weeks * this.poolCount);
    this.grantsSum = new Float64Array(lanes);
    this.leadWeeks = new Float64Array(lanes * plan.cohortSlots);
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
    if (other.horizonWeeks !== this.horizonWeeks || other.laneCount !== this.laneCount || other.deterministic !== this.deterministic) {
      throw new Error('cannot merge tallies of different plans or modes');
    }
    addInto(this.backlogSum, other.backlogSum);
    addInto(this.arrivalsSum, other.arrivalsSum);
    addInto(this.decisionsSum, other.decisionsSum);
    addInto(this.capacitySum, other.capacitySum);
    addInto(this.grantsSum, other.grantsSum);
    addInto(this.leadWeeks, other.leadWeeks);
    if (this.backlog !== null && other.backlog !== null) {
      for (let i = 0; i < this.backlog.length; i++) this.backlog[i]!.merge(other.backlog[i]!);
    }
    this.replications += other.replications;
  }
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}
