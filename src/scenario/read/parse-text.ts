import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Checked, InputIssue } from '../errors.js';
import { MAX_NESTING, TOO_DEEP, TOO_DEEP_ALLOWED, tooDeepOffset } from './nesting.js';
import { fieldName, issueAtOrigin } from './source-node.js';
import type { FieldPath, Origin, SourceEntry, SourceNode } from './source-node.js';

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

/** The YAML tags of the core schema (and JSON's): a value written with one is read as without. */
const CORE_TAG = /^tag:yaml\.org,2002:(?:str|int|float|bool|null|map|seq)$/;

/** What to write instead of a value with a YAML tag outside the core schema, by tag. */
const TAG_ADVICE: Partial<Record<string, string>> = {
  '!!omap': 'write a plain mapping',
  '!!pairs': 'write a plain mapping',
  '!!set': 'write a list',
  '!!binary': 'write plain text',
  '!!timestamp': 'write the date as YYYY-MM-DD, without the tag',
};

/**
 * Parses the text of a scenario file (YAML, or JSON for a `.json` file) into
 * a `SourceNode` that keeps the line and column of every key and value.
 * Syntax errors are issues at the parser's position; nothing throws. A text
 * that nests lists and mappings more than MAX_NESTING levels deep is refused
 * before it is parsed, and so is a value with a YAML tag outside the core
 * schema (`!!omap`, `!!binary`, `!custom`): the scenario format has no use
 * for them.
 *
 * @example parseScenarioText('horizonWeeks: 52\n', 'x.yaml') // { ok: true, value: { kind: 'map', ... } }
 */
export function parseScenarioText(source: string, file: string): Checked<SourceNode> {
  const text = source.replace(/^\uFEFF/, '');
  const json = file.toLowerCase().endsWith('.json');
  const deep = tooDeepOffset(text);
  if (deep !== null) {
    // Before the parser, which recurses once per level and would overflow the stack some 800 levels down.
    const { line, column } = linePosition(text, deep);
    return { ok: false, issues: [issueAt({ kind: 'file', file, line, column }, '', TOO_DEEP, TOO_DEEP_ALLOWED)] };
  }
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
  let tooDeep = false;
  const tagged = new Set<YamlNode>();
  const convert = (
    node: YamlNode | null,
    fallback: Origin,
    seen: ReadonlySet<YamlNode>,
    path: FieldPath,
  ): SourceNode => {
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
      const expanded = convert(target, fallback, new Set([...seen, target]), path);
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
    const tagIssue = unsupportedTag(node, at(tagOffset(text, node)), path);
    if (tagIssue !== null) {
      // Once, however many aliases repeat the value.
      if (!tagged.has(node)) issues.push(tagIssue);
      tagged.add(node);
      return { kind: 'scalar', at: here, value: null, text: null };
    }
    if ((isMap(node) || isSeq(node)) && path.length >= MAX_NESTING) {
      // The text passed tooDeepOffset; aliases can still nest deeper, each expanded inside the last.
      if (!tooDeep) issues.push(issueAt(here, fieldName(path), TOO_DEEP, TOO_DEEP_ALLOWED));
      tooDeep = true;
      return { kind: 'scalar', at: here, value: null, text: null };
    }
    if (isMap(node)) {
      const entries = new Map<string, SourceEntry>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyAt = keyNode === null ? here : at(keyNode.range?.[0]);
        const keyPath = isScalar(keyNode) ? [...path, String(keyNode.value)] : path;
        const keyTagIssue = keyNode === null ? null : unsupportedTag(keyNode, at(tagOffset(text, keyNode)), keyPath);
        if (keyTagIssue !== null && keyNode !== null) {
          if (!tagged.has(keyNode)) issues.push(keyTagIssue);
          tagged.add(keyNode);
          continue;
        }
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
        entries.set(key, { keyAt, value: convert(pair.value as YamlNode | null, keyAt, seen, [...path, key]) });
      }
      return { kind: 'map', at: here, entries };
    }
    if (isSeq(node)) {
      return {
        kind: 'seq',
        at: here,
        items: node.items.map((item, index) => convert(item as YamlNode | null, here, seen, [...path, index])),
      };
    }
    if (isScalar(node)) {
      const source = typeof node.source === 'string' && node.source !== '' ? node.source : null;
      const where = source === null && node.value === null ? fallback : here;
      return { kind: 'scalar', at: where, value: node.value, text: source };
    }
    throw new Error(`unexpected YAML node ${String(node)}`);
  };

  const root = convert(doc.contents as YamlNode | null, at(0), new Set(), []);
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

/**
 * The issue with a node's YAML tag: one outside the core schema (`!!omap`,
 * `!!set`, `!!binary`, `!!timestamp`, `!custom`), or a core scalar tag the
 * value does not fit (`!!int abc`, which the parser leaves as text); null
 * for no tag, `!` and the core tags.
 */
function unsupportedTag(node: YamlNode, at: Origin, path: FieldPath): InputIssue | null {
  const tag = node.tag;
  if (tag === undefined || tag === '!') return null;
  const shown = tagName(tag);
  if (!CORE_TAG.test(tag)) {
    const advice = TAG_ADVICE[shown] ?? 'leave the tag out';
    return issueAt(at, fieldName(path), `YAML tag ${shown} is not supported: ${advice}`, null);
  }
  if (!isScalar(node)) return null;
  const wanted: Partial<Record<string, string>> = {
    '!!int': 'number',
    '!!float': 'number',
    '!!bool': 'boolean',
    '!!str': 'string',
  };
  const type = wanted[shown];
  const fits = shown === '!!null' ? node.value === null : type === undefined || typeof node.value === type;
  if (fits) return null;
  const written = typeof node.source === 'string' ? node.source : String(node.value);
  return issueAt(
    at,
    fieldName(path),
    `YAML tag ${shown} does not fit the value ${JSON.stringify(written)}: leave the tag out`,
    null,
  );
}

/**
 * Where a node's tag is written (the parser keeps only where the value
 * starts): the tag found before the value with nothing but space and an
 * anchor between; where the value starts when the tag is written otherwise.
 */
function tagOffset(text: string, node: YamlNode): number | undefined {
  const valueAt = node.range?.[0];
  if (valueAt === undefined || node.tag === undefined) return valueAt;
  const written = tagName(node.tag);
  const found = text.lastIndexOf(written, valueAt);
  // Space, and an anchor written after the tag: `!tag &name value`.
  if (found === -1 || !/^\s*(?:&\S*\s+)?$/.test(text.slice(found + written.length, valueAt))) return valueAt;
  return found;
}

/** A tag as written: `!!omap` for the YAML types, `!name` for a local tag, `!<uri>` for any other. */
function tagName(tag: string): string {
  if (tag.startsWith('tag:yaml.org,2002:')) return `!!${tag.slice('tag:yaml.org,2002:'.length)}`;
  return tag.startsWith('!') ? tag : `!<${tag}>`;
}

/** The 1-based line and column of an offset in a text. */
function linePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function issueAt(at: Origin, field: string, problem: string, allowed: string | null): InputIssue {
  return issueAtOrigin(at, '', field, problem, allowed);
}
