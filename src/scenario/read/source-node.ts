import type { InputIssue, ParameterIssue } from '../errors.js';

/**
 * Where a value came from: a position in a file (line and column null for a
 * document built in code), or an override or setting given by the caller.
 */
export type Origin =
  | { readonly kind: 'file'; readonly file: string; readonly line: number | null; readonly column: number | null }
  /** A value set from outside the files: by an override or a setting, named as issues name it (`replications`, `set capacity.perWeek`). */
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

/** A field's path: mapping keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/**
 * The node at a path of mapping keys and list indexes, if there is one.
 *
 * @example nodeAt(root, ['lanes', 'regular', 'share'])
 */
export function nodeAt(root: SourceNode, path: FieldPath): SourceNode | undefined {
  let node: SourceNode | undefined = root;
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === 'number') node = node.kind === 'seq' ? node.items[segment] : undefined;
    else node = node.kind === 'map' ? node.entries.get(segment)?.value : undefined;
  }
  return node;
}

/**
 * The dotted name of a field, with list indexes in brackets.
 *
 * @example fieldName(['lanes', 'regular', 'share']) // 'lanes.regular.share'
 * @example fieldName(['calendar', 0, 'to']) // 'calendar[0].to'
 */
export function fieldName(path: FieldPath): string {
  let name = '';
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`;
    else name += name === '' ? segment : `.${segment}`;
  }
  return name;
}

/**
 * A value as a message quotes it after "got": `"abc"`, `.nan` (as written),
 * `2.5`, `true`, `a list`, `a mapping`, `an empty value`.
 *
 * @example describeNode({ kind: 'scalar', at, value: 'abc', text: 'abc' }) // '"abc"'
 */
export function describeNode(node: SourceNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const value = node.value;
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return node.text ?? String(value);
  return `a ${typeof value}`;
}

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
  if (at.kind === 'flag') {
    // A value set from outside the file: the issue names the parameter that set it.
    const issue: ParameterIssue = {
      file: scenarioFile,
      line: null,
      column: null,
      field: at.flag,
      problem,
      allowed,
      parameter: at.flag.split(' ')[0]!,
    };
    return issue;
  }
  return { file: at.file, line: at.line, column: at.column, field, problem, allowed };
}
