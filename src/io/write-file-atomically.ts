import { writeAllAtomically } from './write-files-atomically.js';

/**
 * Writes one file whole or not at all: the text goes to a temporary file
 * beside it (the directory created if needed), which is renamed into place
 * only once written (see writeAllAtomically). On failure the temporary file
 * is removed and a WriteFailure is thrown; an interrupted run removes it too
 * (see removePendingWrites).
 *
 * @example await writeFileAtomically('out/sweep.csv', 'capacity.perWeek,end_mean\n28,1284\n')
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  await writeAllAtomically([{ path, text }]);
}
