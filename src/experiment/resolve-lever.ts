import { didYouMean, meanHoursPerDecision, scenarioField, totalInflowMeans } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import type { Checked } from '../scenario/errors.js';
import { parameterIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';

/** A scenario field that `caseload target` varies, and what values it may take. */
export interface Lever {
  /** As the user named it: `perWeek`, `fte` or a dotted field path. */
  readonly name: string;
  /** The dotted path of the field set: `capacity.perWeek`, `capacity.staff.fte`, `lanes.regular.hoursPerDecision`. */
  readonly field: string;
  /** `perWeek` and `fte` are the shorthands; anything else is a field path. */
  readonly kind: 'perWeek' | 'fte' | 'field';
  /** The unit of the value, for people: `decisions/week`, `FTE`, or the schema's unit ('' when it has none). */
  readonly unit: string;
  /** Whether the field takes whole numbers only. */
  readonly integer: boolean;
  /** Lowest value the field allows (0 when the schema gives no minimum). */
  readonly minimum: number;
  /** Whether `minimum` itself is excluded (`hoursPerDecision > 0`). */
  readonly minimumExclusive: boolean;
  /** Highest value the field allows; Infinity when the schema gives no maximum. */
  readonly maximum: number;
  /**
   * The scenario's own value: the field as written or its default; for
   * `perWeek` the current capacity in decisions a week (perYear / 52, or
   * inflow plus margin at the mean inflow of the horizon); null when there is none.
   */
  readonly current: number | null;
  /** The overrides that give the scenario this value of the lever. */
  readonly settings: (value: number) => FieldSetting[];
  /** For `fte` on a pool with a conversion to staff: how FTE become the capacity set; else null. */
  readonly conversion: LeverConversion | null;
}

/**
 * `fte` on a shared pool counted in decisions (or hours) with a conversion:
 * the FTE become `capacity.perWeek` in the pool's unit, at the conversion's
 * rate, so that the scenario at v FTE pays exactly v FTE every week.
 */
export interface LeverConversion {
  /** The pool's unit, which `capacity.perWeek` keeps. */
  readonly unit: 'decisions' | 'hours';
  /** Units a week one FTE gives: hoursPerFteWeek x productiveShare / hoursPerUnit. */
  readonly unitsPerFte: number;
  /** Hours a unit takes: 1 for hours, the lanes' hoursPerDecision weighted by their inflow shares for decisions. */
  readonly hoursPerUnit: number;
  readonly hoursPerFteWeek: number;
  readonly productiveShare: number;
}

/** Fields that say how a run is done or measured, not what the system is. */
const NOT_LEVERS = ['seed', 'replications', 'horizonWeeks', 'target', 'start'];

const ALLOWED = 'perWeek, fte, or the dotted path of a number field, e.g. lanes.regular.hoursPerDecision';

/**
 * Why a schedule of dated values is no lever, and what is: replacing it by
 * one number would drop its dates (a hire in April, a rise in inflow) and
 * scaling it would make the lever's value a factor. One date of it is a
 * number field, which keeps the others.
 */
function notOneNumber(path: string, schedule: Record<string, unknown>): [string, string] {
  const dates = Object.keys(schedule).sort();
  return [
    `is a schedule of dated values (${dates.join(', ')}), not one number: a lever sets one value`,
    `one date of the schedule, e.g. ${path}.${dates.at(-1)!}, which keeps the others`,
  ];
}

/**
 * Resolves a lever: `perWeek` (capacity.perWeek in decisions a week,
 * replacing the scenario's capacity policy), `fte` (capacity.staff.fte of a
 * staff pool; or, for a pool with a conversion to staff, capacity.perWeek
 * at the conversion's units per FTE) or any number field by its
 * dotted path, read from the schema (whole numbers or not, its bounds) and
 * from the scenario document (its current value). A field written as a
 * schedule of dated values (`inflow.meanPerWeek`, `capacity.staff.fte`,
 * `inflow.observed.futureMeanPerWeek`, ...) is no lever, one of its dates is
 * (a number field). Problems name the parameter `lever`, and the settings it
 * makes are `lever <name>`.
 *
 * @example resolveLever('lanes.regular.minWaitWeeks', scenario, document) // integer, minimum 0, current 1
 */
export function resolveLever(name: string, scenario: Scenario, document: unknown): Checked<Lever> {
  const flag = `lever ${name}`;
  const fail = (field: string, problem: string, allowed: string | null = ALLOWED): Checked<Lever> => ({
    ok: false,
    issues: [parameterIssue('lever', field, problem, allowed)],
  });
  const policy = scenario.capacity.policy;
  if (name === 'perWeek') {
    return {
      ok: true,
      value: {
        name,
        field: 'capacity.perWeek',
        kind: 'perWeek',
        unit: 'decisions/week',
        integer: false,
        minimum: 0,
        minimumExclusive: false,
        maximum: Number.POSITIVE_INFINITY,
        current: currentDecisionsPerWeek(scenario),
        settings: (value) => [
          { path: 'capacity.perWeek', value, flag },
          { path: 'capacity.unit', value: 'decisions', flag },
        ],
        conversion: null,
      },
    };
  }
  const conversion = scenario.capacity.conversion ?? null;
  if (name === 'fte' && policy.kind !== 'staff' && conversion !== null) {
    const unit = scenario.capacity.unit;
    const hoursPerUnit = unit === 'hours' ? 1 : meanHoursPerDecision(scenario.lanes);
    if (hoursPerUnit !== null) {
      const unitsPerFte = (conversion.hoursPerFteWeek * conversion.productiveShare) / hoursPerUnit;
      const units = unit === 'decisions' ? currentDecisionsPerWeek(scenario) : currentUnitsPerWeek(scenario);
      return {
        ok: true,
        value: {
          name,
          field: 'capacity.perWeek',
          kind: 'fte',
          unit: 'FTE',
          integer: false,
          minimum: 0,
          minimumExclusive: false,
          maximum: Number.POSITIVE_INFINITY,
          current: units === null ? null : units / unitsPerFte,
          settings: (value) => [
            { path: 'capacity.perWeek', value: value * unitsPerFte, flag },
            { path: 'capacity.unit', value: unit, flag },
          ],
          conversion: {
            unit,
            unitsPerFte,
            hoursPerUnit,
            hoursPerFteWeek: conversion.hoursPerFteWeek,
            productiveShare: conversion.productiveShare,
          },
        },
      };
    }
  }
  if (name === 'fte' || name === 'capacity.staff.fte') {
    const fte = valueAt(document, ['capacity', 'staff', 'fte']);
    if (policy.kind === 'staff' && isMapping(fte)) return fail(name, ...notOneNumber('capacity.staff.fte', fte));
    if (policy.kind !== 'staff') {
      if (name === 'fte')
        return fail(
          '',
          'fte needs a scenario whose capacity is a staff pool (capacity.staff) or has a conversion to staff ' +
            `(capacity.conversion), but this one's capacity is ${policy.kind}${conversion === null ? ' without a conversion' : ''}`,
          'perWeek, or a scenario with capacity.staff or capacity.conversion',
        );
      return fail(
        '',
        `${name} needs a scenario whose capacity is a staff pool (capacity.staff), but this one's capacity is ${policy.kind}`,
        conversion === null ? 'perWeek, or a scenario with capacity.staff' : 'fte, which uses its capacity.conversion',
      );
    }
    return {
      ok: true,
      value: {
        name,
        field: 'capacity.staff.fte',
        kind: 'fte',
        unit: 'FTE',
        integer: false,
        minimum: 0,
        minimumExclusive: false,
        maximum: Number.POSITIVE_INFINITY,
        current: policy.fte,
        settings: (value) => [{ path: 'capacity.staff.fte', value, flag }],
        conversion: null,
      },
    };
  }

  const keys = name.split('.');
  if (name.trim() === '' || keys.some((key) => key === '')) return fail('', `"${name}" is not a field path`);
  // One word that is no field of the top level is most likely a misspelt shorthand (perweek, FTE).
  const lanes = scenario.lanes.map((lane) => lane.name);
  const shorthand = keys.length === 1 && !scenarioField(name, lanes).ok ? didYouMean(name, ['perWeek', 'fte']) : null;
  if (shorthand !== null) return fail('', `unknown lever "${name}"`, `did you mean "${shorthand}"?`);
  if (NOT_LEVERS.includes(keys[0]!)) {
    return fail(
      name,
      'says how the run is done or measured, not the system: it cannot be a lever',
      'a field of inflow, capacity, calendar, lanes or initialBacklog',
    );
  }
  const field = scenarioField(name, lanes);
  if (!field.ok) return fail(field.problem.field, field.problem.problem, field.problem.allowed ?? ALLOWED);
  const number = field.value.number;
  if (number === null) return fail(name, `is ${field.value.allowed}, not a number`, 'a lever must be a number field');
  const value = valueAt(document, keys);
  if (isMapping(value)) return fail(name, ...notOneNumber(name, value));
  const current = typeof value === 'number' ? value : number.default;
  return {
    ok: true,
    value: {
      name,
      field: name,
      kind: 'field',
      unit: number.unit,
      integer: number.integer,
      minimum: number.minimum,
      minimumExclusive: number.minimumExclusive,
      maximum: number.maximum,
      current,
      settings: (v) => [{ path: name, value: v, flag }],
      conversion: null,
    },
  };
}

/** The scenario's shared capacity in decisions a week, when it is counted in decisions. */
function currentDecisionsPerWeek(scenario: Scenario): number | null {
  const { unit, policy } = scenario.capacity;
  if (unit !== 'decisions') return null;
  if (policy.kind === 'perWeek') return policy.perWeek;
  if (policy.kind === 'perYear') return policy.perYear / 52;
  if (policy.kind === 'inflowPlusMargin') {
    const inflow = scenario.inflow;
    const mean =
      inflow.kind === 'constant'
        ? inflow.meanPerWeek
        : inflow.kind === 'replay'
          ? futureMeanInHorizon(scenario, inflow)
          : inflow.kind === 'scheduled'
            ? totalInflowMeans(scenario).reduce((sum, x) => sum + x, 0) / scenario.horizonWeeks
            : inflow.meanPerWeek.reduce((sum, x) => sum + x, 0) / inflow.meanPerWeek.length;
    // A capacity that follows some lanes follows their share of the inflow.
    const followed = policy.lanes;
    const share =
      followed === undefined
        ? 1
        : scenario.lanes.reduce((sum, lane) => sum + (followed.includes(lane.name) ? lane.share : 0), 0);
    return Math.min(policy.max, Math.max(policy.min, (1 + policy.margin) * mean * share));
  }
  return null;
}

/**
 * The mean inflow after replayed data: the future mean of the first week
 * after it; for a dated one, its mean over the weeks of the horizon after the
 * data (as a scheduled meanPerWeek counts over the horizon), or its first value
 * when the data covers the horizon.
 */
function futureMeanInHorizon(scenario: Scenario, inflow: Extract<Scenario['inflow'], { kind: 'replay' }>): number {
  const from = inflow.observedPerWeek.length;
  if (inflow.futureChanges === undefined || from >= scenario.horizonWeeks) return inflow.futureMeanPerWeek;
  const future = totalInflowMeans(scenario).subarray(from);
  return future.reduce((sum, x) => sum + x, 0) / future.length;
}

/** The shared capacity per week in its unit at the start, for perWeek and perYear; null for the others. */
function currentUnitsPerWeek(scenario: Scenario): number | null {
  const policy = scenario.capacity.policy;
  if (policy.kind === 'perWeek') return policy.perWeek;
  if (policy.kind === 'perYear') return policy.perYear / 52;
  return null;
}

/** The value at a path of keys in a plain document; undefined when there is none. */
function valueAt(document: unknown, keys: readonly string[]): unknown {
  let value = document;
  for (const key of keys) value = isMapping(value) ? value[key] : undefined;
  return value;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
