import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Claims on output files, so that two caseload commands never write the
 * same file at once. Before it writes `dir/name`, a command creates the lock
 * file `dir/.name.caseload-lock` exclusively (it fails if the file exists),
 * holding its process id, host and start time; it removes the lock when it
 * ends, however it ends (see releaseClaims). A lock whose process no longer
 * runs on this host is abandoned: the next command takes it over.
 *
 * Temporary files are `dir/.name.caseload-tmp-<16 random hex digits>`: while
 * one exists, its writer holds the lock of `name`, so a temporary file whose
 * lock is gone or abandoned is a leftover of a killed run, and is removed.
 */

/** What a lock file holds: who claimed the file, and since when. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO 8601. */
  readonly started: string;
}

/** Another caseload command holds the lock of a file this one must write. */
export class ClaimConflict extends Error {
  readonly code = 'ECLAIMED';
  constructor(
    /** The file both want to write. */
    readonly path: string,
    readonly lock: string,
    /** Null when the lock file cannot be read (being written, or not caseload's). */
    readonly holder: LockHolder | null,
  ) {
    super(`"${path}" is being written by ${describeHolder(holder)}; lock file ${lock}`);
    this.name = 'ClaimConflict';
  }
}

const LOCK_SUFFIX = '.caseload-lock';
const TEMPORARY_INFIX = '.caseload-tmp-';
const TEMPORARY_NAME = /^\.(.+)\.caseload-tmp-[0-9a-f]{16}$/;

/** Locks this process holds: the file claimed (resolved) → its lock file. */
const held = new Map<string, string>();
/** Directories this process created, outermost first: removed again if they stay empty. */
const created: string[] = [];

/** The lock file of an output file: `.name.caseload-lock` beside it. */
export function lockPath(path: string): string {
  return join(dirname(path), `.${basename(path)}${LOCK_SUFFIX}`);
}

/** A new temporary name for an output file, beside it: `.name.caseload-tmp-<random>`. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}${TEMPORARY_INFIX}${randomBytes(8).toString('hex')}`);
}

/** Who holds a lock, in words: `another caseload command (pid 123 on host, started ...)`. */
export function describeHolder(holder: LockHolder | null): string {
  return holder === null
    ? 'another caseload command (its lock file cannot be read)'
    : `another caseload command (pid ${holder.pid} on ${holder.host}, started ${holder.started})`;
}

/**
 * Creates a directory and its missing parents, one level at a time, and
 * notes those it created (releaseClaims removes them again if they stay
 * empty). Unlike a recursive mkdir it fails at once where a level cannot be
 * created (a recursive mkdir under /proc never returns).
 *
 * @example makeDirectories('results/2024/out')
 */
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const found = statSync(at, { throwIfNoEntry: false });
    if (found !== undefined) {
      if (!found.isDirectory())
        throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at);
      created.push(at);
    } catch (error) {
      // Another command created it in the meantime: fine, as long as it is a directory.
      if (errorCode(error) !== 'EEXIST' || statSync(at, { throwIfNoEntry: false })?.isDirectory() !== true) throw error;
    }
  }
}

/**
 * Claims an output file for this process: creates its lock file, or takes
 * over a lock abandoned by a process that no longer runs on this host
 * (`note` says so). Throws ClaimConflict when another command holds it; a
 * file claimed already is fine. The directory must exist.
 *
 * @example claimFile('out/summary.json', (text) => process.stderr.write(`${text}\n`))
 */
export function claimFile(path: string, note: (text: string) => void = () => {}): void {
  const key = resolve(path);
  if (held.has(key)) return;
  // As given, for messages; held by its full path.
  const lock = lockPath(path);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  if (!createExclusively(lock, mine)) {
    const holder = readLock(lock);
    if (holder === null || !abandoned(holder, lock)) throw new ClaimConflict(path, lock, holder);
    removeAbandonedLock(lock, holder, path);
    if (!createExclusively(lock, mine)) throw new ClaimConflict(path, lock, readLock(lock));
    if (holder.pid !== process.pid)
      note(
        `caseload: took over the lock file ${lock}: the caseload command that left it (pid ${holder.pid}, started ${holder.started}) no longer runs`,
      );
  }
  held.set(key, resolve(lock));
}

