import { renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { trackPendingWrite, untrackPendingWrite } from './pending-writes.js';

/**
 * Writes every file into `dir` or none: each goes to a temporary name first,
 * and only when all are written are they renamed into place, in one
 * synchronous step that a signal handler cannot interrupt. Files named in
 * `stale` that this write does not produce are removed in the same step (an
 * earlier result's leftovers, with --force). On failure the temporary files
 * are removed and the error is rethrown; an interrupted run removes them
 * too (see removePendingWrites).
 *
 * @example await writeFilesAtomically('out', { 'summary.json': '{}' })
 */
export async function writeFilesAtomically(
  dir: string,
  files: Readonly<Record<string, string>>,
  stale: readonly string[] = [],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const suffix = `.tmp-${process.pid}`;
  const names = Object.keys(files);
  try {
    for (const name of names) {
      const temporary = join(dir, name + suffix);
      trackPendingWrite(temporary);
      await writeFile(temporary, files[name]!, 'utf8');
    }
  } catch (error) {
    await Promise.all(names.map((name) => rm(join(dir, name + suffix), { force: true })));
    names.forEach((name) => {
      untrackPendingWrite(join(dir, name + suffix));
    });
    throw error;
  }
  // Everything below is synchronous: a signal cannot land between two renames.
  const blocked = names.find((name) => statSync(join(dir, name), { throwIfNoEntry: false })?.isDirectory() === true);
  if (blocked !== undefined) {
    names.forEach((name) => {
      rmSync(join(dir, name + suffix), { force: true });
      untrackPendingWrite(join(dir, name + suffix));
    });
    throw new Error(`${join(dir, blocked)} is a directory`);
  }
  for (const name of stale) if (!(name in files)) rmSync(join(dir, name), { force: true });
  for (const name of names) {
    renameSync(join(dir, name + suffix), join(dir, name));
    untrackPendingWrite(join(dir, name + suffix), join(dir, name));
  }
}
