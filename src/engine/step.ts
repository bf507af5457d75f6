/**
 * One simulated week, in the order of docs/model.md: inflow, capacity, decisions.
 * The outcome step runs once per replication (see `outcome`), and recording
 * is the caller's (see Tally.addWeek). Each function reads the plan and
 * changes only the replication state.
 */
import { sampleBinomial } from '../random/binomial.js';
import { createStream } from '../random/stream.js';
import type { Plan, RefilingPlan, ReplayPlan, TransferPlan } from './plan.js';
import type { ReplicationState } from './state.js';

/** Capacity rounding tolerance: cumulative rates like 52 x (1600 / 52) must floor to 1600. */
const EPSILON = 1e-9;

/**
 * 0. Withdrawals (when the plan has any): at the start of week t, each case
 * open since before it leaves with its lane's hazard at its age t - a,
 * independently. Expected-value mode scales each cohort by 1 - hazard. A
 * draw walks the lane's cohorts oldest first and skips a geometric number of
 * cases between withdrawals (memoryless, so a new hazard at an age band
 * starts a new skip): about one uniform per withdrawal, not one per case.
 */
export function withdrawals(plan: Plan, state: ReplicationState, t: number): void {
  const hazard = plan.withdrawalHazard!;
  const slots = plan.cohortSlots;
  const { cohorts, backlog, withdrawn } = state;
  // Open cases arrived before week t: slots up to t - 1 + maxAgeWeeks.
  const lastSlot = t - 1 + plan.maxAgeWeeks;
  for (let lane = 0; lane < plan.laneCount; lane++) {
    withdrawn[lane] = 0;
    if (backlog[lane] === 0) continue;
    const base = lane * slots;
    const ageBase = lane * slots;
    let removed = 0;
    if (state.deterministic) {
      for (let slot = state.head[lane]!; slot <= lastSlot; slot++) {
        const open = cohorts[base + slot]!;
        if (open === 0) continue;
        const h = hazard[ageBase + (lastSlot + 1 - slot)]!;
        const leave = open * h;
        cohorts[base + slot] = open - leave;
        removed += leave;
      }
    } else {
      // Each age band in turn: the band's count of withdrawals is Binomial(open cases in it, hazard),
      // and each is a case drawn uniformly, without replacement, among the band's open cases: the
      // index finds its slot in O(log slots), without a walk over the cohorts.
      const uniform = state.withdrawalStreams[lane]!;
      const index = state.index!;
      const head = state.head[lane]!;
      const from = plan.withdrawalBandFrom[lane]!;
      const bandHazard = plan.withdrawalBandHazard[lane]!;
      for (let band = 0; band < from.length; band++) {
        const h = bandHazard[band]!;
        if (h === 0) continue;
        // Ages from[band] .. from[band + 1] - 1 are the slots lastSlot + 1 - age.
        const youngest = Math.min(lastSlot, lastSlot + 1 - from[band]!);
        const oldest = Math.max(head, band + 1 < from.length ? lastSlot + 2 - from[band + 1]! : head);
        if (youngest < oldest) continue;
        const below = index.countTo(lane, oldest - 1);
        let inBand = index.countTo(lane, youngest) - below;
        let leave = inBand > 0 ? sampleBinomial(inBand, h, uniform) : 0;
        while (leave > 0) {
          const at = index.slotOf(lane, below + Math.floor(uniform() * inBand));
          cohorts[base + at]! -= 1;
          index.add(lane, at, -1);
          inBand--;
          leave--;
          removed++;
        }
      }
    }
    if (removed === 0) continue;
    withdrawn[lane] = removed;
    state.withdrawnSoFar[lane]! += removed;
    if (state.deterministic) {
      let open = 0;
      for (let slot = state.head[lane]!; slot <= lastSlot; slot++) open += cohorts[base + slot]!;
      backlog[lane] = open;
    } else {
      backlog[lane]! -= removed;
    }
  }
}

/**
 * 1. Inflow: the week's new applications (`newApplications`) and, when the
 * plan has refiling, the refused applicants' new applications due this week,
 * each with filing week t.
 */
