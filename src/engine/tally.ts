import { IntHistogram } from '../stats/int-histogram.js';
import type { HistogramData } from '../stats/int-histogram.js';
import { leadWeeksFromDecisions } from './lead-weeks.js';
import type { Plan } from './plan.js';
import type { ReplicationState } from './state.js';

/** The numbers of weeks, lanes, pools and cohort slots of a tally: what the lengths of its arrays follow from. */
export interface TallyDimensions {
  readonly horizonWeeks: number;
  readonly laneCount: number;
  readonly poolCount: number;
  readonly cohortSlots: number;
  /** Trigger rules of the plan; absent: none. */
  readonly triggerCount?: number;
}

/** The dimensions of a tally: what a plan fixes. */
export interface TallyShape extends TallyDimensions {
  /** Open cases per lane at the start: the backlog before week 0. */
  readonly initialBacklog: Float64Array;
}

/** A summed array of a tally: its name, its length, and whether it counts whole cases. */
export interface SummedArray {
  readonly name: string;
  readonly length: (dimensions: TallyDimensions) => number;
  /**
   * Whether every element is a sum of whole cases in a stochastic run (all
   * but the capacity, which is in its pool's unit and may be hours): what a
   * merge checks of a shard's sums.
   */
  readonly cases: boolean;
}

/**
 * The arrays a tally sums over its replications, each with its length. The
 * one list of them: the tally makes, merges and gives out (toData) these, a
 * worker transfers these, and a shard file packs these, in this order, after
 * the initial backlog. So the order is that of the shard's bytes: adding,
 * removing or moving an array changes the shard format (SHARD_FORMAT in
 * io/shard-file.ts).
 */
export const SUMMED_ARRAYS = [
  { name: 'arrivalsSum', length: ({ horizonWeeks, laneCount }) => horizonWeeks * laneCount, cases: true },
  { name: 'capacitySum', length: ({ horizonWeeks, poolCount }) => horizonWeeks * poolCount, cases: false },
  { name: 'poolDecisionsSum', length: ({ poolCount }) => poolCount, cases: true },
  { name: 'grantsSum', length: ({ laneCount }) => laneCount, cases: true },
  {
    name: 'decisionWeeks',
    length: ({ horizonWeeks, laneCount, cohortSlots }) => laneCount * cohortSlots * (horizonWeeks + 1),
    cases: true,
  },
  { name: 'withdrawalsSum', length: ({ horizonWeeks, laneCount }) => horizonWeeks * laneCount, cases: true },
  { name: 'transfersInSum', length: ({ horizonWeeks, laneCount }) => horizonWeeks * laneCount, cases: true },
  { name: 'transfersOutSum', length: ({ horizonWeeks, laneCount }) => horizonWeeks * laneCount, cases: true },
  { name: 'refiledSum', length: ({ horizonWeeks, laneCount }) => horizonWeeks * laneCount, cases: true },
  { name: 'movedOutBySlot', length: ({ laneCount, cohortSlots }) => laneCount * cohortSlots, cases: true },
  // Empty for a plan without trigger rules: its tally, and its shard's bytes, are as before they existed.
  { name: 'workforceTriggerFired', length: ({ triggerCount }) => triggerCount ?? 0, cases: true },
  { name: 'workforceTriggerFirings', length: ({ triggerCount }) => triggerCount ?? 0, cases: true },
  {
    name: 'workforceTriggerWeeks',
    length: ({ horizonWeeks, triggerCount }) => (triggerCount ?? 0) * (horizonWeeks + 1),
    cases: true,
  },
] as const satisfies readonly SummedArray[];

/** The name of a summed array of a tally. */
export type SummedArrayName = (typeof SUMMED_ARRAYS)[number]['name'];

/** The summed arrays of a tally by name (the Tally documents each). */
export type TallySums = { readonly [Name in SummedArrayName]: Float64Array };

