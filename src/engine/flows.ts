/**
 * Flows between lanes and out of the backlog (docs/model.md, "Flows"):
 * withdrawals and moves after a waiting time at the start of a week, moves
 * at the decision step, and refused applicants who file again. Each draws
 * from its lane's own streams, so switching one flow on or off moves no
 * other draw. Stochastic draws are per case while few cases are involved
 * (one uniform each, cheaper than a binomial's set-up) and binomial beyond.
 */
import { sampleBinomial } from '../random/binomial.js';
import { BLOCK_BITS } from './plan.js';
import type { Plan, RefilingPlan, TransferPlan, WaitingMoves } from './plan.js';
import type { Uniform } from '../random/stream.js';
import type { ReplicationState } from './state.js';

/** Probabilities within this of the rest count as all of it (sums of doubles such as 0.2 + 0.8). */
const EPSILON = 1e-12;

/** Up to this many cases, a stochastic flow draws one uniform per case; beyond it, binomials. */
const PER_CASE = 24;

const BLOCK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK - 1;

/**
 * 0. The start of week t: the week's counts of moves are reset, open cases
 * withdraw, and open cases that reach a waiting time move.
 */
export function weekStart(plan: Plan, state: ReplicationState, t: number): void {
  const transfers = plan.transfers;
  // Stryker disable next-line ConditionalExpression: without transfers the counts of moves are never written, so they stay 0.
  if (transfers !== null) {
    state.transferredIn.fill(0);
    state.transferredOut.fill(0);
  }
  if (plan.withdrawalHazard !== null) withdrawals(plan, state, t);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with no moves after a waiting time the call moves nothing and only arrives the empty pending moves.
  if (transfers !== null && transfers.waiting.length > 0) movesAfterWaiting(plan, transfers.waiting, state, t);
}

/**
 * Withdrawals: each case open since before week t leaves with its lane's
 * hazard at its age, independently. Expected-value mode scales each cohort
 * by 1 - hazard. Draws: a band's weekly trials (one per open case of the
 * band, week after week, in FIFO order within a week) are independent
 * Bernoulli(h) trials, so the trials between two withdrawals are geometric:
 * floor(log(U) / log(1 - h)). The skip left over at the end of a week
 * carries into the next, so a week without a withdrawal in a one-band lane
 * costs a subtraction, and each withdrawal one uniform and one logarithm,
 * with one walk over the band's cohorts in a week with any, which skips
 * blocks of slots by their sums (ReplicationState.blocks).
 */
