import { VaryingPoisson } from '../random/poisson.js';
import type { Uniform } from '../random/stream.js';
import { createStream } from '../random/stream.js';
import { drawUncertainty } from './draw-uncertainty.js';
import { BLOCK_BITS, TRIGGER_OFF } from './plan.js';
import type { Plan } from './plan.js';

/**
 * The mutable state of one replication. It is allocated once per run and
 * reset for each replication, so the weekly step allocates nothing.
 */
export interface ReplicationState {
  /** True in expected-value mode: fractional cases, no draws. */
  readonly deterministic: boolean;
  /** Open cases per lane and arrival slot (see Plan). */
  readonly cohorts: Float64Array;
  /** Per lane: slot of the oldest cohort that may still hold cases. */
  readonly head: Int32Array;
  /** Open cases per lane. */
  readonly backlog: Float64Array;
  /** This week's arrivals and decisions per lane. */
  readonly arrivals: Float64Array;
  readonly decisions: Float64Array;
  /** Decisions per lane so far in this replication. */
  readonly decided: Float64Array;
  /** Decisions per pool so far in this replication: what each pool decided (cases moved at the decision step not counted). */
  readonly poolDecided: Float64Array;
  /** Grants per lane, set by the outcome step at the end of the replication. */
  readonly grants: Float64Array;
  /** Per pool: this week's new capacity, what is left of it, and what carries to next week. */
  readonly capacity: Float64Array;
  readonly available: Float64Array;
  readonly carry: Float64Array;
  /** Per pool: 1 when a lane it serves still had eligible cases after it was spent. */
  readonly binding: Uint8Array;
  /** Per pool that follows the inflow: cumulative rate and the whole units already given out. */
  readonly cumulativeRate: Float64Array;
  readonly issued: Float64Array;
  /** Total arrivals per week, for capacity that follows the inflow. */
  readonly inflowHistory: Float64Array;
  /**
   * Arrivals per pool and week of the lanes a pool follows (pools x
   * horizonWeeks, indexed `pool * horizonWeeks + t`); empty unless a pool
   * follows some lanes only.
   */
  readonly followedInflow: Float64Array;
  /** Per trigger rule (see Plan.triggers): weeks in a row its lanes' backlog was above its threshold, while it is off. */
  readonly triggerStreak: Int32Array;
  /** Per trigger rule: the first week its staff work since it last fired, or TRIGGER_OFF while it is off. */
  readonly triggerFrom: Int32Array;
  /** Per trigger rule: how often it fired, and the weeks its staff worked, in this replication. */
  readonly triggerFirings: Float64Array;
  readonly triggerWeeks: Float64Array;
  /**
   * Cases per lane, arrival slot and decision week, the last column open at
   * the end (laneCount x cohortSlots x (horizonWeeks + 1)), added to over all
   * replications of a run; see Tally.decisionWeeks.
   */
  readonly decisionWeeks: Float64Array;
  /**
   * Cases that moved out of a lane before a decision, by lane and arrival
   * slot (laneCount x cohortSlots), added to over all replications like
   * `decisionWeeks`; see Tally.movedOutBySlot.
   */
  readonly movedOutBySlot: Float64Array;
  seed: number;
  replication: number;
  /** Per lane: this replication's `inflow.<lane>` stream. */
  readonly inflowStreams: Uniform[];
  /** With uncertainty (see drawUncertainty): the factor on each week's mean inflow and on its capacity. */
  readonly inflowFactor: Float64Array;
  readonly capacityFactor: Float64Array;
  /** Per lane: the replication's share over the planned share, and its grant rate. */
  readonly shareRatio: Float64Array;
  readonly grantRate: Float64Array;
  /** Per lane: the Poisson draws of an uncertain inflow, whose mean is not known in advance. */
  readonly varyingInflow: readonly VaryingPoisson[];
  /** Per lane: open cases withdrawn at the start of this week, and so far in this replication. */
  readonly withdrawn: Float64Array;
  readonly withdrawnSoFar: Float64Array;
  /** Per lane: this replication's `withdrawal.<lane>` stream (when the plan has withdrawals). */
  readonly withdrawalStreams: Uniform[];
  /** Per lane and withdrawal band (see Plan.withdrawalBandOffset): the trials left to skip before the next withdrawal; -1 for none drawn yet. */
  readonly withdrawalSkips: Float64Array;
  /**
   * Open cases per lane and block of 2^BLOCK_BITS arrival slots (laneCount x
   * blocksPerLane), kept in step with the cohorts by every step that changes
   * them, so that withdrawals find the k-th open case without visiting every
   * slot; null unless a stochastic run has withdrawals.
   */
  readonly blocks: Float64Array | null;
  readonly blocksPerLane: number;
  /** The blocks of the plan's initial cohorts, to reset from. */
  readonly initialBlocks: Float64Array | null;
  /** Per lane: cases moved out at this week's decision step and in at its end. */
  readonly transferredOut: Float64Array;
  readonly transferredIn: Float64Array;
  /** Cases moving in at the end of this week, by target lane and arrival slot (laneCount x cohortSlots). */
  readonly incoming: Float64Array;
  /** Per lane: the lowest and highest arrival slot with cases moving in this week (from > to: none). */
  readonly incomingFrom: Int32Array;
  readonly incomingTo: Int32Array;
  /** Scratch of a multinomial split of cases over a lane's targets (as many entries as the most targets of a move). */
  readonly split: Float64Array;
  /** Per lane that moves cases: this replication's `transfer.<lane>` and `transfer-wait.<lane>` streams. */
  readonly transferStreams: Uniform[];
  readonly waitingStreams: Uniform[];
  /** New applications of refused applicants due per week and lane (horizonWeeks x laneCount). */
  readonly refileDue: Float64Array;
  /** Per lane: this week's arrivals that are refilings (included in `arrivals`). */
  readonly refiled: Float64Array;
  /** Per lane that refiles: this replication's `refiling.<lane>` stream. */
  readonly refilingStreams: Uniform[];
  /** Per lane: its decisions so far that were refusals returning as new applications (within the horizon or not). */
  readonly returned: Float64Array;
}

