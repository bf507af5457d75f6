import { CST, Lexer } from 'yaml';
import type { SourceNode } from './source-node.js';

/**
 * Lists and mappings nested deeper than this are refused. The deepest
 * scenario field is about 6 levels down (`uncertainty.inflow.level.cv`,
 * `lanes.<name>.refiling.delayWeeks.<date>`); a document ten times as deep is
 * a mistake or an attack, and the walks over a document (the YAML parser's,
 * the loader's checks) recurse once per level: a few thousand levels would
 * overflow the stack.
 */
export const MAX_NESTING = 64;

/** The problem reported for a document nested deeper than MAX_NESTING. */
export const TOO_DEEP = `lists and mappings are nested more than ${MAX_NESTING} levels deep here`;

/** What a scenario nests instead, for the allowed text. */
export const TOO_DEEP_ALLOWED = 'a scenario nests at most a few levels: fields, lanes, dated values';

/** An open block collection while reading the tokens: its indentation and kind. */
interface BlockLevel {
  readonly column: number;
  readonly kind: 'map' | 'seq';
}

/** An open flow collection (`[` or `{`); `pair` when a `key: value` inside a `[...]` opened an implicit mapping. */
interface FlowLevel {
  readonly kind: 'map' | 'seq';
  pair: boolean;
}

/**
 * The offset in a YAML (or JSON) text where a list or mapping starts nested
 * more than `limit` levels deep, or null when none does. It reads the text's
 * tokens one after another, not its tree, so that it cannot overflow the
 * stack however deep the text goes: the YAML parser can (`a: [[[[...]]]]`
 * some 800 levels deep), so a text must pass this before it is parsed.
 *
 * Block collections are counted by their indentation (and by `- ` or `? `
 * written on one line: `- - - x`), flow collections by their brackets (and
 * the mapping a `key: value` makes inside `[...]`). That is the tree's depth
 * for block, flow and JSON writing alike; in unusual writing it may be a
 * level off, and the tree is measured exactly afterwards (parseScenarioText).
 *
 * @example tooDeepOffset('a: [[1]]\n', 2) // 4
 * @example tooDeepOffset('a:\n  b: 1\n') // null
 */
export function tooDeepOffset(text: string, limit: number = MAX_NESTING): number | null {
  const block: BlockLevel[] = [];
  const flow: FlowLevel[] = [];
  let flowDepth = 0; // flow levels, implicit pairs included
  let offset = 0;
  let lineStart = 0;
  let entryColumn: number | null = null; // where the current block entry's first token is, if seen on this line
  let entryOffset = 0; // and its offset
  let scalarNext = false;

  /** A block collection entry at `column`: closes the deeper ones, opens one unless it continues the one there. */
  const openBlock = (column: number, kind: 'map' | 'seq'): boolean => {
    for (let top = block.at(-1); top !== undefined; top = block.at(-1)) {
      // A key at the column of a sequence written under a key (`a:\n- x\nb: 1`) ends the sequence.
      if (top.column > column || (top.column === column && kind === 'map' && top.kind === 'seq' && block.length > 1))
        block.pop();
      else break;
    }
    const top = block.at(-1);
    if (top !== undefined && top.column === column && top.kind === kind) return false;
    block.push({ column, kind });
    return block.length + flowDepth > limit;
  };

  for (const token of new Lexer().lex(text)) {
    const start = offset;
    const column = start - lineStart;
    let type: string | null;
    if (scalarNext) {
      scalarNext = false;
      type = 'scalar-source';
    } else {
      type = CST.tokenType(token);
      if (type === 'scalar') {
        // A marker: the next token is the scalar's text.
        scalarNext = true;
        continue;
      }
      if (type === 'doc-mode' || type === 'flow-error-end') {
        // Markers that are not part of the text: a document ends, an unclosed flow collection is given up.
        if (type === 'flow-error-end') {
          flow.length = 0;
          flowDepth = 0;
        }
        continue;
      }
    }
    offset += token.length;
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) lineStart = start + newline + 1;

    const inBlock = flow.length === 0;
    switch (type) {
      case 'newline':
        entryColumn = null;
        break;
      case 'space':
      case 'comment':
      case 'byte-order-mark':
      case 'directive-line':
        break;
      case 'doc-start':
      case 'doc-end':
        block.length = 0;
        flow.length = 0;
        flowDepth = 0;
        entryColumn = null;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        if (inBlock) {
          if (openBlock(column, type === 'seq-item-ind' ? 'seq' : 'map')) return start;
          entryColumn = null;
        }
        break;
      case 'map-value-ind':
        if (inBlock) {
          if (openBlock(entryColumn ?? column, 'map')) return entryColumn === null ? start : entryOffset;
          entryColumn = null;
        } else {
          const top = flow.at(-1)!;
          if (top.kind === 'seq' && !top.pair) {
            top.pair = true;
            flowDepth += 1;
            if (block.length + flowDepth > limit) return start;
          }
        }
        break;
      case 'comma':
        if (!inBlock) {
          const top = flow.at(-1)!;
          if (top.pair) {
            top.pair = false;
            flowDepth -= 1;
          }
        }
        break;
      case 'flow-seq-start':
      case 'flow-map-start':
        if (inBlock && entryColumn === null) [entryColumn, entryOffset] = [column, start];
        flow.push({ kind: type === 'flow-seq-start' ? 'seq' : 'map', pair: false });
        flowDepth += 1;
        if (block.length + flowDepth > limit) return start;
        break;
      case 'flow-seq-end':
      case 'flow-map-end': {
        const closed = flow.pop();
        if (closed !== undefined) flowDepth -= closed.pair ? 2 : 1;
        break;
      }
      default:
        // A scalar, an alias, an anchor or a tag: content. A token that ends its line (a block scalar's text) ends the entry.
        if (inBlock) {
          if (newline !== -1 && token.slice(newline + 1).trim() === '') entryColumn = null;
          else if (entryColumn === null) [entryColumn, entryOffset] = [column, start];
        }
    }
  }
  return null;
}

