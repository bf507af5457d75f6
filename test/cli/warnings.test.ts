import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

let dir = '';
/** A baseline whose plan is written the Dutch way: 1.600 decisions a year, read as 1.6. */
let dutch = '';
/** The 2023 backtest with the observed decisions written the Dutch way. */
let backtest = '';
let warning = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caseload-warnings-'));
  dutch = join(dir, 'dutch.yaml');
  await writeFile(
    dutch,
    `extends: ${resolve('scenarios/baseline-2024.yaml')}\nname: Dutch\ncapacity:\n  perYear: 1.600\n`,
  );
  warning = `${dutch}:4:12: capacity.perYear: 1.600 is read as 1.6 (a dot is a decimal point): did you mean 1,600? (write 1600 for 1,600; write 1.6 to keep 1.6)`;
  backtest = join(dir, 'backtest.yaml');
  await writeFile(backtest, `extends: ${resolve('scenarios/backtest-2023.yaml')}\nobserved:\n  decisions: 1.530\n`);
});

const FAST = ['--reps', '20', '--workers', '1'];

describe('plausibility warnings on the command line', () => {
  it('are printed on stderr as warning: file:line:col: ..., also with --quiet, and the run goes on', async () => {
    const { code, stdout, stderr } = await cli('run', dutch, ...FAST, '--quiet');
    expect(code).toBe(0);
    expect(stdout).toContain('Dutch');
    expect(stderr).toBe(`warning: ${warning}\n`);
  });

  it('with --strict are errors: exit 2, nothing run or written, the last line naming --strict', async () => {
    const out = join(dir, 'strict-out');
    const { code, stdout, stderr } = await cli('run', dutch, ...FAST, '--out', out, '--strict');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${warning}\n--strict: makes this warning an error (correct the values, or leave out --strict to run with them)\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('--strict is on every command that loads scenario files', async () => {
    const report = join(dir, 'never.html');
    const cases: [string[], string][] = [
      [['run', dutch, ...FAST], 'capacity.perYear: 1.600'],
      [['validate', dutch], 'capacity.perYear: 1.600'],
      [['target', dutch, ...FAST], 'capacity.perYear: 1.600'],
      [['compare', 'scenarios/baseline-2024.yaml', dutch, ...FAST], 'capacity.perYear: 1.600'],
      [['report', dutch, '--out', report, ...FAST], 'capacity.perYear: 1.600'],
      [['sweep', dutch, '--set', 'inflow.meanPerWeek=20,25', ...FAST], 'capacity.perYear: 1.600'],
      [['prognosis', dutch, '--filed', '2024-03-01', ...FAST], 'capacity.perYear: 1.600'],
      [['backtest', backtest, ...FAST], 'observed.decisions: 1.530'],
      [['monitor', dutch, '--actuals', 'scenarios/data/actuals-2024-example.csv', ...FAST], 'capacity.perYear: 1.600'],
      [
        ['calibrate', backtest, '--fit', 'capacity.perYear', '--out', join(dir, 'never.yaml'), ...FAST],
        'observed.decisions: 1.530',
      ],
    ];
    for (const [args, field] of cases) {
      const { code, stdout, stderr } = await cli(...args, '--strict');
      const lines = stderr.trim().split('\n');
      expect(code, args[0]).toBe(2);
      expect(stdout, args[0]).toBe('');
      expect(lines, args[0]).toHaveLength(2);
      expect(lines[0], args[0]).toContain(field);
      expect(lines[1], args[0]).toBe(
        '--strict: makes this warning an error (correct the values, or leave out --strict to run with them)',
      );
    }
    expect(existsSync(report)).toBe(false);
  });

  it('validate prints the warnings and still says valid; a value in a base comes once, however many files extend it', async () => {
    const { code, stdout, stderr } = await cli('validate', dutch);
    expect(code).toBe(0);
    expect(stdout).toContain(': valid: Dutch');
    expect(stderr).toBe(`warning: ${warning}\n`);
    const option = join(dir, 'option.yaml');
    await writeFile(option, 'extends: dutch.yaml\nname: Option\ninflow: { meanPerWeek: 30 }\n');
    const compared = await cli('compare', dutch, option, ...FAST, '--quiet');
    expect(compared.code).toBe(0);
    expect(compared.stderr).toBe(`warning: ${warning}\n`);
  });

  it('a swept value that is implausible names the --set flag that set it', async () => {
    const { code, stderr } = await cli(
      'sweep',
      'scenarios/baseline-2024.yaml',
      '--set',
      'capacity.perYear=1.6,1600',
      ...FAST,
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stderr).toBe(
      'warning: scenarios/baseline-2024.yaml: --set capacity.perYear=1.6,1600: 1.6 decisions a year (0.031 decisions a week) is 0.1% of the scale of the scenario: 1,440 open cases at the start, about 1,300 arriving a year (did you mean 1,600?)\n',
    );
  });
});

describe('plausibility warnings in JSON', () => {
  const perYear = () => ({
    file: dutch,
    line: 4,
    column: 12,
    field: 'capacity.perYear',
    problem: '1.600 is read as 1.6 (a dot is a decimal point): did you mean 1,600?',
    allowed: 'write 1600 for 1,600; write 1.6 to keep 1.6',
  });

  it('run --json and summary.json carry them as warnings: [{ file, line, column, field, problem, allowed }]', async () => {
    const out = join(dir, 'json-out');
    const { code, stdout } = await cli('run', dutch, ...FAST, '--quiet', '--json', '--out', out);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).warnings).toEqual([perYear()]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.warnings).toEqual([perYear()]);
    expect(Object.keys(summary).at(-1)).toBe('provenance');
  });

  it('compare --json gives each option its own; a scenario without warnings has no warnings key', async () => {
    const option = join(dir, 'json-option.yaml');
    await writeFile(option, `extends: ${resolve('scenarios/baseline-2024.yaml')}\nname: Plain\n`);
    const { code, stdout } = await cli('compare', 'scenarios/baseline-2024.yaml', dutch, option, ...FAST, '--json');
    expect(code).toBe(0);
    const options = JSON.parse(stdout).options as { label: string; warnings?: unknown }[];
    expect(options.map((o) => [o.label, o.warnings])).toEqual([
      ['Baseline 2024', undefined],
      ['Dutch', [perYear()]],
      ['Plain', undefined],
    ]);
    const plain = await cli('run', 'scenarios/baseline-2024.yaml', ...FAST, '--json');
    expect(Object.keys(JSON.parse(plain.stdout))).not.toContain('warnings');
  });

  it('sweep, target and prognosis --json carry them too; without warnings, no key', async () => {
    const commands = [
      ['sweep', '--set', 'inflow.meanPerWeek=24,26', '--json', '--quiet'],
      ['target', '--backlog', '1400', '--by', '2024-12-31', '--json', '--quiet'],
      ['prognosis', '--filed', '2024-03-04', '--json', '--quiet'],
    ];
    for (const [command, ...flags] of commands) {
      const warned = await cli(command!, dutch, ...FAST, ...flags);
      expect(warned.code, `${command} ${warned.stderr}`).toBe(0);
      expect(JSON.parse(warned.stdout).warnings, command).toEqual([perYear()]);
      const plain = await cli(command!, 'scenarios/baseline-2024.yaml', ...FAST, ...flags);
      expect(plain.code, `${command} ${plain.stderr}`).toBe(0);
      expect(Object.keys(JSON.parse(plain.stdout)), command).not.toContain('warnings');
    }
  });

  it('backtest --json carries the warnings of the observed figures', async () => {
    const { code, stdout } = await cli('backtest', backtest, ...FAST, '--json', '--quiet');
    expect(code).toBe(0);
    const warnings = JSON.parse(stdout).warnings as { field: string }[];
    expect(warnings.map((w) => w.field)).toEqual(['observed.decisions']);
  });

  it("calibrate --json lists the scenario's warnings with its own", async () => {
    const out = join(dir, 'calibrated.yaml');
    const { code, stdout, stderr } = await cli(
      'calibrate',
      backtest,
      '--fit',
      'lanes.not-considered.minWaitWeeks',
      ...FAST,
      '--out',
      out,
      '--json',
      '--quiet',
    );
    expect(code, stderr).toBe(0);
    const warnings = JSON.parse(stdout).warnings as { field: string }[];
    expect(warnings.map((w) => w.field)).toContain('observed.decisions');
  });
});
