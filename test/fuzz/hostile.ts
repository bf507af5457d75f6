import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import type { InputIssue } from '../../src/scenario/errors.js';
import { cli } from '../cli/helpers.js';

/** A valid scenario as data, to be broken by the properties. */
export const VALID_DOC = {
  name: 'Hostile',
  start: '2024-01-01',
  horizonWeeks: 8,
  seed: 3,
  replications: 5,
  inflow: { meanPerWeek: 25 },
  capacity: { perYear: 1600 },
  calendar: [{ from: '2024-02-01', to: '2024-02-10', scale: 0.5, label: 'x' }],
  lanes: {
    incomplete: { share: 0.2, grantRate: 0, minWaitWeeks: 2 },
    regular: { share: 0.8, grantRate: 0.4, hoursPerDecision: 3, capacity: { staff: { fte: 1 } } },
  },
  initialBacklog: { spreadWeeks: 4, lanes: { incomplete: 3, regular: { byWeeksAgo: { 1: 2 } } } },
  target: { backlog: 10, date: '2024-02-20' },
};

/** Paths into VALID_DOC (and a few just beside it) where a mutation lands. */
export const PATHS: readonly (readonly string[])[] = [
  [],
  ['name'],
  ['start'],
  ['horizonWeeks'],
  ['seed'],
  ['replications'],
  ['extends'],
  ['variants'],
  ['variants', 'v'],
  ['calendars'],
  ['inflow'],
  ['inflow', 'meanPerWeek'],
  ['inflow', 'weeklyMeans'],
  ['inflow', 'observed'],
  ['inflow', 'observed', 'file'],
  ['capacity'],
  ['capacity', 'unit'],
  ['capacity', 'perYear'],
  ['capacity', 'perWeek'],
  ['capacity', 'staff'],
  ['capacity', 'inflowPlusMargin', 'margin'],
  ['calendar'],
  ['calendar', '0'],
  ['calendar', '0', 'from'],
  ['calendar', '0', 'to'],
  ['calendar', '0', 'scale'],
  ['calendar', '1'],
  ['lanes'],
  ['lanes', 'regular'],
  ['lanes', 'regular', 'share'],
  ['lanes', 'incomplete', 'share'],
  ['lanes', 'regular', 'grantRate'],
  ['lanes', 'regular', 'priority'],
  ['lanes', 'incomplete', 'minWaitWeeks'],
  ['lanes', 'regular', 'hoursPerDecision'],
  ['lanes', 'regular', 'capacity'],
  ['lanes', 'regular', 'capacity', 'staff', 'fte'],
  ['lanes', 'new-lane'],
  ['lanes', 'total'],
  ['initialBacklog'],
  ['initialBacklog', 'spreadWeeks'],
  ['initialBacklog', 'lanes', 'incomplete'],
  ['initialBacklog', 'lanes', 'regular', 'byWeeksAgo'],
  ['initialBacklog', 'lanes', 'regular', 'byWeeksAgo', '1'],
  ['initialBacklog', 'lanes', 'nolane'],
  ['target'],
  ['target', 'date'],
  ['target', 'backlog'],
  ['observed'],
  ['observed', 'decisions'],
  ['unknownKey'],
];

/**
 * Values a planner or an attacker may put anywhere. `engineSafe` leaves out
 * magnitudes the engine cannot simulate in reasonable time or memory (a
 * capacity of 1e308, a mean of 1e20 a week), which pass the loader's checks:
 * properties that also run the scenario use it.
 */
export function hostileValue(engineSafe: boolean): fc.Arbitrary<unknown> {
  const safe = fc.oneof(
    fc.constantFrom<unknown>(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      -1,
      0,
      0.5,
      1,
      1.01,
      2.5,
      '',
      ' ',
      null,
      true,
      false,
      [],
      {},
      [1, 2],
      { a: { b: 1 } },
      '2024-02-30',
      '2024-13-01',
      '2024-01-01',
      '0,14',
      'ten',
      'hours',
      'decisions',
      'week',
      'month',
      'trailing',
      '../x.yaml',
      '.',
      '日本語',
      '🙂\u0000\u202e',
      'x'.repeat(10_000),
      '123456789012345678901234567890',
      2 ** 53 + 2,
      1e21,
      9007199254740991,
    ),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: -2, max: 2 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 60 }),
    fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof(fc.integer({ min: 0, max: 100 }), fc.string({ maxLength: 6 })),
      { maxKeys: 3 },
    ),
  );
  if (engineSafe) return safe;
  return fc.oneof(
    safe,
    fc.constantFrom<unknown>(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e20, 5e-324),
    fc.double(),
    fc.integer(),
    fc.anything({ maxDepth: 2 }),
  );
}

