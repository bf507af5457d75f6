import { renameSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { trackPendingWrite, untrackPendingWrite } from './pending-writes.js';

/**
 * Writes one file whole or not at all: the text goes to a temporary name in
 * the same directory (created if needed), which is renamed into place only
 * once written. On failure the temporary file is removed and the error is
 * rethrown; an interrupted run removes it too (see removePendingWrites).
 *
 * @example await writeFileAtomically('out/sweep.csv', 'capacity.perWeek,end_mean\n28,1284\n')
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  trackPendingWrite(temporary);
  try {
    await writeFile(temporary, text, 'utf8');
    renameSync(temporary, path);
    untrackPendingWrite(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    untrackPendingWrite(temporary);
    throw error;
  }
}
