import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../src/scenario/check/check-schema.js';
import { nodeToPlain, plainToNode } from '../../src/scenario/read/plain.js';
import { ScenarioDocumentSchema } from '../../src/scenario/schema/schema.js';
import { kindOf, propertiesOf, recordValueOf } from '../../src/scenario/schema/schema-parts.js';
import { runs } from '../fast-check-config.js';
import { mutation, VALID_DOC, withValue } from '../fuzz/hostile.js';

/**
 * The loader checks a document against the schema once, with its own walk
 * (checkSchema), which reports every problem with its position. These tests
 * hold the walk to everything TypeBox's Value.Check enforces, which the
 * loader used to run as a second check.
 */

/** [value, <hole>, value]: a list with an empty slot, as code can build one. */
function withHole(value: unknown): unknown[] {
  const list = [value];
  list[2] = value;
  return list;
}

/** The keywords checkSchema reads, by TypeBox kind. */
const READ: Record<string, readonly string[]> = {
  Object: ['properties', 'required', 'additionalProperties', 'oneOf'],
  Record: ['patternProperties', 'propertyNames', 'minProperties'],
  Array: ['items', 'minItems', 'uniqueItems'],
  Number: ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'],
  Integer: ['minimum', 'exclusiveMinimum', 'maximum'],
  String: ['minLength', 'pattern', 'format'],
  Union: ['anyOf'],
  Literal: ['const'],
};
/** Keywords that say nothing about what is valid. */
// x-only-with: keys that go only with some alternatives of their mapping, which the extends merge reads.
const ANNOTATIONS = ['type', 'title', 'description', 'default', 'x-unit', 'x-default', 'x-only-with'];

/** Every schema within a schema, itself first, with its path. */
function subschemas(schema: TSchema, path = ''): [string, TSchema][] {
  const children: [string, TSchema][] = [];
  switch (kindOf(schema)) {
    case 'Object':
      for (const [key, property] of propertiesOf(schema)) children.push(...subschemas(property, `${path}.${key}`));
      break;
    case 'Record':
      children.push(...subschemas(recordValueOf(schema), `${path}.<key>`));
      break;
    case 'Array':
      children.push(...subschemas(schema.items as TSchema, `${path}[]`));
      break;
    case 'Union':
      (schema.anyOf as TSchema[]).forEach((branch, i) => {
        children.push(...subschemas(branch, `${path}|${i}`));
      });
      break;
  }
  return [[path, schema], ...children];
}

describe('the schema is checked once, by the walk', () => {
  it('the walk reads every keyword the schema uses, and the only format is date', () => {
    const unread: string[] = [];
    for (const [path, schema] of subschemas(ScenarioDocumentSchema)) {
      const read = READ[kindOf(schema)];
      if (read === undefined) {
        unread.push(`${path}: kind ${kindOf(schema)}`);
        continue;
      }
      for (const key of Object.keys(schema))
        if (!read.includes(key) && !ANNOTATIONS.includes(key)) unread.push(`${path}: ${key}`);
      if (schema.format !== undefined && schema.format !== 'date') unread.push(`${path}: format ${schema.format}`);
    }
    expect(unread).toEqual([]);
  });

  const broken: [string, string[], unknown][] = [
    ['a date that does not exist (format)', ['start'], '2024-02-30'],
    ['a date without leading zeros (pattern)', ['calendar', '0', 'to'], '2024-2-1'],
    ['a share above 1 (maximum)', ['lanes', 'regular', 'share'], 1.01],
    ['no weeks (minimum)', ['horizonWeeks'], 0],
    ['no hours per decision (exclusive minimum)', ['lanes', 'regular', 'hoursPerDecision'], 0],
    ['a fraction of a week (integer)', ['lanes', 'incomplete', 'minWaitWeeks'], 1.5],
    ['not a number', ['inflow', 'meanPerWeek'], 'many'],
    ['NaN', ['inflow', 'meanPerWeek'], Number.NaN],
    ['infinity', ['target', 'backlog'], Number.POSITIVE_INFINITY],
    ['a unit that is not one of the literals (union)', ['capacity', 'unit'], 'minutes'],
    ['a capacity that is neither a number nor a schedule (union)', ['capacity', 'perYear'], 'abc'],
    ['a backlog entry that fits no shape (union)', ['initialBacklog', 'lanes', 'incomplete'], { count: 1, file: 'x' }],
    ['an empty list (minItems)', ['inflow', 'weeklyMeans'], []],
    ['no lanes (minProperties)', ['lanes'], {}],
    ['an empty name (minLength)', ['name'], ''],
    ['an unknown key (additionalProperties)', ['capacity', 'perMonth'], 5],
    ['a missing field (required)', ['lanes', 'regular', 'grantRate'], undefined],
    ['a list for a mapping', ['inflow'], [25]],
    ['a hole in a list (a sparse array)', ['calendar'], withHole(VALID_DOC.calendar[0])],
    ['a day of the work week listed twice (uniqueItems)', ['workWeek'], ['mon', 'tue', 'mon']],
    ['a day that is not a day name (union of literals)', ['workWeek'], ['mon', 'Tuesday']],
    ['an empty work week (minItems)', ['workWeek'], []],
  ];
  it.each(broken)('%s: TypeBox and the walk both find it', (_, path, value) => {
    const doc = withValue(VALID_DOC, path, value);
    const node = plainToNode(doc, 'x.yaml');
    expect(Value.Check(ScenarioDocumentSchema, nodeToPlain(node))).toBe(false);
    expect(checkSchema(ScenarioDocumentSchema, node, 'x.yaml').issues).not.toEqual([]);
  });

  // TypeBox's Value.Check does not read propertyNames: the walk finds more than it here.
  it.each([
    ['a reserved lane name', ['lanes', 'total'], { share: 0, grantRate: 0 }],
    ['weeks ago 0', ['initialBacklog', 'lanes', 'regular', 'byWeeksAgo', '0'], 1],
    ['a schedule keyed by something else than dates', ['capacity', 'perYear'], { soon: 1600 }],
    ['a schedule keyed by a month 13', ['capacity', 'perYear'], { '2024-01-01': 1600, '2024-13-01': 1700 }],
    ['a schedule keyed by 30 February', ['capacity', 'perYear'], { '2024-01-01': 1600, '2024-02-30': 1700 }],
  ] as [string, string[], unknown][])('%s (a key pattern): the walk finds it', (_, path, value) => {
    const node = plainToNode(withValue(VALID_DOC, path, value), 'x.yaml');
    expect(checkSchema(ScenarioDocumentSchema, node, 'x.yaml').issues).not.toEqual([]);
  });

  it('the walk finds a problem in every document TypeBox rejects', () => {
    const valid = plainToNode(VALID_DOC, 'x.yaml');
    expect(Value.Check(ScenarioDocumentSchema, nodeToPlain(valid))).toBe(true);
    expect(checkSchema(ScenarioDocumentSchema, valid, 'x.yaml').issues).toEqual([]);
    fc.assert(
      fc.property(fc.array(mutation(false), { minLength: 1, maxLength: 4 }), (changes) => {
        const node = plainToNode(
          changes.reduce<unknown>((doc, change) => change(doc), VALID_DOC),
          'x.yaml',
        );
        if (!Value.Check(ScenarioDocumentSchema, nodeToPlain(node)))
          expect(checkSchema(ScenarioDocumentSchema, node, 'x.yaml').issues).not.toEqual([]);
      }),
      { numRuns: runs(5000) },
    );
  });
});