function withdrawals(plan: Plan, state: ReplicationState, t: number): void {
  const slots = plan.cohortSlots;
  const { cohorts, backlog, withdrawn } = state;
  // Open cases arrived before week t: slots up to t - 1 + maxAgeWeeks; age of slot s is lastSlot + 1 - s.
  const lastSlot = t - 1 + plan.maxAgeWeeks;
  for (let lane = 0; lane < plan.laneCount; lane++) {
    withdrawn[lane] = 0;
    // Stryker disable next-line ConditionalExpression: an empty lane removes nothing, and the first skip it draws is the one it would draw in the week its first case comes.
    if (backlog[lane] === 0) continue;
    const base = lane * slots;
    const head = state.head[lane]!;
    let removed = 0;
    if (state.deterministic) {
      const hazard = plan.withdrawalHazard!;
      let open = 0;
      for (let slot = head; slot <= lastSlot; slot++) {
        const cases = cohorts[base + slot]!;
        // Stryker disable next-line ConditionalExpression: an empty cohort loses 0 x hazard = 0 cases.
        if (cases === 0) continue;
        const leave = cases * hazard[base + (lastSlot + 1 - slot)]!;
        cohorts[base + slot] = cases - leave;
        removed += leave;
        open += cases - leave;
      }
      // Stryker disable next-line ConditionalExpression: with nothing removed the counts add 0 and the backlog is set to the sum of its cohorts, which it equals but for rounding in the last bit.
      if (removed === 0) continue;
      withdrawn[lane] = removed;
      state.withdrawnSoFar[lane]! += removed;
      // The sum of what is left, not backlog - removed: fractions would leave a rounding residue.
      backlog[lane] = open;
      continue;
    }
    const from = plan.withdrawalBandFrom[lane]!;
    const logStay = plan.withdrawalBandLogStay[lane]!;
    const uniform = state.withdrawalStreams[lane]!;
    const pending = state.withdrawalSkips;
    const bandBase = plan.withdrawalBandOffset[lane]!;
    const blocks = state.blocks!;
    const blockBase = lane * state.blocksPerLane;
    for (let band = 0; band < from.length; band++) {
      const scale = logStay[band]!;
      if (scale === 0) continue;
      // The band's ages from[band] .. from[band + 1] - 1 are the slots youngest down to oldest.
      const youngest = Math.min(lastSlot, lastSlot + 1 - from[band]!);
      const oldest = band + 1 < from.length ? Math.max(head, lastSlot + 2 - from[band + 1]!) : head;
      // Stryker disable next-line ConditionalExpression: a band with no slots draws its first skip (the same one it draws later) and walks none.
      if (youngest < oldest) continue;
      // Position (in FIFO order among the band's remaining cases) of the next one to leave: the skip
      // left over from earlier weeks, or a new one at the replication's start.
      const skip = bandBase + band;
      let k = pending[skip]!;
      if (k < 0) k = Math.floor(Math.log(1 - uniform()) / scale);
      // One band (the usual perWeek) holds every open case: a week whose skip passes them all needs no walk.
      // Stryker disable next-line ConditionalExpression: the one-band shortcuts only skip walks that withdraw nothing.
      const oneBand = from.length === 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a shortcut; the walk it skips withdraws nothing and leaves the same skip.
      if (oneBand && k >= backlog[lane]!) {
        pending[skip] = k - backlog[lane]!;
        continue;
      }
      // Walk the band's cohorts oldest first, a block of BLOCK slots at a time where the next withdrawal lies
      // beyond it; `seen` counts the cases that stayed in the slots passed. One band stops after its last withdrawal.
      let seen = 0;
      let slot = oldest;
      while (slot <= youngest) {
        // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement,LogicalOperator: a shortcut over whole blocks; walking their slots one by one withdraws the same cases.
        if ((slot & BLOCK_MASK) === 0 && slot + BLOCK_MASK <= youngest) {
          const inBlock = blocks[blockBase + (slot >> BLOCK_BITS)]!;
          // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a shortcut over a block with no withdrawal; walking it slot by slot gives the same.
          if (k >= seen + inBlock) {
            seen += inBlock;
            slot += BLOCK;
            continue;
          }
        }
        let open = cohorts[base + slot]!;
        // Stryker disable next-line ConditionalExpression: k is never below seen, so an empty cohort fails the second test as well.
        if (open !== 0 && k < seen + open) {
          // The case at position k leaves; the cases after it now start at position k: skip those that stay.
          const before = open;
          do {
            open--;
            k += Math.floor(Math.log(1 - uniform()) / scale);
          } while (k < seen + open);
          cohorts[base + slot] = open;
          blocks[blockBase + (slot >> BLOCK_BITS)]! -= before - open;
          removed += before - open;
        }
        seen += open;
        slot++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: a shortcut; the slots it leaves unwalked withdraw nothing and the skip left is the same.
        if (oneBand && k >= backlog[lane]! - removed) {
          seen = backlog[lane]! - removed;
          break;
        }
      }
      pending[skip] = k - seen;
    }
    // Stryker disable next-line ConditionalExpression: with nothing removed the counts add 0.
    if (removed === 0) continue;
    withdrawn[lane] = removed;
    state.withdrawnSoFar[lane]! += removed;
    backlog[lane]! -= removed;
  }
}

/**
 * Moves after a waiting time: of a lane's cases still open when they reach
 * the age (at the start of week t, the cohort filed in week t - age), each
 * moves to a target with its probability, no effort spent, keeping its
 * filing week. Every lane's moves are drawn before any moved case joins its
 * new lane, so a case moves at most once in a week. Expected values move cases x probability; draws are
 * multinomial from the lane's `transfer-wait.<lane>` stream.
 */
function movesAfterWaiting(plan: Plan, waiting: readonly WaitingMoves[], state: ReplicationState, t: number): void {
  const slots = plan.cohortSlots;
  const cohorts = state.cohorts;
  for (const moves of waiting) {
    const slot = t - moves.age + plan.maxAgeWeeks;
    if (slot < 0) continue;
    const lane = moves.lane;
    const open = cohorts[lane * slots + slot]!;
    // Stryker disable next-line ConditionalExpression: an empty cohort moves 0 cases (in expected values the backlog is then set to the sum of its cohorts, which it equals but for rounding in the last bit).
    if (open === 0) continue;
    const to = moves.to;
    let moved = 0;
    if (state.deterministic || open > PER_CASE) {
      const split = state.split;
      moved = splitCases(open, moves.probability, state.deterministic, state.waitingStreams[lane]!, split);
      // Stryker disable next-line ConditionalExpression: moving 0 cases changes nothing.
      for (let i = 0; i < to.length; i++) if (split[i] !== 0) moveOut(plan, state, lane, to[i]!, slot, split[i]!);
      // With fractions, the lane's backlog is the sum of what its cohorts hold, not a running difference.
      // Stryker disable next-line ConditionalExpression: in whole cases the sum of the open cohorts is the backlog less the moved.
      if (state.deterministic) state.backlog[lane] = openCases(plan, state, lane, t);
    } else {
      const uniform = state.waitingStreams[lane]!;
      const cumulative = moves.cumulative;
      // Stryker disable next-line EqualityOperator: one past the last target compares u with undefined, which is false.
      for (let c = 0; c < open; c++) {
        const u = uniform();
        // Stryker disable next-line EqualityOperator: one past the last target compares u with undefined, which is false.
        for (let i = 0; i < to.length; i++)
          // Stryker disable next-line EqualityOperator: u equal to a running sum has probability 0.
          if (u < cumulative[i]!) {
            moveOut(plan, state, lane, to[i]!, slot, 1);
            moved++;
            break;
          }
      }
    }
    state.transferredOut[lane]! += moved;
    state.movedOutBySlot[lane * slots + slot]! += moved;
  }
  // Only now do the moved cases join their new lanes: a case moves once a week, even where two lanes move
  // cases of the same age to each other.
  arriveTransfers(plan, state);
}

