import type { InputIssue } from '../errors.js';

/**
 * Where a value came from: a position in a file (line and column null for a
 * document built in code), or a command-line override.
 */
export type Origin =
  | { readonly kind: 'file'; readonly file: string; readonly line: number | null; readonly column: number | null }
  | { readonly kind: 'flag'; readonly flag: string };

/** One entry of a mapping: the key's origin and the value. */
export interface SourceEntry {
  readonly keyAt: Origin;
  readonly value: SourceNode;
}

/**
 * A parsed document that remembers where every value came from, so that a
 * problem found after `extends` merging and overrides still points at the
 * file, line and column the user wrote.
 */
export type SourceNode =
  | { readonly kind: 'map'; readonly at: Origin; readonly entries: ReadonlyMap<string, SourceEntry> }
  | { readonly kind: 'seq'; readonly at: Origin; readonly items: readonly SourceNode[] }
  /** `text` is the value as written (`.nan`, `1e3`), when known. */
  | { readonly kind: 'scalar'; readonly at: Origin; readonly value: unknown; readonly text: string | null };

/**
 * An issue at an origin. An override's issue names the flag as its field
 * and the scenario file as its file, without a position.
 *
 * @example issueAtOrigin(node.at, 'scenarios/x.yaml', 'lanes.regular.share', 'must be a number, got "abc"', 'a number in [0, 1]')
 */
export function issueAtOrigin(
  at: Origin,
  scenarioFile: string,
  field: string,
  problem: string,
  allowed: string | null,
): InputIssue {
  if (at.kind === 'flag') return { file: scenarioFile, line: null, column: null, field: at.flag, problem, allowed };
  return { file: at.file, line: at.line, column: at.column, field, problem, allowed };
}
