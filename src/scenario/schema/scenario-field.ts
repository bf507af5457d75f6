import type { TSchema } from '@sinclair/typebox';
import { didYouMean } from '../check/did-you-mean.js';
import { COUNTED_UNITS } from '../check/number-writing.js';
import { allowedText } from './allowed-text.js';
import { kindOf, propertiesOf, recordValueOf } from './schema-parts.js';
import { ScenarioDocumentSchema } from './schema.js';

/** A field of the scenario format, as the schema describes it. */
export interface ScenarioField {
  /** What the field allows, in words: `an integer >= 0`, `a mapping with ...`. */
  readonly allowed: string;
  /** When the field takes a number (or, as a backlog count, a number among other forms): what number; else null. */
  readonly number: {
    /** Whether the field takes whole numbers only. */
    readonly integer: boolean;
    /** Lowest value the field allows (0 when the schema gives no minimum). */
    readonly minimum: number;
    /** Whether `minimum` itself is excluded (`hoursPerDecision > 0`). */
    readonly minimumExclusive: boolean;
    /** Highest value the field allows; Infinity when the schema gives no maximum. */
    readonly maximum: number;
    /** The schema's unit ('' when it has none). */
    readonly unit: string;
    /** The schema's default; null when it has none. */
    readonly default: number | null;
    /**
     * Whether `1.600` written for this field is likely a Dutch 1,600: the field
     * takes whole numbers, or counts what runs into thousands (cases, capacity,
     * FTE, cost, days).
     */
    readonly thousands: boolean;
  } | null;
}

/** Why a dotted path names no field: where, what is wrong, and what is allowed there (null when the schema has nothing to suggest). */
export interface FieldPathProblem {
  readonly field: string;
  readonly problem: string;
  readonly allowed: string | null;
}

/**
 * The field of the scenario format that a dotted path names, read from the
 * schema: what it allows and, for a number field, whole numbers or not, its
 * bounds, unit and default. A key under `lanes` or `initialBacklog.lanes`
 * must be one of `lanes`, the scenario's lane names. An unknown key or lane
 * is a problem that suggests the closest known one.
 *
 * @example scenarioField('lanes.regular.minWaitWeeks', ['regular']) // { ok: true, value: { allowed: 'an integer >= 0', number: { integer: true, minimum: 0, ... } } }
 */
export function scenarioField(
  path: string,
  lanes: readonly string[],
): { ok: true; value: ScenarioField } | { ok: false; problem: FieldPathProblem } {
  const fail = (field: string, problem: string, allowed: string | null) =>
    ({ ok: false, problem: { field, problem, allowed } }) as const;
  const keys = path.split('.');
  // Settings apply after the variant is chosen: a field inside `variants` would be set and never read.
  if (keys[0] === 'variants')
    return fail(
      'variants',
      "a variant's fields cannot be set from outside: they are merged before any setting",
      'load the variant as file.yaml#name and set the field itself, e.g. capacity.perWeek',
    );
  let schema: TSchema = ScenarioDocumentSchema;
  for (const [i, key] of keys.entries()) {
    const parent = keys.slice(0, i).join('.');
    const here = keys.slice(0, i + 1).join('.');
    if (kindOf(schema) === 'Record' && (parent === 'lanes' || parent === 'initialBacklog.lanes')) {
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
    if (child === 'not a mapping') return fail(parent, `is ${allowedText(schema)}, which has no field "${key}"`, null);
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
  }
  const number = numberBranch(schema);
  return {
    ok: true,
    value: {
      allowed: allowedText(schema),
      number:
        number === null
          ? null
          : {
              integer: kindOf(number) === 'Integer',
              minimum:
                typeof number.minimum === 'number'
                  ? number.minimum
                  : typeof number.exclusiveMinimum === 'number'
                    ? number.exclusiveMinimum
                    : 0,
              minimumExclusive: typeof number.minimum !== 'number' && typeof number.exclusiveMinimum === 'number',
              maximum: typeof number.maximum === 'number' ? number.maximum : Number.POSITIVE_INFINITY,
              // A schedule (a number or dated values) states its unit and default on the union, not its number branch.
              unit:
                typeof number['x-unit'] === 'string'
                  ? number['x-unit']
                  : typeof schema['x-unit'] === 'string'
                    ? schema['x-unit']
                    : '',
              default:
                typeof number.default === 'number'
                  ? number.default
                  : typeof schema.default === 'number'
                    ? schema.default
                    : null,
              thousands:
                kindOf(number) === 'Integer' || COUNTED_UNITS.has(String(number['x-unit'] ?? schema['x-unit'] ?? '')),
            },
    },
  };
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
