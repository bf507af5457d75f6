import type { Checked, InputIssue } from '../scenario/errors.js';
import { argSweepSettings } from './experiment-arguments.js';
import { parameterIssue } from '../scenario/errors.js';
import { groupedNumber, plainNumber, scenarioField } from '../scenario/index.js';
import type { FieldSetting, ScenarioField } from '../scenario/index.js';

/** Most combinations one sweep may run. */
export const MAX_SWEEP_COMBINATIONS = 10_000;

/** One value a swept field takes: a number, or text such as `hours` or a date. */
export type SweepValue = number | string;

/** One setting `path=values` of the parameter `set`: the field, its values in order, and the setting as given. */
export interface SweepParameter {
  /** Dotted path in the scenario format, e.g. `capacity.perWeek`. */
  readonly path: string;
  readonly values: readonly SweepValue[];
  /** `set <the setting as given>`, named by the loader's issues about these values (the CLI shows `--set ...`). */
  readonly flag: string;
}

/** The parameters of a sweep and the number of combinations (the product of their value counts). */
export interface SweepGrid {
  readonly parameters: readonly SweepParameter[];
  readonly size: number;
}

/** Fields a sweep may not set: every combination runs with the same seed and replications. */
const RESERVED: Readonly<Record<string, string>> = { seed: 'seed', replications: 'replications' };

const SYNTAX = 'a list 20,25,30, a range from..to:step such as 28..40:2, or both: 1,5..9:2';
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const TEXT = /^(?:[A-Za-z_][\w.-]*|\d{4}-\d{2}-\d{2})$/;
const RANGE = /^(.*?)\.\.(.*?)(?::(.*))?$/s;

/**
 * Parses the settings `path=values` (the CLI's --set flags) into a sweep grid, reporting every problem
 * at once: a missing `=`, an empty path or list, a bad range (empty, step not
 * positive), a part that is not a number, NaN or Infinity, a list mixing
 * numbers and text, a path set twice, and a grid of more than 10,000
 * combinations. Values: a comma list, a range `from..to:step` (step 1 by
 * default; `to` included when it falls on the grid; each value is
 * `from + i x step` rounded to the decimals of `from` and `step`, so 0.1 steps
 * do not accumulate error), or both mixed. Text values (starting with a
 * letter, or a date YYYY-MM-DD) are passed on as text. Throws
 * CaseloadArgumentError when `settings` is not a list of strings.
 *
 * @example parseSweepGrid(['capacity.perWeek=28..32:2', 'inflow.meanPerWeek=20,25'])
 * // { ok: true, value: { size: 6, parameters: [{ path: 'capacity.perWeek', values: [28, 30, 32], ... }, ...] } }
 */
export function parseSweepGrid(settings: readonly string[]): Checked<SweepGrid> {
  argSweepSettings(settings);
  const issues: InputIssue[] = [];
  if (settings.length === 0) {
    return {
      ok: false,
      issues: [
        parameterIssue(
          'set',
          '',
          'is missing: name at least one field to sweep',
          'e.g. `set capacity.perWeek=28..40:2`',
        ),
      ],
    };
  }
  const parameters: SweepParameter[] = [];
  const firstFlag = new Map<string, string>();
  for (const raw of settings) {
    const flag = `set ${raw}`;
    const before = issues.length;
    const parameter = parseParameter(raw, flag, issues);
    if (parameter === null || issues.length > before) continue;
    const earlier = firstFlag.get(parameter.path);
    if (earlier !== undefined) {
      issues.push(
        parameterIssue(
          flag,
          '',
          `sets ${parameter.path} again (\`${earlier}\` sets it already)`,
          'each path once, with all its values',
        ),
      );
      continue;
    }
    firstFlag.set(parameter.path, flag);
    parameters.push(parameter);
  }
  if (issues.length > 0) return { ok: false, issues };
  const size = parameters.reduce((product, p) => product * p.values.length, 1);
  if (size > MAX_SWEEP_COMBINATIONS) {
    const counts = parameters.map((p) => p.values.length).join(' x ');
    return {
      ok: false,
      issues: [
        parameterIssue(
          'set',
          '',
          `the grid has ${size.toLocaleString('en-US')} combinations (${counts} values), more than ${MAX_SWEEP_COMBINATIONS.toLocaleString('en-US')}`,
          'at most 10,000: fewer values or a coarser step',
        ),
      ],
    };
  }
  return { ok: true, value: { parameters, size } };
}

/**
 * Every combination of the grid's values as field settings, in the order the
 * parameters were given with the last one varying fastest.
 *
 * @example sweepCombinations(grid).map((c) => c.map((s) => s.value)) // [[28, 20], [28, 25], [30, 20], ...]
 */
