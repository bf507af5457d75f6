import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Checked, InputIssue } from '../errors.js';
import { issueAtOrigin } from './source-node.js';
import type { Origin, SourceEntry, SourceNode } from './source-node.js';

/** Our words for parser messages written for programmers. */
const PLAIN_MESSAGES: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'this key appears twice in the same mapping',
  MULTIPLE_DOCS: 'the file holds more than one document (a second ---); a scenario is one document',
};

/**
 * More values produced by expanding aliases than this is an attack (a
 * "billion laughs" of nested aliases) or a mistake, not a scenario: counting
 * the values, not the aliases, bounds the time and memory whatever the fan-out.
 */
const MAX_ALIASED_VALUES = 100_000;

/**
 * Parses the text of a scenario file (YAML, or JSON for a `.json` file) into
 * a `SourceNode` that keeps the line and column of every key and value.
 * Syntax errors are issues at the parser's position; nothing throws.
 *
 * @example parseScenarioText('horizonWeeks: 52\n', 'x.yaml') // { ok: true, value: { kind: 'map', ... } }
 */
export function parseScenarioText(source: string, file: string): Checked<SourceNode> {
  const text = source.replace(/^\uFEFF/, '');
  const json = file.toLowerCase().endsWith('.json');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: json ? 'json' : 'core',
  });
  const at = (offset: number | undefined): Origin => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { kind: 'file', file, line, column: col };
  };
  if (json) {
    // YAML reads more than JSON allows (trailing commas, comments): hold a .json file to JSON.
    const failure = jsonSyntaxError(text);
    if (failure !== null) {
      const offset = failure.offset ?? doc.errors[0]?.pos[0] ?? null;
      const where: Origin = offset === null ? { kind: 'file', file, line: null, column: null } : at(offset);
      return { ok: false, issues: [issueAt(where, '', `not valid JSON: ${sentence(failure.message)}`, null)] };
    }
  }
  const issues: InputIssue[] = doc.errors.map((error) => {
    const message = PLAIN_MESSAGES[error.code] ?? sentence(error.message);
    return issueAt(at(error.pos[0]), '', `not valid ${json ? 'JSON' : 'YAML'}: ${message}`, null);
  });
  if (issues.length > 0) return { ok: false, issues };

  // Each alias's anchor, found in one pass in document order (Alias.resolve searches the whole document each time).
  const anchors = new Map<YamlNode, YamlNode>();
  const latest = new Map<string, YamlNode>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const target = latest.get(node.source);
      if (target !== undefined) anchors.set(node, target);
    } else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor !== undefined) {
      latest.set(node.anchor, node);
    }
  });
  let aliasedValues = 0;
  let tooMany = false;
  const convert = (node: YamlNode | null, fallback: Origin, seen: ReadonlySet<YamlNode>): SourceNode => {
    if (seen.size > 0 && ++aliasedValues > MAX_ALIASED_VALUES) {
      // Reported once, at the alias being expanded; the rest of the expansion is cut short.
      return { kind: 'scalar', at: fallback, value: null, text: null };
    }
    if (node === null) return { kind: 'scalar', at: fallback, value: null, text: null };
    if (isAlias(node)) {
      if (aliasedValues > MAX_ALIASED_VALUES) return { kind: 'scalar', at: fallback, value: null, text: null };
      const target = anchors.get(node);
      if (target === undefined || seen.has(target)) {
        issues.push(
          issueAt(
            at(node.range?.[0]),
            '',
            `alias *${node.source} cannot be expanded`,
            'an anchor defined earlier, not inside itself',
          ),
        );
        return { kind: 'scalar', at: at(node.range?.[0]), value: null, text: null };
      }
      const expanded = convert(target, fallback, new Set([...seen, target]));
      if (aliasedValues > MAX_ALIASED_VALUES && !tooMany) {
        tooMany = true;
        issues.push(
          issueAt(
            at(node.range?.[0]),
            '',
            `alias *${node.source} expands to too many values (more than ${MAX_ALIASED_VALUES} in all)`,
            'aliases that repeat a few values, not nested repeats of repeats',
          ),
        );
      }
      return expanded;
    }
    const here = at(node.range?.[0]);
    if (isMap(node)) {
      const entries = new Map<string, SourceEntry>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyAt = keyNode === null ? here : at(keyNode.range?.[0]);
        const keyValue = isScalar(keyNode) ? keyNode.value : undefined;
        if (typeof keyValue !== 'string' && typeof keyValue !== 'number' && typeof keyValue !== 'boolean') {
          issues.push(issueAt(keyAt, '', 'a key must be plain text or a number', null));
          continue;
        }
        const key = String(keyValue);
        if (entries.has(key)) {
          issues.push(issueAt(keyAt, '', `the key "${key}" appears twice in the same mapping`, null));
          continue;
        }
        entries.set(key, { keyAt, value: convert(pair.value as YamlNode | null, keyAt, seen) });
      }
      return { kind: 'map', at: here, entries };
    }
    if (isSeq(node)) {
      return { kind: 'seq', at: here, items: node.items.map((item) => convert(item as YamlNode | null, here, seen)) };
    }
    if (isScalar(node)) {
      const source = typeof node.source === 'string' && node.source !== '' ? node.source : null;
      const where = source === null && node.value === null ? fallback : here;
      return { kind: 'scalar', at: where, value: scalarValue(node.value), text: source };
    }
    throw new Error(`unexpected YAML node ${String(node)}`);
  };

  const root = convert(doc.contents as YamlNode | null, at(0), new Set());
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: root };
}

/** JSON.parse's complaint about the text, with its offset when the message gives one; null when the text is JSON. */
function jsonSyntaxError(text: string): { message: string; offset: number | null } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
    if (position !== null) return { message: message.slice(0, position.index), offset: Number(position[1]) };
    if (message.startsWith('Unexpected end of JSON input'))
      return { message: 'unexpected end of the text', offset: text.length };
    // V8 quotes (the start of) the text in some messages, newlines and all, and gives no position: leave the quote
    // out and find the position as the end of the shortest prefix that fails other than by ending early.
    return {
      message: message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/\s*\n\s*/g, ' '),
      offset: failingOffset(text),
    };
  }
}

/** The offset of the first character JSON.parse rejects, by bisection over prefixes; null when none is found. */
function failingOffset(text: string): number | null {
  const failsBy = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      // A prefix that merely stops early fails at its end ("Unexpected end", or "Expected ':'" at the last position).
      const message = error instanceof Error ? error.message : '';
      if (message.startsWith('Unexpected end of JSON input')) return false;
      const position = / at position (\d+)/.exec(message);
      return position === null || Number(position[1]) < length;
    }
  };
  if (!failsBy(text.length)) return null;
  let [low, high] = [0, text.length]; // failsBy(low) is false (an empty text ends early), failsBy(high) true
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (failsBy(middle)) high = middle;
    else low = middle;
  }
  return high - 1;
}

/** A parser's message as the second half of ours: first letter lower case (unless an acronym). */
function sentence(message: string): string {
  return message.replace(/^[A-Z](?![A-Z])/, (first) => first.toLowerCase());
}

/** A YAML 1.1 timestamp at midnight UTC is a date: keep it as `YYYY-MM-DD`. */
function scalarValue(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return value;
}

function issueAt(at: Origin, field: string, problem: string, allowed: string | null): InputIssue {
  return issueAtOrigin(at, '', field, problem, allowed);
}
