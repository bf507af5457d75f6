import type { TSchema } from '@sinclair/typebox';
import { allowedText } from '../schema/allowed-text.js';
import { DATE_RANGE, dayNumber, FIRST_DATE, inDateRange } from '../../time/weeks.js';
import { didYouMean } from './did-you-mean.js';
import type { InputIssue } from '../errors.js';
import { alternativesOf, isOptional, kindOf, propertiesOf, recordValueOf } from '../schema/schema-parts.js';
import { describeNode, fieldName, issueAtOrigin } from '../read/source-node.js';
import type { FieldPath, Origin, SourceNode } from '../read/source-node.js';

/** Every problem the schema finds, and the paths they are at (for the cross-field checks to skip). */
export interface SchemaCheck {
  readonly issues: InputIssue[];
  readonly flagged: FieldPath[];
}

/**
 * Checks a document against a TypeBox schema, collecting every problem with
 * its position and a plain-English message: wrong types, ranges, NaN and
 * infinities, whole numbers, dates that do not exist or are before 1900
 * (values, and the keys of a dated schedule), missing and unknown keys (with a suggestion), and
 * mappings that need exactly one of some keys.
 *
 * @example checkSchema(ScenarioDocumentSchema, root, 'scenarios/x.yaml').issues
 */
export function checkSchema(schema: TSchema, node: SourceNode, scenarioFile: string): SchemaCheck {
  const result: SchemaCheck = { issues: [], flagged: [] };
  const report = (at: Origin, path: FieldPath, problem: string, allowed: string | null, flagPath: FieldPath = path) => {
    result.issues.push(issueAtOrigin(at, scenarioFile, fieldName(path), problem, allowed));
    result.flagged.push(flagPath);
  };

  const wrongType = (schema: TSchema, node: SourceNode, path: FieldPath) => {
    if (path.length === 0) {
      report(node.at, path, `the scenario must be a mapping of fields (name: value), got ${describeNode(node)}`, null);
      return;
    }
    const got = describeNode(node);
    const kind = kindOf(schema);
    if (kind === 'String' && schema.format !== 'date' && node.kind === 'scalar' && node.text !== null) {
      report(node.at, path, `must be text, got ${got}`, `put it in quotes: "${node.text}"`);
      return;
    }
    report(node.at, path, `must be ${typeNoun(schema)}, got ${got}`, allowedText(schema));
  };

  const check = (schema: TSchema, node: SourceNode, path: FieldPath): void => {
    switch (kindOf(schema)) {
      case 'Object':
        checkObject(schema, node, path);
        return;
      case 'Record':
        checkRecord(schema, node, path);
        return;
      case 'Array':
        if (node.kind !== 'seq') {
          wrongType(schema, node, path);
          return;
        }
        if (typeof schema.minItems === 'number' && node.items.length < schema.minItems) {
          report(
            node.at,
            path,
            node.items.length === 0 ? 'is empty' : `has ${node.items.length} items`,
            allowedText(schema),
          );
        }
        node.items.forEach((item, index) => {
          check(schema.items as TSchema, item, [...path, index]);
          if (schema.uniqueItems === true && item.kind === 'scalar') {
            const first = node.items.findIndex((other) => other.kind === 'scalar' && other.value === item.value);
            if (first < index)
              report(
                item.at,
                [...path, index],
                `${describeNode(item)} is listed twice (also as ${fieldName([...path, first])})`,
                'each value once',
              );
          }
        });
        return;
      case 'Number':
      case 'Integer':
        checkNumber(schema, node, path);
        return;
      case 'String':
        checkString(schema, node, path);
        return;
      case 'Union':
        checkUnion(schema, node, path);
        return;
      case 'Literal':
        if (node.kind !== 'scalar' || node.value !== schema.const) {
          report(node.at, path, `must be ${JSON.stringify(schema.const)}, got ${describeNode(node)}`, null);
        }
        return;
      default:
        throw new Error(`checkSchema: unsupported schema kind ${kindOf(schema)}`);
    }
  };

  const checkObject = (schema: TSchema, node: SourceNode, path: FieldPath) => {
    if (node.kind !== 'map') return wrongType(schema, node, path);
    const properties = propertiesOf(schema);
    const known = properties.map(([key]) => key);
    for (const [key, entry] of node.entries) {
      const property = properties.find(([name]) => name === key)?.[1];
      if (property === undefined) {
        const suggestion = didYouMean(key, known);
        const allowed = suggestion === null ? `known keys: ${known.join(', ')}` : `did you mean "${suggestion}"?`;
        report(entry.keyAt, path, `unknown key "${key}"`, allowed, [...path, key]);
      } else {
        check(property, entry.value, [...path, key]);
      }
    }
    for (const [key, property] of properties) {
      if (!isOptional(property) && !node.entries.has(key))
        report(node.at, [...path, key], 'is missing', allowedText(property));
    }
    const alternatives = alternativesOf(schema);
    if (alternatives.length > 0) {
      const present = [...node.entries.keys()].filter((key) => alternatives.includes(key));
      if (present.length === 0) {
        report(node.at, path, `needs one of ${alternatives.join(', ')}`, 'exactly one of them');
      } else if (present.length > 1) {
        const second = node.entries.get(present[1]!)!;
        report(
          second.keyAt,
          path,
          `has both ${present.map((key) => `"${key}"`).join(' and ')}`,
          `exactly one of: ${alternatives.join(', ')}`,
        );
      }
    }
  };

  const checkRecord = (schema: TSchema, node: SourceNode, path: FieldPath) => {
    if (node.kind !== 'map') return wrongType(schema, node, path);
    if (typeof schema.minProperties === 'number' && node.entries.size < schema.minProperties) {
      report(
        node.at,
        path,
        node.entries.size === 0 ? 'is empty' : `has ${node.entries.size} entries`,
        allowedText(schema),
      );
    }
    const names = schema.propertyNames as { pattern?: string; format?: string; description?: string } | undefined;
    const pattern = names?.pattern === undefined ? null : new RegExp(names.pattern, 'u');
    const value = recordValueOf(schema);
    for (const [key, entry] of node.entries) {
      if (pattern !== null && !pattern.test(key)) {
        report(entry.keyAt, [...path, key], `"${key}" cannot be used as a key here`, names?.description ?? null);
      } else if (names?.format === 'date' && dayNumber(key) === null) {
        // Written like a date but not one (2024-13-01, 2024-02-30): a schedule would read it as week 0.
        report(entry.keyAt, [...path, key], `"${key}" is not a date in the calendar`, names.description ?? null);
      } else if (names?.format === 'date' && !inDateRange(dayNumber(key)!)) {
        report(entry.keyAt, [...path, key], `"${key}" is before ${FIRST_DATE}`, DATE_RANGE);
      }
      check(value, entry.value, [...path, key]);
    }
  };

  const checkNumber = (schema: TSchema, node: SourceNode, path: FieldPath) => {
    if (node.kind !== 'scalar' || typeof node.value !== 'number') return wrongType(schema, node, path);
    const value = node.value;
    const got = describeNode(node);
    const allowed = allowedText(schema);
    if (Number.isNaN(value)) return report(node.at, path, `must be a number, got ${got}`, allowed);
    if (!Number.isFinite(value)) return report(node.at, path, `must be finite, got ${got}`, allowed);
    if (kindOf(schema) === 'Integer' && !Number.isInteger(value))
      return report(node.at, path, `must be a whole number, got ${got}`, allowed);
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      const problem = schema.minimum === 0 ? 'must not be negative' : `must be at least ${schema.minimum}`;
      return report(node.at, path, `${problem}, got ${got}`, allowed);
    }
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
      return report(node.at, path, `must be greater than ${schema.exclusiveMinimum}, got ${got}`, allowed);
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      return report(node.at, path, `must be at most ${schema.maximum}, got ${got}`, allowed);
    }
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
      return report(node.at, path, `must be below ${schema.exclusiveMaximum}, got ${got}`, allowed);
    }
    // Whole numbers beyond 2^53 are not exact in a double: a count that large is a typo, and it would break the simulation.
    if (kindOf(schema) === 'Integer' && !Number.isSafeInteger(value)) {
      return report(
        node.at,
        path,
        `is too large to count exactly: must be at most 2^53 - 1 = ${Number.MAX_SAFE_INTEGER}, got ${got}`,
        allowed,
      );
    }
  };

  const checkString = (schema: TSchema, node: SourceNode, path: FieldPath) => {
    if (node.kind !== 'scalar' || typeof node.value !== 'string') return wrongType(schema, node, path);
    const value = node.value;
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
      return report(node.at, path, 'must not be empty', allowedText(schema));
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      return report(node.at, path, `must be ${typeNoun(schema)}, got ${describeNode(node)}`, allowedText(schema));
    }
    if (schema.format === 'date' && dayNumber(value) === null) {
      return report(node.at, path, `${describeNode(node)} is not a date in the calendar`, allowedText(schema));
    }
    // Four digits keep a year below 10000; one before 1900 is a typo (0204 for 2024), and week labels and charts would not cope.
    if (schema.format === 'date' && !inDateRange(dayNumber(value)!)) {
      return report(node.at, path, `${describeNode(node)} is before ${FIRST_DATE}`, DATE_RANGE);
    }
  };

  const checkUnion = (schema: TSchema, node: SourceNode, path: FieldPath) => {
    const branches = schema.anyOf as TSchema[];
    if (branches.every((branch) => kindOf(branch) === 'Literal')) {
      if (node.kind !== 'scalar' || !branches.some((branch) => branch.const === node.value)) {
        const options = branches.map((branch) => JSON.stringify(branch.const));
        const words = branches.flatMap((branch) => (typeof branch.const === 'string' ? [branch.const] : []));
        const guess = node.kind === 'scalar' && typeof node.value === 'string' ? didYouMean(node.value, words) : null;
        report(
          node.at,
          path,
          `must be ${options.slice(0, -1).join(', ')} or ${options[options.length - 1]!}, got ${describeNode(node)}`,
          guess === null ? null : `did you mean "${guess}"?`,
        );
      }
      return;
    }
    const candidates = branches.filter((branch) => fits(branch, node));
    if (candidates.length === 0) {
      report(
        node.at,
        path,
        `must be ${[...new Set(branches.map(typeNoun))].join(' or ')}, got ${describeNode(node)}`,
        allowedText(schema),
      );
      return;
    }
    if (candidates.length === 1 || node.kind !== 'map') return check(candidates[0]!, node, path);
    // Several mapping shapes: the one whose keys the mapping uses.
    const score = (branch: TSchema) => propertiesOf(branch).filter(([key]) => node.entries.has(key)).length;
    const best = Math.max(...candidates.map(score));
    const chosen = candidates.filter((branch) => score(branch) === best);
    if (best > 0 && chosen.length === 1) return check(chosen[0]!, node, path);
    const keys = candidates.flatMap((branch) =>
      propertiesOf(branch)
        .filter(([, p]) => !isOptional(p))
        .map(([key]) => key),
    );
    const problem =
      best === 0
        ? `needs one of the keys ${keys.join(', ')}`
        : `mixes the keys ${keys.filter((key) => node.entries.has(key)).join(' and ')}`;
    report(node.at, path, problem, allowedText(schema));
  };

  check(schema, node, []);
  return result;
}

/** The kind of value a schema wants, after "must be". */
function typeNoun(schema: TSchema): string {
  switch (kindOf(schema)) {
    case 'Object':
    case 'Record':
      return 'a mapping';
    case 'Array':
      return 'a list';
    case 'Number':
      return 'a number';
    case 'Integer':
      return 'a whole number';
    case 'String':
      return schema.format === 'date' ? 'a date' : 'text';
    case 'Literal':
      return JSON.stringify(schema.const);
    default:
      return 'a value';
  }
}

/** Whether a node has the JSON type a union branch wants (its details are checked after). */
function fits(branch: TSchema, node: SourceNode): boolean {
  switch (kindOf(branch)) {
    case 'Object':
    case 'Record':
      return node.kind === 'map';
    case 'Array':
      return node.kind === 'seq';
    case 'Number':
    case 'Integer':
      return node.kind === 'scalar' && typeof node.value === 'number';
    case 'String':
      return node.kind === 'scalar' && typeof node.value === 'string';
    case 'Literal':
      return node.kind === 'scalar' && node.value === branch.const;
    default:
      return false;
  }
}