export function sweepCombinations(grid: SweepGrid): FieldSetting[][] {
  const { parameters } = grid;
  const combinations: FieldSetting[][] = [];
  if (parameters.some((p) => p.values.length === 0)) return combinations;
  const index = parameters.map(() => 0);
  for (;;) {
    combinations.push(parameters.map((p, i) => ({ path: p.path, value: p.values[index[i]!]!, flag: p.flag })));
    let i = parameters.length - 1;
    while (i >= 0 && ++index[i]! === parameters[i]!.values.length) index[i--] = 0;
    if (i < 0) return combinations;
  }
}

function parseParameter(raw: string, flag: string, issues: InputIssue[]): SweepParameter | null {
  const equals = raw.indexOf('=');
  if (equals < 0) {
    issues.push(
      parameterIssue(
        flag,
        '',
        'has no "=": write the field\'s path, "=" and its values',
        'e.g. `set capacity.perWeek=28..40:2`',
      ),
    );
    return null;
  }
  const path = raw.slice(0, equals).trim();
  const list = raw.slice(equals + 1).trim();
  if (path === '') {
    issues.push(parameterIssue(flag, '', 'names no field before "="', 'a dotted path such as capacity.perWeek'));
  } else if (path.split('.').some((key) => key.trim() === '')) {
    issues.push(
      parameterIssue(
        flag,
        '',
        `the path "${path}" has an empty part`,
        'a dotted path such as lanes.regular.minWaitWeeks',
      ),
    );
  } else if (RESERVED[path] !== undefined) {
    issues.push(
      parameterIssue(
        flag,
        '',
        `cannot sweep ${path}: every combination runs with the same ${path}`,
        `use \`${RESERVED[path]}\``,
      ),
    );
  }
  if (list === '') {
    issues.push(parameterIssue(flag, '', 'gives no values after "="', SYNTAX));
    return null;
  }
  const field = numberField(path);
  const oneNumber = field === null ? null : asOneNumber(path, list, field);
  if (oneNumber !== null) {
    issues.push(parameterIssue(flag, '', oneNumber.problem, oneNumber.allowed));
    return null;
  }
  const values: SweepValue[] = [];
  let numbers = 0;
  const texts: string[] = [];
  for (const part of list.split(',').map((p) => p.trim())) {
    if (part === '') {
      issues.push(parameterIssue(flag, '', 'has an empty value between commas', SYNTAX));
    } else if (part.includes('..')) {
      values.push(...parseRange(part, flag, issues));
      numbers++;
    } else if (field?.thousands === true && part.includes('.') && groupedNumber(part) !== null) {
      const meant = groupedNumber(part)!;
      issues.push(
        parameterIssue(
          flag,
          '',
          `"${part}" looks like ${plainNumber(meant)} written with a group separator (a dot is a decimal point)`,
          `write ${meant}${field.integer ? '' : `, or ${Number(part)} for ${plainNumber(Number(part))}`}`,
        ),
      );
    } else if (NUMBER.test(part) || NOT_FINITE.test(part)) {
      const value = finiteNumber(part, part, flag, issues);
      if (value !== null) values.push(value);
      numbers++;
    } else if (/^[^:]*:[^:]*$/.test(part) && NUMBER.test(part.split(':')[0]!.trim())) {
      issues.push(parameterIssue(flag, '', `"${part}" has a step but no range`, 'from..to:step, e.g. 28..40:2'));
    } else if (TEXT.test(part)) {
      values.push(part);
      texts.push(part);
    } else {
      issues.push(parameterIssue(flag, '', `"${part}" is not a number`, SYNTAX));
    }
    if (values.length > MAX_SWEEP_COMBINATIONS) {
      issues.push(
        parameterIssue(
          flag,
          '',
          `gives more than ${MAX_SWEEP_COMBINATIONS.toLocaleString('en-US')} values`,
          'at most 10,000 combinations in all: fewer values or a coarser step',
        ),
      );
      return null;
    }
  }
  if (numbers > 0 && texts.length > 0) {
    issues.push(
      parameterIssue(
        flag,
        '',
        `mixes numbers and text (${texts.map((t) => `"${t}"`).join(', ')})`,
        'all numbers, or all text such as decisions,hours',
      ),
    );
  }
  return { path, values, flag };
}

/** The number field a path names, when it names one (with any lane name); null otherwise, for the loader to report. */
function numberField(path: string): NumberField | null {
  const keys = path.split('.');
  const lanes = keys.flatMap((key, i) => (keys[i - 1] === 'lanes' ? [key] : []));
  const field = scenarioField(path, lanes);
  return field.ok ? field.value.number : null;
}

type NumberField = NonNullable<ScenarioField['number']>;

