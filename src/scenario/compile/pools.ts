import type { InflowFollowing, PoolPlan } from '../../engine/plan.js';
import { dayNumber, weekdayOf } from '../../time/weeks.js';
import { WEEKDAYS } from '../schema/schema.js';
import type { CalendarEntry, CapacityChange, CapacitySpec, LaneSpec, Weekday } from '../types.js';
import { valuesByWeek } from './schedule.js';

/**
 * Capacity for the plan: the calendar's factor per week, each pool's whole
 * quota per week (schedules, staff ramp-up and attrition, the fractional
 * carry applied) and the effort a lane's decision takes from it.
 */

const EPSILON = 1e-9;

/**
 * Capacity factor per week. A week's capacity is spread evenly over its
 * working days (every week of seven days holds each weekday once); a day that
 * calendar entries cover counts at the lowest of their scales (not their
 * product), other days at 1, and days off count nothing whatever covers them.
 * A week's factor is the mean over its working days: one entry gives
 * 1 - (working days covered / working days in the week) x (1 - scale).
 *
 * @example calendarScale('2024-01-01', 1, [{ from: '2024-01-04', to: '2024-01-05', scale: 0, label: null }], ['mon', 'tue', 'wed', 'thu', 'fri'])[0] // 0.6
 */
export function calendarScale(
  start: string,
  weeks: number,
  calendar: readonly CalendarEntry[],
  workWeek: readonly Weekday[],
): Float64Array {
  const first = dayNumber(start)!;
  const days = 7 * weeks;
  const working = WEEKDAYS.map((day) => workWeek.includes(day));
  // NaN: no entry covers the day (a scale above 1 is not capped at the normal 1).
  const perDay = new Float64Array(days).fill(Number.NaN);
  // The entries from the lowest scale up, each day set by the first that covers it: the lowest. `next[d]` leads to
  // the first day from d on not yet set (days: none), so every day is set once however many long entries cover it.
  const next = Int32Array.from({ length: days + 1 }, (_, d) => d);
  const unset = (day: number): number => {
    let d = day;
    while (next[d] !== d) {
      next[d] = next[next[d]!]!;
      d = next[d]!;
    }
    return d;
  };
  const byScale = [...calendar].sort((x, y) => x.scale - y.scale);
  for (const entry of byScale) {
    const from = Math.max(0, dayNumber(entry.from)! - first);
    const to = Math.min(days - 1, dayNumber(entry.to)! - first);
    if (from > to) continue;
    for (let d = unset(from); d <= to; d = unset(d + 1)) {
      perDay[d] = entry.scale;
      next[d] = d + 1;
    }
  }
  const scale = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    let sum = 0;
    let count = 0;
    for (let d = 7 * t; d < 7 * t + 7; d++) {
      if (!working[weekdayOf(first + d)]!) continue;
      sum += Number.isNaN(perDay[d]!) ? 1 : perDay[d]!;
      count++;
    }
    scale[t] = sum / count;
  }
  return scale;
}

/** What a pool's conversion to staff needs from the rest of the scenario. */
export interface PoolContext {
  /** Hours of a decision of the lanes the pool serves, weighted by their inflow shares; null when a lane has none. */
  readonly hoursPerDecision: number | null;
  /** Mean total inflow per week, for the planned capacity of inflowPlusMargin. */
  readonly inflowPerWeek: Float64Array;
  /** The lanes in priority order and their mean inflow per week (weeks x lanes): for inflowPlusMargin that follows lanes. */
  readonly lanes?: { readonly names: readonly string[]; readonly inflowMean: Float64Array };
}

