/**
 * Stage fill defaults. In: the checked document and what its CSV files hold.
 * Out: the resolved `Scenario`, every field present; frozen by the caller,
 * and hashed for provenance.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { DataFiles } from './read/data-files.js';
import { regularizedGammaP } from '../stats/distributions.js';
import { DEFAULT_WORK_WEEK, DEFAULTS, MAX_WEEKS, WEEKDAYS } from './schema/schema.js';
import type { ScenarioDocument } from './schema/schema.js';
import type {
  CapacityChange,
  CapacitySpec,
  FactorSpec,
  InflowSpec,
  InitialBacklogSpec,
  RefilingSpec,
  Scenario,
  TriggerRule,
  UncertaintySpec,
  WithdrawalBand,
} from './types.js';

type CapacityDocument = ScenarioDocument['capacity'];

/**
 * The resolved scenario of a checked document: defaults filled, inflow and
 * capacity as tagged policies, lanes in file order with their priorities,
 * the initial backlog per lane. The name defaults to the file's; a variant's
 * scenario is named after the variant (`nameSuffix`) unless the variant
 * names it. The document must have passed every check; the caller freezes
 * the result (`deepFreeze`) and may hash it (`scenarioHash`).
 *
 * @example fillDefaults(document, 'scenarios/baseline-2024.yaml', data).lanes[0].priority // 1
 */
export function fillDefaults(
  doc: ScenarioDocument,
  file: string,
  data: DataFiles,
  nameSuffix: string | null = null,
): Scenario {
  if (doc.inflow.observed !== undefined && data.replay === undefined)
    throw new Error('an observed inflow needs its CSV read first (readDataFiles)');
  const spreadWeeks = doc.initialBacklog?.spreadWeeks ?? DEFAULTS.spreadWeeks;
  const initialBacklog: Record<string, InitialBacklogSpec> = {};
  for (const [name, entry] of Object.entries(doc.initialBacklog?.lanes ?? {})) {
    if (typeof entry === 'object' && 'file' in entry) {
      const read = data.backlogs[name];
      if (read === undefined)
        throw new Error(`the initial backlog CSV of lane ${name} must be read first (readDataFiles)`);
      initialBacklog[name] = read;
      continue;
    }
    initialBacklog[name] =
      typeof entry === 'number'
        ? { kind: 'spread', count: entry, spreadWeeks }
        : 'byWeeksAgo' in entry
          ? {
              kind: 'byWeeksAgo',
              counts: Object.entries(entry.byWeeksAgo)
                .map(([weeksAgo, count]) => ({ weeksAgo: Number(weeksAgo), count }))
                .sort((a, b) => a.weeksAgo - b.weeksAgo),
            }
          : { kind: 'spread', count: entry.count, spreadWeeks: entry.spreadWeeks ?? spreadWeeks };
  }
  const name = doc.name ?? basename(file, extname(file));
  return {
    name: nameSuffix === null ? name : `${name}: ${nameSuffix}`,
    description: doc.description ?? null,
    start: doc.start,
    horizonWeeks: doc.horizonWeeks,
    seed: doc.seed ?? DEFAULTS.seed,
    replications: doc.replications ?? DEFAULTS.replications,
    inflow:
      doc.inflow.observed !== undefined
        ? data.replay!
        : doc.inflow.meanPerWeek !== undefined
          ? inflowMean(doc.inflow.meanPerWeek, doc.start)
          : { kind: 'weekly', meanPerWeek: [...(doc.inflow.weeklyMeans ?? [])] },
    capacity: capacitySpec(doc.capacity, doc.start),
    calendar: (doc.calendar ?? []).map((entry) => ({
      from: entry.from,
      to: entry.to,
      scale: entry.scale,
      label: entry.label ?? null,
    })),
    ...workWeekOf(doc.workWeek),
    lanes: Object.entries(doc.lanes).map(([name, lane], index) => ({
      name,
      share: lane.share,
      priority: lane.priority ?? index + 1,
      minWaitWeeks: lane.minWaitWeeks ?? DEFAULTS.minWaitWeeks,
      grantRate: lane.grantRate,
      hoursPerDecision: lane.hoursPerDecision ?? null,
      dedicatedCapacity: lane.capacity === undefined ? null : capacitySpec(lane.capacity, doc.start),
      ...(lane.withdrawals === undefined ? {} : { withdrawals: withdrawalBands(lane.withdrawals) }),
      ...(lane.refiling === undefined ? {} : { refiling: refilingSpec(lane.refiling) }),
      ...(lane.transfers === undefined
        ? {}
        : {
            transfers: lane.transfers.map((move) => ({
              to: move.to,
              probability: move.probability,
              afterWeeks: move.afterWeeks ?? null,
            })),
          }),
    })),
    initialBacklog,
    target: doc.target === undefined ? null : { backlog: doc.target.backlog, date: doc.target.date },
    ...(doc.observed === undefined
      ? {}
      : {
          observed: {
            decisions: doc.observed.decisions ?? null,
            endBacklog: doc.observed.endBacklog ?? null,
            meanLeadTimeDays: doc.observed.meanLeadTimeDays ?? null,
            leadTimeDaysByLane: { ...(doc.observed.leadTimeDays ?? {}) },
            source: doc.observed.source ?? null,
          },
        }),
    ...(doc.uncertainty === undefined ? {} : { uncertainty: uncertaintySpec(doc.uncertainty) }),
  };
}

