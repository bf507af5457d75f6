import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeWriteError } from '../io/describe-write-error.js';
import { ClaimConflict, claimFile, describeHolder, makeDirectories, removeLeftovers } from '../io/output-claims.js';
import type { FileToWrite } from '../io/write-files-atomically.js';
import { WriteFailure, writeAllAtomically } from '../io/write-files-atomically.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenario, splitVariantName } from '../scenario/index.js';
import type { LoadedScenario } from '../scenario/index.js';
import { isInput } from './output-guard.js';

/** A file a command writes, with the flag that names it; `dir` when the flag names its directory (`--out DIR`). */
export interface Destination {
  readonly path: string;
  readonly flag: string;
  readonly dir?: string;
}

/** The files a command writes into the directory `dir` given as `flag`. */
export function inDirectory(dir: string, names: readonly string[], flag = '--out'): Destination[] {
  return names.map((name) => ({ path: join(dir, name), flag, dir }));
}

/** The file of a scenario argument (`file.yaml#variant`: file.yaml; a path that exists is that file, `#` and all), an input known before it is loaded. */
export function scenarioArgumentFile(argument: string): string {
  return existsSync(argument) ? argument : splitVariantName(argument).file;
}

/** Every file read to load these scenarios: each scenario file, the files it extends, its calendar and CSV files. */
export function scenarioInputs(loaded: readonly Pick<LoadedScenario, 'files' | 'dataFiles'>[]): string[] {
  return [...new Set(loaded.flatMap((l) => [...l.files, ...l.dataFiles]))];
}

/**
 * The input files of a scenario argument (see scenarioInputs), known before
 * a command loads it its own way, to check its destinations against them
 * first; the file alone when it does not load as it is.
 */
export async function scenarioFileInputs(argument: string): Promise<string[]> {
  const loaded = await loadScenario(argument);
  return loaded.ok ? scenarioInputs([loaded.value]) : [scenarioArgumentFile(argument)];
}

/** The input files of several scenario arguments (see scenarioFileInputs). */
export async function filesInputs(arguments_: readonly string[]): Promise<string[]> {
  return [...new Set((await Promise.all(arguments_.map(scenarioFileInputs))).flat())];
}

/**
 * Claims every file a command will write, before its run: none may be an
 * input of the command (`inputs`: the scenario files, the files they
 * extend, calendar and CSV files), nor named twice; each directory is
 * created if needed and each file's lock taken (see claimFile), which also
 * shows that the directory can be written. A file another caseload command
 * is writing is an input error that names it; a lock left by a process that
 * no longer runs is taken over, with a note. Caseload's own leftovers of
 * killed runs in those directories are removed. The claims end with the
 * command (releaseClaims).
 *
 * @example await claimOutputs(inDirectory('out', RUN_RESULT_FILES), loaded.files, note)
 */
export async function claimOutputs(
  destinations: readonly Destination[],
  inputs: readonly string[],
  note: (text: string) => void,
): Promise<void> {
  const issues: InputIssue[] = [];
  const seen = new Map<string, Destination>();
  for (const destination of destinations) {
    const other = seen.get(resolve(destination.path));
    if (other !== undefined)
      issues.push(
        issueAt(
          destination.flag,
          '',
          `names "${destination.path}", which ${other.flag} writes too`,
          'a file of its own, in another directory or under another name',
        ),
      );
    seen.set(resolve(destination.path), destination);
    if (await isInput(destination.path, inputs))
      issues.push(
        issueAt(
          destination.flag,
          '',
          `"${destination.path}" is an input of this command`,
          `caseload never writes over its inputs, even with --force: choose another ${destination.dir === undefined ? 'file' : 'directory'}`,
        ),
      );
  }
  if (issues.length > 0) throw new InputError(issues);
  for (const destination of destinations) {
    try {
      makeDirectories(dirname(destination.path));
      claimFile(destination.path, note);
    } catch (error) {
      throw new InputError([claimIssue(destination, error)]);
    }
  }
  for (const dir of new Set(destinations.map(({ path }) => dirname(path)))) {
    try {
      removeLeftovers(dir);
    } catch {
      // A directory that cannot be listed still takes the result; leftovers wait for the next write.
    }
  }
}

/**
 * Writes the files of one command as one unit (see writeAllAtomically),
 * all or none; a file that cannot be written is an input error of the flag
 * that named it.
 *
 * @example await writeOutputs([{ path: 'report.html', text: html, flag: '--report' }])
 */
export async function writeOutputs(
  files: readonly (FileToWrite & Destination)[],
  stale: readonly string[] = [],
): Promise<void> {
  try {
    await writeAllAtomically(files, stale);
  } catch (error) {
    const failed = files.find((file) => error instanceof WriteFailure && file.path === error.path) ?? files[0];
    if (failed === undefined) throw error;
    throw new InputError([claimIssue(failed, error)]);
  }
}

/** The issue for a file that cannot be claimed or written: another command holds it, or why it cannot be written. */
function claimIssue(destination: Destination, error: unknown): InputIssue {
  const conflict = error instanceof ClaimConflict ? error : (error as { cause?: unknown } | null)?.cause;
  const instead = destination.dir === undefined ? 'another file' : 'another directory';
  if (conflict instanceof ClaimConflict)
    return issueAt(
      destination.flag,
      '',
      `"${destination.path}" is being written by ${describeHolder(conflict.holder)}`,
      `wait for it to end, or choose ${instead}; if that command no longer runs, delete its lock file ${conflict.lock}`,
    );
  const reason = describeWriteError(error);
  return destination.dir === undefined
    ? issueAt(
        destination.flag,
        '',
        `cannot write "${destination.path}": ${reason}`,
        'a file in a directory you can write to',
      )
    : issueAt(destination.flag, '', `cannot write to "${destination.dir}": ${reason}`, 'a directory you can write to');
}
