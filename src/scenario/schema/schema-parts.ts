import { Kind, OptionalKind } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';

/**
 * Small readers of the TypeBox schema, shared by the checker, the `extends`
 * merge and the reference generator, so that each reads the schema the same way.
 */

/** The TypeBox kind: 'Object', 'Record', 'Array', 'Number', 'Integer', 'String', 'Union', 'Literal'. */
export function kindOf(schema: TSchema): string {
  return schema[Kind];
}

export function isOptional(schema: TSchema): boolean {
  return (schema as { [OptionalKind]?: unknown })[OptionalKind] === 'Optional';
}

/** Properties of an Object schema, in order. */
export function propertiesOf(schema: TSchema): [string, TSchema][] {
  return Object.entries((schema.properties ?? {}) as Record<string, TSchema>);
}

/** Keys of which exactly one must be present (a `oneOf` of `required` lists), or []. */
export function alternativesOf(schema: TSchema): string[] {
  const oneOf: unknown = schema.oneOf;
  if (!Array.isArray(oneOf)) return [];
  return oneOf.flatMap((branch: { required?: string[] }) => branch.required ?? []);
}

/**
 * Keys of a mapping that go only with some of its alternatives (`x-only-with`
 * on the key's schema): key -> those alternatives. `capacity.conversion`
 * goes with perWeek, perYear and inflowPlusMargin, not with staff.
 */
export function companionsOf(schema: TSchema): Map<string, readonly string[]> {
  const companions = new Map<string, readonly string[]>();
  for (const [key, property] of propertiesOf(schema)) {
    const onlyWith: unknown = property['x-only-with'];
    if (Array.isArray(onlyWith)) companions.set(key, onlyWith.map(String));
  }
  return companions;
}

/** The value schema of a Record. */
export function recordValueOf(schema: TSchema): TSchema {
  const values = Object.values((schema.patternProperties ?? {}) as Record<string, TSchema>);
  if (values.length !== 1) throw new Error('a Record schema has one value schema');
  return values[0]!;
}

/** The schema of the value under `key` in a mapping schema (Object or Record), if any. */
export function childSchema(schema: TSchema | undefined, key: string): TSchema | undefined {
  if (schema === undefined) return undefined;
  const kind = kindOf(schema);
  if (kind === 'Object') return (schema.properties as Record<string, TSchema>)[key];
  if (kind === 'Record') return recordValueOf(schema);
  return undefined;
}
