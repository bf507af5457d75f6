import type { InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';

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