function uncertaintySpec(doc: NonNullable<ScenarioDocument['uncertainty']>): UncertaintySpec {
  const factor = (f: { cv: number; distribution?: 'lognormal' | 'gamma' } | undefined): FactorSpec | null =>
    f === undefined ? null : { cv: f.cv, distribution: f.distribution ?? 'lognormal' };
  return {
    inflow: {
      level: factor(doc.inflow?.level),
      drift: doc.inflow?.drift === undefined ? null : { sdPerYear: doc.inflow.drift.sdPerYear },
      overdispersion: doc.inflow?.overdispersion === undefined ? null : { cv: doc.inflow.overdispersion.cv },
    },
    capacity: {
      productivity: factor(doc.capacity?.productivity),
      weekly: doc.capacity?.weekly === undefined ? null : { cv: doc.capacity.weekly.cv },
    },
    shares: doc.shares === undefined ? null : { concentration: doc.shares.concentration },
    grantRates: doc.grantRates === undefined ? null : { concentration: doc.grantRates.concentration },
    source: doc.source ?? null,
  };
}

/**
 * The work week as the Scenario holds it: Monday first, and absent when it is
 * Monday to Friday, written or not (so that both give the same scenario hash).
 */
function workWeekOf(written: ScenarioDocument['workWeek']): { workWeek?: Scenario['workWeek'] } {
  if (written === undefined) return {};
  const days = WEEKDAYS.filter((day) => written.includes(day));
  const standard = days.length === DEFAULT_WORK_WEEK.length && DEFAULT_WORK_WEEK.every((day) => days.includes(day));
  return standard ? {} : { workWeek: days };
}

/**
 * A number, or a dated schedule split into its value at the start (the last
 * date on or before it; the checks made sure there is one) and the later
 * values by date, earliest first.
 */
function splitSchedule(
  value: number | Readonly<Record<string, number>>,
  start: string,
): { initial: number; later: { from: string; value: number }[] } {
  if (typeof value === 'number') return { initial: value, later: [] };
  const dated = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let initial = Number.NaN;
  const later: { from: string; value: number }[] = [];
  for (const [from, v] of dated) {
    if (from <= start) initial = v;
    else later.push({ from, value: v });
  }
  return { initial, later };
}

/** The inflow of `meanPerWeek`: constant, or scheduled when a dated value changes it after the start. */
function inflowMean(value: number | Readonly<Record<string, number>>, start: string): InflowSpec {
  const { initial, later } = splitSchedule(value, start);
  if (later.length === 0) return { kind: 'constant', meanPerWeek: initial };
  return {
    kind: 'scheduled',
    meanPerWeek: initial,
    changes: later.map((change) => ({ from: change.from, meanPerWeek: change.value })),
  };
}

function capacitySpec(capacity: CapacityDocument, start: string): CapacitySpec {
  const unit = capacity.unit ?? (capacity.staff !== undefined ? 'hours' : 'decisions');
  const changes: CapacityChange[] = [];
  /** The value at the start; later dated values go to `changes`. */
  const at = (field: CapacityChange['field'], value: number | Readonly<Record<string, number>>): number => {
    const { initial, later } = splitSchedule(value, start);
    for (const change of later) changes.push({ from: change.from, field, value: change.value });
    return initial;
  };
  const conversion = capacity.conversion;
  const spec = (policy: CapacitySpec['policy']): CapacitySpec => ({
    unit,
    policy,
    ...(changes.length === 0
      ? {}
      : { changes: changes.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)) }),
    ...(conversion === undefined
      ? {}
      : {
          conversion: {
            hoursPerFteWeek: conversion.hoursPerFteWeek ?? DEFAULTS.conversionHoursPerFteWeek,
            productiveShare: conversion.productiveShare ?? DEFAULTS.conversionProductiveShare,
            costPerFteYear: conversion.costPerFteYear ?? null,
          },
        }),
    ...(capacity.triggers === undefined ? {} : { triggers: capacity.triggers.map(triggerRule) }),
  });
  if (capacity.perWeek !== undefined) return spec({ kind: 'perWeek', perWeek: at('perWeek', capacity.perWeek) });
  if (capacity.perYear !== undefined) return spec({ kind: 'perYear', perYear: at('perYear', capacity.perYear) });
  if (capacity.inflowPlusMargin !== undefined) {
    const margin = capacity.inflowPlusMargin;
    return spec({
      kind: 'inflowPlusMargin',
      margin: margin.margin,
      trailingWeeks: margin.trailingWeeks ?? DEFAULTS.trailingWeeks,
      min: margin.min ?? DEFAULTS.marginMin,
      max: margin.max ?? DEFAULTS.marginMax,
      // Only when written: a scenario without them resolves (and hashes) as before they existed.
      ...(margin.lanes === undefined ? {} : { lanes: [...margin.lanes] }),
      ...(margin.delayWeeks === undefined ? {} : { delayWeeks: margin.delayWeeks }),
    });
  }
  if (capacity.staff !== undefined) {
    const staff = capacity.staff;
    return spec({
      kind: 'staff',
      fte: at('fte', staff.fte),
      hoursPerFteWeek: at('hoursPerFteWeek', staff.hoursPerFteWeek ?? DEFAULTS.hoursPerFteWeek),
      productiveShare: at('productiveShare', staff.productiveShare ?? DEFAULTS.productiveShare),
      rampUpWeeks: staff.rampUpWeeks ?? DEFAULTS.rampUpWeeks,
      attritionPerQuarter: staff.attritionPerQuarter ?? DEFAULTS.attritionPerQuarter,
      costPerFteYear: staff.costPerFteYear ?? null,
    });
  }
  throw new Error('a checked capacity has exactly one policy');
}