/**
 * `decisionWeeks` and `movedOutBySlot` may be a run's tally's, so decision
 * weeks (and the lead times derived from them) accumulate without a copy per
 * replication.
 */
export function createState(
  plan: Plan,
  deterministic: boolean,
  decisionWeeks: Float64Array = new Float64Array(plan.laneCount * plan.cohortSlots * (plan.horizonWeeks + 1)),
  movedOutBySlot: Float64Array = new Float64Array(plan.laneCount * plan.cohortSlots),
): ReplicationState {
  const lanes = plan.laneCount;
  const pools = plan.pools.length;
  const blocksPerLane = (plan.cohortSlots >> BLOCK_BITS) + 1;
  const initialBlocks =
    // Stryker disable next-line LogicalOperator,ConditionalExpression: the block sums only speed up drawn withdrawals; kept where there are none, the decisions that maintain them decide the same cases.
    deterministic || plan.withdrawalHazard === null ? null : new Float64Array(lanes * blocksPerLane);
  if (initialBlocks !== null)
    // Stryker disable next-line EqualityOperator: one past the last reads undefined, which adds nothing, and writes past the end of a typed array (ignored).
    for (let lane = 0; lane < lanes; lane++)
      for (let slot = 0; slot < plan.cohortSlots; slot++)
        initialBlocks[lane * blocksPerLane + (slot >> BLOCK_BITS)]! +=
          plan.initialCohorts[lane * plan.cohortSlots + slot]!;
  return {
    deterministic,
    cohorts: new Float64Array(plan.initialCohorts.length),
    head: new Int32Array(lanes),
    backlog: new Float64Array(lanes),
    arrivals: new Float64Array(lanes),
    decisions: new Float64Array(lanes),
    decided: new Float64Array(lanes),
    poolDecided: new Float64Array(pools),
    grants: new Float64Array(lanes),
    capacity: new Float64Array(pools),
    available: new Float64Array(pools),
    carry: new Float64Array(pools),
    binding: new Uint8Array(pools),
    cumulativeRate: new Float64Array(pools),
    issued: new Float64Array(pools),
    inflowHistory: new Float64Array(plan.horizonWeeks),
    followedInflow: new Float64Array(
      // Stryker disable next-line ConditionalExpression: history a plan whose pools follow no lanes never reads.
      plan.pools.some((pool) => pool.followsInflow?.lanes !== undefined) ? pools * plan.horizonWeeks : 0,
    ),
    triggerStreak: new Int32Array(plan.triggers.length),
    triggerFrom: new Int32Array(plan.triggers.length).fill(TRIGGER_OFF),
    triggerFirings: new Float64Array(plan.triggers.length),
    triggerWeeks: new Float64Array(plan.triggers.length),
    decisionWeeks,
    movedOutBySlot,
    seed: 0,
    replication: 0,
    inflowStreams: [],
    inflowFactor: new Float64Array(plan.horizonWeeks).fill(1),
    capacityFactor: new Float64Array(plan.horizonWeeks).fill(1),
    shareRatio: new Float64Array(lanes).fill(1),
    grantRate: Float64Array.from(plan.grantRate),
    varyingInflow: Array.from({ length: lanes }, () => new VaryingPoisson()),
    withdrawn: new Float64Array(lanes),
    withdrawnSoFar: new Float64Array(lanes),
    withdrawalStreams: [],
    withdrawalSkips: new Float64Array(plan.withdrawalBandOffset[lanes]!),
    blocks: initialBlocks === null ? null : new Float64Array(initialBlocks),
    blocksPerLane,
    initialBlocks,
    transferredOut: new Float64Array(lanes),
    transferredIn: new Float64Array(lanes),
    // Stryker disable next-line ConditionalExpression: arrays a plan without transfers never reads.
    incoming: new Float64Array(plan.transfers === null ? 0 : lanes * plan.cohortSlots),
    incomingFrom: new Int32Array(lanes).fill(plan.cohortSlots),
    // Stryker disable next-line UnaryOperator: a range of pending moves that starts wider only visits empty slots.
    incomingTo: new Int32Array(lanes).fill(-1),
    split: new Float64Array(
      plan.transfers === null
        ? 0
        : Math.max(...plan.transfers.to.map((to) => to.length), ...plan.transfers.waiting.map((m) => m.to.length)),
    ),
    transferStreams: [],
    waitingStreams: [],
    // Stryker disable next-line ConditionalExpression: arrays a plan without refiling never reads.
    refileDue: new Float64Array(plan.refiling === null ? 0 : plan.horizonWeeks * lanes),
    refiled: new Float64Array(lanes),
    refilingStreams: [],
    returned: new Float64Array(lanes),
  };
}