/** The open cases of a lane at the start of week t (before its arrivals), summed over its cohorts. */
function openCases(plan: Plan, state: ReplicationState, lane: number, t: number): number {
  const base = lane * plan.cohortSlots;
  let open = 0;
  // Stryker disable next-line EqualityOperator: at the start of week t its own slot is still empty.
  for (let slot = state.head[lane]!; slot < t + plan.maxAgeWeeks; slot++) open += state.cohorts[base + slot]!;
  return open;
}

/**
 * Splits `cases` over targets with these probabilities (summing to at most 1;
 * the rest stay) into `split`, and returns how many move: expected values
 * cases x probability; draws a multinomial, one binomial per target in turn.
 * Probabilities that use up the rest take the rest, so no rounding residue
 * stays behind (or goes below 0).
 */
function splitCases(
  cases: number,
  probability: Float64Array,
  deterministic: boolean,
  uniform: Uniform,
  split: Float64Array,
): number {
  let left = cases;
  let leftProbability = 1;
  for (let i = 0; i < probability.length; i++) {
    const p = probability[i]!;
    const n =
      // Stryker disable next-line ConditionalExpression: with no cases left a draw is a binomial of 0 (0, no draw), and in expected values the probabilities left are 0.
      left === 0
        ? 0
        : leftProbability - p <= EPSILON
          ? left
          : deterministic
            ? cases * p
            : sampleBinomial(left, p / leftProbability, uniform);
    split[i] = n;
    leftProbability -= p;
    left -= n;
  }
  return cases - left;
}

/** n open cases of (lane, slot) leave for lane `to`, waiting in `incoming` until arriveTransfers. */
function moveOut(plan: Plan, state: ReplicationState, lane: number, to: number, slot: number, n: number): void {
  state.cohorts[lane * plan.cohortSlots + slot]! -= n;
  state.backlog[lane]! -= n;
  if (state.blocks !== null) state.blocks[lane * state.blocksPerLane + (slot >> BLOCK_BITS)]! -= n;
  incoming(plan, state, to, slot, n);
}

/**
 * Moves at the decision step: of `take` cases of (lane, slot) that the lane
 * reached, those that move instead of being decided. Expected values move
 * take x each probability; draws give each case one uniform from the lane's
 * `transfer.<lane>` stream while they are few, a multinomial (binomial per
 * target in turn) beyond. The moved cases wait in `incoming` until the end of
 * the week (arriveTransfers), keeping their slot. Returns how many moved.
 */
export function transferAtDecision(
  plan: Plan,
  transfers: TransferPlan,
  state: ReplicationState,
  lane: number,
  slot: number,
  take: number,
): number {
  const to = transfers.to[lane]!;
  let moved = 0;
  if (state.deterministic || take > PER_CASE) {
    const split = state.split;
    moved = splitCases(take, transfers.probability[lane]!, state.deterministic, state.transferStreams[lane]!, split);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: moving 0 cases, or one past the last target (undefined), changes no count.
    for (let i = 0; i < to.length; i++) if (split[i] !== 0) incoming(plan, state, to[i]!, slot, split[i]!);
    return moved;
  }
  const uniform = state.transferStreams[lane]!;
  const cumulative = transfers.cumulative[lane]!;
  for (let c = 0; c < take; c++) {
    const u = uniform();
    // Stryker disable next-line EqualityOperator: one past the last target compares u with undefined, which is false.
    for (let i = 0; i < to.length; i++)
      // Stryker disable next-line EqualityOperator: u equal to a running sum has probability 0.
      if (u < cumulative[i]!) {
        incoming(plan, state, to[i]!, slot, 1);
        moved++;
        break;
      }
  }
  return moved;
}