/** A trigger rule with its defaults: its name the lanes' joined by +, forWeeks 1, no delay, below = above. */
function triggerRule(rule: NonNullable<CapacityDocument['triggers']>[number]): TriggerRule {
  return {
    name: rule.name ?? rule.lanes.join('+'),
    lanes: [...rule.lanes],
    above: rule.above,
    below: rule.below ?? rule.above,
    forWeeks: rule.forWeeks ?? DEFAULTS.triggerForWeeks,
    fte: rule.fte,
    delayWeeks: rule.delayWeeks ?? DEFAULTS.triggerDelayWeeks,
  };
}

/**
 * Freezes a value and everything reachable from it, so that a resolved
 * scenario cannot be changed by a caller. Returns the same value.
 *
 * @example Object.isFrozen(deepFreeze({ lanes: [{}] }).lanes[0]) // true
 */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<object>();
  const freeze = (item: unknown) => {
    if (item === null || typeof item !== 'object' || seen.has(item)) return;
    seen.add(item);
    Object.freeze(item);
    for (const child of Object.values(item)) freeze(child);
  };
  freeze(value);
  return value;
}

/**
 * sha256 (hex) of a scenario as JSON with sorted keys: equal scenarios, equal hashes.
 *
 * @example scenarioHash(scenario) // 'a3f...'
 */
export function scenarioHash(scenario: Scenario): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

/**
 * JSON with the keys of every object sorted, so that equal values give equal
 * text whatever order their keys were written in (for hashing).
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item: unknown) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
  return text;
}

/** A lane's withdrawals as hazard bands by age, youngest first. */
function withdrawalBands(doc: NonNullable<ScenarioDocument['lanes'][string]['withdrawals']>): WithdrawalBand[] {
  if (doc.perWeek !== undefined) return [{ fromWeeks: 0, hazard: doc.perWeek }];
  return Object.entries(doc.byAge ?? {})
    .map(([age, hazard]) => ({ fromWeeks: Number(age), hazard }))
    .sort((a, b) => a.fromWeeks - b.fromWeeks);
}

/**
 * A lane's refiling with its delay as probabilities of 1, 2, ... weeks: a
 * table as given (its shares sum to 1, checked), or a gamma with the given
 * mean and shape rounded up to whole weeks (at least 1), cut where less than
 * 1e-9 of it remains (that remainder added to the last week).
 */
function refilingSpec(doc: NonNullable<ScenarioDocument['lanes'][string]['refiling']>): RefilingSpec {
  let delay: number[];
  if (doc.delayTable !== undefined) {
    const entries = Object.entries(doc.delayTable).map(([weeks, p]) => [Number(weeks), p] as const);
    delay = new Array<number>(Math.max(...entries.map(([weeks]) => weeks))).fill(0);
    for (const [weeks, p] of entries) delay[weeks - 1] = p;
  } else {
    const { mean, shape = 1 } = doc.delayWeeks!;
    const scale = mean / shape;
    delay = [];
    let below = 0;
    for (let k = 1; k <= MAX_WEEKS; k++) {
      const upTo = regularizedGammaP(shape, k / scale);
      delay.push(upTo - below);
      below = upTo;
      if (1 - upTo < 1e-9) break;
    }
    delay[delay.length - 1]! += 1 - below;
  }
  return { probability: doc.probability, delay, lanes: doc.lanes === undefined ? null : { ...doc.lanes } };
}