/** The summed arrays of a tally, or of its data, in the order of SUMMED_ARRAYS. */
export function sumsInOrder(sums: TallySums): Float64Array[] {
  return SUMMED_ARRAYS.map(({ name }) => sums[name]);
}

/** The summed arrays by name, from a list of them in the order of SUMMED_ARRAYS. */
export function sumsByName(arrays: readonly Float64Array[]): TallySums {
  if (arrays.length !== SUMMED_ARRAYS.length)
    throw new RangeError(`a tally sums ${SUMMED_ARRAYS.length} arrays, not ${arrays.length}`);
  return Object.fromEntries(SUMMED_ARRAYS.map(({ name }, i) => [name, arrays[i]!])) as TallySums;
}

/** A tally as plain data, to send between threads or write to a shard file. */
export interface TallyData extends TallyShape, TallySums {
  readonly deterministic: boolean;
  readonly replications: number;
  readonly expectedBacklog: Float64Array | null;
  readonly backlog: readonly HistogramData[] | null;
  /** Total arrivals and total decisions of each replication over the horizon; null in deterministic mode. */
  readonly totals: readonly [HistogramData, HistogramData] | null;
}

/** The shape of the tallies of a plan. */
export function tallyShape(plan: Plan): TallyShape {
  return {
    horizonWeeks: plan.horizonWeeks,
    laneCount: plan.laneCount,
    poolCount: plan.pools.length,
    cohortSlots: plan.cohortSlots,
    triggerCount: plan.triggers.length,
    initialBacklog: plan.initialBacklog,
  };
}

/**
 * What a run records, summed over its replications: mergeable, so that runs
 * on several workers or machines add up to exactly the result of one run.
 * Memory depends on the horizon, the lanes and the range of backlogs, never
 * on the number of replications.
 */
export class Tally implements TallySums {
  readonly horizonWeeks: number;
  readonly laneCount: number;
  readonly poolCount: number;
  readonly cohortSlots: number;
  readonly triggerCount: number;
  readonly initialBacklog: Float64Array;
  readonly deterministic: boolean;
  replications = 0;
  /**
   * Distribution of the end-of-week backlog per week, lane and total
   * (horizonWeeks x (laneCount + 1)); null in deterministic mode.
   */
  readonly backlog: IntHistogram[] | null;
  /** The end-of-week backlog of the expected-value path (same layout); null in stochastic mode. */
  readonly expectedBacklog: Float64Array | null;
  /**
   * Decisions of the expected-value path per week and lane (horizonWeeks x
   * laneCount); null in stochastic mode. Recorded rather than derived from
   * conservation, because with fractional cases backlog + arrivals - backlog
   * rounds: 1,000,000 open and 1e-11 arrivals a week would show decisions of
   * -3e-10 where there were none.
   */
  readonly expectedDecisions: Float64Array | null;
  /** Sums per week and lane (horizonWeeks x laneCount). */
  readonly arrivalsSum: Float64Array;
  /** New capacity per week and pool, in the pool's unit (horizonWeeks x poolCount). */
  readonly capacitySum: Float64Array;
  /**
   * Decisions each pool made over the horizon, summed over replications
   * (poolCount): with a lane's dedicated pool, which decisions its own staff
   * made and which the shared pool made.
   */
  readonly poolDecisionsSum: Float64Array;
  /** Grants per lane, summed over replications. */
  readonly grantsSum: Float64Array;
  /** Open cases withdrawn per week and lane (horizonWeeks x laneCount), summed over replications. */
  readonly withdrawalsSum: Float64Array;
  /** Cases moved into and out of each lane per week (horizonWeeks x laneCount), summed over replications. */
  readonly transfersInSum: Float64Array;
  readonly transfersOutSum: Float64Array;
  /** Arrivals that were refused applicants filing again, per week and lane (included in arrivalsSum). */
  readonly refiledSum: Float64Array;
  /** Cases that moved out of each lane before a decision, by lane and arrival (filing) slot, summed over replications. */
  readonly movedOutBySlot: Float64Array;
  /** Per trigger rule (Plan.triggers): the replications in which it fired at least once. */
  readonly workforceTriggerFired: Float64Array;
  /** Per trigger rule: its firings, summed over replications. */
  readonly workforceTriggerFirings: Float64Array;
  /**
   * Per trigger rule, the replications by the weeks its staff worked in them
   * (triggerCount x (horizonWeeks + 1), indexed `rule * (horizonWeeks + 1) + weeks`):
   * a histogram, exact to merge.
   */
  readonly workforceTriggerWeeks: Float64Array;
  /**
   * Distribution over replications of the total arrivals and the total
   * decisions in the horizon, all lanes: the spread of what comes in and
   * what is done, beside that of the end backlog. Null in deterministic mode.
   */
  readonly arrivalsTotal: IntHistogram | null;
  readonly decisionsTotal: IntHistogram | null;
  /**
   * Cases per lane, arrival slot and decision week (laneCount x cohortSlots x
   * (horizonWeeks + 1)), indexed `(lane * cohortSlots + slot) * (horizonWeeks + 1) + t`;
   * the last column (t = horizonWeeks) holds the cases of the cohort still
   * open at the end. Each row sums to the cohort's cases over all replications.
   */
  readonly decisionWeeks: Float64Array;