/**
 * The first list or mapping of a node nested more than MAX_NESTING levels
 * deep, with its path; null when none is. Iterative, so that it cannot
 * overflow the stack itself: the checks that walk a node recursively
 * (check-schema.ts, nodeToPlain, the plausibility warnings) run only on a
 * node that passes it.
 *
 * @example tooDeepNode(root) // null
 */
export function tooDeepNode(root: SourceNode): { node: SourceNode; path: (string | number)[] } | null {
  const stack: { node: SourceNode; path: (string | number)[] }[] = [{ node: root, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, path } = next;
    if (node.kind === 'scalar') continue;
    if (path.length >= MAX_NESTING) return next;
    if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i]!, path: [...path, i] });
    } else {
      const entries = [...node.entries];
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ node: entries[i]![1].value, path: [...path, entries[i]![0]] });
    }
  }
  return null;
}

/**
 * Whether a value built in code (an object literal, parsed JSON) nests
 * arrays and plain objects more than MAX_NESTING levels deep. Iterative, so
 * that it cannot overflow the stack, and it measures an object reached twice
 * once. A value that contains itself is not too deep here: plainToNode names
 * it for what it is.
 *
 * @example plainTooDeep({ a: [[1]] }) // false
 */
export function plainTooDeep(value: unknown): boolean {
  if (!isCollection(value)) return false;
  const heights = new Map<object, number>(); // levels of collections at and below an object, once measured
  const open = new Set<object>();
  const frames: { item: object; children: unknown[]; next: number; height: number }[] = [];
  const enter = (item: object) => {
    open.add(item);
    frames.push({ item, children: Array.isArray(item) ? Array.from(item) : Object.values(item), next: 0, height: 0 });
  };
  enter(value);
  while (frames.length > 0) {
    const frame = frames.at(-1)!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (!isCollection(child)) continue;
      if (open.has(child)) return false;
      const known = heights.get(child);
      if (known !== undefined) frame.height = Math.max(frame.height, known);
      else if (frames.length >= MAX_NESTING) return true;
      else enter(child);
    } else {
      frames.pop();
      open.delete(frame.item);
      heights.set(frame.item, frame.height + 1);
      const parent = frames.at(-1);
      if (parent !== undefined) parent.height = Math.max(parent.height, frame.height + 1);
      else return frame.height + 1 > MAX_NESTING;
    }
  }
  return false;
}

/** What plainToNode makes a list or a mapping of: an array or a plain object. */
function isCollection(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
