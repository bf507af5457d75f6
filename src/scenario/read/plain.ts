import type { SourceEntry, SourceNode } from './source-node.js';

/**
 * Documents built in code (parsed JSON, object literals) and source nodes,
 * both ways: a document given in code enters the pipeline as a node without
 * positions; a checked node leaves it as the plain document.
 */

/**
 * A document built in code (parsed JSON, an object literal) as a
 * `SourceNode` without positions. A `Date` becomes its ISO date; a key whose
 * value is `undefined` counts as absent; a hole in a list is an empty value.
 *
 * @example plainToNode({ horizonWeeks: 52 }, 'inline')
 */
export function plainToNode(value: unknown, file: string): SourceNode {
  const at = { kind: 'file', file, line: null, column: null } as const;
  const convert = (item: unknown, ancestors: readonly object[]): SourceNode => {
    if (item !== null && typeof item === 'object' && ancestors.includes(item)) {
      throw new TypeError('the scenario document contains itself');
    }
    if (Array.isArray(item)) {
      // Array.from, not map: a hole in a sparse array is an empty value to report, not an item to skip.
      return { kind: 'seq', at, items: Array.from(item, (element: unknown) => convert(element, [...ancestors, item])) };
    }
    if (item instanceof Date) {
      const iso = Number.isNaN(item.getTime()) ? 'Invalid Date' : item.toISOString();
      return { kind: 'scalar', at, value: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso, text: null };
    }
    if (isPlainObject(item)) {
      const entries = new Map<string, SourceEntry>();
      for (const [key, element] of Object.entries(item)) {
        if (element !== undefined) entries.set(key, { keyAt: at, value: convert(element, [...ancestors, item]) });
      }
      return { kind: 'map', at, entries };
    }
    return { kind: 'scalar', at, value: item, text: null };
  };
  return convert(value, []);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

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
