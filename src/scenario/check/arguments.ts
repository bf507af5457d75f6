/**
 * The checks of the public functions' arguments: each returns the value when
 * it is what the parameter takes, and throws CaseloadArgumentError naming the
 * parameter (or the path to the value inside it: `options.workers`,
 * `scenario.lanes[0].share`), what is wrong and what is allowed. A program
 * that passes `null` for a path, `2.5` for a count or `NaN` for a number
 * learns it at the call, in words, instead of from a TypeError deep inside.
 */
import { dayNumber } from '../../time/weeks.js';
import { CaseloadArgumentError } from '../errors.js';
import { MAX_NESTING } from '../read/nesting.js';
import type { FieldSetting, ScenarioOverrides } from '../resolve/overrides.js';

/**
 * A value as a message shows it: `null`, `undefined`, `"abc"` (cut after 40
 * characters), `NaN`, `2.5`, `true`, `an array of 3`, `a function`, `an object`.
 *
 * @example describeValue([1, 2]) // 'an array of 2'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isPlainObject(value)) return 'an object';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}

/** Throws the error of a parameter. */
export function argumentError(parameter: string, problem: string, allowed: string): never {
  throw new CaseloadArgumentError(parameter, problem, allowed);
}

/** Whether a value is a plain object: `{ ... }` or `Object.create(null)`, not an array, a Date, a Map or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A plain object whose keys are among `keys` (a key holding `undefined`
 * counts as absent); `what` says what it is, e.g. `the options of runScenario`.
 *
 * @example argObject(options, 'options', ['workers', 'deterministic'], 'the options of runScenario')
 */
export function argObject(
  value: unknown,
  parameter: string,
  keys: readonly string[] | null,
  what: string,
): Record<string, unknown> {
  if (!isPlainObject(value)) argumentError(parameter, `must be an object, got ${describeValue(value)}`, what);
  if (keys !== null)
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined && !keys.includes(key))
        argumentError(
          parameter,
          `has an unknown key ${JSON.stringify(key)}`,
          keys.length === 0 ? `${what}, with no keys` : `${what}, with the keys ${keys.join(', ')}`,
        );
    }
  return value;
}

/** A string; with `nonEmpty`, not empty or blank. */
export function argString(value: unknown, parameter: string, allowed: string, nonEmpty = false): string {
  if (typeof value !== 'string') argumentError(parameter, `must be a string, got ${describeValue(value)}`, allowed);
  if (nonEmpty && value.trim() === '') argumentError(parameter, 'must not be empty', allowed);
  return value;
}

/** A string or null. */
export function argStringOrNull(value: unknown, parameter: string, allowed: string): string | null {
  return value === null ? null : argString(value, parameter, `${allowed}, or null`);
}

/** A real date `YYYY-MM-DD`. */
export function argDate(value: unknown, parameter: string): string {
  const allowed = 'a date YYYY-MM-DD';
  const text = argString(value, parameter, allowed);
  if (dayNumber(text) === null) argumentError(parameter, `must be a real date, got ${describeValue(value)}`, allowed);
  return text;
}

/** The range of a number check. `exclusive` makes the minimum or the maximum one the value must not reach. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
}

/** `a number in [0, 1]`, `a number > 0`, `a number`: what a range allows, in words. */
function rangeText(kind: 'a number' | 'an integer', range: NumberRange): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined)
    return `${kind} in ${range.exclusiveMin === true ? '(' : '['}${min}, ${max}${range.exclusiveMax === true ? ')' : ']'}`;
  if (min !== undefined) return `${kind} ${range.exclusiveMin === true ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${range.exclusiveMax === true ? '<' : '<='} ${max}`;
  return kind === 'a number' ? 'a finite number' : 'an integer';
}

/**
 * A finite number within the range.
 *
 * @example argNumber(0.9, 'confidence', { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true })
 */
export function argNumber(value: unknown, parameter: string, range: NumberRange = {}): number {
  return checkedNumber(value, parameter, range, 'a number');
}

/**
 * A whole number within the range.
 *
 * @example argInteger(4, 'options.workers', { min: 1, max: 256 })
 */
export function argInteger(value: unknown, parameter: string, range: NumberRange = {}): number {
  return checkedNumber(value, parameter, range, 'an integer');
}

function checkedNumber(value: unknown, parameter: string, range: NumberRange, kind: 'a number' | 'an integer'): number {
  const allowed = rangeText(kind, range);
  if (typeof value !== 'number') argumentError(parameter, `must be a number, got ${describeValue(value)}`, allowed);
  if (!Number.isFinite(value)) argumentError(parameter, `must be a finite number, got ${value}`, allowed);
  if (kind === 'an integer' && !Number.isInteger(value))
    argumentError(parameter, `must be a whole number, got ${value}`, allowed);
  const { min, max } = range;
  if (min !== undefined && (range.exclusiveMin === true ? !(value > min) : !(value >= min)))
    argumentError(
      parameter,
      `must be ${range.exclusiveMin === true ? 'above' : 'at least'} ${min}, got ${value}`,
      allowed,
    );
  if (max !== undefined && (range.exclusiveMax === true ? !(value < max) : !(value <= max)))
    argumentError(
      parameter,
      `must be ${range.exclusiveMax === true ? 'below' : 'at most'} ${max}, got ${value}`,
      allowed,
    );
  return value;
}

