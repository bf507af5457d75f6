/**
 * Problems a user can cause (a bad scenario file, a bad CSV, a bad flag) are
 * values, not exceptions: an `InputIssue` says where, which field, what is
 * wrong and what is allowed. The CLI prints them and exits with code 2.
 */
export interface InputIssue {
  /** File the problem is in, or the parameter of a library function (e.g. `confidence`; see ParameterIssue). */
  readonly file: string;
  /** 1-based line and column where known. */
  readonly line: number | null;
  readonly column: number | null;
  /** Dotted path of the field, e.g. `lanes.regular.share`; empty for the whole document. */
  readonly field: string;
  /** What is wrong, e.g. `must be a number, got "abc"`. */
  readonly problem: string;
  /** What is allowed, e.g. `a number in [0, 1]`; null when it goes without saying. */
  readonly allowed: string | null;
}

/** A result that is either a value or every problem found with the input. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * A library function was called with an argument it cannot take: not of its
 * type (`loadScenario(null)`), out of its range (`replications: 2.5`, `workers:
 * -1`), or a scenario, plan or result not made by caseload that breaks its
 * rules (a `Scenario` built by hand with `horizonWeeks: 0`). A mistake in the
 * calling program, not in the input: functions that return a `Checked` still
 * report a bad value of the input (a scenario file, an override, `confidence:
 * 2`) as an issue. The message is `parameter: problem (allowed)`.
 *
 * @example new CaseloadArgumentError('options.workers', 'must be a whole number, got -1', 'an integer from 1 to 256')
 */
export class CaseloadArgumentError extends Error {
  /** The parameter, or the path to the value inside it: `path`, `options.workers`, `scenario.lanes[0].share`. */
  readonly parameter: string;
  /** What is wrong with the value, e.g. `must be a string, got null`. */
  readonly problem: string;
  /** What the parameter takes, e.g. `an integer from 1 to 256`. */
  readonly allowed: string;
  constructor(parameter: string, problem: string, allowed: string) {
    super(`${parameter}: ${problem} (${allowed})`);
    this.name = 'CaseloadArgumentError';
    this.parameter = parameter;
    this.problem = problem;
    this.allowed = allowed;
  }
}

/**
 * One issue per line: `file:line:col: field: problem (allowed)`. A line break
 * in any part (a quoted CSV field, a key written in quotes) is shown as `\n`,
 * so that an issue never spills onto a second line, and any other control
 * character as `printable` shows it. Throws CaseloadArgumentError when
 * `issue` is not an InputIssue.
 */
export function formatIssue(issue: InputIssue): string {
  checkIssue(issue, 'issue');
  return printable(formatParts(issue));
}

/**
 * Control characters (C0, DEL and C1: an escape that colours the terminal or
 * moves its cursor, a bell, a carriage return that writes over the line) and
 * the marks that reorder text (U+061C, U+200E, U+200F, U+202A to U+202E,
 * U+2066 to U+2069).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** How `printable` writes the common ones; any other as `\uXXXX`. */
const SHOWN: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a scenario or a data file (a name, a label, a key, a source) as a
 * terminal should show it: its control characters and the marks that reorder
 * text written out, a line break as `\n` and an escape as `\u001b`, as JSON
 * writes them, so that the text cannot change anything else the terminal
 * shows. Everything else is unchanged; text already printable comes back as it is.
 *
 * @example printable('Plan \u001b[31mA') // 'Plan \\u001b[31mA'
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => SHOWN[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `printable` for text made of lines (the output of a command): its line
 * breaks stay, every other control character is written out.
 *
 * @example printableLines('Plan\nweek \u0007') // 'Plan\nweek \\u0007'
 */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/**
 * Throws CaseloadArgumentError unless `value` is an InputIssue: `file`,
 * `field` and `problem` strings, `line` and `column` whole numbers or null,
 * `allowed` a string or null.
 */
function checkIssue(value: unknown, parameter: string): asserts value is InputIssue {
  const allowed = 'an InputIssue { file, line, column, field, problem, allowed }';
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new CaseloadArgumentError(parameter, `must be an object, got ${shown(value)}`, allowed);
  const issue = value as Record<string, unknown>;
  for (const key of ['file', 'field', 'problem'])
    if (typeof issue[key] !== 'string')
      throw new CaseloadArgumentError(`${parameter}.${key}`, `must be a string, got ${shown(issue[key])}`, allowed);
  for (const key of ['line', 'column'])
    if (issue[key] !== null && !(Number.isSafeInteger(issue[key]) && (issue[key] as number) >= 0))
      throw new CaseloadArgumentError(
        `${parameter}.${key}`,
        `must be a whole number >= 0 or null, got ${shown(issue[key])}`,
        allowed,
      );
  if (issue['allowed'] !== null && typeof issue['allowed'] !== 'string')
    throw new CaseloadArgumentError(
      `${parameter}.allowed`,
      `must be a string or null, got ${shown(issue['allowed'])}`,
      allowed,
    );
}

/** A value as a message about it shows it (check/arguments.ts has the full describeValue, which needs this module). */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return `${value}n`;
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}