  /** Whether the plan has flows (withdrawals, transfers or refiling) to record week by week. */
  private readonly flows: boolean;

  constructor(plan: Plan | TallyShape, deterministic: boolean) {
    // Stryker disable ConditionalExpression: recording flows that a plan does not have adds zeros.
    this.flows =
      'withdrawalHazard' in plan &&
      (plan.withdrawalHazard !== null || plan.transfers !== null || plan.refiling !== null);
    // Stryker restore ConditionalExpression
    const shape = 'pools' in plan ? tallyShape(plan) : plan;
    const weeks = shape.horizonWeeks;
    const lanes = shape.laneCount;
    this.horizonWeeks = weeks;
    this.laneCount = lanes;
    this.poolCount = shape.poolCount;
    this.cohortSlots = shape.cohortSlots;
    this.triggerCount = shape.triggerCount ?? 0;
    this.initialBacklog = Float64Array.from(shape.initialBacklog);
    this.deterministic = deterministic;
    this.backlog = deterministic ? null : Array.from({ length: weeks * (lanes + 1) }, () => new IntHistogram());
    this.expectedBacklog = deterministic ? new Float64Array(weeks * (lanes + 1)) : null;
    this.expectedDecisions = deterministic ? new Float64Array(weeks * lanes) : null;
    const sums = sumsByName(SUMMED_ARRAYS.map(({ length }) => new Float64Array(length(shape))));
    this.arrivalsSum = sums.arrivalsSum;
    this.capacitySum = sums.capacitySum;
    this.poolDecisionsSum = sums.poolDecisionsSum;
    this.grantsSum = sums.grantsSum;
    this.withdrawalsSum = sums.withdrawalsSum;
    this.transfersInSum = sums.transfersInSum;
    this.transfersOutSum = sums.transfersOutSum;
    this.refiledSum = sums.refiledSum;
    this.movedOutBySlot = sums.movedOutBySlot;
    this.workforceTriggerFired = sums.workforceTriggerFired;
    this.workforceTriggerFirings = sums.workforceTriggerFirings;
    this.workforceTriggerWeeks = sums.workforceTriggerWeeks;
    this.decisionWeeks = sums.decisionWeeks;
    this.arrivalsTotal = deterministic ? null : new IntHistogram();
    this.decisionsTotal = deterministic ? null : new IntHistogram();
  }

