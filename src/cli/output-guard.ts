import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writtenByCaseload } from '../io/caseload-file.js';
import { issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';

/** The files `run --out DIR` (and `merge` of run shards) writes: an earlier result is any of them. */
export const RUN_RESULT_FILES = ['weekly.csv', 'prognosis.csv', 'summary.json', 'scenario.json'] as const;

/**
 * Checks an output directory before any work is done: it must be a
 * directory (or not exist yet), not a symbolic link unless given with a
 * trailing slash (`--out link/`: the directory it points to), and of the
 * files this command writes there none may be an input of the command
 * (`inputs`), a link, a directory or a file caseload did not write; unless
 * `force`, none may exist at all (an earlier result).
 *
 * @example await checkOutputDir('out', RUN_RESULT_FILES, false, '--out', issues)
 */
export async function checkOutputDir(
  dir: string,
  names: readonly string[],
  force: boolean,
  flag: string,
  issues: InputIssue[],
  inputs: readonly string[] = [],
): Promise<void> {
  if (dir.trim() === '') {
    issues.push(issueAt(flag, '', 'must name a directory, got an empty string', null));
    return;
  }
  const link = await linkIssue(dir, flag);
  if (link !== null) {
    issues.push(link);
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
  const present = new Set(await readdir(dir).catch(() => []));
  const earlier: string[] = [];
  for (const name of names.filter((n) => present.has(n))) {
    const path = join(dir, name);
    const refused = await refusedDestination(path, inputs, flag, 'choose another directory');
    if (refused !== null) issues.push(refused);
    else earlier.push(path);
  }
  if (!force && earlier.length > 0) {
    issues.push(
      issueAt(
        flag,
        '',
        `"${dir}" already holds an earlier result (${earlier.join(', ')})`,
        'add --force to replace it, or choose another directory',
      ),
    );
  }
}

/**
 * Checks an output file before any work is done: not empty, not a
 * directory or a symbolic link, not an input of the command, not a file
 * caseload did not write, and unless `force` not an existing file (an
 * earlier result).
 *
 * @example await checkOutputFile('report.html', false, '--out', issues)
 */
export async function checkOutputFile(
  path: string,
  force: boolean,
  flag: string,
  issues: InputIssue[],
  inputs: readonly string[] = [],
): Promise<void> {
  if (path.trim() === '') {
    issues.push(issueAt(flag, '', 'must name a file, got an empty string', null));
    return;
  }
  const found = await lstat(path).catch(() => null);
  if (found === null) {
    await checkAncestors(path, flag, 'a file in a directory you can write to', issues);
    return;
  }
  if (found.isDirectory()) {
    issues.push(issueAt(flag, '', `"${path}" is a directory`, 'a file name'));
    return;
  }
  const refused = await refusedDestination(path, inputs, flag, 'choose another file');
  if (refused !== null) issues.push(refused);
  else if (!force)
    issues.push(issueAt(flag, '', `"${path}" already exists`, 'add --force to replace it, or choose another file'));
}

/**
 * Why a file that exists where a command would write cannot be replaced,
 * even with --force: it is one of the command's inputs (the same file, by
 * device and inode, or by its real path), a symbolic link, a directory, or
 * not a file caseload wrote. Null when it is an earlier result.
 */
export async function refusedDestination(
  path: string,
  inputs: readonly string[],
  flag: string,
  instead: string,
): Promise<InputIssue | null> {
  const found = await lstat(path).catch(() => null);
  if (found === null) return null;
  if (await isInput(path, inputs))
    return issueAt(
      flag,
      '',
      `"${path}" is an input of this command`,
      `caseload never writes over its inputs, even with --force: ${instead}`,
    );
  if (found.isSymbolicLink())
    return issueAt(
      flag,
      '',
      `"${path}" is a symbolic link (to "${await readlink(path).catch(() => '?')}")`,
      `caseload does not write through links, even with --force: name the file itself, or ${instead}`,
    );
  if (found.isDirectory()) return issueAt(flag, '', `"${path}" is a directory`, `remove it, or ${instead}`);
  if (!found.isFile() || !(await writtenByCaseload(path)))
    return issueAt(
      flag,
      '',
      `"${path}" already exists and was not written by caseload (it has no caseload provenance)`,
      `caseload replaces only its own results, even with --force: move it, or ${instead}`,
    );
  return null;
}

/** Whether `path` is one of `inputs`: the same file by device and inode, or by real path. */
export async function isInput(path: string, inputs: readonly string[]): Promise<boolean> {
  const target = await stat(path).catch(() => null);
  if (target === null) return false;
  const real = await realpath(path).catch(() => null);
  for (const input of inputs) {
    const found = await stat(input).catch(() => null);
    if (found === null) continue;
    if (found.dev === target.dev && found.ino === target.ino && found.ino !== 0) return true;
    if (real !== null && (await realpath(input).catch(() => null)) === real) return true;
  }
  return false;
}

/**
 * An output directory given as a symbolic link is refused unless written
 * with a trailing slash (`link/`), which names the directory it points to:
 * a link planted in a shared folder must not send the output elsewhere.
 */
async function linkIssue(dir: string, flag: string): Promise<InputIssue | null> {
  if (/[\\/]$/.test(dir)) return null;
  const found = await lstat(dir).catch(() => null);
  if (found === null || !found.isSymbolicLink()) return null;
  return issueAt(
    flag,
    '',
    `"${dir}" is a symbolic link (to "${await readlink(dir).catch(() => '?')}")`,
    `write "${dir}/" to write into the directory it points to, or choose another directory`,
  );
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
