import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Checked, InputIssue } from './errors.js';
import { issueAtOrigin } from './source-node.js';
import type { Origin, SourceEntry, SourceNode } from './source-node.js';

/** Our words for parser messages written for programmers. */
const PLAIN_MESSAGES: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'this key appears twice in the same mapping',
  MULTIPLE_DOCS: 'the file holds more than one document (a second ---); a scenario is one document',
};

/** More alias expansions than this is an attack or a mistake, not a scenario. */
const MAX_ALIASES = 1000;

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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: json ? 'json' : 'core' });
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

  let aliases = 0;
  const convert = (node: YamlNode | null, fallback: Origin, seen: ReadonlySet<YamlNode>): SourceNode => {
    if (node === null) return { kind: 'scalar', at: fallback, value: null, text: null };
    if (isAlias(node)) {
      const target = node.resolve(doc as Document);
      aliases++;
      if (target === undefined || seen.has(target) || aliases > MAX_ALIASES) {
        issues.push(issueAt(at(node.range?.[0]), '', `alias *${node.source} cannot be expanded`, 'an anchor defined earlier, not inside itself'));
        return { kind: 'scalar', at: at(node.range?.[0]), value: null, text: null };
      }
      return convert(target, fallback, new Set([...seen, target]));
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
    if (message.startsWith('Unexpected end of JSON input')) return { message: 'unexpected end of the text', offset: text.length };
    // V8 quotes the whole text in some messages: leave it out.
    return { message: message.replace(/, ".*" is not valid JSON$/s, ''), offset: null };
  }
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
