/**
 * Stage compile. In: a checked `Scenario`. Out: the engine's flat `Plan`.
 * Run by the caller, once per run (not by the loader): the plan holds
 * per-week arrays and samplers that a scenario need not carry.
 */
import type {
  FactorPlan,
  Plan,
  PoolPlan,
  RefilingPlan,
  TransferPlan,
  TriggerPlan,
  UncertaintyPlan,
  WaitingMoves,
} from '../../engine/plan.js';
import { PoissonSampler } from '../../random/poisson.js';
import { hashString } from '../../random/hash.js';
import type { CapacitySpec, FactorSpec, InitialBacklogSpec, LaneSpec, Scenario, UncertaintySpec } from '../types.js';
import { DEFAULT_WORK_WEEK } from '../schema/schema.js';
import { calendarScale, effort, pool, unitsPerFte } from './pools.js';
import { totalInflowMeans } from './schedule.js';

/**
 * Turns a validated scenario into the engine's flat plan, once per run:
 * lanes sorted by priority, cohorts of the initial backlog, inflow means (constant, scheduled, weekly or replayed) and
 * their samplers, capacity quotas per week with the calendar and the
 * fractional carry already applied.
 *
 * @example simulate(compile(scenario), { seed: 1, replications: 100 })
 */
export function compile(scenario: Scenario): Plan {
  const plan = compilePlan(scenario);
  compiledPlans.add(plan);
  return plan;
}

/** The plans `compile` made: a plan passed to a public function (prognosis, scenarioIdentities) must be one. */
const compiledPlans = new WeakSet<object>();

/**
 * Whether a value is a plan that `compile` made (and so one of a checked
 * scenario): what RunResult.plan holds.
 *
 * @example isCompiledPlan(compile(scenario)) // true
 */
export function isCompiledPlan(value: unknown): value is Plan {
  return value !== null && typeof value === 'object' && compiledPlans.has(value);
}

