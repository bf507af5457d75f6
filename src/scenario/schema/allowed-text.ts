import type { TSchema } from '@sinclair/typebox';
import { alternativesOf, isOptional, kindOf, propertiesOf } from './schema-parts.js';

/**
 * What a schema allows, in plain English, for messages and the reference:
 * `a number in [0, 1]`, `an integer >= 0`, `a date YYYY-MM-DD`,
 * `a mapping with exactly one of: meanPerWeek, weeklyMeans`.
 *
 * @example allowedText(Type.Number({ minimum: 0, maximum: 1 })) // 'a number in [0, 1]'
 */
export function allowedText(schema: TSchema): string {
  switch (kindOf(schema)) {
    case 'Number':
      return `a number${rangeText(schema)}`;
    case 'Integer':
      return `an integer${rangeText(schema)}`;
    case 'String':
      if (schema.format === 'date') return 'a date YYYY-MM-DD';
      return typeof schema.minLength === 'number' && schema.minLength > 0 ? 'non-empty text' : 'text';
    case 'Literal':
      return JSON.stringify(schema.const);
    case 'Union': {
      const branches = schema.anyOf as TSchema[];
      if (branches.every((branch) => kindOf(branch) === 'Literal')) {
        return `one of: ${branches.map((branch) => String(branch.const)).join(', ')}`;
      }
      const texts = branches.map(allowedText);
      return `${texts.slice(0, -1).join(', ')}, or ${texts[texts.length - 1]!}`;
    }
    case 'Array': {
      const least = typeof schema.minItems === 'number' && schema.minItems > 0 ? `at least ${schema.minItems}, ` : '';
      const once = schema.uniqueItems === true ? '; none twice' : '';
      return `a list (${least}each ${allowedText(schema.items as TSchema)}${once})`;
    }
    case 'Record': {
      const least =
        typeof schema.minProperties === 'number' && schema.minProperties > 0
          ? `, at least ${schema.minProperties}`
          : '';
      const title = typeof schema.title === 'string' ? ` of ${schema.title}` : '';
      return `a mapping${title}${least}`;
    }
    case 'Object': {
      const alternatives = alternativesOf(schema);
      if (alternatives.length > 0) return `a mapping with exactly one of: ${alternatives.join(', ')}`;
      const properties = propertiesOf(schema);
      const required = properties.filter(([, property]) => !isOptional(property)).map(([key]) => key);
      const optional = properties.filter(([, property]) => isOptional(property)).map(([key]) => key);
      if (required.length === 0) return `a mapping with any of: ${optional.join(', ')}`;
      return `a mapping with ${required.join(', ')}${optional.length > 0 ? ` (and optionally ${optional.join(', ')})` : ''}`;
    }
    default:
      throw new Error(`no text for schema kind ${kindOf(schema)}`);
  }
}

/** ` in [0, 1]`, ` in [0, 1)`, ` >= 0`, ` > 0`, ` in (0, 1]`, or '' for any finite number. */
function rangeText(schema: TSchema): string {
  const low =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum
        : null;
  const lowOpen = typeof schema.minimum !== 'number' && typeof schema.exclusiveMinimum === 'number';
  const high =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum
        : null;
  const highOpen = typeof schema.maximum !== 'number' && typeof schema.exclusiveMaximum === 'number';
  if (low !== null && high !== null) return ` in ${lowOpen ? '(' : '['}${low}, ${high}${highOpen ? ')' : ']'}`;
  if (low !== null) return ` ${lowOpen ? '>' : '>='} ${low}`;
  if (high !== null) return ` ${highOpen ? '<' : '<='} ${high}`;
  return '';
}
