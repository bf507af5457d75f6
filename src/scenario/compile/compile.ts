import type { InflowFollowing, Plan, PoolPlan } from '../../engine/plan.js';
import { PoissonSampler } from '../../random/poisson.js';
import { hashString } from '../../random/hash.js';
import { dayNumber, weekOf, weekStartDate } from '../../time/weeks.js';
import type { CalendarEntry, CapacityChange, CapacitySpec, InitialBacklogSpec, LaneSpec, Scenario } from '../types.js';

const EPSILON = 1e-9;

/**
 * Turns a validated scenario into the engine's flat plan, once per run:
 * lanes sorted by priority, cohorts of the initial backlog, inflow means and
 * their samplers, capacity quotas per week with the calendar and the
 * fractional carry already applied.
 *
 * @example simulate(compile(scenario), { seed: 1, replications: 100 })
 */
export function compile(scenario: Scenario): Plan {
  const weeks = scenario.horizonWeeks;
  const lanes = [...scenario.lanes]
    .map((lane, order) => ({ lane, order }))
    .sort((x, y) => x.lane.priority - y.lane.priority || x.order - y.order)
    .map((entry) => entry.lane);
  const laneCount = lanes.length;

  const ages = lanes.map((lane) => initialAges(scenario.initialBacklog[lane.name]));
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
  for (let t = 0; t < weeks; t++) {
    const inflow = scenario.inflow;
    const total =
      inflow.kind === 'constant'
        ? inflow.meanPerWeek
        : inflow.kind === 'weekly'
          ? inflow.meanPerWeek[t]!
          : t < inflow.observedPerWeek.length
            ? inflow.observedPerWeek[t]!
            : futureMean(inflow, scenario.start, t);
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

  const scale = calendarScale(scenario.start, weeks, scenario.calendar);
  const pools: PoolPlan[] = [pool('shared', scenario.capacity, scale, scenario.start, weeks)];
  const dedicatedPool = new Int32Array(laneCount).fill(-1);
  const sharedEffort = new Float64Array(laneCount);
  const dedicatedEffort = new Float64Array(laneCount);
  lanes.forEach((lane, l) => {
    sharedEffort[l] = effort(lane, scenario.capacity);
    if (lane.dedicatedCapacity !== null) {
      dedicatedPool[l] = pools.length;
      dedicatedEffort[l] = effort(lane, lane.dedicatedCapacity);
      pools.push(pool(lane.name, lane.dedicatedCapacity, scale, scenario.start, weeks));
    }
  });

  return {
    horizonWeeks: weeks,
    laneCount,
    laneNames: lanes.map((lane) => lane.name),
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
  };
}

/** The Poisson mean of week t after replayed data: the future mean, with its trend or its month's factor. */
function futureMean(inflow: Extract<Scenario['inflow'], { kind: 'replay' }>, start: string, t: number): number {
  const trend = (inflow.futureTrendPerWeek ?? 0) * (t - inflow.observedPerWeek.length);
  const factors = inflow.futureMonthFactors;
  const month = factors === undefined ? 0 : Number(weekStartDate(start, t).slice(5, 7)) - 1;
  return Math.max(0, (inflow.futureMeanPerWeek + trend) * (factors === undefined ? 1 : factors[month]!));
}

/**
 * Open cases by age: element k holds the cases that arrived k + 1 weeks
 * before the start. A spread gives the i-th of n cases (i = 0 .. n-1) the
 * arrival week -N + floor(i N / n) (MODEL.md).
 */
function initialAges(spec: InitialBacklogSpec | undefined): number[] {
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
  const ages = new Array<number>(span).fill(0);
  const [bigN, bigSpan] = [BigInt(n), BigInt(span)];
  const firstCase = (j: number) => (BigInt(j) * bigN + bigSpan - 1n) / bigSpan;
  for (let j = 0; j < span; j++) ages[span - j - 1] = Number(firstCase(j + 1) - firstCase(j));
  return ages;
}

/** Capacity factor per week: each entry scales the share of the week's seven days that it covers. */
function calendarScale(start: string, weeks: number, calendar: readonly CalendarEntry[]): Float64Array {
  const first = dayNumber(start)!;
  const scale = new Float64Array(weeks).fill(1);
  for (const entry of calendar) {
    const from = dayNumber(entry.from)!;
    const to = dayNumber(entry.to)!;
    for (let t = 0; t < weeks; t++) {
      const weekStart = first + 7 * t;
      const covered = Math.min(to, weekStart + 6) - Math.max(from, weekStart) + 1;
      if (covered > 0) scale[t]! *= 1 - (covered / 7) * (1 - entry.scale);
    }
  }
  return scale;
}

function pool(label: string, spec: CapacitySpec, scale: Float64Array, start: string, weeks: number): PoolPlan {
  const policy = spec.policy;
  if (policy.kind === 'inflowPlusMargin') {
    const followsInflow: InflowFollowing = {
      margin: policy.margin,
      trailingWeeks: policy.trailingWeeks,
      min: policy.min,
      max: policy.max,
    };
    return {
      label,
      unit: spec.unit,
      quota: null,
      followsInflow,
      calendarScale: scale,
      paidFte: null,
      costPerFteYear: null,
    };
  }
  const series = (field: CapacityChange['field'], initial: number) =>
    scheduleByWeek(initial, field, spec.changes ?? [], start, weeks);
  let rate: Float64Array;
  let paidFte: Float64Array | null = null;
  if (policy.kind === 'perWeek') rate = series('perWeek', policy.perWeek);
  else if (policy.kind === 'perYear') rate = series('perYear', policy.perYear).map((perYear) => perYear / 52);
  else {
    const staff = staffByWeek(series('fte', policy.fte), policy.rampUpWeeks ?? 0, policy.attritionPerQuarter ?? 0);
    const hours = series('hoursPerFteWeek', policy.hoursPerFteWeek);
    const share = series('productiveShare', policy.productiveShare);
    rate = staff.working.map((fte, t) => fte * hours[t]! * share[t]!);
    paidFte = staff.paid;
  }
  // floor((t+1)c) - floor(tc), generalised to a rate that the calendar and schedules vary by week.
  const quota = new Float64Array(weeks);
  let cumulative = 0;
  let issued = 0;
  for (let t = 0; t < weeks; t++) {
    cumulative += rate[t]! * scale[t]!;
    const whole = Math.floor(cumulative + EPSILON);
    quota[t] = whole - issued;
    issued = whole;
  }
  const costPerFteYear = policy.kind === 'staff' ? (policy.costPerFteYear ?? null) : null;
  return { label, unit: spec.unit, quota, followsInflow: null, calendarScale: scale, paidFte, costPerFteYear };
}

/** A field's value per week: the initial one, then each change from the week its date falls in. */
function scheduleByWeek(
  initial: number,
  field: CapacityChange['field'],
  changes: readonly CapacityChange[],
  start: string,
  weeks: number,
): Float64Array {
  const values = new Float64Array(weeks).fill(initial);
  for (const change of changes) {
    if (change.field !== field) continue;
    const from = Math.max(0, weekOf(start, change.from));
    values.fill(change.value, Math.min(from, weeks));
  }
  return values;
}

/**
 * Paid and working FTE per week: attrition takes attritionPerQuarter / 13 a
 * week from the start; each increase of the scheduled FTE works at 1/R of
 * full productivity in its first week, 2/R in the next, ... (R = rampUpWeeks).
 */
function staffByWeek(
  scheduled: Float64Array,
  rampUpWeeks: number,
  attritionPerQuarter: number,
): { paid: Float64Array; working: Float64Array } {
  const weeks = scheduled.length;
  const paid = scheduled.map((fte, t) => Math.max(0, fte - (attritionPerQuarter * t) / 13));
  const working = Float64Array.from(paid);
  if (rampUpWeeks > 0) {
    for (let s = 1; s < weeks; s++) {
      const hired = scheduled[s]! - scheduled[s - 1]!;
      if (hired <= 0) continue;
      for (let t = s; t < Math.min(weeks, s + rampUpWeeks - 1); t++)
        working[t]! -= hired * (1 - (t - s + 1) / rampUpWeeks);
    }
  }
  return { paid, working: working.map((fte) => Math.max(0, fte)) };
}

function effort(lane: LaneSpec, spec: CapacitySpec): number {
  if (spec.unit === 'decisions') return 1;
  if (lane.hoursPerDecision === null)
    throw new Error(`lane ${lane.name} has no hoursPerDecision for a pool counted in hours`);
  return lane.hoursPerDecision;
}
