import { createHash } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * JSON with a sha256 checksum of its content as the last key, for files one
 * caseload writes and another reads back (shards): a file damaged in
 * transit or edited by hand is recognised instead of merged.
 *
 * @example sealedJson({ format: 'x', n: 1 }) // '{"format":"x","n":1,"checksum":"..."}\n'
 */
export function sealedJson(value: Readonly<Record<string, unknown>>): string {
  const body = JSON.stringify(value);
  return `${body.slice(0, -1)},"checksum":"${digest(body)}"}\n`;
}

/**
 * Parses sealed JSON and checks its checksum: the value without the
 * checksum, or a problem in words, with the value unchecked when the text is
 * a JSON object (to tell, say, a file of an older format by its own words).
 *
 * @example const opened = openSealedJson(text); if (!opened.ok) issues.push(issueAt(file, '', opened.problem, null))
 */
export function openSealedJson(
  text: string,
):
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: string; unchecked?: Readonly<Record<string, unknown>> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `is not JSON: ${(error as Error).message}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, problem: 'is not a JSON object' };
  const { checksum, ...value } = raw as Record<string, unknown>;
  if (typeof checksum !== 'string')
    return {
      ok: false,
      problem: 'has no checksum (written by an older caseload, or not by caseload)',
      unchecked: value,
    };
  if (digest(JSON.stringify(value)) !== checksum)
    return {
      ok: false,
      problem: 'is damaged or was edited: its checksum does not match its content',
      unchecked: value,
    };
  return { ok: true, value };
}
