import { ScenarioDocumentSchema } from './schema.js';

/**
 * `scenarios/schema.json`: the scenario schema as JSON Schema (draft-07) for
 * editors. A file with `extends` only states what differs from its base, so
 * it is checked against a partial variant in which nothing is required.
 *
 * @example writeFileSync('scenarios/schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n')
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const complete = JSON.parse(JSON.stringify(ScenarioDocumentSchema)) as Record<string, unknown>;
  const { title, description, ...body } = complete;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    description,
    definitions: { complete: body, partial: partial(body) },
    if: { type: 'object', required: ['extends'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keywords, not a thenable
    then: { $ref: '#/definitions/partial' },
    else: { $ref: '#/definitions/complete' },
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
