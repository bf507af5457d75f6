import type { InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';

/**
 * A numeric flag as the user typed it: undefined when absent, the number when
 * it reads as one, an issue when not (`--reps ten`). Range checks are the
 * loader's, which knows what each field allows.
 */
export function numericFlag(value: unknown, flag: string, issues: InputIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const number = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number)) {
    issues.push(issueAt(flag, '', `must be a number, got "${text}"`, null));
    return undefined;
  }
  return number;
}
