import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const STAFF = 'scenarios/shared-staff.yaml';
const BACKTEST = 'scenarios/backtest-2023.yaml';
/** Never written: every command below stops at its flags. */
const NOWHERE = join(tmpdir(), 'caseload-number-writing-never-written.html');

/** Runs a command that must stop at its flags: exit 2, nothing on stdout, the one line expected. */
async function refused(args: string[], line: string): Promise<void> {
  const { code, stdout, stderr } = await cli(...args, ...(args[0] === 'score' ? [] : ['--quiet']));
  expect(code, args.join(' ')).toBe(2);
  expect(stdout, args.join(' ')).toBe('');
  expect(stderr, args.join(' ')).toBe(`${line}\n`);
}

describe('Dutch number writing on the command line', () => {
  it('a count written with a group separator is refused with the number without it, on every command', async () => {
    const cases: [string[], string][] = [
      [
        ['run', BASELINE, '--reps', '1.000'],
        '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['run', BASELINE, '--reps', '1,000'],
        '--reps: 1,000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['run', BASELINE, '--seed', '2.024'],
        '--seed: 2.024 looks like 2,024 written with a group separator; write 2024',
      ],
      [
        ['run', BASELINE, '--horizon', '1.040'],
        '--horizon: 1.040 looks like 1,040 written with a group separator; write 1040',
      ],
      [
        ['run', BASELINE, '--workers', '1.000'],
        '--workers: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['target', BASELINE, '--backlog', '1.100'],
        '--backlog: 1.100 looks like 1,100 written with a group separator; write 1100',
      ],
      [
        ['target', BASELINE, '--reps', '2.000'],
        '--reps: 2.000 looks like 2,000 written with a group separator; write 2000',
      ],
      [
        ['compare', BASELINE, 'scenarios/plan-30-40.yaml', '--reps', '1.000'],
        '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['sweep', BASELINE, '--set', 'capacity.perWeek=30', '--reps', '1.000'],
        '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['prognosis', BASELINE, '--filed', '2024-03-01', '--horizon', '1.040'],
        '--horizon: 1.040 looks like 1,040 written with a group separator; write 1040',
      ],
      [
        ['backtest', BACKTEST, '--reps', '1.000'],
        '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['monitor', BASELINE, '--actuals', 'scenarios/data/actuals-2024-example.csv', '--reps', '1.000'],
        '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['calibrate', BACKTEST, '--fit', 'capacity.perYear', '--out', `${NOWHERE}.yaml`, '--rounds', '1.000'],
        '--rounds: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['report', BASELINE, '--out', NOWHERE, '--reps', '1.000'],
        '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
      ],
      [
        ['score', 'scenarios/data/inflow-history.csv', '--draws', '20.000'],
        '--draws: 20.000 looks like 20,000 written with a group separator; write 20000',
      ],
      [
        ['run', BASELINE, '--reps', '1.000.000'],
        '--reps: 1.000.000 looks like 1,000,000 written with a group separator; write 1000000',
      ],
      [['run', BASELINE, '--reps', '2,5'], '--reps: must be a whole number, got 2,5 (a decimal comma)'],
    ];
    for (const [args, line] of cases) await refused(args, line);
  });

  it('a count without a separator, or a decimal written with a point, is read as before', async () => {
    const { code, stderr } = await cli('run', BASELINE, '--reps', '1000', '--workers', '1', '--json');
    expect(code).toBe(0);
    expect(stderr).toContain('1000 replications of 52 weeks');
    // A dot that is a decimal point in a count reaches the loader's own check, as before.
    await refused(
      ['run', BASELINE, '--reps', '2.5'],
      'scenarios/baseline-2024.yaml: --reps: must be a whole number, got 2.5 (an integer in [1, 10000000])',
    );
  });

  it('a decimal comma in a number flag is refused with the number written with a point', async () => {
    await refused(['target', BASELINE, '--confidence', '0,9'], '--confidence: 0,9 has a decimal comma; write 0.9');
    await refused(['target', BASELINE, '--step', '0,5'], '--step: 0,5 has a decimal comma; write 0.5');
    await refused(
      ['score', 'scenarios/data/inflow-history.csv', '--plan', '27,5'],
      '--plan: 27,5 has a decimal comma; write 27.5',
    );
    // A comma before three digits may group thousands as well: both readings are shown.
    await refused(
      ['target', STAFF, '--lever', 'fte', '--max', '1,500'],
      '--max: 1,500 has a comma, which may be a decimal comma (1.5) or a group separator (1500) (write 1.5 or 1500)',
    );
  });

  it('a sweep list that reads as one number with a decimal comma or a group separator is refused with a hint', async () => {
    await refused(
      ['sweep', BASELINE, '--set', 'inflow.meanPerWeek=27,5'],
      '--set inflow.meanPerWeek=27,5: "27,5" reads as 27.5 written with a decimal comma; a comma separates values here (write 27.5 for one value; for the two values 27 and 5, put a space after the comma: "inflow.meanPerWeek=27, 5")',
    );
    await refused(
      ['sweep', BASELINE, '--set', 'capacity.perYear=1.600'],
      '--set capacity.perYear=1.600: "1.600" looks like 1,600 written with a group separator (a dot is a decimal point) (write 1600, or 1.6 for 1.6)',
    );
    // With a space after the comma the list is two values, as asked.
    const { code, stdout } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'inflow.meanPerWeek=27, 5',
      '--reps',
      '20',
      '--workers',
      '1',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { rows: { values: unknown }[] }).rows.map((row) => row.values)).toEqual([
      { 'inflow.meanPerWeek': 27 },
      { 'inflow.meanPerWeek': 5 },
    ]);
  });
});