/**
 * Removes caseload's own leftovers in `dir`: temporary files whose writer
 * no longer holds the lock of their file, and abandoned lock files. Nothing
 * else is touched. Call it before this process writes temporary files
 * there. Returns how many files it removed.
 */
export function removeLeftovers(dir: string): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const temporary = TEMPORARY_NAME.exec(name);
    if (temporary !== null) {
      const lock = join(dir, `.${temporary[1]}${LOCK_SUFFIX}`);
      const exists = lstatSync(lock, { throwIfNoEntry: false }) !== undefined;
      const holder = exists ? readLock(lock) : null;
      // This process writes its temporary files only after it removed the leftovers: none is its own yet.
      const orphan = !exists || (holder !== null && (holder.pid === process.pid || abandoned(holder, lock)));
      if (orphan && removeFile(path)) removed++;
    } else if (name.startsWith('.') && name.endsWith(LOCK_SUFFIX)) {
      const holder = readLock(path);
      if (holder !== null && holder.pid !== process.pid && abandoned(holder, path)) {
        try {
          removeAbandonedLock(path, holder, path);
          removed++;
        } catch {
          // Taken over by another command meanwhile: it is theirs now.
        }
      }
    }
  }
  return removed;
}

/** Whether this process holds the claim on `path`. */
export function isClaimed(path: string): boolean {
  return held.has(resolve(path));
}

/** Gives up the claim on one file: its lock file is removed. */
export function releaseClaim(path: string): void {
  const lock = held.get(resolve(path));
  if (lock === undefined) return;
  if (readLock(lock)?.pid === process.pid) removeFile(lock);
  held.delete(resolve(path));
}

/**
 * Removes this process's lock files and the directories it created that
 * are still empty, synchronously: what every command does when it ends,
 * on success, on an error and on SIGINT or SIGTERM.
 */
export function releaseClaims(): void {
  for (const lock of held.values()) {
    if (readLock(lock)?.pid === process.pid) removeFile(lock);
  }
  held.clear();
  for (const dir of created.splice(0).reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty (a result was written there, or another command uses it): kept.
    }
  }
}

/** Creates a file that must not exist yet with `text`; false when it exists. */
function createExclusively(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** The holder named in a lock file; null when it is missing, not a plain file, or not caseload's. */
function readLock(path: string): LockHolder | null {
  let text: string;
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  try {
    const raw = JSON.parse(text) as Partial<LockHolder>;
    if (typeof raw.pid !== 'number' || typeof raw.host !== 'string' || typeof raw.started !== 'string') return null;
    return { pid: raw.pid, host: raw.host, started: raw.started };
  } catch {
    return null;
  }
}

/**
 * A lock is abandoned when its process no longer runs on this host, or is
 * this process but not one of its claims (left by an earlier command run in
 * the same process). A lock of another host is never abandoned: its process
 * cannot be seen from here.
 */
function abandoned(holder: LockHolder, lock: string): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return ![...held.values()].includes(resolve(lock));
  return !processRuns(holder.pid);
}

/** Whether a process with this id runs on this host. */
function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes an abandoned lock, unless another command took it over since it
 * was read: the lock is first moved aside (one command can move it), then
 * checked to be the abandoned one, else put back.
 */
function removeAbandonedLock(lock: string, holder: LockHolder, path: string): void {
  const aside = `${lock}.stale-${randomBytes(8).toString('hex')}`;
  try {
    renameSync(lock, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readLock(aside);
  if (moved === null || moved.pid !== holder.pid || moved.started !== holder.started) {
    try {
      linkSync(aside, lock);
    } catch {
      // A third command claimed it meanwhile: the conflict below names it.
    }
    removeFile(aside);
    throw new ClaimConflict(path, lock, moved);
  }
  removeFile(aside);
}

/** Removes a plain file (never a directory); false when it could not. */
function removeFile(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
