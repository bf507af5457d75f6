/**
 * One simulated week, in the order of docs/model.md: flows at the start of the
 * week (see flows.ts), inflow, capacity, decisions, and the trigger rules at
 * the end of the week.
 * The outcome step runs once per replication (see `outcome`), and recording
 * is the caller's (see Tally.addWeek). Each function reads the plan and
 * changes only the replication state.
 */
import { sampleBinomial } from '../random/binomial.js';
import { createStream } from '../random/stream.js';
import { arriveTransfers, refuseAndRefile, transferAtDecision } from './flows.js';
import { BLOCK_BITS, TRIGGER_OFF } from './plan.js';
import type { InflowFollowing, Plan, ReplayPlan } from './plan.js';
import type { ReplicationState } from './state.js';

/** Capacity rounding tolerance: cumulative rates like 52 x (1600 / 52) must floor to 1600. */
const EPSILON = 1e-9;

/**
 * 1. Inflow: the week's new applications (`newApplications`) and, when the
 * plan has refiling, the refused applicants' new applications due this week,
 * each with filing week t.
 */
export function inflow(plan: Plan, state: ReplicationState, t: number): void {
  newApplications(plan, state, t);
  if (plan.refiling !== null) refiledApplications(plan, state, t);
  const blocks = state.blocks;
  if (blocks !== null) {
    const block = (t + plan.maxAgeWeeks) >> BLOCK_BITS;
    // Stryker disable next-line EqualityOperator: a lane one past the last adds to an index past the end of the block sums (ignored).
    for (let lane = 0; lane < plan.laneCount; lane++)
      blocks[lane * state.blocksPerLane + block]! += state.arrivals[lane]!;
  }
}

/** The refilings due in week t join their lanes as arrivals of week t. */
function refiledApplications(plan: Plan, state: ReplicationState, t: number): void {
  const lanes = plan.laneCount;
  const slot = t + plan.maxAgeWeeks;
  let total = 0;
  for (let lane = 0; lane < lanes; lane++) {
    const due = state.refileDue[t * lanes + lane]!;
    state.refiled[lane] = due;
    // Stryker disable next-line ConditionalExpression: no refilings due adds 0.
    if (due === 0) continue;
    state.arrivals[lane]! += due;
    state.cohorts[lane * plan.cohortSlots + slot]! += due;
    state.backlog[lane]! += due;
    total += due;
  }
  state.inflowHistory[t]! += total;
}

/** New applications: Poisson arrivals per lane (expected values in deterministic mode) join the queue with arrival week t. */
function newApplications(plan: Plan, state: ReplicationState, t: number): void {
  const lanes = plan.laneCount;
  const slots = plan.cohortSlots;
  const slot = t + plan.maxAgeWeeks;
  const { cohorts, backlog, arrivals: arrived, inflowStreams } = state;
  const row = t * lanes;
  let total = 0;
  const replay = plan.replay;
  if (replay !== null && t < replay.weeks) {
    replayed(replay, state, t, slot, slots);
    return;
  }
  // Stryker disable next-line ConditionalExpression: without uncertainty the factors and share ratios are 1, where the uncertain path uses the plan's own samplers.
  const uncertain = plan.uncertainty !== null;
  if (state.deterministic) {
    // Stryker disable next-line ConditionalExpression: without uncertainty the inflow factors stay 1.
    const factor = plan.uncertainty === null ? 1 : state.inflowFactor[t]!;
    for (let lane = 0; lane < lanes; lane++) {
      const arrivals = plan.inflowMean[row + lane]! * factor;
      arrived[lane] = arrivals;
      cohorts[lane * slots + slot]! += arrivals;
      backlog[lane]! += arrivals;
      total += arrivals;
    }
  } else if (uncertain) {
    // Uncertain means: this replication's factor of the week and share ratio of the lane.
    const factor = state.inflowFactor[t]!;
    const ratio = state.shareRatio;
    const draws = state.varyingInflow;
    const samplers = plan.inflowSamplers;
    for (let lane = 0; lane < lanes; lane++) {
      const r = ratio[lane]!;
      // At the planned mean (every source off, or held at 1) the plan's own sampler: the same draws as without uncertainty.
      const arrivals =
        factor === 1 && r === 1
          ? samplers[row + lane]!.sample(inflowStreams[lane]!)
          : draws[lane]!.sample(plan.inflowMean[row + lane]! * factor * r, inflowStreams[lane]!);
      arrived[lane] = arrivals;
      cohorts[lane * slots + slot]! += arrivals;
      backlog[lane]! += arrivals;
      total += arrivals;
    }
  } else {
    const samplers = plan.inflowSamplers;
    for (let lane = 0; lane < lanes; lane++) {
      const arrivals = samplers[row + lane]!.sample(inflowStreams[lane]!);
      arrived[lane] = arrivals;
      cohorts[lane * slots + slot]! += arrivals;
      backlog[lane]! += arrivals;
      total += arrivals;
    }
  }
  state.inflowHistory[t] = total;
}

