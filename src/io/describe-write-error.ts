import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Plain words for the errors a write can meet, without temporary file names. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'the directory does not exist and cannot be created there',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  // mkdir of a directory that is already a file.
  EEXIST: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than this process may write (a file size limit)',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error on the device',
  // A stream opened for reading only, such as stdout in `caseload run x 1</dev/null`.
  EBADF: 'it is not open for writing',
};

/**
 * Why a directory that does not exist could not be created, when the cause
 * is not that it is missing: Node's recursive mkdir reports ENOENT when the
 * nearest directory above it that exists cannot be written (a read-only file
 * system, EROFS; no permission, EACCES). Found by asking that directory; null
 * when it can be written (or `path` exists, or nothing above it does), and
 * the ENOENT stands.
 */
function whyNotCreated(path: unknown): string | null {
  if (typeof path !== 'string') return null;
  let existing = path;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return null;
    existing = parent;
  }
  if (existing === path) return null;
  const where = existing === '.' ? 'the working directory' : existing;
  try {
    accessSync(existing, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EROFS') return `${path} cannot be created: ${where} is on a read-only file system`;
    if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be created: permission denied in ${where}`;
    return null;
  }
}

/**
 * Why a write failed, in words a user can act on: the reason for a known
 * error code (`permission denied`), else the error's own message.
 *
 * @example describeWriteError(Object.assign(new Error('EACCES: ...'), { code: 'EACCES' })) // 'permission denied'
 */
export function describeWriteError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    const cause = whyNotCreated((error as { path?: unknown }).path);
    if (cause !== null) return cause;
  }
  if (typeof code === 'string' && code in REASONS) return REASONS[code]!;
  return error instanceof Error ? error.message : String(error);
}