function compilePlan(scenario: Scenario): Plan {
  const weeks = scenario.horizonWeeks;
  // Array.prototype.sort is stable: lanes of equal priority keep the order of the file.
  const lanes = [...scenario.lanes].sort((x, y) => x.priority - y.priority);
  const laneCount = lanes.length;

  const ages = lanes.map((lane) => initialBacklogAges(scenario.initialBacklog[lane.name]));
  const maxAgeWeeks = Math.max(0, ...ages.map((a) => a.length));
  const cohortSlots = maxAgeWeeks + weeks;
  const initialCohorts = new Float64Array(laneCount * cohortSlots);
  ages.forEach((counts, lane) => {
    // counts[k] = cases that arrived k + 1 weeks before the start, i.e. in week -(k + 1).
    counts.forEach((count, k) => {
      initialCohorts[lane * cohortSlots + maxAgeWeeks - (k + 1)] = count;
    });
  });

  const inflowMean = new Float64Array(weeks * laneCount);
  const samplers: PoissonSampler[] = [];
  const samplerByMean = new Map<number, PoissonSampler>();
  const totals = totalInflowMeans(scenario);
  for (let t = 0; t < weeks; t++) {
    const total = totals[t]!;
    lanes.forEach((lane, l) => {
      const mean = total * lane.share;
      inflowMean[t * laneCount + l] = mean;
      let sampler = samplerByMean.get(mean);
      if (sampler === undefined) {
        sampler = new PoissonSampler(mean);
        samplerByMean.set(mean, sampler);
      }
      samplers.push(sampler);
    });
  }

  // Replayed weeks: their totals, split over the lanes in inflow().
  const inflow = scenario.inflow;
  const replayWeeks = inflow.kind === 'replay' ? Math.min(weeks, inflow.observedPerWeek.length) : 0;
  const replay =
    inflow.kind === 'replay' && replayWeeks > 0
      ? {
          weeks: replayWeeks,
          total: Float64Array.from(inflow.observedPerWeek.slice(0, replayWeeks)),
          whole: Float64Array.from(inflow.wholePerWeek.slice(0, replayWeeks)),
          share: Float64Array.from(lanes, (lane) => lane.share),
        }
      : null;

  const scale = calendarScale(scenario.start, weeks, scenario.calendar, scenario.workWeek ?? DEFAULT_WORK_WEEK);
  const inflowPerWeek = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++)
    for (let l = 0; l < laneCount; l++) inflowPerWeek[t]! += inflowMean[t * laneCount + l]!;
  const laneNames = lanes.map((lane) => lane.name);
  const byLane = { names: laneNames, inflowMean };
  const sharedContext = { hoursPerDecision: meanHoursPerDecision(lanes), inflowPerWeek, lanes: byLane };
  const pools: PoolPlan[] = [pool('shared', scenario.capacity, scale, scenario.start, weeks, sharedContext)];
  const specs = [scenario.capacity];
  const dedicatedPool = new Int32Array(laneCount).fill(-1);
  const sharedEffort = new Float64Array(laneCount);
  const dedicatedEffort = new Float64Array(laneCount);
  lanes.forEach((lane, l) => {
    sharedEffort[l] = effort(lane, scenario.capacity);
    if (lane.dedicatedCapacity !== null) {
      dedicatedPool[l] = pools.length;
      dedicatedEffort[l] = effort(lane, lane.dedicatedCapacity);
      const context = { hoursPerDecision: lane.hoursPerDecision, inflowPerWeek, lanes: byLane };
      pools.push(pool(lane.name, lane.dedicatedCapacity, scale, scenario.start, weeks, context));
      specs.push(lane.dedicatedCapacity);
    }
  });
  const triggers = triggerPlans(pools, specs, laneNames, scale, scenario.start, weeks);

  return {
    horizonWeeks: weeks,
    laneCount,
    laneNames,
    maxAgeWeeks,
    cohortSlots,
    initialCohorts,
    initialBacklog: Float64Array.from(ages, (counts) => counts.reduce((sum, count) => sum + count, 0)),
    inflowMean,
    inflowSamplers: samplers,
    replay,
    minWaitWeeks: Int32Array.from(lanes, (lane) => lane.minWaitWeeks),
    grantRate: Float64Array.from(lanes, (lane) => lane.grantRate),
    pools,
    dedicatedPool,
    sharedEffort,
    dedicatedEffort,
    inflowKeys: Uint32Array.from(lanes, (lane) => hashString(`inflow.${lane.name}`)),
    outcomeKeys: Uint32Array.from(lanes, (lane) => hashString(`outcome.${lane.name}`)),
    withdrawalHazard: withdrawalHazard(lanes, cohortSlots),
    withdrawalBandFrom: lanes.map((lane) => Int32Array.from(lane.withdrawals ?? [], (band) => band.fromWeeks)),
    withdrawalBandHazard: lanes.map((lane) => Float64Array.from(lane.withdrawals ?? [], (band) => band.hazard)),
    withdrawalBandOffset: Int32Array.from({ length: lanes.length + 1 }, (_, l) =>
      lanes.slice(0, l).reduce((sum, lane) => sum + (lane.withdrawals?.length ?? 0), 0),
    ),
    withdrawalBandLogStay: lanes.map((lane) =>
      Float64Array.from(lane.withdrawals ?? [], (band) => (band.hazard === 0 ? 0 : Math.log1p(-band.hazard))),
    ),
    withdrawalKeys: Uint32Array.from(lanes, (lane) => hashString(`withdrawal.${lane.name}`)),
    transfers: transferPlan(lanes),
    refiling: refilingPlan(lanes),
    triggers,
    uncertainty:
      scenario.uncertainty === undefined
        ? null
        : uncertaintyPlan(
            scenario.uncertainty,
            Float64Array.from(lanes, (lane) => lane.share),
          ),
  };
}

/**
 * The hours of a decision of the shared pool, whose conversion to staff
 * counts them: the lanes' hoursPerDecision weighted by their shares of the
 * inflow (their mean over the lanes when every share is 0); null when a lane
 * has none.
 */
export function meanHoursPerDecision(lanes: readonly LaneSpec[]): number | null {
  if (lanes.some((lane) => lane.hoursPerDecision === null)) return null;
  const shares = lanes.reduce((sum, lane) => sum + lane.share, 0);
  return shares > 0
    ? lanes.reduce((sum, lane) => sum + lane.share * lane.hoursPerDecision!, 0) / shares
    : lanes.reduce((sum, lane) => sum + lane.hoursPerDecision!, 0) / lanes.length;
}

/**
 * The trigger rules of every pool, pool by pool, each with the units it adds
 * in a week; a pool with rules gets their indices (`PoolPlan.triggers`), in
 * place in `pools`.
 */