  /**
   * Sum over replications of the end-of-week backlog of week t, for a lane or
   * (series = laneCount) the total. Week -1 is the initial backlog.
   */
  backlogSum(week: number, series: number): number {
    if (week < 0) {
      if (series < this.laneCount) return this.initialBacklog[series]! * this.replications;
      let total = 0;
      for (const open of this.initialBacklog) total += open;
      return total * this.replications;
    }
    const i = week * (this.laneCount + 1) + series;
    // Stryker disable next-line ArithmeticOperator: a deterministic tally is one path (replications 1, it cannot be merged): x 1 and / 1 agree.
    return this.expectedBacklog !== null ? this.expectedBacklog[i]! * this.replications : this.backlog![i]!.sum();
  }

  /**
   * Sum over replications of the decisions in week t of a lane. Derived from
   * conservation (decisions = backlog before + arrivals - backlog after),
   * which the engine keeps exactly in whole cases, so the weekly step need
   * not record it; the expected-value path records its fractional decisions.
   */
  decisionsSum(week: number, lane: number): number {
    if (this.expectedDecisions !== null)
      // Stryker disable next-line ArithmeticOperator: a deterministic tally is one path (replications 1, it cannot be merged): x 1 and / 1 agree.
      return this.expectedDecisions[week * this.laneCount + lane]! * this.replications;
    const i = week * this.laneCount + lane;
    return (
      this.backlogSum(week - 1, lane) +
      this.arrivalsSum[i]! +
      this.transfersInSum[i]! -
      this.transfersOutSum[i]! -
      this.withdrawalsSum[i]! -
      this.backlogSum(week, lane)
    );
  }

  /** Decided cases per lane and lead time in weeks (laneCount x cohortSlots), derived from `decisionWeeks`. */
  get leadWeeks(): Float64Array {
    return leadWeeksFromDecisions(this.decisionWeeks, this.laneCount, this.cohortSlots, this.horizonWeeks);
  }

  /** Plain data: typed arrays (transferable between threads) and histogram counts. */
  toData(): TallyData {
    return {
      horizonWeeks: this.horizonWeeks,
      laneCount: this.laneCount,
      poolCount: this.poolCount,
      cohortSlots: this.cohortSlots,
      triggerCount: this.triggerCount,
      initialBacklog: this.initialBacklog,
      deterministic: this.deterministic,
      replications: this.replications,
      expectedBacklog: this.expectedBacklog,
      backlog: this.backlog === null ? null : this.backlog.map((h) => h.toData()),
      ...sumsByName(sumsInOrder(this)),
      totals:
        this.arrivalsTotal === null || this.decisionsTotal === null
          ? null
          : [this.arrivalsTotal.toData(), this.decisionsTotal.toData()],
    };
  }

  /** A stochastic tally from `toData()` output. */
  static fromData(data: TallyData): Tally {
    const tally = new Tally(data, data.deterministic);
    tally.mergeData(data);
    return tally;
  }

  /** 5. Record: the end-of-week state of week t. */
  /** The week's withdrawals, moves and refilings per lane (only a plan with flows has any). */
  private addFlows(state: ReplicationState, t: number): void {
    const lanes = this.laneCount;
    for (let lane = 0; lane < lanes; lane++) {
      const i = t * lanes + lane;
      this.withdrawalsSum[i]! += state.withdrawn[lane]!;
      this.transfersInSum[i]! += state.transferredIn[lane]!;
      this.transfersOutSum[i]! += state.transferredOut[lane]!;
      this.refiledSum[i]! += state.refiled[lane]!;
    }
  }

