import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** A file's text, or why it could not be read (in words for a message). */
export type TextRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Where the loader reads files from: the file system (`DISK_TEXTS`), or
 * texts already read elsewhere (the what-if page reads the files
 * `caseload app` embedded in it). Every read of the loader goes through one.
 */
export interface TextSource {
  /** A file's text, or why it cannot be read, as `readText` gives it. */
  readonly readText: (path: string, kind: InputKind) => Promise<TextRead>;
  /** Whether anything is at `path`, as `pathExists` says. */
  readonly pathExists: (path: string) => Promise<boolean>;
}

/** A million bytes: the unit of the size caps and of the sizes in messages. */
const MB = 1_000_000;

/**
 * The most caseload reads from an input file, by what it holds: a larger file
 * is refused before it is read (a scenario of 640 MB is a mistake, such as
 * /dev/zero or a log named for a scenario, and would exhaust the memory).
 * CSV data may be larger: a backlog can be listed case by case.
 */
export const INPUT_SIZE_CAPS = {
  /** A scenario file, a base it extends, a calendar file (YAML or JSON). */
  scenario: { bytes: 20 * MB, what: 'a scenario or calendar file' },
  /** A CSV file of data: an observed inflow, a lane's open cases, a history. */
  csv: { bytes: 200 * MB, what: 'a CSV file' },
  /** A shard file of `run`, `compare` or `sweep --shard` (its histograms can be large; V8's strings end near 512 MB). */
  shard: { bytes: 500 * MB, what: 'a shard file' },
} as const;

/** What an input file holds, for its size cap. */
export type InputKind = keyof typeof INPUT_SIZE_CAPS;

/** The bytes read at a time. */
const CHUNK = 1 << 16;

/**
 * Reads a text file (UTF-8). The one place the scenario layer touches the
 * file system; a failure is a reason for a message, never an exception.
 * Only a regular file is read: a FIFO, a pipe (`<(...)`), a device or a
 * directory is refused before it is opened, since reading one can wait
 * forever (and a wait in the file system's threads keeps Ctrl-C from ending
 * the process); so is a file larger than the cap for its kind
 * (`INPUT_SIZE_CAPS`).
 *
 * @example await readText('scenarios/baseline-2024.yaml') // { ok: true, text: 'name: ...' }
 */
export async function readText(path: string, kind: InputKind = 'scenario'): Promise<TextRead> {
  const cap = INPUT_SIZE_CAPS[kind];
  // Node refuses such a path with a message for programmers; say it plainly (a YAML "\0" writes one).
  if (path.includes('\0')) return { ok: false, reason: 'its name holds a NUL byte (\\0), which no file name can hold' };
  try {
    // stat first: opening a FIFO waits for a writer, and a device may act on being opened.
    const refused = refusal(await stat(path), cap);
    if (refused !== null) return { ok: false, reason: refused };
    // Non-blocking, in case a FIFO took the file's place since: the open returns, and fstat refuses it.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const again = await handle.stat();
      const refusedNow = refusal(again, cap);
      if (refusedNow !== null) return { ok: false, reason: refusedNow };
      // Read to the end, not to the size stat gave: a file may grow while it is read (a log) or say 0 (/proc).
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const size = Math.min(Math.max(CHUNK, again.size + 1 - total), cap.bytes + 1 - total);
        const { buffer, bytesRead } = await handle.read(Buffer.allocUnsafe(size), 0, size, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > cap.bytes) return { ok: false, reason: `it holds more than ${capWords(cap)}` };
        chunks.push(buffer.subarray(0, bytesRead));
      }
      return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, reason: readFailure(error) };
  }
}

/**
 * Whether anything (a file, a directory, a FIFO) is at `path`, as stat sees it.
 *
 * @example await pathExists('scenarios/baseline-2024.yaml') // true
 */
export async function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The file system, as the CLI reads it.
 *
 * @example await loadScenarioFrom(DISK_TEXTS, 'scenarios/baseline-2024.yaml')
 */
export const DISK_TEXTS: TextSource = { readText, pathExists };

/** The escapes of the control characters a path is likeliest to hold; others are written \xNN. */
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '\0': '\\0', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A path as a message shows it: each control character (a NUL byte, a
 * newline, an escape) written as an escape, so that the message stays one
 * line and prints nothing the terminal would act on.
 *
 * @example shownPath('base\0.yaml') // 'base\\0.yaml'
 */
export function shownPath(path: string): string {
  return Array.from(path, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x20 && code !== 0x7f) return c;
    return CONTROL_ESCAPES[c] ?? `\\x${code.toString(16).padStart(2, '0')}`;
  }).join('');
}

/** Why a file is not read, from its stat: not a regular file, or over the cap; null when it may be read. */
function refusal(stats: Stats, cap: (typeof INPUT_SIZE_CAPS)[InputKind]): string | null {
  if (stats.isDirectory()) return 'it is a directory';
  if (!stats.isFile())
    return `it is not a regular file (${fileKind(stats)}): caseload reads scenario files, calendars, CSV data and shards from regular files`;
  if (stats.size > cap.bytes) return `it is ${megabytes(stats.size)}, ${capWords(cap)}`;
  return null;
}

/** What a file that is not regular is, in words. */
function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO or pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/** `more than the 20 MB caseload reads from a scenario or calendar file`. */
function capWords(cap: (typeof INPUT_SIZE_CAPS)[InputKind]): string {
  return `more than the ${megabytes(cap.bytes)} caseload reads from ${cap.what}`;
}

/** A size in MB (a million bytes), with one decimal below 100 MB: `25.3 MB`, `640 MB`. */
function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${Number.isInteger(mb) || mb >= 100 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/**
 * Why a file could not be read, in words for a message.
 *
 * @example readFailure(Object.assign(new Error('x'), { code: 'ENOENT' })) // 'no such file'
 */
function readFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  return error instanceof Error ? error.message : String(error);
}