function triggerPlans(
  pools: PoolPlan[],
  specs: readonly CapacitySpec[],
  laneNames: readonly string[],
  scale: Float64Array,
  start: string,
  weeks: number,
): TriggerPlan[] {
  const triggers: TriggerPlan[] = [];
  specs.forEach((spec, p) => {
    const rules = spec.triggers ?? [];
    if (rules.length === 0) return;
    const pool = pools[p]!;
    const perFte = unitsPerFte(spec, pool.staffHoursPerUnit, scale, start, weeks);
    if (perFte === null) throw new Error(`the triggers of pool ${pool.label} need its staff figures`);
    const indices = new Int32Array(rules.length);
    rules.forEach((rule, i) => {
      indices[i] = triggers.length;
      triggers.push({
        name: rule.name,
        pool: p,
        lanes: Int32Array.from(rule.lanes, (name) => laneNames.indexOf(name)).sort(),
        above: rule.above,
        below: rule.below,
        forWeeks: rule.forWeeks,
        delayWeeks: rule.delayWeeks,
        fte: rule.fte,
        extra: perFte.map((units) => rule.fte * units),
      });
    });
    pools[p] = { ...pool, triggers: indices };
  });
  return triggers;
}

/** The lanes' refiling by lane index (priority order); null when no lane refiles. */
function refilingPlan(lanes: readonly LaneSpec[]): RefilingPlan | null {
  if (!lanes.some((lane) => (lane.refiling?.probability ?? 0) > 0)) return null;
  const inflowShares = Float64Array.from(lanes, (lane) => lane.share);
  const delay = lanes.map((lane) => Float64Array.from(lane.refiling?.delay ?? []));
  const targets = lanes.map((lane) => {
    const shares = lane.refiling?.lanes;
    return shares === null || shares === undefined
      ? inflowShares
      : Float64Array.from(lanes, (target) => shares[target.name] ?? 0);
  });
  return {
    probability: Float64Array.from(lanes, (lane) => lane.refiling?.probability ?? 0),
    delay,
    delayCumulative: delay.map(closedCumulative),
    targets,
    targetsCumulative: targets.map(closedCumulative),
    keys: Uint32Array.from(lanes, (lane) => hashString(`refiling.${lane.name}`)),
  };
}

/**
 * Running sums of probabilities that sum to 1, up to the last positive one,
 * which is set to exactly 1: a uniform below 1 then always finds its entry,
 * whatever the rounding of the sums, and never one of probability 0.
 */
function closedCumulative(probabilities: Float64Array): Float64Array {
  let last = probabilities.length - 1;
  while (last > 0 && probabilities[last] === 0) last--;
  const cumulative = new Float64Array(Math.max(0, last + 1));
  let sum = 0;
  for (let i = 0; i <= last; i++) {
    sum += probabilities[i]!;
    cumulative[i] = sum;
  }
  if (last >= 0) cumulative[last] = 1;
  return cumulative;
}

/** Running sums of probabilities that sum to at most 1 (what is left over stays). */
function runningSums(probabilities: Float64Array): Float64Array {
  let sum = 0;
  return probabilities.map((p) => {
    sum += p;
    return sum;
  });
}

/** The lanes' transfers by lane index (priority order); null when no lane moves any case. */
function transferPlan(lanes: readonly LaneSpec[]): TransferPlan | null {
  const moves = lanes.map((lane) => (lane.transfers ?? []).filter((move) => move.probability > 0));
  if (moves.every((list) => list.length === 0)) return null;
  const index = new Map(lanes.map((lane, l) => [lane.name, l]));
  const atDecision = moves.map((list) => list.filter((move) => (move.afterWeeks ?? null) === null));
  const probability = atDecision.map((list) => Float64Array.from(list, (move) => move.probability));
  const waiting: WaitingMoves[] = [];
  moves.forEach((list, lane) => {
    const ages = [...new Set(list.flatMap((move) => (move.afterWeeks ? [move.afterWeeks] : [])))].sort((a, b) => a - b);
    for (const age of ages) {
      const group = list.filter((move) => move.afterWeeks === age);
      const p = Float64Array.from(group, (move) => move.probability);
      waiting.push({
        lane,
        age,
        to: Int32Array.from(group, (move) => index.get(move.to)!),
        probability: p,
        cumulative: runningSums(p),
      });
    }
  });
  return {
    to: atDecision.map((list) => Int32Array.from(list, (move) => index.get(move.to)!)),
    probability,
    cumulative: probability.map(runningSums),
    total: Float64Array.from(atDecision, (list) => list.reduce((sum, move) => sum + move.probability, 0)),
    keys: Uint32Array.from(lanes, (lane) => hashString(`transfer.${lane.name}`)),
    waiting,
    waitingKeys: Uint32Array.from(lanes, (lane) => hashString(`transfer-wait.${lane.name}`)),
  };
}