function incoming(plan: Plan, state: ReplicationState, target: number, slot: number, n: number): void {
  state.incoming[target * plan.cohortSlots + slot]! += n;
  // Stryker disable next-line EqualityOperator: at equality the bound is set to the value it has.
  if (slot < state.incomingFrom[target]!) state.incomingFrom[target] = slot;
  // Stryker disable next-line EqualityOperator: at equality the bound is set to the value it has.
  if (slot > state.incomingTo[target]!) state.incomingTo[target] = slot;
}

/** The cases that moved at this week's decision step join their new lanes' queues, with their filing week. */
export function arriveTransfers(plan: Plan, state: ReplicationState): void {
  const slots = plan.cohortSlots;
  // Stryker disable next-line EqualityOperator: one past the last reads undefined, which adds nothing, and writes past the end of a typed array (ignored).
  for (let lane = 0; lane < plan.laneCount; lane++) {
    const from = state.incomingFrom[lane]!;
    const to = state.incomingTo[lane]!;
    // Stryker disable next-line ConditionalExpression: an empty range visits no slot and adds 0.
    if (from > to) continue;
    state.incomingFrom[lane] = slots;
    // Stryker disable next-line UnaryOperator: a range of pending moves that starts wider only visits empty slots.
    state.incomingTo[lane] = -1;
    const base = lane * slots;
    let arrived = 0;
    for (let slot = from; slot <= to; slot++) {
      const n = state.incoming[base + slot]!;
      // Stryker disable next-line ConditionalExpression: an empty slot adds 0, and a head moved back to an empty slot is passed over by the next walk.
      if (n === 0) continue;
      state.incoming[base + slot] = 0;
      state.cohorts[base + slot]! += n;
      if (state.blocks !== null) state.blocks[lane * state.blocksPerLane + (slot >> BLOCK_BITS)]! += n;
      // Stryker disable next-line EqualityOperator: at equality the head is set to the value it has.
      if (slot < state.head[lane]!) state.head[lane] = slot;
      arrived += n;
    }
    state.transferredIn[lane]! += arrived;
    state.backlog[lane]! += arrived;
  }
}

/**
 * Refused applicants who file again. A decision of a lane with refiling
 * probability q and grant rate g is a refusal that returns with probability
 * (1 - g) q, independently: the week's returns are Binomial(decisions,
 * (1 - g) q) from the lane's `refiling.<lane>` stream, each with its own
 * delay and target lane from the same stream, due in week t + delay when that
 * is within the horizon. Grants never feed back, so the outcome step draws
 * them once per replication among the decisions that did not return (see
 * `outcome`): the same joint distribution as an outcome per case and week.
 * Expected-value mode spreads the fractions over delays and lanes.
 */
export function refuseAndRefile(plan: Plan, refiling: RefilingPlan, state: ReplicationState, t: number): void {
  const lanes = plan.laneCount;
  const weeks = plan.horizonWeeks;
  for (let lane = 0; lane < lanes; lane++) {
    const q = refiling.probability[lane]!;
    const decided = state.decisions[lane]!;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: with q = 0 or no decisions nothing returns (a binomial with n = 0 or p = 0 is 0 without a draw).
    if (q === 0 || decided === 0) continue;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: without uncertainty the state's grant rates are the plan's.
    const rate = plan.uncertainty === null ? plan.grantRate[lane]! : state.grantRate[lane]!;
    const r = (1 - rate) * q;
    if (state.deterministic) {
      const delay = refiling.delay[lane]!;
      const targets = refiling.targets[lane]!;
      const returning = decided * r;
      state.returned[lane]! += returning;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a refiling due after the horizon would be written past the end of refileDue (ignored).
      for (let k = 1; k <= delay.length && t + k < weeks; k++) {
        const p = delay[k - 1]!;
        // Stryker disable next-line ConditionalExpression: a delay of probability 0 adds 0.
        if (p === 0) continue;
        for (let target = 0; target < lanes; target++)
          state.refileDue[(t + k) * lanes + target]! += returning * p * targets[target]!;
      }
      continue;
    }
    const uniform = state.refilingStreams[lane]!;
    const returning = sampleBinomial(decided, r, uniform);
    // Stryker disable next-line ConditionalExpression: with no returns the loop below draws nothing.
    if (returning === 0) continue;
    state.returned[lane]! += returning;
    const delays = refiling.delayCumulative[lane]!;
    const targets = refiling.targetsCumulative[lane]!;
    for (let i = 0; i < returning; i++) {
      const k = 1 + pickCumulative(delays, uniform());
      const target = targets.length === 1 ? 0 : pickCumulative(targets, uniform());
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a refiling due after the horizon would be written past the end of refileDue (ignored).
      if (t + k < weeks) {
        state.refileDue[(t + k) * lanes + target]! += 1;
      }
    }
  }
}

/** The first index whose running sum exceeds u (binary search); the last running sum is 1, so one always does. */
export function pickCumulative(cumulative: Float64Array, u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (u < cumulative[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}