/** A copy of `doc` with `value` at `path` (undefined deletes the key). */
export function withValue(doc: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const container = doc !== null && typeof doc === 'object' ? doc : {};
  const copy = (Array.isArray(container) ? [...(container as unknown[])] : { ...container }) as Record<string, unknown>;
  const next = withValue(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** One change to a document: set a value, delete a key, or add an unknown key next to a path. */
export function mutation(engineSafe: boolean): fc.Arbitrary<(doc: unknown) => unknown> {
  const path = fc.constantFrom(...PATHS);
  return fc.oneof(
    fc.tuple(path, hostileValue(engineSafe)).map(([p, v]) =>
      Object.assign((doc: unknown) => withValue(doc, p, v), {
        toString: () => `set ${p.join('.')} = ${String(JSON.stringify(v))?.slice(0, 80)}`,
      }),
    ),
    path.map((p) =>
      Object.assign((doc: unknown) => withValue(doc, p, undefined), { toString: () => `delete ${p.join('.')}` }),
    ),
    fc
      .tuple(
        path,
        fc.string({
          unit: fc.constantFrom('a', 'Z', '1', '-', '_', ' ', '.', ':', '\n', '\r', '"', '#', 'é', '🙂'),
          minLength: 1,
          maxLength: 8,
        }),
      )
      .map(([p, key]) =>
        Object.assign((doc: unknown) => withValue(doc, [...p, key], 1), {
          toString: () => `add ${[...p, key].join('.')}`,
        }),
      ),
  );
}

/** A document as the text of a file: YAML (with some text-level damage) or JSON. */
export function documentText(doc: unknown, format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) ?? 'null';
  return stringify(doc, { lineWidth: 0 }) ?? '';
}

/** A fresh directory for one property's files, removed by the returned function. */
export async function scratchDir(): Promise<{ dir: string; cleanUp: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-hostile-'));
  return { dir, cleanUp: () => rm(dir, { recursive: true, force: true }) };
}

const STACK_LINE = /^\s+at .*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/;

/**
 * The promise of the issue: exit 0, or exit 2 with one message per line, each
 * `file[:line[:col]]: [field: ]problem [(allowed)]` naming a file in `dir`;
 * never exit 1 (an internal error), never a stack trace.
 */
export function expectCleanExit(result: { code: number; stdout: string; stderr: string }, dir: string): void {
  const context = `exit ${result.code}\n${result.stderr}`;
  expect([0, 2], context).toContain(result.code);
  if (result.code === 0) return;
  expect(result.stderr.trim(), context).not.toBe('');
  for (const line of result.stderr.trimEnd().split('\n')) {
    expect(line, context).not.toMatch(STACK_LINE);
    expect(line.startsWith(`${dir}/`), `a message that names no file of ${dir}: ${line}`).toBe(true);
    expect(line, context).toMatch(/^[^\n]+?(?::\d+(?::\d+)?)?: \S.*$/);
  }
}

/** Runs `validate`, and `run` when the file is valid; both must exit cleanly. */
export async function expectCleanCli(file: string, dir: string, alsoRun: boolean): Promise<number> {
  const validated = await cli('validate', file);
  expectCleanExit(validated, dir);
  if (validated.code === 0 && alsoRun)
    expectCleanExit(await cli('run', file, '--reps', '2', '--workers', '1', '--quiet'), dir);
  return validated.code;
}

/**
 * An issue inside a file's text has a position: a scenario or calendar file
 * a line and column, a CSV file a line. Only a file that cannot be read or an
 * empty CSV may have none.
 */
export function expectLocated(issue: InputIssue): void {
  const text = JSON.stringify(issue);
  if (/\.(ya?ml|json)$/i.test(issue.file)) {
    if (issue.problem.startsWith('cannot read the scenario file')) return;
    expect(issue.line, text).not.toBeNull();
    expect(issue.column, text).not.toBeNull();
  } else if (/\.csv$/i.test(issue.file)) {
    if (issue.problem === 'is empty') return;
    expect(issue.line, text).not.toBeNull();
  }
  expect(issue.problem.trim(), text).not.toBe('');
}
