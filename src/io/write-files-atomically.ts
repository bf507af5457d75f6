import { constants, renameSync, rmSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  claimFile,
  isClaimed,
  makeDirectories,
  releaseClaim,
  removeLeftovers,
  temporaryPath,
} from './output-claims.js';
import { trackPendingWrite, untrackPendingWrite } from './pending-writes.js';

/** A file to write: where, and its whole text. */
export interface FileToWrite {
  readonly path: string;
  readonly text: string;
}

/** A write that failed, with the file it failed on; `code` is the cause's (EACCES, ENOSPC, ...). */
export class WriteFailure extends Error {
  readonly code: unknown;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'WriteFailure';
    this.code = (cause as { code?: unknown } | null)?.code;
  }
}

/** Create only, never through a link: a file or link already at a temporary name is an error, not a target. */
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes every file or none, as one unit, wherever each goes: each file's
 * directory is created if needed and the file claimed (see claimFile; a
 * command normally claimed it before its run), each is written to a
 * temporary file of its own, beside it, created exclusively under a random
 * name; only when all are written are they renamed into place, in one
 * synchronous step that a signal handler cannot interrupt. Files named in
 * `stale` that this write does not produce are removed in the same step (an
 * earlier result's leftovers, with --force). On failure every temporary file
 * is removed, no file is replaced, and a WriteFailure names the file; an
 * interrupted run removes them too (see removePendingWrites). Caseload's
 * leftovers of killed runs in these directories are removed first.
 *
 * @example await writeAllAtomically([{ path: 'out/summary.json', text: '{}' }, { path: 'report.html', text: html }])
 */
export async function writeAllAtomically(files: readonly FileToWrite[], stale: readonly string[] = []): Promise<void> {
  // Files not claimed before are claimed for this write only.
  const claimedHere = files.filter(({ path }) => !isClaimed(path)).map(({ path }) => path);
  try {
    await writeClaimed(files, stale);
  } finally {
    for (const path of claimedHere) releaseClaim(path);
  }
}

async function writeClaimed(files: readonly FileToWrite[], stale: readonly string[]): Promise<void> {
  for (const { path } of files) {
    try {
      makeDirectories(dirname(path));
      claimFile(path);
    } catch (error) {
      throw new WriteFailure(path, error);
    }
  }
  for (const dir of new Set(files.map(({ path }) => dirname(path)))) removeLeftovers(dir);
  const temporaries: string[] = [];
  const removeTemporaries = async () => {
    await Promise.all(temporaries.map((temporary) => rm(temporary, { force: true })));
    for (const temporary of temporaries) untrackPendingWrite(temporary);
  };
  for (const { path, text } of files) {
    try {
      const temporary = temporaryPath(path);
      trackPendingWrite(temporary);
      temporaries.push(temporary);
      const handle = await open(temporary, EXCLUSIVE, 0o666);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      await removeTemporaries();
      throw new WriteFailure(path, error);
    }
  }
  // Everything below is synchronous: a signal cannot land between two renames.
  const blocked = files.find(({ path }) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true);
  if (blocked !== undefined) {
    for (const temporary of temporaries) {
      rmSync(temporary, { force: true });
      untrackPendingWrite(temporary);
    }
    throw new WriteFailure(
      blocked.path,
      Object.assign(new Error(`${blocked.path} is a directory`), { code: 'EISDIR' }),
    );
  }
  const written = new Set(files.map(({ path }) => path));
  for (const path of stale) if (!written.has(path)) rmSync(path, { force: true });
  files.forEach(({ path }, i) => {
    renameSync(temporaries[i]!, path);
    untrackPendingWrite(temporaries[i]!, path);
  });
}

/**
 * Writes every file into `dir` or none (see writeAllAtomically); `stale`
 * names files in `dir` of an earlier result to remove.
 *
 * @example await writeFilesAtomically('out', { 'summary.json': '{}' })
 */
export async function writeFilesAtomically(
  dir: string,
  files: Readonly<Record<string, string>>,
  stale: readonly string[] = [],
): Promise<void> {
  await writeAllAtomically(
    Object.entries(files).map(([name, text]) => ({ path: join(dir, name), text })),
    stale.map((name) => join(dir, name)),
  );
}
