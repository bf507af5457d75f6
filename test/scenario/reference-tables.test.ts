import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/schema/json-schema.js';
import { referenceTables } from '../../src/scenario/schema/reference-tables.js';
import { ScenarioDocumentSchema } from '../../src/scenario/schema/schema.js';
import { scenarioField } from '../../src/scenario/schema/scenario-field.js';

/** The tables of the reference by their heading: the field paths of their rows. */
function tables(): Map<string, string[]> {
  const byHeading = new Map<string, string[]>();
  let heading = '';
  for (const line of referenceTables().split('\n')) {
    if (line.startsWith('### ')) {
      heading = line.slice(4);
      byHeading.set(heading, []);
    } else if (line.startsWith('| `')) byHeading.get(heading)!.push(line.slice(3, line.indexOf('`', 3)));
  }
  return byHeading;
}

const TOP_LEVEL = Object.keys(ScenarioDocumentSchema.properties);

describe('the field reference (npm run schema)', () => {
  it('has no empty table', () => {
    const empty = [...tables()].filter(([, rows]) => rows.length === 0).map(([heading]) => heading);
    expect(empty).toEqual([]);
  });

  it('lists what a variant may set: every top-level field but extends and variants, defaulting to the scenario', () => {
    const rows = tables().get('`variants.<name>`');
    expect(rows).toEqual(
      TOP_LEVEL.filter((key) => key !== 'extends' && key !== 'variants').map((key) => `variants.<name>.${key}`),
    );
    const text = referenceTables();
    expect(text).toContain(
      "| `variants.<name>.capacity` | a mapping with exactly one of: perWeek, perYear, inflowPlusMargin, staff; the same fields as `capacity` |  | the scenario's value |",
    );
  });

  it("scenarios/schema.json checks a variant's fields, nothing in them required", () => {
    const schema = scenarioJsonSchema() as {
      definitions: Record<string, { properties: Record<string, unknown>; required?: unknown }>;
    };
    const variant = schema.definitions.variant!;
    expect(Object.keys(variant.properties)).toEqual(TOP_LEVEL.filter((k) => k !== 'extends' && k !== 'variants'));
    expect(variant.required).toBeUndefined();
    expect(variant.properties.capacity).toEqual({ $ref: '#/definitions/partial/properties/capacity' });
    const variants = schema.definitions.complete!.properties.variants as { patternProperties: object };
    expect(Object.values(variants.patternProperties)).toEqual([{ $ref: '#/definitions/variant' }]);
  });

  it('a field inside variants is not a field a setting or lever can set: the variant is merged before any setting', () => {
    const field = scenarioField('variants.fast.capacity.perWeek', ['regular']);
    expect(field.ok).toBe(false);
    if (field.ok) return;
    expect(field.problem.field).toBe('variants');
    expect(field.problem.allowed).toContain('file.yaml#name');
  });
});