  addWeek(state: ReplicationState, t: number): void {
    const lanes = this.laneCount;
    const row = t * (lanes + 1);
    const histograms = this.backlog;
    let total = 0;
    if (histograms !== null) {
      for (let lane = 0; lane < lanes; lane++) {
        const open = state.backlog[lane]!;
        total += open;
        histograms[row + lane]!.add(open);
        this.arrivalsSum[t * lanes + lane]! += state.arrivals[lane]!;
      }
      histograms[row + lanes]!.add(total);
      // Stryker disable next-line ConditionalExpression: recording flows that a plan does not have adds zeros.
      if (this.flows) this.addFlows(state, t);
    } else {
      const expected = this.expectedBacklog!;
      for (let lane = 0; lane < lanes; lane++) {
        const open = state.backlog[lane]!;
        total += open;
        expected[row + lane] = open;
        this.arrivalsSum[t * lanes + lane]! += state.arrivals[lane]!;
        this.expectedDecisions![t * lanes + lane] = state.decisions[lane]!;
      }
      expected[row + lanes] = total;
      // Stryker disable next-line ConditionalExpression: recording flows that a plan does not have adds zeros.
      if (this.flows) this.addFlows(state, t);
    }
    for (let p = 0; p < this.poolCount; p++) this.capacitySum[t * this.poolCount + p]! += state.capacity[p]!;
  }

  /**
   * Closes a replication: its grants, and the cases still open per cohort into
   * the last column of the state's `decisionWeeks` (the tally's own in a run).
   * Lead times and decision weeks were added as cases were decided.
   */
  addReplication(state: ReplicationState): void {
    let decided = 0;
    let arrived = 0;
    for (let lane = 0; lane < this.laneCount; lane++) {
      this.grantsSum[lane]! += state.grants[lane]!;
      decided += state.decided[lane]!;
      // Conservation: what arrived is what is open now, decided or withdrawn, less what was open at the start.
      arrived += state.backlog[lane]! + state.decided[lane]! + state.withdrawnSoFar[lane]! - this.initialBacklog[lane]!;
    }
    // Stryker disable next-line EqualityOperator: a pool one past the last adds to an index past the end of a typed array (ignored).
    for (let p = 0; p < this.poolCount; p++) this.poolDecisionsSum[p]! += state.poolDecided[p]!;
    this.arrivalsTotal?.add(arrived);
    this.decisionsTotal?.add(decided);
    // Stryker disable next-line EqualityOperator: one past the last rule reads undefined and writes past the end of typed arrays (ignored).
    for (let r = 0; r < this.triggerCount; r++) {
      const firings = state.triggerFirings[r]!;
      if (firings > 0) this.workforceTriggerFired[r]!++;
      this.workforceTriggerFirings[r]! += firings;
      this.workforceTriggerWeeks[r * (this.horizonWeeks + 1) + state.triggerWeeks[r]!]!++;
    }
    const cohorts = state.cohorts;
    const decisionWeeks = state.decisionWeeks;
    const columns = this.horizonWeeks + 1;
    // Stryker disable next-line EqualityOperator: a row one past the last adds to an index past the end of a typed array (ignored).
    for (let row = 0; row < cohorts.length; row++) {
      const open = cohorts[row]!;
      // Stryker disable next-line ConditionalExpression: an empty cohort adds 0.
      if (open !== 0) decisionWeeks[row * columns + this.horizonWeeks]! += open;
    }
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
      (other.triggerCount ?? 0) !== this.triggerCount ||
      other.deterministic !== this.deterministic
    ) {
      throw new Error('cannot merge tallies of different plans or modes');
    }
    if (this.deterministic) throw new Error('the expected-value path is one run: there is nothing to merge it with');
    for (const { name } of SUMMED_ARRAYS) addInto(this[name], other[name]);
    if (this.backlog !== null && other.backlog !== null) {
      for (let i = 0; i < this.backlog.length; i++) this.backlog[i]!.mergeData(other.backlog[i]!);
    }
    if (other.totals !== null) {
      this.arrivalsTotal?.mergeData(other.totals[0]);
      this.decisionsTotal?.mergeData(other.totals[1]);
    }
    this.replications += other.replications;
  }
}

function addInto(target: Float64Array, source: Float64Array): void {
  // Stryker disable next-line EqualityOperator: one past the last reads undefined, which adds nothing, and writes past the end of a typed array (ignored).
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}
