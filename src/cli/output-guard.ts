import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';

/** The files `run --out DIR` (and `merge` of run shards) writes: an earlier result is any of them. */
export const RUN_RESULT_FILES = ['weekly.csv', 'prognosis.csv', 'summary.json', 'scenario.json'] as const;

/**
 * Checks an output directory before any work is done: it must be a
 * directory (or not exist yet), and unless `force` it must not hold an
 * earlier result, i.e. any of the files this command writes there.
 *
 * @example await checkOutputDir('out', RUN_RESULT_FILES, false, '--out', issues)
 */
export async function checkOutputDir(
  dir: string,
  names: readonly string[],
  force: boolean,
  flag: string,
  issues: InputIssue[],
): Promise<void> {
  if (dir.trim() === '') {
    issues.push(issueAt(flag, '', 'must name a directory, got an empty string', null));
    return;
  }
  const found = await stat(dir).catch(() => null);
  if (found === null) {
    await checkAncestors(dir, flag, 'a directory you can write to', issues);
    return;
  }
  if (!found.isDirectory()) {
    issues.push(issueAt(flag, '', `"${dir}" is a file, not a directory`, 'a directory (created if needed)'));
    return;
  }
  if (force) return;
  const present = new Set(await readdir(dir).catch(() => []));
  const earlier = names.filter((name) => present.has(name));
  if (earlier.length > 0) {
    issues.push(
      issueAt(
        flag,
        '',
        `"${dir}" already holds an earlier result (${earlier.map((name) => join(dir, name)).join(', ')})`,
        'add --force to replace it, or choose another directory',
      ),
    );
  }
}

/**
 * Checks an output file before any work is done: not empty, not a
 * directory, and unless `force` not an existing file (an earlier result).
 *
 * @example await checkOutputFile('report.html', false, '--out', issues)
 */
export async function checkOutputFile(path: string, force: boolean, flag: string, issues: InputIssue[]): Promise<void> {
  if (path.trim() === '') {
    issues.push(issueAt(flag, '', 'must name a file, got an empty string', null));
    return;
  }
  const found = await stat(path).catch(() => null);
  if (found === null) {
    await checkAncestors(path, flag, 'a file in a directory you can write to', issues);
    return;
  }
  if (found.isDirectory()) issues.push(issueAt(flag, '', `"${path}" is a directory`, 'a file name'));
  else if (!force)
    issues.push(issueAt(flag, '', `"${path}" already exists`, 'add --force to replace it, or choose another file'));
}

/** A path that does not exist yet can be created only if its nearest existing ancestor is a directory. */
async function checkAncestors(path: string, flag: string, allowed: string, issues: InputIssue[]): Promise<void> {
  for (let parent = dirname(path); ; parent = dirname(parent)) {
    const found = await stat(parent).catch(() => null);
    if (found !== null) {
      if (!found.isDirectory())
        issues.push(
          issueAt(
            flag,
            '',
            `cannot write "${path}": a part of the path is a file, not a directory ("${parent}")`,
            allowed,
          ),
        );
      return;
    }
    if (dirname(parent) === parent) return;
  }
}

/** The `--force` flag of every command that writes files. */
export const FORCE_OPTION = {
  type: 'boolean',
  default: false,
  describe: 'Replace an earlier result in --out (and --report)',
} as const;
