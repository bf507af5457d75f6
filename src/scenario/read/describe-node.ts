import type { SourceNode } from './source-node.js';

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