function formatParts(issue: InputIssue): string {
  let where = issue.file;
  if (issue.line !== null) {
    where += `:${issue.line}`;
    if (issue.column !== null) where += `:${issue.column}`;
  }
  const field = issue.field === '' ? '' : ` ${issue.field}:`;
  const allowed = issue.allowed === null ? '' : ` (${issue.allowed})`;
  return `${where}:${field} ${issue.problem}${allowed}`;
}

/**
 * Thrown only at the edges to carry input issues up to the CLI's top-level
 * handler, which prints them and exits with code 2. Library code returns
 * `Checked` values instead.
 */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  /** Throws CaseloadArgumentError unless `issues` is a list of InputIssue. */
  constructor(issues: readonly InputIssue[]) {
    if (!Array.isArray(issues))
      throw new CaseloadArgumentError('issues', `must be an array, got ${shown(issues)}`, 'a list of InputIssue');
    issues.forEach((issue, i) => {
      checkIssue(issue, `issues[${i}]`);
    });
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }
}

/** Shorthand for an issue without a source position. */
export function issueAt(file: string, field: string, problem: string, allowed: string | null = null): InputIssue {
  return { file, line: null, column: null, field, problem, allowed };
}

/**
 * A problem with a value given to a library function, located by the
 * function's parameter rather than by a command-line flag: `confidence: must
 * be between 0 and 1, got 2`, or `set capacity.perWeek=-1: ...` for one
 * setting of a parameter. Parameters named inside the problem or the allowed
 * text are in backticks (`use \`seed\``). The CLI, and only the CLI, names
 * the flags instead (cli/flag-words.ts).
 */
export interface ParameterIssue extends InputIssue {
  /**
   * The parameter: the first word of `file`, or, for a problem with a
   * scenario caused by a setting the parameter made (the loader's issue,
   * `scenario.yaml: lever perWeek: ...`), the first word of `field`.
   */
  readonly parameter: string;
}

/**
 * An issue at a parameter (`confidence`) or one setting of it (`set x=1`).
 *
 * @example parameterIssue('confidence', '', 'must be between 0 and 1, got 2', 'a probability in (0, 1), e.g. 0.9')
 */
export function parameterIssue(
  location: string,
  field: string,
  problem: string,
  allowed: string | null = null,
): ParameterIssue {
  return { ...issueAt(location, field, problem, allowed), parameter: location.split(' ')[0]! };
}

/**
 * The loader's issues with the settings a parameter made (their `field` is
 * the setting's `flag`, which starts with the parameter: `lever perWeek`),
 * marked as the parameter's; other issues unchanged.
 */
export function parameterSettingIssues(issues: readonly InputIssue[], parameter: string): InputIssue[] {
  return issues.map((issue) =>
    issue.field === parameter || issue.field.startsWith(`${parameter} `) ? { ...issue, parameter } : issue,
  );
}

export function isParameterIssue(issue: InputIssue): issue is ParameterIssue {
  return typeof (issue as Partial<ParameterIssue>).parameter === 'string';
}