/** Puts the state at week 0 of replication `replication`, with its own streams. */
export function resetState(plan: Plan, state: ReplicationState, seed: number, replication: number): void {
  state.cohorts.set(plan.initialCohorts);
  state.backlog.set(plan.initialBacklog);
  state.head.fill(0);
  state.decided.fill(0);
  state.poolDecided.fill(0);
  state.grants.fill(0);
  state.carry.fill(0);
  state.cumulativeRate.fill(0);
  state.issued.fill(0);
  state.seed = seed;
  state.replication = replication;
  // Stryker disable ConditionalExpression,EqualityOperator: which lanes get streams; a stream that no draw uses changes nothing, and one past the last lane is never read.
  if (!state.deterministic) {
    for (let lane = 0; lane < plan.laneCount; lane++)
      state.inflowStreams[lane] = createStream(seed, replication, plan.inflowKeys[lane]!);
    // Only the lanes that use a flow get its streams (a stream is a function of seed, replication and key alone).
    if (plan.withdrawalHazard !== null)
      for (let lane = 0; lane < plan.laneCount; lane++)
        if (plan.withdrawalBandFrom[lane]!.length > 0)
          state.withdrawalStreams[lane] = createStream(seed, replication, plan.withdrawalKeys[lane]!);
    const transfers = plan.transfers;
    if (transfers !== null) {
      for (let lane = 0; lane < plan.laneCount; lane++)
        if (transfers.total[lane]! > 0)
          state.transferStreams[lane] = createStream(seed, replication, transfers.keys[lane]!);
      for (const moves of transfers.waiting)
        state.waitingStreams[moves.lane] = createStream(seed, replication, transfers.waitingKeys[moves.lane]!);
    }
    const refiling = plan.refiling;
    if (refiling !== null)
      for (let lane = 0; lane < plan.laneCount; lane++)
        if (refiling.probability[lane]! > 0)
          state.refilingStreams[lane] = createStream(seed, replication, refiling.keys[lane]!);
  }
  // Stryker restore ConditionalExpression,EqualityOperator
  state.withdrawn.fill(0);
  state.withdrawalSkips.fill(-1);
  if (state.blocks !== null) state.blocks.set(state.initialBlocks!);
  state.withdrawnSoFar.fill(0);
  state.incoming.fill(0);
  state.incomingFrom.fill(plan.cohortSlots);
  // Stryker disable next-line UnaryOperator: a range of pending moves that starts wider only visits empty slots.
  state.incomingTo.fill(-1);
  state.refileDue.fill(0);
  state.refiled.fill(0);
  state.triggerStreak.fill(0);
  state.triggerFrom.fill(TRIGGER_OFF);
  state.triggerFirings.fill(0);
  state.triggerWeeks.fill(0);
  state.returned.fill(0);
  state.transferredIn.fill(0);
  state.transferredOut.fill(0);
  if (plan.uncertainty !== null) {
    for (const draws of state.varyingInflow) draws.reset();
    drawUncertainty(plan, plan.uncertainty, state);
  }
}