/**
 * A replayed week: the observed total split over the lanes, total x share in
 * deterministic mode; multinomially in stochastic mode, by successive
 * binomials, each lane drawing from its own `inflow.<lane>` stream.
 */
function replayed(replay: ReplayPlan, state: ReplicationState, t: number, slot: number, slots: number): void {
  const { cohorts, backlog, arrivals: arrived, inflowStreams } = state;
  const share = replay.share;
  const lanes = share.length;
  const total = state.deterministic ? replay.total[t]! : replay.whole[t]!;
  let remaining = total;
  let remainingShare = 1;
  // Stryker disable next-line EqualityOperator: a lane one past the last draws a binomial of 0 (0, no draw) and writes past the end of typed arrays (ignored).
  for (let lane = 0; lane < lanes; lane++) {
    let arrivals: number;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the last lane's share is the rest to within EPSILON, so either test gives it the rest.
    const rest = lane === lanes - 1 || remainingShare - share[lane]! <= EPSILON;
    if (state.deterministic) arrivals = total * share[lane]!;
    else if (rest) arrivals = remaining;
    else arrivals = sampleBinomial(remaining, Math.min(1, share[lane]! / remainingShare), inflowStreams[lane]!);
    remaining -= arrivals;
    remainingShare -= share[lane]!;
    arrived[lane] = arrivals;
    cohorts[lane * slots + slot]! += arrivals;
    backlog[lane]! += arrivals;
  }
  state.inflowHistory[t] = total;
}

/**
 * 2. Capacity: the whole units each pool has this week. A rate of c per week
 * gives floor((t+1)c) - floor(tc) units in week t; what a binding week left
 * over (less than one decision's effort) carries on, idle capacity is lost.
 */
export function capacity(plan: Plan, state: ReplicationState, t: number): void {
  const pools = plan.pools;
  // Stryker disable next-line ConditionalExpression: without capacity uncertainty the factors are 1, and the rate path gives the units the quota holds.
  const uncertain = plan.uncertainty?.capacityUncertain === true;
  for (let p = 0; p < pools.length; p++) {
    const pool = pools[p]!;
    let units: number;
    const triggers = pool.triggers;
    if (pool.quota !== null && !uncertain && triggers === undefined) {
      units = pool.quota[t]!;
    } else {
      let rate: number;
      if (pool.rate !== null) {
        rate = pool.rate[t]!;
      } else {
        rate = followedRate(plan, state, pool.followsInflow!, p, t) * pool.calendarScale[t]!;
      }
      // Staff that trigger rules added: on top of the policy (and of inflowPlusMargin's max).
      if (triggers !== undefined) rate += triggeredRate(plan, state, triggers, t);
      // Realised capacity: the plan's rate times this week's factor (productivity, weekly noise).
      // Stryker disable next-line ConditionalExpression: without capacity uncertainty the factors are 1.
      if (uncertain) rate *= state.capacityFactor[t]!;
      state.cumulativeRate[p]! += rate;
      units = Math.floor(state.cumulativeRate[p]! + EPSILON) - state.issued[p]!;
      state.issued[p]! += units;
    }
    state.capacity[p] = units;
    state.available[p] = units + state.carry[p]!;
    state.binding[p] = 0;
  }
}

/**
 * The rate of a pool that follows the inflow, before the calendar: (1 +
 * margin) x the mean arrivals (refilings included) of all lanes, or of its
 * lanes, over the trailing weeks that end delayWeeks before week t (fewer at
 * the start; before week 0 the plan's mean of week 0), clamped to [min, max].
 * A pool that follows some lanes records their arrivals of week t first.
 */
