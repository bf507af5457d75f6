import { isParameterIssue } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';

/** The command-line flag of each parameter of the library functions the commands call. */
const FLAGS = new Map([
  ['backlog', '--backlog'],
  ['confidence', '--confidence'],
  ['date', '--by'],
  ['filed', '--filed'],
  ['filedFrom', '--filed-from'],
  ['filedTo', '--filed-to'],
  ['fit', '--fit'],
  ['horizonWeeks', '--horizon'],
  ['lane', '--lane'],
  ['lanes', '--lanes'],
  ['leadTime', '--lead-time'],
  ['lever', '--lever'],
  ['max', '--max'],
  ['percentile', '--percentile'],
  ['replications', '--reps'],
  ['rounds', '--rounds'],
  ['seed', '--seed'],
  ['set', '--set'],
  ['shard', '--shard'],
  ['step', '--step'],
  ['workers', '--workers'],
]);

/**
 * An issue as the CLI prints it: an issue the library located at one of its
 * parameters names the flag instead (`confidence: ...` becomes
 * `--confidence: ...`, `scenario.yaml: lever perWeek: ...` becomes
 * `scenario.yaml: --lever perWeek: ...`, and a parameter named in backticks,
 * "use `seed`", becomes "use --seed"). Every other issue is unchanged.
 *
 * @example formatIssue(inFlagWords(issue))
 */
export function inFlagWords(issue: InputIssue): InputIssue {
  if (!isParameterIssue(issue)) return issue;
  const { parameter, ...plain } = issue;
  const flag = FLAGS.get(parameter);
  if (flag === undefined) return plain;
  const named = (location: string) => location === parameter || location.startsWith(`${parameter} `);
  const renamed = (location: string) => flag + location.slice(parameter.length);
  if (named(issue.file))
    return {
      ...plain,
      file: renamed(issue.file),
      problem: mentions(issue.problem),
      allowed: issue.allowed === null ? null : mentions(issue.allowed),
    };
  return named(issue.field) ? { ...plain, field: renamed(issue.field) } : plain;
}

/**
 * A parameter with what follows it (`set capacity.perWeek`, `replications`)
 * as the command line writes it (`--set capacity.perWeek`, `--reps`).
 *
 * @example inFlagWord('replications') // '--reps'
 */
export function inFlagWord(words: string): string {
  const [parameter = '', ...rest] = words.split(' ');
  const flag = FLAGS.get(parameter);
  return flag === undefined ? words : [flag, ...rest].join(' ');
}

/** Parameters named in backticks, `name` or `name and more`, as their flags. */
function mentions(text: string): string {
  return text.replace(/`(\w+)([^`]*)`/g, (whole, name: string, rest: string) => {
    const flag = FLAGS.get(name);
    return flag === undefined ? whole : flag + rest;
  });
}
