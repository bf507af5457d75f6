/**
 * Why a file could not be read, in words for a message.
 *
 * @example readFailure(Object.assign(new Error('x'), { code: 'ENOENT' })) // 'no such file'
 */
export function readFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