export function inflow(plan: Plan, state: ReplicationState, t: number): void {
  newApplications(plan, state, t);
  if (plan.refiling !== null) refiledApplications(plan, state, t);
  const index = state.index;
  if (index !== null) {
    const slot = t + plan.maxAgeWeeks;
    for (let lane = 0; lane < plan.laneCount; lane++)
      if (state.arrivals[lane] !== 0) index.add(lane, slot, state.arrivals[lane]!);
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
  if (state.deterministic) {
    const factor = plan.uncertainty === null ? 1 : state.inflowFactor[t]!;
    for (let lane = 0; lane < lanes; lane++) {
      const arrivals = plan.inflowMean[row + lane]! * factor;
      arrived[lane] = arrivals;
      cohorts[lane * slots + slot]! += arrivals;
      backlog[lane]! += arrivals;
      total += arrivals;
    }
  } else if (plan.uncertainty !== null) {
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
  for (let lane = 0; lane < lanes; lane++) {
    let arrivals: number;
    if (state.deterministic) arrivals = total * share[lane]!;
    else if (lane === lanes - 1 || remainingShare - share[lane]! <= EPSILON) arrivals = remaining;
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
  const uncertain = plan.uncertainty?.capacityUncertain === true;
  for (let p = 0; p < pools.length; p++) {
    const pool = pools[p]!;
    let units: number;
    if (pool.quota !== null && !uncertain) {
      units = pool.quota[t]!;
    } else {
      let rate: number;
      if (pool.rate !== null) {
        rate = pool.rate[t]!;
      } else {
        const rule = pool.followsInflow!;
        const weeks = Math.min(rule.trailingWeeks, t + 1);
        let sum = 0;
        for (let s = t - weeks + 1; s <= t; s++) sum += state.inflowHistory[s]!;
        rate = Math.min(rule.max, Math.max(rule.min, ((1 + rule.margin) * sum) / weeks)) * pool.calendarScale[t]!;
      }
      // Realised capacity: the plan's rate times this week's factor (productivity, weekly noise).
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
 * 3. Decisions: lanes in priority order, oldest eligible case first; a lane
 * uses its dedicated pool before the shared one.
 */
export function decisions(plan: Plan, state: ReplicationState, t: number): void {
  if (plan.transfers !== null) state.transferredOut.fill(0);
  for (let lane = 0; lane < plan.laneCount; lane++) {
    state.decisions[lane] = 0;
    // Last eligible arrival slot: t - a >= minWaitWeeks.
    const lastSlot = t - plan.minWaitWeeks[lane]! + plan.maxAgeWeeks;
    const own = plan.dedicatedPool[lane]!;
    if (own >= 0) serve(plan, state, t, lane, own, plan.dedicatedEffort[lane]!, lastSlot);
    serve(plan, state, t, lane, 0, plan.sharedEffort[lane]!, lastSlot);
    // The shared pool may decide what the dedicated one had too few hours for: then no case waits,
    // and the dedicated pool's remainder is idle capacity, lost rather than carried.
    if (own >= 0 && state.head[lane]! > lastSlot) state.binding[own] = 0;
  }
  for (let p = 0; p < plan.pools.length; p++) {
    state.carry[p] = state.binding[p] === 1 ? state.available[p]! : 0;
  }
  if (plan.transfers !== null) arriveTransfers(plan, state);
  if (plan.refiling !== null) refuseAndRefile(plan, plan.refiling, state, t);
}

/**
 * The week's outcomes of the lanes whose refused applicants may file again:
 * grants drawn week by week (Binomial(decisions, grant rate) from the
 * lane's `outcome.<lane>` stream, the same distribution as the one draw per
 * replication of the other lanes), then of the refusals those that return
 * (Binomial(refusals, probability) from `refiling.<lane>`), each with its
 * own delay and target lane, due in week t + delay when that is within the
 * horizon. Expected-value mode spreads the fractions over delays and lanes.
 */
function refuseAndRefile(plan: Plan, refiling: RefilingPlan, state: ReplicationState, t: number): void {
  const lanes = plan.laneCount;
  const weeks = plan.horizonWeeks;
  for (let lane = 0; lane < lanes; lane++) {
    const q = refiling.probability[lane]!;
    const decided = state.decisions[lane]!;
    if (q === 0 || decided === 0) continue;
    const rate = plan.uncertainty === null ? plan.grantRate[lane]! : state.grantRate[lane]!;
    const delay = refiling.delay[lane]!;
    const targets = refiling.targets[lane]!;
    if (state.deterministic) {
      const granted = decided * rate;
      state.grants[lane]! += granted;
      const returning = (decided - granted) * q;
      for (let k = 1; k <= delay.length && t + k < weeks; k++) {
        const p = delay[k - 1]!;
        if (p === 0) continue;
        for (let target = 0; target < lanes; target++)
          state.refileDue[(t + k) * lanes + target]! += returning * p * targets[target]!;
      }
      continue;
    }
    const granted = sampleBinomial(decided, rate, state.outcomeStreams[lane]!);
    state.grants[lane]! += granted;
    const uniform = state.refilingStreams[lane]!;
    const returning = sampleBinomial(decided - granted, q, uniform);
    for (let i = 0; i < returning; i++) {
      const k = 1 + pick(delay, uniform());
      const target = pick(targets, uniform());
      if (t + k < weeks) state.refileDue[(t + k) * lanes + target]! += 1;
    }
  }
}

/** The index i at which the cumulative probabilities first exceed u (inversion); the last index at worst. */
function pick(probabilities: Float64Array, u: number): number {
  let cumulative = 0;
  for (let i = 0; i < probabilities.length; i++) {
    cumulative += probabilities[i]!;
    if (u < cumulative) return i;
  }
  let last = probabilities.length - 1;
  while (last > 0 && probabilities[last] === 0) last--;
  return last;
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
    // biome-ignore lint/complexity/useMathMinMax: the hot loop as measured; Math.min timed no faster here, maybe slower
    const take = open < room ? open : room;
    cohorts[base + slot] = open - take;
    state.index?.add(lane, slot, -take);
    // Cases that move to another lane spend the effort but are not decided here.
    const away = transfers === null ? 0 : transfer(plan, transfers, state, lane, slot, take);
    // Decision week t of the cohort in (lane, slot), row base + slot: lead times derive from it.
    state.decisionWeeks[(base + slot) * columns + t]! += take - away;
    decided += take;
    moved += away;
    room -= take;
  }
  state.head[lane] = slot;
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
    state.decisions[lane]! += decided - moved;
    state.decided[lane]! += decided - moved;
    state.transferredOut[lane]! += moved;
  }
}

/**
 * Of `take` cases of (lane, slot) at the decision step, those that move: in
 * expected-value mode take x each probability; in draws a binomial per
 * target in turn (a multinomial) from the lane's `transfer.<lane>` stream.
 * They wait in `incoming` until the end of the week, keeping their slot.
 */
function transfer(
  plan: Plan,
  transfers: TransferPlan,
  state: ReplicationState,
  lane: number,
  slot: number,
  take: number,
): number {
  const to = transfers.to[lane]!;
  const probability = transfers.probability[lane]!;
  let left = take;
  let leftProbability = 1;
  let moved = 0;
  for (let i = 0; i < to.length && left > 0; i++) {
    const p = probability[i]!;
    const n = state.deterministic
      ? take * p
      : sampleBinomial(left, Math.min(1, p / leftProbability), state.transferStreams[lane]!);
    leftProbability -= p;
    left -= n;
    moved += n;
    if (n === 0) continue;
    const target = to[i]!;
    state.incoming[target * plan.cohortSlots + slot]! += n;
    if (slot < state.incomingFrom[target]!) state.incomingFrom[target] = slot;
    if (slot > state.incomingTo[target]!) state.incomingTo[target] = slot;
  }
  return moved;
}

/** The cases that moved this week join their new lanes' queues, with their filing week. */
function arriveTransfers(plan: Plan, state: ReplicationState): void {
  const slots = plan.cohortSlots;
  for (let lane = 0; lane < plan.laneCount; lane++) {
    state.transferredIn[lane] = 0;
    const from = state.incomingFrom[lane]!;
    const to = state.incomingTo[lane]!;
    if (from > to) continue;
    state.incomingFrom[lane] = slots;
    state.incomingTo[lane] = -1;
    const base = lane * slots;
    let arrived = 0;
    for (let slot = from; slot <= to; slot++) {
      const n = state.incoming[base + slot]!;
      if (n === 0) continue;
      state.incoming[base + slot] = 0;
      state.cohorts[base + slot]! += n;
      state.index?.add(lane, slot, n);
      if (slot < state.head[lane]!) state.head[lane] = slot;
      arrived += n;
    }
    state.transferredIn[lane] = arrived;
    state.backlog[lane]! += arrived;
  }
}

/**
 * 4. Outcome: each decision is a grant with the lane's grant rate. Grants do
 * not feed back into the queue, so the weekly Bernoulli draws are drawn at
 * once as one Binomial(decisions in the replication, grant rate) per lane,
 * from the lane's own `outcome.<lane>` stream: the same distribution.
 */
export function outcome(plan: Plan, state: ReplicationState): void {
  for (let lane = 0; lane < plan.laneCount; lane++) {
    // Lanes whose refusals may file again drew their grants week by week (refuseAndRefile).
    if (plan.refiling !== null && plan.refiling.probability[lane]! > 0) continue;
    const n = state.decided[lane]!;
    const rate = plan.uncertainty === null ? plan.grantRate[lane]! : state.grantRate[lane]!;
    if (state.deterministic) {
      state.grants[lane] = n * rate;
    } else if (n === 0 || rate === 0 || rate === 1) {
      state.grants[lane] = n * rate;
    } else {
      state.grants[lane] = sampleBinomial(
        n,
        rate,
        createStream(state.seed, state.replication, plan.outcomeKeys[lane]!),
      );
    }
  }
}
