import { rmSync } from 'node:fs';

/** Temporary files written but not yet renamed into place. */
const pending = new Set<string>();
/** Files renamed into place by this process: a finished result. */
const written: string[] = [];

/** Notes a temporary file that must not outlive an interrupted run. */
export function trackPendingWrite(path: string): void {
  pending.add(path);
}

/** Forgets a temporary file once it has been renamed into place (as `final`) or removed. */
export function untrackPendingWrite(path: string, final?: string): void {
  pending.delete(path);
  if (final !== undefined) written.push(final);
}

/** The files this process has written whole so far. */
export function finishedWrites(): readonly string[] {
  return written;
}

/**
 * Removes every temporary file of a write still in progress, synchronously:
 * what an interrupted run (SIGINT, SIGTERM) does before it exits, so that it
 * leaves no partial files. Returns how many it removed.
 *
 * @example process.on('SIGINT', () => { removePendingWrites(); process.exit(130); })
 */
export function removePendingWrites(): number {
  let removed = 0;
  for (const path of pending) {
    try {
      rmSync(path, { force: true });
      removed++;
    } catch {
      // Best effort on the way out: a file that cannot be removed is reported by nobody.
    }
  }
  pending.clear();
  return removed;
}