/**
 * A list of values that reads more naturally as one number written the Dutch
 * (or English) way, so that splitting it at its commas would sweep values the
 * user never meant: `27,5` (27.5 with a decimal comma) or `1,300` (1300 with a
 * group separator). docs/cli.md (sweep) states the rule: two whole numbers
 * `a,b` with no space, in a field that takes fractions, with a.b within the
 * field's range, are refused when b has one digit or starts with 0, a is 0, or
 * b is not above a; whole numbers grouped in threes after one to three digits
 * (`1,300`, `1,000,000`) are refused when that number is within the field's
 * range. A space after a comma (`27, 5`) always separates values.
 */
function asOneNumber(path: string, list: string, field: NumberField): { problem: string; allowed: string } | null {
  const within = (value: number) =>
    (field.minimumExclusive ? value > field.minimum : value >= field.minimum) && value <= field.maximum;
  const pair = /^(\d+),(\d+)$/.exec(list);
  if (pair !== null && !field.integer) {
    const [a, b] = [pair[1]!, pair[2]!];
    const decimal = Number(`${a}.${b}`);
    const odd = b.length === 1 || b.startsWith('0') || Number(a) === 0 || Number(b) <= Number(a);
    if (odd && within(decimal))
      return {
        problem: `"${list}" reads as ${plainNumber(decimal)} written with a decimal comma; a comma separates values here`,
        allowed: `write ${decimal} for one value; for the two values ${a} and ${b}, put a space after the comma: "${path}=${a}, ${b}"`,
      };
  }
  const grouped = groupedNumber(list);
  if (grouped !== null && list.includes(',') && within(grouped)) {
    const values = list.split(',');
    return {
      problem: `"${list}" reads as ${plainNumber(grouped)} written with a group separator; a comma separates values here`,
      allowed: `write ${grouped} for one value; for the values ${values.join(' and ')}, put a space after each comma: "${path}=${values.join(', ')}"`,
    };
  }
  return null;
}

/** `from..to` or `from..to:step` into its values; issues for bad parts, an empty range or a step <= 0. */
function parseRange(part: string, flag: string, issues: InputIssue[]): number[] {
  const match = RANGE.exec(part)!;
  const [fromText, toText] = [match[1]!.trim(), match[2]!.trim()];
  const stepText = match[3] === undefined ? '1' : match[3].trim();
  const missing = [
    fromText === '' ? 'start' : '',
    toText === '' ? 'end' : '',
    stepText === '' ? 'step after ":"' : '',
  ].filter((m) => m !== '');
  if (missing.length > 0) {
    issues.push(
      parameterIssue(
        flag,
        '',
        `the range ${part} has no ${missing.join(' and no ')}`,
        'from..to or from..to:step, e.g. 28..40:2',
      ),
    );
    return [];
  }
  const from = finiteNumber(fromText, part, flag, issues);
  const to = finiteNumber(toText, part, flag, issues);
  const step = finiteNumber(stepText, part, flag, issues);
  if (from === null || to === null || step === null) return [];
  if (step <= 0) {
    issues.push(
      parameterIssue(flag, '', `the step of ${part} must be positive, got ${stepText}`, 'from..to:step with step > 0'),
    );
    return [];
  }
  if (from > to) {
    issues.push(
      parameterIssue(
        flag,
        '',
        `the range ${part} is empty: ${fromText} is greater than ${toText}`,
        'from..to:step with from <= to',
      ),
    );
    return [];
  }
  // The tolerance keeps `to` when it is on the grid but (to - from) / step lands just below a whole number.
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_COMBINATIONS) {
    issues.push(
      parameterIssue(
        flag,
        '',
        `the range ${part} has ${count.toLocaleString('en-US')} values`,
        'at most 10,000 combinations in all: fewer values or a coarser step',
      ),
    );
    return [];
  }
  const decimals = Math.min(20, Math.max(decimalsOf(fromText), decimalsOf(stepText)));
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(Number((from + i * step).toFixed(decimals)) + 0);
  return values;
}

/** A finite number from `text`, or an issue naming the part it came from. */
function finiteNumber(text: string, part: string, flag: string, issues: InputIssue[]): number | null {
  const where = text === part ? `"${text}"` : `"${text}" in ${part}`;
  if (NOT_FINITE.test(text)) {
    issues.push(parameterIssue(flag, '', `${where} is not a finite number`, 'finite numbers'));
    return null;
  }
  if (!NUMBER.test(text)) {
    issues.push(parameterIssue(flag, '', `${where} is not a number`, SYNTAX));
    return null;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    issues.push(parameterIssue(flag, '', `${where} is too large to be a finite number`, 'finite numbers'));
    return null;
  }
  return value;
}

/** Decimals a number written as `text` has: `0.25` 2, `1e-3` 3, `28` 0. */
function decimalsOf(text: string): number {
  const match = /^[+-]?\d*(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return 0;
  return Math.max(0, (match[1] ?? '').length - Number(match[2] ?? 0));
}