function followedRate(plan: Plan, state: ReplicationState, rule: InflowFollowing, p: number, t: number): number {
  const lanes = rule.lanes;
  let history = state.inflowHistory;
  let row = 0;
  if (lanes !== undefined) {
    history = state.followedInflow;
    row = p * plan.horizonWeeks;
    let arrived = 0;
    for (let i = 0; i < lanes.length; i++) arrived += state.arrivals[lanes[i]!]!;
    history[row + t] = arrived;
  }
  // Stryker disable next-line LogicalOperator: && gives undefined, and t - undefined is NaN: no capacity at all.
  const end = t - (rule.delayWeeks ?? 0);
  let followed: number;
  if (end < 0) {
    followed = (1 + rule.margin) * rule.beforeStart!;
  } else {
    const weeks = Math.min(rule.trailingWeeks, end + 1);
    let sum = 0;
    for (let s = end - weeks + 1; s <= end; s++) sum += history[row + s]!;
    followed = ((1 + rule.margin) * sum) / weeks;
  }
  return Math.min(rule.max, Math.max(rule.min, followed));
}

/** The units the pool's trigger rules that are on add in week t; counts the week for each of them. */
function triggeredRate(plan: Plan, state: ReplicationState, rules: Int32Array, t: number): number {
  let extra = 0;
  // Stryker disable next-line EqualityOperator: one past the last reads no rule, whose undefined first week is never reached.
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (t >= state.triggerFrom[r]!) {
      extra += plan.triggers[r]!.extra[t]!;
      state.triggerWeeks[r]!++;
    }
  }
  return extra;
}

/**
 * 3. Decisions: lanes in priority order, oldest eligible case first; a lane
 * uses its dedicated pool before the shared one.
 */
export function decisions(plan: Plan, state: ReplicationState, t: number): void {
  // Stryker disable next-line ConditionalExpression: the loop with flows decides the same cases; it also keeps block sums and moves, which a plan without flows does not have.
  const flowing = state.blocks !== null || plan.transfers !== null;
  for (let lane = 0; lane < plan.laneCount; lane++) {
    state.decisions[lane] = 0;
    // Last eligible arrival slot: t - a >= minWaitWeeks.
    const lastSlot = t - plan.minWaitWeeks[lane]! + plan.maxAgeWeeks;
    const own = plan.dedicatedPool[lane]!;
    // Stryker disable next-line ConditionalExpression: the loop with flows decides the same cases as the plain one.
    if (flowing) {
      // Stryker disable next-line EqualityOperator: pool 0 is the shared pool, so a dedicated pool's index is 1 or more.
      if (own >= 0) serveFlowing(plan, state, t, lane, own, plan.dedicatedEffort[lane]!, lastSlot);
      serveFlowing(plan, state, t, lane, 0, plan.sharedEffort[lane]!, lastSlot);
    } else {
      // Stryker disable next-line EqualityOperator: pool 0 is the shared pool, so a dedicated pool's index is 1 or more.
      if (own >= 0) serve(plan, state, t, lane, own, plan.dedicatedEffort[lane]!, lastSlot);
      serve(plan, state, t, lane, 0, plan.sharedEffort[lane]!, lastSlot);
    }
    // The shared pool may decide what the dedicated one had too few hours for: then no case waits,
    // and the dedicated pool's remainder is idle capacity, lost rather than carried.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: without a dedicated pool (own -1) the write goes below index 0 (ignored); pool 0 is the shared one.
    if (own >= 0 && state.head[lane]! > lastSlot) state.binding[own] = 0;
  }
  // Stryker disable next-line EqualityOperator: a pool one past the last writes past the end of a typed array (ignored).
  for (let p = 0; p < plan.pools.length; p++) {
    state.carry[p] = state.binding[p] === 1 ? state.available[p]! : 0;
  }
  // Stryker disable next-line ConditionalExpression: without transfers nothing is pending to arrive.
  if (plan.transfers !== null) arriveTransfers(plan, state);
  if (plan.refiling !== null) refuseAndRefile(plan, plan.refiling, state, t);
}