/** A number within the range, or null. */
export function argNumberOrNull(value: unknown, parameter: string, range: NumberRange = {}): number | null {
  return value === null ? null : argNumber(value, parameter, range);
}

/** A boolean. */
export function argBoolean(value: unknown, parameter: string): boolean {
  if (typeof value !== 'boolean')
    argumentError(parameter, `must be true or false, got ${describeValue(value)}`, 'true or false');
  return value;
}

/** A flag of an options object: absent, or true or false. */
export function argFlag(value: unknown, parameter: string): boolean | undefined {
  return optional(value, (given) => argBoolean(given, parameter));
}

/** A function. */
export function argFunction(value: unknown, parameter: string, allowed: string): (...args: never[]) => unknown {
  if (typeof value !== 'function') argumentError(parameter, `must be a function, got ${describeValue(value)}`, allowed);
  return value as (...args: never[]) => unknown;
}

/** An array, with at least `minItems` items (default 0). */
export function argArray(value: unknown, parameter: string, allowed: string, minItems = 0): readonly unknown[] {
  if (!Array.isArray(value)) argumentError(parameter, `must be an array, got ${describeValue(value)}`, allowed);
  if (value.length < minItems)
    argumentError(parameter, `must have at least ${minItems} item${minItems === 1 ? '' : 's'}, got none`, allowed);
  return value;
}

/** One of the given strings. */
export function argOneOf<T extends string>(value: unknown, parameter: string, choices: readonly T[]): T {
  if (!choices.includes(value as T))
    argumentError(
      parameter,
      `must be ${choices.map((choice) => JSON.stringify(choice)).join(' or ')}, got ${describeValue(value)}`,
      `one of ${choices.join(', ')}`,
    );
  return value as T;
}

/** Calls `check` when the value is given (not undefined). */
export function optional<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

/** Most worker threads a run may ask for (the threads started are at most the cores). */
export const MAX_WORKERS = 256;

/** `workers` of a function's options: absent, or a whole number from 1 to 256. */
export function argWorkers(value: unknown, parameter: string): number | undefined {
  return optional(value, (given) => argInteger(given, parameter, { min: 1, max: MAX_WORKERS }));
}

/** A callback of a function's options: absent, or a function. */
export function argCallback(value: unknown, parameter: string): void {
  optional(value, (given) => argFunction(given, parameter, 'a function, or absent'));
}

/** The keys of ScenarioOverrides. */
const OVERRIDE_KEYS = ['horizonWeeks', 'seed', 'replications', 'set', 'uncertainty'] as const;

/**
 * The overrides of loadScenario, resolveScenario and validateScenario, as
 * to their shape: absent or an object of the known keys, `set` a list of
 * `{ path, value, flag? }`, `uncertainty` absent or false. Their values
 * (`replications: 0`, `2.5` or `"abc"`, a `set` of an unknown field) are the
 * loader's to check, as a file's values are: they come back as issues.
 *
 * @example argOverrides({ replications: 100 }, 'overrides')
 */
export function argOverrides(value: unknown, parameter: string): ScenarioOverrides {
  if (value === undefined) return {};
  const what = 'the overrides: an object of horizonWeeks, seed, replications, set and uncertainty, each optional';
  const overrides = argObject(value, parameter, OVERRIDE_KEYS, what);
  if (overrides['uncertainty'] !== undefined && overrides['uncertainty'] !== false)
    argumentError(
      `${parameter}.uncertainty`,
      `must be false or absent, got ${describeValue(overrides['uncertainty'])}`,
      "false to leave out the scenario's uncertainty: block",
    );
  optional(overrides['set'], (set) => {
    for (const [i, setting] of argArray(set, `${parameter}.set`, 'a list of settings { path, value }').entries())
      argSetting(setting, `${parameter}.set[${i}]`);
  });
  return overrides as ScenarioOverrides;
}

function argSetting(value: unknown, parameter: string): FieldSetting {
  const setting = argObject(value, parameter, ['path', 'value', 'flag'], 'a setting { path, value, flag? }');
  argString(setting['path'], `${parameter}.path`, 'a dotted field path, e.g. capacity.perWeek');
  if (!('value' in setting) || setting['value'] === undefined)
    argumentError(`${parameter}.value`, 'is missing', 'the value to set the field to');
  optional(setting['flag'], (flag) => argString(flag, `${parameter}.flag`, 'the name issues give the setting'));
  return setting as unknown as FieldSetting;
}

/**
 * A document given in code, as far as the loader cannot say itself: no
 * object that contains itself within the first MAX_NESTING levels, so that
 * reading it cannot loop. A document nested deeper is the loader's to
 * report (an issue, as for a file), like anything else in it.
 */
export function argDocument(value: unknown, parameter: string): void {
  const allowed = 'a scenario document: parsed JSON or an object literal';
  const walk = (item: unknown, ancestors: object[]): void => {
    if (item === null || typeof item !== 'object') return;
    if (ancestors.includes(item)) argumentError(parameter, 'contains itself', allowed);
    // Deeper than a scenario may nest is an issue of the input (resolveScenario reports it), not of the call.
    if (ancestors.length > MAX_NESTING) return;
    ancestors.push(item);
    for (const child of Array.isArray(item) ? item : Object.values(item)) walk(child, ancestors);
    ancestors.pop();
  };
  walk(value, []);
}
