import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes every file into `dir` or none: each goes to a temporary name first,
 * and only when all are written are they renamed into place. On failure the
 * temporary files are removed and the error is rethrown.
 *
 * @example await writeFilesAtomically('out', { 'summary.json': '{}' })
 */
export async function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const suffix = `.tmp-${process.pid}`;
  const names = Object.keys(files);
  try {
    for (const name of names) await writeFile(join(dir, name + suffix), files[name]!, 'utf8');
  } catch (error) {
    await Promise.all(names.map((name) => rm(join(dir, name + suffix), { force: true })));
    throw error;
  }
  for (const name of names) await rename(join(dir, name + suffix), join(dir, name));
}