/** Decides cases of one lane from one pool, oldest first, while capacity and eligible cases last. */
function serve(
  plan: Plan,
  state: ReplicationState,
  t: number,
  lane: number,
  pool: number,
  effort: number,
  lastSlot: number,
): void {
  const cohorts = state.cohorts;
  const base = lane * plan.cohortSlots;
  const columns = plan.horizonWeeks + 1;
  const available = state.available[pool]!;
  let room = state.deterministic ? available / effort : Math.floor(available / effort + EPSILON);
  let decided = 0;
  let slot = state.head[lane]!;
  for (;;) {
    while (slot <= lastSlot && cohorts[base + slot] === 0) slot++;
    if (slot > lastSlot) break;
    if (room <= 0) {
      state.binding[pool] = 1;
      break;
    }
    const open = cohorts[base + slot]!;
    // Stryker disable EqualityOperator: at open = room both sides are the same number.
    // biome-ignore lint/complexity/useMathMinMax: the hot loop as measured; Math.min timed no faster here, maybe slower
    const take = open < room ? open : room;
    // Stryker restore EqualityOperator
    cohorts[base + slot] = open - take;
    // Decision week t of the cohort in (lane, slot), row base + slot: lead times derive from it.
    state.decisionWeeks[(base + slot) * columns + t]! += take;
    decided += take;
    room -= take;
  }
  state.head[lane] = slot;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing decided the pool keeps what it had (in expected-value mode up to rounding in the last bit) and the counts add 0.
  if (decided > 0) {
    // In expected-value mode `room` is exact where a sum of fractional takes is not:
    // a spent pool keeps exactly 0, not a rounding residue a lower lane could use.
    state.available[pool] = state.deterministic ? room * effort : available - decided * effort;
    if (state.deterministic) {
      // With fractional cases, backlog - (sum of takes) can round below 0 when the lane empties
      // (-3.6e-12 of 40,000 cases at 0.5000000000000002 hours each); the open cohorts cannot.
      let open = 0;
      for (let s = slot; s <= t + plan.maxAgeWeeks; s++) open += cohorts[base + s]!;
      state.backlog[lane] = open;
    } else {
      state.backlog[lane]! -= decided;
    }
    state.decisions[lane]! += decided;
    state.decided[lane]! += decided;
    state.poolDecided[pool]! += decided;
  }
}

/**
 * `serve` for a plan with flows: the same decisions, and besides, the block
 * sums of the cohorts kept in step (withdrawals) and, in a lane with moves at
 * the decision step, the cases reached that move instead of being decided.
 * Apart so that a plan without flows runs the plain loop.
 */
function serveFlowing(
  plan: Plan,
  state: ReplicationState,
  t: number,
  lane: number,
  pool: number,
  effort: number,
  lastSlot: number,
): void {
  const cohorts = state.cohorts;
  const base = lane * plan.cohortSlots;
  const columns = plan.horizonWeeks + 1;
  const available = state.available[pool]!;
  let room = state.deterministic ? available / effort : Math.floor(available / effort + EPSILON);
  let decided = 0;
  let moved = 0;
  const transfers = plan.transfers !== null && plan.transfers.total[lane]! > 0 ? plan.transfers : null;
  let slot = state.head[lane]!;
  for (;;) {
    while (slot <= lastSlot && cohorts[base + slot] === 0) slot++;
    if (slot > lastSlot) break;
    if (room <= 0) {
      state.binding[pool] = 1;
      break;
    }
    const open = cohorts[base + slot]!;
    // Stryker disable EqualityOperator: at open = room both sides are the same number.
    // biome-ignore lint/complexity/useMathMinMax: the hot loop as measured; Math.min timed no faster here, maybe slower
    const take = open < room ? open : room;
    // Stryker restore EqualityOperator
    cohorts[base + slot] = open - take;
    if (state.blocks !== null) state.blocks[lane * state.blocksPerLane + (slot >> BLOCK_BITS)]! -= take;
    // Cases that move to another lane spend the effort but are not decided here.
    const away = transfers === null ? 0 : transferAtDecision(plan, transfers, state, lane, slot, take);
    // Stryker disable next-line ConditionalExpression: no move adds 0.
    if (away !== 0) state.movedOutBySlot[base + slot]! += away;
    // Decision week t of the cohort in (lane, slot), row base + slot: lead times derive from it.
    state.decisionWeeks[(base + slot) * columns + t]! += take - away;
    decided += take;
    moved += away;
    room -= take;
  }
  state.head[lane] = slot;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing decided the pool keeps what it had (in expected-value mode up to rounding in the last bit) and the counts add 0.
  if (decided > 0) {
    // In expected-value mode `room` is exact where a sum of fractional takes is not:
    // a spent pool keeps exactly 0, not a rounding residue a lower lane could use.
    state.available[pool] = state.deterministic ? room * effort : available - decided * effort;
    // Stryker disable next-line ConditionalExpression: in whole cases the sum of the open cohorts is the backlog less the decided.
    if (state.deterministic) {
      // With fractional cases, backlog - (sum of takes) can round below 0 when the lane empties
      // (-3.6e-12 of 40,000 cases at 0.5000000000000002 hours each); the open cohorts cannot.
      let open = 0;
      for (let s = slot; s <= t + plan.maxAgeWeeks; s++) open += cohorts[base + s]!;
      state.backlog[lane] = open;
    } else {
      state.backlog[lane]! -= decided;
    }
    state.decisions[lane]! += decided - moved;
    state.decided[lane]! += decided - moved;
    state.poolDecided[pool]! += decided - moved;
    state.transferredOut[lane]! += moved;
  }
}

