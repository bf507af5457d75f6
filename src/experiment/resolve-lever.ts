import type { TSchema } from '@sinclair/typebox';
import {
  allowedText,
  didYouMean,
  kindOf,
  propertiesOf,
  recordValueOf,
  ScenarioDocumentSchema,
} from '../scenario/index.js';
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
   * inflow plus margin at the mean inflow); null when there is none.
   */
  readonly current: number | null;
  /** The overrides that give the scenario this value of the lever. */
  readonly settings: (value: number) => FieldSetting[];
}

/** Fields that say how a run is done or measured, not what the system is. */
const NOT_LEVERS = ['seed', 'replications', 'horizonWeeks', 'target', 'start'];

const ALLOWED = 'perWeek, fte, or the dotted path of a number field, e.g. lanes.regular.hoursPerDecision';

/**
 * Resolves a lever: `perWeek` (capacity.perWeek in decisions a week,
 * replacing the scenario's capacity policy), `fte` (capacity.staff.fte;
 * the scenario's capacity must be a staff pool) or any number field by its
 * dotted path, read from the schema (whole numbers or not, its bounds) and
 * from the scenario document (its current value). Problems name the parameter
 * `lever`, and the settings it makes are `lever <name>`.
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
      },
    };
  }
  if (name === 'fte' || name === 'capacity.staff.fte') {
    if (policy.kind !== 'staff') {
      return fail(
        '',
        `${name} needs a scenario whose capacity is a staff pool (capacity.staff), but this one's capacity is ${policy.kind}`,
        'perWeek, or a scenario with capacity.staff',
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
      },
    };
  }

  const keys = name.split('.');
  if (name.trim() === '' || keys.some((key) => key === '')) return fail('', `"${name}" is not a field path`);
  if (NOT_LEVERS.includes(keys[0]!)) {
    return fail(
      name,
      'says how the run is done or measured, not the system: it cannot be a lever',
      'a field of inflow, capacity, calendar, lanes or initialBacklog',
    );
  }
  let schema: TSchema = ScenarioDocumentSchema;
  let value: unknown = document;
  for (const [i, key] of keys.entries()) {
    const parent = keys.slice(0, i).join('.');
    const here = keys.slice(0, i + 1).join('.');
    if (kindOf(schema) === 'Record' && (parent === 'lanes' || parent === 'initialBacklog.lanes')) {
      const lanes = scenario.lanes.map((lane) => lane.name);
      if (!lanes.includes(key)) {
        const suggestion = didYouMean(key, lanes);
        return fail(
          here,
          `unknown lane "${key}"`,
          suggestion === null ? `lanes: ${lanes.join(', ')}` : `did you mean "${suggestion}"?`,
        );
      }
    }
    const child = childOf(schema, key);
    if (child === 'not a mapping') return fail(parent, `is ${allowedText(schema)}, which has no field "${key}"`);
    if (child === undefined) {
      const known = knownKeys(schema);
      const suggestion = didYouMean(key, known);
      return fail(
        here,
        `unknown key "${key}"`,
        suggestion === null ? `known keys: ${known.join(', ')}` : `did you mean "${suggestion}"?`,
      );
    }
    schema = child;
    value = isMapping(value) ? value[key] : undefined;
  }
  const number = numberBranch(schema);
  if (number === null) return fail(name, `is ${allowedText(schema)}, not a number`, 'a lever must be a number field');
  const low =
    typeof number.minimum === 'number'
      ? number.minimum
      : typeof number.exclusiveMinimum === 'number'
        ? number.exclusiveMinimum
        : 0;
  const current = typeof value === 'number' ? value : typeof number.default === 'number' ? number.default : null;
  return {
    ok: true,
    value: {
      name,
      field: name,
      kind: 'field',
      unit: typeof number['x-unit'] === 'string' ? number['x-unit'] : '',
      integer: kindOf(number) === 'Integer',
      minimum: low,
      minimumExclusive: typeof number.minimum !== 'number' && typeof number.exclusiveMinimum === 'number',
      maximum: typeof number.maximum === 'number' ? number.maximum : Number.POSITIVE_INFINITY,
      current,
      settings: (v) => [{ path: name, value: v, flag }],
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
          ? inflow.futureMeanPerWeek
          : inflow.meanPerWeek.reduce((sum, x) => sum + x, 0) / inflow.meanPerWeek.length;
    return Math.min(policy.max, Math.max(policy.min, (1 + policy.margin) * mean));
  }
  return null;
}

/** The schema under `key`: a property, a record's value (lane names are checked by the caller), an object branch of a union. */
function childOf(schema: TSchema, key: string): TSchema | undefined | 'not a mapping' {
  const kind = kindOf(schema);
  if (kind === 'Object') return (schema.properties as Record<string, TSchema>)[key];
  if (kind === 'Record') {
    const names = schema.propertyNames as { pattern?: string } | undefined;
    return names?.pattern === undefined || new RegExp(names.pattern).test(key) ? recordValueOf(schema) : undefined;
  }
  if (kind === 'Union') {
    const branches = (schema.anyOf as TSchema[]).filter(
      (branch) => kindOf(branch) === 'Object' || kindOf(branch) === 'Record',
    );
    for (const branch of branches) {
      const child = childOf(branch, key);
      if (child !== undefined && child !== 'not a mapping') return child;
    }
    return branches.length > 0 ? undefined : 'not a mapping';
  }
  return 'not a mapping';
}

/** The keys a mapping schema knows (of every object branch of a union). */
function knownKeys(schema: TSchema): string[] {
  if (kindOf(schema) === 'Union') return (schema.anyOf as TSchema[]).flatMap(knownKeys);
  return propertiesOf(schema).map(([property]) => property);
}

/** The number schema of a field: itself, or the number branch of a union (a backlog count); null when it is not a number. */
function numberBranch(schema: TSchema): TSchema | null {
  const kind = kindOf(schema);
  if (kind === 'Number' || kind === 'Integer') return schema;
  if (kind === 'Union')
    return (schema.anyOf as TSchema[]).find((branch) => ['Number', 'Integer'].includes(kindOf(branch))) ?? null;
  return null;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
