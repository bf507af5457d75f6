import { readFile } from 'node:fs/promises';

/** A file's text, or why it could not be read (in words for a message). */
export type TextRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads a text file (UTF-8). The one place the scenario layer touches the
 * file system; a failure is a reason for a message, never an exception.
 *
 * @example await readText('scenarios/baseline-2024.yaml') // { ok: true, text: 'name: ...' }
 */
export async function readText(path: string): Promise<TextRead> {
  try {
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    return { ok: false, reason: readFailure(error) };
  }
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
  return error instanceof Error ? error.message : String(error);
}