/**
 * The trigger rules at the end of week t, after the decisions and the moves
 * and refusals of the week. Each counts the weeks in a row the open cases of
 * its lanes were above `above`; a rule that is off fires when they reach
 * `forWeeks`, its staff working from week t + 1 + delayWeeks; a rule whose
 * staff worked this week (t >= that week) turns off when the open cases are
 * below `below` (<= above, so the count starts again from 0), its staff gone
 * from week t + 1.
 */
export function triggerRules(plan: Plan, state: ReplicationState, t: number): void {
  const rules = plan.triggers;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const lanes = rule.lanes;
    let open = 0;
    for (let i = 0; i < lanes.length; i++) open += state.backlog[lanes[i]!]!;
    const streak = open > rule.above ? state.triggerStreak[r]! + 1 : 0;
    state.triggerStreak[r] = streak;
    const from = state.triggerFrom[r]!;
    if (from === TRIGGER_OFF) {
      if (streak >= rule.forWeeks) {
        state.triggerFrom[r] = t + 1 + rule.delayWeeks;
        state.triggerFirings[r]!++;
      }
    } else if (t >= from && open < rule.below) {
      state.triggerFrom[r] = TRIGGER_OFF;
    }
  }
}

/**
 * 4. Outcome: each decision is a grant with the lane's grant rate. Grants do
 * not feed back into the queue, so the weekly Bernoulli draws are drawn at
 * once as one Binomial(decisions in the replication, grant rate) per lane,
 * from the lane's own `outcome.<lane>` stream: the same distribution. In a
 * lane whose refusals may file again, the decisions that returned were
 * refusals (refuseAndRefile): the others are grants with probability
 * g / (1 - (1 - g) q), which gives every decision probability g again.
 */
export function outcome(plan: Plan, state: ReplicationState): void {
  for (let lane = 0; lane < plan.laneCount; lane++) {
    const decided = state.decided[lane]!;
    // Stryker disable next-line ConditionalExpression: without uncertainty the state's grant rates are the plan's.
    const rate = plan.uncertainty === null ? plan.grantRate[lane]! : state.grantRate[lane]!;
    if (state.deterministic) {
      state.grants[lane] = decided * rate;
      continue;
    }
    let n = decided;
    let p = rate;
    const q = plan.refiling === null ? 0 : plan.refiling.probability[lane]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with q = 0 nothing returned and the rate is g / (1 - 0), the same n and p.
    if (q > 0) {
      n = decided - state.returned[lane]!;
      p = n === 0 ? 0 : Math.min(1, rate / (1 - (1 - rate) * q));
    }
    // Stryker disable ConditionalExpression,LogicalOperator: a binomial with n = 0, p = 0 or p = 1 is 0 or n without a draw, from the lane's own stream.
    state.grants[lane] =
      n === 0 || p === 0 || p === 1
        ? n * p
        : sampleBinomial(n, p, createStream(state.seed, state.replication, plan.outcomeKeys[lane]!));
    // Stryker restore ConditionalExpression,LogicalOperator
  }
}
