import type { TSchema } from '@sinclair/typebox';
import { allowedText } from './allowed-text.js';
import { isOptional, kindOf, propertiesOf, recordValueOf } from './schema-parts.js';
import { ScenarioDocumentSchema } from './schema.js';

interface Section {
  readonly path: string;
  readonly schema: TSchema;
  readonly lead: string;
  /** For the fields of a union's mapping shapes: required only within their own shape. */
  readonly requiredWithinShape: boolean;
  /** The default of every field, in words, when the mapping's fields take theirs from elsewhere (a variant: the scenario's); else null. */
  readonly fieldDefault: string | null;
}

/**
 * The tables of `docs/scenarios.md`: every field of the scenario
 * format with its type, unit, default and meaning, one table per mapping
 * (nested mappings right after their parent), generated from the schema so
 * that the reference cannot drift from it.
 *
 * @example referenceTables().startsWith('### Top level') // true
 */
export function referenceTables(): string {
  const documented = new Map<string, string>();
  const render = (section: Section): string => {
    const rows = ['| Field | Type | Unit | Default | Meaning |', '|---|---|---|---|---|'];
    const children: Section[] = [];
    for (const [key, property] of propertiesOf(section.schema)) {
      const field = section.path === '' ? key : `${section.path}.${key}`;
      let type = allowedText(property);
      const nested = nestedSection(property, field);
      if (nested !== null) {
        const shape = JSON.stringify(nested.schema.properties);
        const first = documented.get(shape);
        if (first === undefined) {
          documented.set(shape, nested.path);
          children.push(nested);
          type = `${type}; see \`${nested.path}\``;
        } else {
          type = `${type}; the same fields as \`${first}\``;
        }
      }
      const fallback = section.requiredWithinShape ? 'required in its form' : 'required';
      rows.push(
        `| \`${field}\` | ${cell(type)} | ${cell(unitOf(property))} | ${cell(section.fieldDefault ?? defaultOf(property, fallback))} | ${cell(String(property.description ?? ''))} |`,
      );
    }
    const title = section.path === '' ? 'Top level' : `\`${section.path}\``;
    return [`### ${title}\n\n${section.lead}\n\n${rows.join('\n')}\n`, ...children.map(render)].join('\n');
  };
  return render({
    path: '',
    schema: ScenarioDocumentSchema,
    lead: String(ScenarioDocumentSchema.description),
    requiredWithinShape: false,
    fieldDefault: null,
  });
}

/** The mapping under a field that gets its own table: an Object, the items of a list, the entries of a Record, the mapping shapes of a union. */
function nestedSection(schema: TSchema, field: string): Section | null {
  const description = String(schema.description ?? '');
  switch (kindOf(schema)) {
    case 'Object':
      return { path: field, schema, lead: description, requiredWithinShape: false, fieldDefault: null };
    case 'Array': {
      const items = schema.items as TSchema;
      if (kindOf(items) !== 'Object') return null;
      return {
        path: `${field}[]`,
        schema: items,
        lead: `${String(items.description ?? '')} Each item of \`${field}\`:`,
        requiredWithinShape: false,
        fieldDefault: null,
      };
    }
    case 'Record': {
      const value = recordValueOf(schema);
      if (kindOf(value) === 'Object')
        return {
          path: `${field}.<name>`,
          schema: value,
          lead: String(value.description ?? ''),
          requiredWithinShape: false,
          // A mapping whose fields all default to something outside it (a variant's: the scenario's) says so once.
          fieldDefault: typeof value['x-default'] === 'string' ? value['x-default'] : null,
        };
      if (kindOf(value) !== 'Union') return null;
      const branches = value.anyOf as TSchema[];
      const shapes = branches.filter((branch) => kindOf(branch) === 'Object');
      const merged = {
        ...shapes[0]!,
        properties: Object.assign({}, ...shapes.map((shape) => shape.properties as object)),
      } as TSchema;
      const forms = branches
        .map((branch) => `- ${allowedText(branch)}: ${String(branch.description ?? '')}`)
        .join('\n');
      return {
        path: `${field}.<name>`,
        schema: merged,
        lead: `${description} Each entry takes one of these forms:\n\n${forms}`,
        requiredWithinShape: true,
        fieldDefault: null,
      };
    }
    default:
      return null;
  }
}

function unitOf(schema: TSchema): string {
  const unit: unknown = schema['x-unit'];
  return typeof unit === 'string' ? unit : '';
}

function defaultOf(schema: TSchema, required: string): string {
  if (!isOptional(schema)) return required;
  const text: unknown = schema['x-default'];
  if (typeof text === 'string') return text;
  const value: unknown = schema.default;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e6)
    return `\`${value.toExponential().replace('e+', 'e')}\``;
  if (value !== undefined) return `\`${JSON.stringify(value)}\``;
  return 'none';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
