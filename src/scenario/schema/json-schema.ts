import { ScenarioDocumentSchema } from './schema.js';

/**
 * `scenarios/schema.json`: the scenario schema as JSON Schema (draft-07) for
 * editors. A file with `extends` only states what differs from its base, so
 * it is checked against a partial variant in which nothing is required; so
 * is each of a file's `variants` (without `extends` and `variants` of its
 * own), by a reference to one definition rather than a copy per use.
 *
 * @example writeFileSync('scenarios/schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n')
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const complete = JSON.parse(JSON.stringify(ScenarioDocumentSchema)) as Record<string, unknown>;
  const properties = complete.properties as Record<string, Record<string, unknown>>;
  const variants = properties.variants!;
  const variant = variants.patternProperties as Record<string, Record<string, unknown>>;
  const [pattern, schema] = Object.entries(variant)[0]!;
  variants.patternProperties = { [pattern]: { $ref: '#/definitions/variant' } };
  const { title, description, ...body } = complete;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    description,
    definitions: { complete: body, partial: partial(body), variant: variantDefinition(schema) },
    if: { type: 'object', required: ['extends'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keywords, not a thenable
    then: { $ref: '#/definitions/partial' },
    else: { $ref: '#/definitions/complete' },
  };
}

/** A variant's schema whose fields refer to those of the partial definition: the same checks, stated once. */
function variantDefinition(schema: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.keys(schema.properties as Record<string, unknown>);
  const { properties: _, ...rest } = partial(schema) as Record<string, unknown>;
  return {
    ...rest,
    properties: Object.fromEntries(fields.map((key) => [key, { $ref: `#/definitions/partial/properties/${key}` }])),
  };
}

/** The schema without anything that makes a key necessary: required lists, exactly-one-of, minimum sizes. */
function partial(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(partial);
  if (schema === null || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema).filter(
    ([key]) => key !== 'required' && key !== 'oneOf' && key !== 'minProperties',
  );
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      key === 'properties' || key === 'patternProperties' ? mapValues(value) : partial(value),
    ]),
  );
}

function mapValues(value: unknown): unknown {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, partial(item)]),
  );
}
