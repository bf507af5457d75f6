import type { SourceNode } from './source-node.js';

/**
 * The plain value of a `SourceNode`: objects, arrays and scalars, without
 * positions. Keys such as `__proto__` stay ordinary own keys.
 *
 * @example nodeToPlain(plainToNode({ a: [1] }, 'x')) // { a: [1] }
 */
export function nodeToPlain(node: SourceNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(nodeToPlain);
  return Object.fromEntries([...node.entries].map(([key, entry]) => [key, nodeToPlain(entry.value)]));
}
