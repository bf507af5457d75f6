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
};

/**
 * Why a write failed, in words a user can act on: the reason for a known
 * error code (`permission denied`), else the error's own message.
 *
 * @example describeWriteError(Object.assign(new Error('EACCES: ...'), { code: 'EACCES' })) // 'permission denied'
 */
export function describeWriteError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in REASONS) return REASONS[code]!;
  return error instanceof Error ? error.message : String(error);
}
