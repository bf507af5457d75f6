import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from './helpers.js';

const HISTORY = 'scenarios/data/inflow-history.csv';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caseload-history-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The level factor's cv from the decision memo's inflow, 1,810, 1,530 and 1,390, by the documented method. */
function memoLevelCv(): number {
  const d = [Math.log(1530.5 / 1810.5), Math.log(1390.5 / 1530.5)];
  const errorVariance = (d[0]! ** 2 + d[1]! ** 2) / 2;
  const poisson = (1 / 1530.5 + 1 / 1390.5) / 2;
  const t95 = 0.9 * Math.sqrt(2 / (4 * 0.95 * 0.05)); // Student t with 2 df, closed form
  const sigma = (Math.sqrt(errorVariance - poisson) * t95) / 1.6448536269514722;
  return Math.sqrt(Math.expm1(sigma * sigma));
}

/** The comment lines of the YAML as one line of prose (they wrap at 100 characters). */
function prose(yaml: string): string {
  return yaml
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) => line.replace(/^#\s*/, ''))
    .join(' ');
}

describe('caseload uncertainty', () => {
  it('prints the block the shipped history supports, ready to paste, with the basis of every figure', async () => {
    const { code, stdout, stderr } = await cli('uncertainty', HISTORY);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const cv = Number(memoLevelCv().toFixed(3));
    expect(cv).toBe(0.242);
    expect(parse(stdout)).toEqual({
      uncertainty: {
        inflow: { level: { cv, distribution: 'lognormal' } },
        source:
          'caseload uncertainty from inflow-history.csv (decision memo, rounded to tens; 2023 decisions derived): 2 yearly changes, 2021 to 2023',
      },
    });
    expect(prose(stdout)).toContain('-15.5% (2021 to 2022), -9.1% (2022 to 2023)');
    expect(prose(stdout)).toContain('their root mean square is 0.137 on the log scale; s = 0.134');
    expect(stdout).toMatch(
      /level: \{ cv: 0\.242, distribution: lognormal \} +# inflow-history\.csv: 2 yearly changes, Student t with 2 df/,
    );
    expect(stdout).toContain('Student t with 2 df');
    expect(stdout).toMatch(/not estimated: yearly counts cannot show how the inflow varies from week to week/);
  });

  it('--trend prints the level the trend points to, and leaves the block centred on the scenario', async () => {
    const { code, stdout } = await cli('uncertainty', HISTORY, '--trend');
    expect(code).toBe(0);
    expect(stdout).toContain('# The trend (printed, not applied):');
    expect(prose(stdout)).toMatch(
      /-12\.4% a year on average .* the next year's level is 23\.4 a week, against 26\.7 in 2023/,
    );
    expect(parse(stdout).uncertainty.inflow.level).toEqual({ cv: 0.22, distribution: 'lognormal' });
  });

  it('--json gives the estimate with the same block', async () => {
    const text = await cli('uncertainty', HISTORY);
    const { code, stdout } = await cli('uncertainty', HISTORY, '--json');
    expect(code).toBe(0);
    const estimate = JSON.parse(stdout);
    expect(Object.keys(estimate)).toEqual([
      'file',
      'granularity',
      'periods',
      'first',
      'last',
      'source',
      'trend',
      'level',
      'overdispersion',
      'trendLevel',
      'block',
    ]);
    expect(estimate.level.value.cv).toBeCloseTo(memoLevelCv(), 12);
    expect(estimate.level.value.df).toBe(2);
    expect(estimate.block).toEqual(parse(text.stdout).uncertainty);
  });
});

describe('caseload score', () => {
  it('on the shipped history: one forecast (2023), in both bands, and says that one forecast shows little', async () => {
    const { code, stdout, stderr } = await cli('score', HISTORY);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^ {2}2023 +2 +1,531 +0\.708 +433 +804 +1,244 +1,925 +3,570 +1,390 +yes +yes +208\.1$/m);
    expect(stdout).toContain(
      'Not forecast: 2021 (nothing before it); 2022 (1 period before it: the forecast needs 2).',
    );
    expect(stdout).toContain('Within P5-P95 (nominal 90%): 1 of 1, 100% (95% interval 21% to 100%).');
    expect(stdout).toContain('One forecast cannot show whether the bands are right');
    expect(stdout).toContain('2023: 1,580 + 1,390 - 1,530 = 1,440, recorded 1,440');
    expect((await cli('score', HISTORY)).stdout).toBe(stdout);
  });

  it('--json, --plan and --seed', async () => {
    const { code, stdout } = await cli('score', HISTORY, '--json', '--plan', '25', '--seed', '7', '--draws', '5000');
    expect(code).toBe(0);
    const score = JSON.parse(stdout);
    expect(score).toMatchObject({ file: HISTORY, granularity: 'year', seed: 7, draws: 5000, planPerWeek: 25 });
    expect(score.scored[0].forecast).toBeCloseTo((25 / 7) * 365, 9);
  });

  it.each([
    [['--plan', '-3'], '--plan: must be above 0, got -3 (an inflow per week, e.g. --plan 25)'],
    [
      ['--plan', '25', '--trend'],
      '--trend: cannot go with --plan: the plan is the point forecast (one of --plan and --trend)',
    ],
    [['--draws', '10'], '--draws: must be a whole number from 100 to 1,000,000, got 10'],
    [['--seed', 'x'], '--seed: must be a number, got "x"'],
  ])('rejects %j with one message and exit code 2', async (flags, message) => {
    const { code, stdout, stderr } = await cli('score', HISTORY, ...flags);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });
});

describe('a bad history: exit code 2, one message, nothing on stdout', () => {
  it.each(['uncertainty', 'score'])('%s', async (command) => {
    const file = join(dir, `repeated-${command}.csv`);
    await writeFile(file, 'period,inflow\n2021,1810\n2022,1530\n2022,1390\n');
    const { code, stdout, stderr } = await cli(command, file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${file}:4:1: period: 2022 appears twice (also on line 3) (one row per period)\n`);
    const missing = await cli(command, join(dir, 'none.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`${join(dir, 'none.csv')}: cannot be read: no such file (a history CSV file)\n`);
  });
});