/** A pool's plan: its quota per week, or the inflow it follows. */
export function pool(
  label: string,
  spec: CapacitySpec,
  scale: Float64Array,
  start: string,
  weeks: number,
  context: PoolContext,
): PoolPlan {
  const policy = spec.policy;
  if (policy.kind === 'inflowPlusMargin') {
    const { lanes, inflow } = followedLanes(policy.lanes, context);
    const delayWeeks = policy.delayWeeks ?? 0;
    const followsInflow: InflowFollowing = {
      margin: policy.margin,
      trailingWeeks: policy.trailingWeeks,
      min: policy.min,
      max: policy.max,
      // Only when set: without them the engine follows the total inflow as it always has.
      ...(lanes === null ? {} : { lanes }),
      ...(delayWeeks === 0 ? {} : { delayWeeks, beforeStart: inflow[0] ?? 0 }),
    };
    return {
      label,
      unit: spec.unit,
      quota: null,
      followsInflow,
      calendarScale: scale,
      ...converted(spec, plannedAtMeanInflow(followsInflow, inflow), context),
      rate: null,
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
  const scaled = rate.map((perWeek, t) => perWeek * scale[t]!);
  let cumulative = 0;
  let issued = 0;
  for (let t = 0; t < weeks; t++) {
    cumulative += scaled[t]!;
    const whole = Math.floor(cumulative + EPSILON);
    quota[t] = whole - issued;
    issued = whole;
  }
  const staff =
    policy.kind === 'staff'
      ? { paidFte, costPerFteYear: policy.costPerFteYear ?? null, staffHoursPerUnit: 1 }
      : converted(spec, rate, context);
  return {
    label,
    unit: spec.unit,
    quota,
    followsInflow: null,
    calendarScale: scale,
    ...staff,
    rate: scaled,
  };
}

/**
 * The staff figures of a pool with a conversion: paid FTE a week = planned
 * units (before the calendar) x hours per unit / (hoursPerFteWeek x
 * productiveShare), as a staff pool pays for weeks with holidays too. None
 * without a conversion.
 */
function converted(
  spec: CapacitySpec,
  planned: Float64Array,
  context: PoolContext,
): Pick<PoolPlan, 'paidFte' | 'costPerFteYear' | 'staffHoursPerUnit'> {
  const conversion = spec.conversion ?? null;
  if (conversion === null) return { paidFte: null, costPerFteYear: null, staffHoursPerUnit: null };
  const hoursPerUnit = spec.unit === 'hours' ? 1 : context.hoursPerDecision;
  if (hoursPerUnit === null) throw new Error('a conversion of decisions needs the hours per decision of its lanes');
  const perFte = conversion.hoursPerFteWeek * conversion.productiveShare;
  return {
    paidFte: planned.map((units) => (units * hoursPerUnit) / perFte),
    costPerFteYear: conversion.costPerFteYear,
    staffHoursPerUnit: hoursPerUnit,
  };
}

/**
 * The lanes an inflowPlusMargin follows, as priority-order indices, and their
 * mean inflow per week. Naming every lane is following the total inflow
 * (lanes null), so that the engine sums the week's arrivals as it always has.
 */
function followedLanes(
  names: readonly string[] | undefined,
  context: PoolContext,
): { lanes: Int32Array | null; inflow: Float64Array } {
  if (names === undefined) return { lanes: null, inflow: context.inflowPerWeek };
  const all = context.lanes;
  if (all === undefined) throw new Error('a pool that follows lanes needs the lanes of its scenario');
  if (names.length === all.names.length) return { lanes: null, inflow: context.inflowPerWeek };
  const lanes = Int32Array.from(names, (name) => all.names.indexOf(name)).sort();
  const count = all.names.length;
  const inflow = context.inflowPerWeek.map((_, t) => {
    let sum = 0;
    for (const lane of lanes) sum += all.inflowMean[t * count + lane]!;
    return sum;
  });
  return { lanes, inflow };
}

/**
 * The capacity inflowPlusMargin plans at the mean inflow: (1 + margin) x the
 * mean of the trailing weeks' mean inflow (of the lanes it follows; this
 * week included, fewer at the start; ending delayWeeks ago, and before
 * week 0 the mean of week 0), clamped to [min, max]. What the engine sets
 * from the arrivals of a replication, at their mean.
 */
function plannedAtMeanInflow(policy: InflowFollowing, inflowPerWeek: Float64Array): Float64Array {
  const delay = policy.delayWeeks ?? 0;
  return inflowPerWeek.map((_, t) => {
    const end = Math.max(0, t - delay);
    const from = Math.max(0, end - policy.trailingWeeks + 1);
    let sum = 0;
    for (let w = from; w <= end; w++) sum += inflowPerWeek[w]!;
    return Math.min(policy.max, Math.max(policy.min, (1 + policy.margin) * (sum / (end - from + 1))));
  });
}

/**
 * Units of a pool one FTE gives in each week, the calendar applied: a staff
 * pool's hoursPerFteWeek x productiveShare of the week (their schedules
 * applied); a pool with a conversion its hoursPerFteWeek x productiveShare /
 * the hours of a unit (1 for hours, the lanes' mean hours of a decision);
 * null for a pool without staff figures.
 *
 * @example unitsPerFte(staffSpec, 1, Float64Array.of(1, 0.6), '2024-01-01', 2) // [36 x 0.7, 36 x 0.7 x 0.6] for 36 hours at 0.7
 */
export function unitsPerFte(
  spec: CapacitySpec,
  staffHoursPerUnit: number | null,
  scale: Float64Array,
  start: string,
  weeks: number,
): Float64Array | null {
  const policy = spec.policy;
  if (policy.kind === 'staff') {
    const hours = scheduleByWeek(policy.hoursPerFteWeek, 'hoursPerFteWeek', spec.changes ?? [], start, weeks);
    const share = scheduleByWeek(policy.productiveShare, 'productiveShare', spec.changes ?? [], start, weeks);
    return hours.map((perFte, t) => perFte * share[t]! * scale[t]!);
  }
  const conversion = spec.conversion ?? null;
  if (conversion === null || staffHoursPerUnit === null) return null;
  const perFte = (conversion.hoursPerFteWeek * conversion.productiveShare) / staffHoursPerUnit;
  return scale.map((factor) => perFte * factor);
}

/** A field's value per week: the initial one, then each change from the week its date falls in. */
function scheduleByWeek(
  initial: number,
  field: CapacityChange['field'],
  changes: readonly CapacityChange[],
  start: string,
  weeks: number,
): Float64Array {
  return valuesByWeek(
    initial,
    changes.filter((change) => change.field === field),
    start,
    weeks,
  );
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
  // A hire works short of full for weeks s .. s + R - 2: none without ramp-up (R = 0 or 1).
  for (let s = 1; s < weeks; s++) {
    const hired = scheduled[s]! - scheduled[s - 1]!;
    if (hired <= 0) continue;
    for (let t = s; t < Math.min(weeks, s + rampUpWeeks - 1); t++)
      working[t]! -= hired * (1 - (t - s + 1) / rampUpWeeks);
  }
  return { paid, working: working.map((fte) => Math.max(0, fte)) };
}

/** Units of a pool one decision of a lane takes: 1 when it counts decisions, the lane's hours when it counts hours. */
export function effort(lane: LaneSpec, spec: CapacitySpec): number {
  if (spec.unit === 'decisions') return 1;
  if (lane.hoursPerDecision === null)
    throw new Error(`lane ${lane.name} has no hoursPerDecision for a pool counted in hours`);
  return lane.hoursPerDecision;
}