/** Each lane's weekly withdrawal hazard by age (0 .. cohortSlots - 1), from its bands; null when no lane has any. */
function withdrawalHazard(lanes: readonly LaneSpec[], cohortSlots: number): Float64Array | null {
  if (!lanes.some((lane) => (lane.withdrawals ?? []).some((band) => band.hazard > 0))) return null;
  const hazard = new Float64Array(lanes.length * cohortSlots);
  lanes.forEach((lane, l) => {
    for (const band of lane.withdrawals ?? [])
      hazard.fill(band.hazard, l * cohortSlots + Math.min(band.fromWeeks, cohortSlots), (l + 1) * cohortSlots);
  });
  return hazard;
}

/** The engine's form of a scenario's uncertainty: gamma shapes, weekly steps, 0 for a source that is off. */
function uncertaintyPlan(spec: UncertaintySpec, share: Float64Array): UncertaintyPlan {
  const factor = (f: FactorSpec | null): FactorPlan | null =>
    f === null || (f.cv === 0 && f.fixedAt === undefined)
      ? null
      : { distribution: f.distribution, cv: f.cv, fixedAt: f.fixedAt ?? null };
  // A cv whose square is below the double's precision is no noise at all (and 1 / cv^2 would overflow).
  const shape = (noise: { cv: number } | null) =>
    noise === null || noise.cv * noise.cv < Number.EPSILON ? 0 : 1 / (noise.cv * noise.cv);
  const level = factor(spec.inflow.level);
  const drift = spec.inflow.drift;
  const driftPerWeek = drift === null ? 0 : drift.sdPerYear / Math.sqrt(52);
  const driftFixedEnd = drift?.fixedEndAt === undefined ? null : Math.log(drift.fixedEndAt);
  const overdispersionShape = shape(spec.inflow.overdispersion);
  const productivity = factor(spec.capacity.productivity);
  const capacityWeeklyShape = shape(spec.capacity.weekly);
  const shareConcentration = spec.shares?.concentration ?? 0;
  return {
    level,
    driftPerWeek,
    driftFixedEnd,
    overdispersionShape,
    productivity,
    capacityWeeklyShape,
    shareConcentration,
    grantConcentration: spec.grantRates?.concentration ?? 0,
    capacityUncertain: productivity !== null || capacityWeeklyShape > 0,
    share,
    shareParameters: share.map((s) => shareConcentration * s),
  };
}

/**
 * Open cases by age: element k holds the cases that arrived k + 1 weeks
 * before the start. A spread gives the i-th of n cases (i = 0 .. n-1) the
 * arrival week -N + floor(i N / n) (docs/model.md).
 *
 * @example initialBacklogAges({ kind: 'spread', count: 3, spreadWeeks: 2 }) // [1, 2]: one case a week ago, two from two weeks ago
 */
export function initialBacklogAges(spec: InitialBacklogSpec | undefined): number[] {
  if (spec === undefined) return [];
  if (spec.kind === 'byWeeksAgo') {
    const ages: number[] = [];
    for (const { weeksAgo, count } of spec.counts) {
      while (ages.length < weeksAgo) ages.push(0);
      ages[weeksAgo - 1]! += count;
    }
    return ages;
  }
  const { count: n, spreadWeeks: span } = spec;
  if (n === 0) return [];
  // Case i lands in slot j = floor(i span / n) (age span - j weeks) for i from ceil(j n / span) to
  // ceil((j + 1) n / span) - 1: count them in closed form (exact in BigInt), not one case at a time,
  // so that a large count costs no more than a small one.
  const [bigN, bigSpan] = [BigInt(n), BigInt(span)];
  const firstCase = (j: number) => (BigInt(j) * bigN + bigSpan - 1n) / bigSpan;
  // Element k (age k + 1 weeks) is slot j = span - 1 - k.
  return Array.from({ length: span }, (_, k) => Number(firstCase(span - k) - firstCase(span - 1 - k)));
}
