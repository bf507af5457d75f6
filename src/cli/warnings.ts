import { formatIssue, InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenario } from '../scenario/index.js';
import type { ScenarioOverrides } from '../scenario/index.js';
import { inFlagWords } from './flag-words.js';
import type { CliIo } from './io.js';

/** `--strict`, on every command that loads scenario files. */
export const STRICT_OPTION = {
  type: 'boolean',
  default: false,
  describe:
    'Make the warnings about implausible scenario values (perYear: 1.600, a margin of 10) errors: exit 2, nothing run or written',
} as const;

/**
 * The loader's plausibility warnings, each once: printed on stderr as
 * `warning: file:line:col: field: ...` (also with --quiet: a warning is not a
 * note), or, with `strict`, thrown as input errors (exit 2) with a last line
 * that says --strict made them so. Nothing when there are none.
 */
export function reportWarnings(warnings: readonly InputIssue[], io: CliIo, strict: boolean): void {
  const shown = shownWarnings(warnings);
  if (shown.size === 0) return;
  if (strict) {
    const these = shown.size === 1 ? 'this warning an error' : `these ${shown.size} warnings errors`;
    throw new InputError([
      ...shown.values(),
      issueAt('--strict', '', `makes ${these}`, 'correct the values, or leave out --strict to run with them'),
    ]);
  }
  for (const key of shown.keys()) io.err(`warning: ${key}\n`);
}

/**
 * Warnings as the CLI shows them, on stderr, in the HTML report and in JSON:
 * each once (keyed by its line as printed), a parameter named by its flag.
 *
 * @example [...shownWarnings(loaded.warnings).values()]
 */
export function shownWarnings(warnings: readonly InputIssue[]): Map<string, InputIssue> {
  const shown = new Map<string, InputIssue>();
  for (const warning of warnings) {
    const worded = inFlagWords(warning);
    const key = formatIssue(worded);
    if (!shown.has(key)) shown.set(key, worded);
  }
  return shown;
}

/** A warning in JSON output: where it was written, the field, what is wrong and what is likely meant. */
export interface WarningJson {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly field: string;
  readonly problem: string;
  readonly allowed: string | null;
}

/**
 * The `warnings` key of a JSON output (`run --json`, summary.json, each
 * option of `compare --json`): the warnings as shown on stderr; no key at all
 * when there are none, so that the JSON of a plausible scenario stays as it was.
 *
 * @example JSON.stringify({ ...summary, ...warningsJson(loaded.warnings) })
 */
export function warningsJson(warnings: readonly InputIssue[]): { readonly warnings?: readonly WarningJson[] } {
  const shown = [...shownWarnings(warnings).values()];
  if (shown.length === 0) return {};
  return {
    warnings: shown.map(({ file, line, column, field, problem, allowed }) => ({
      file,
      line,
      column,
      field,
      problem,
      allowed,
    })),
  };
}

/**
 * The warnings of a scenario that a library call loads itself (`target`,
 * `calibrate`), reported before that call runs anything. A scenario that does
 * not load is left to the call, which reports its problems with its own.
 */
export async function reportScenarioWarnings(
  file: string,
  overrides: ScenarioOverrides,
  io: CliIo,
  strict: boolean,
): Promise<readonly InputIssue[]> {
  const loaded = await loadScenario(file, overrides);
  if (!loaded.ok) return [];
  reportWarnings(loaded.value.warnings, io, strict);
  return loaded.value.warnings;
}
