import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGNOSIS_HEADER } from '../../src/io/format-prognosis.js';
import { cli } from './helpers.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-prognosis-'));

describe('caseload prognosis', () => {
  it('prints per lane the median and 90% decision dates and waits, and notes what falls beyond the horizon', async () => {
    const { code, stdout, stderr } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2024-03-05',
      '--reps',
      '200',
      '--workers',
      '1',
    );
    expect(code).toBe(0);
    expect(stderr).toContain('caseload: Baseline 2024: 200 replications of 52 weeks');
    expect(stdout).toContain('A case filed on 2024-03-05 (week 9) is decided by');
    expect(stdout).toMatch(/median \(50%\)\s+90%\s+decided within horizon/);
    for (const lane of ['incomplete', 'hearing-free', 'safe-country', 'regular']) expect(stdout).toContain(lane);
    // Eight weeks' minimum wait for incomplete cases: week 17 ends 2024-05-05.
    expect(stdout).toMatch(/incomplete\s+\d+\.\d\s+2024-05-05 \(8 wk\)/);
    expect(stdout).toMatch(/regular\s+\d+\.\d\s+after 2024-12-29\s+after 2024-12-29\s+\d+\.\d%/);
    expect(stdout).toMatch(
      /regular: (none of these cases is|only \d+\.\d% of these cases are) decided by 2024-12-29, so the median and the 90% decision fall after the horizon/,
    );
  });

  it('--json gives the documented shape, one lane with --lane', async () => {
    const { code, stdout, stderr } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2024-02-01',
      '--lane',
      'safe-country',
      '--reps',
      '100',
      '--seed',
      '3',
      '--workers',
      '1',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['scenario', 'seed', 'reps', 'filed', 'week', 'lanes']);
    expect(answer).toMatchObject({ scenario: 'Baseline 2024', seed: 3, reps: 100, filed: '2024-02-01', week: 4 });
    expect(answer.lanes).toHaveLength(1);
    const lane = answer.lanes[0];
    expect(Object.keys(lane)).toEqual(['lane', 'cases', 'p50', 'p90', 'decidedWithinHorizon', 'beyondHorizon']);
    expect(lane).toMatchObject({ lane: 'safe-country', decidedWithinHorizon: 1, beyondHorizon: false });
    expect(lane.p50).toEqual({ waitWeeks: expect.any(Number), date: expect.stringMatching(/^2024-\d\d-\d\d$/) });
    expect(lane.p50.waitWeeks).toBeGreaterThanOrEqual(4);
    expect(lane.p90.waitWeeks).toBeGreaterThanOrEqual(lane.p50.waitWeeks);
  });

  it('--json reports beyond-horizon percentiles as null with the share decided', async () => {
    const { code, stdout } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2024-11-05',
      '--lane',
      'regular',
      '--reps',
      '100',
      '--workers',
      '1',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    const lane = JSON.parse(stdout).lanes[0];
    expect(lane).toMatchObject({ lane: 'regular', p50: null, p90: null, beyondHorizon: true });
    expect(lane.decidedWithinHorizon).toBeGreaterThanOrEqual(0);
    expect(lane.decidedWithinHorizon).toBeLessThan(0.5);
  });

  const bad: [string, string[], string][] = [
    [
      'not a date',
      ['--filed', '5 March'],
      '--filed: must be a date YYYY-MM-DD, got "5 March" (a date from 2024-01-01 to 2024-12-29, the horizon)\n',
    ],
    [
      'an impossible date',
      ['--filed', '2024-02-30'],
      '--filed: must be a date YYYY-MM-DD, got "2024-02-30" (a date from 2024-01-01 to 2024-12-29, the horizon)\n',
    ],
    [
      'a date before the horizon',
      ['--filed', '2023-12-31'],
      '--filed: 2023-12-31 is before the start of the horizon (a date from 2024-01-01 to 2024-12-29, the horizon)\n',
    ],
    [
      'a date after the horizon',
      ['--filed', '2025-01-01'],
      '--filed: 2025-01-01 is after the end of the horizon (a date from 2024-01-01 to 2024-12-29, the horizon)\n',
    ],
    [
      'an unknown lane',
      ['--filed', '2024-03-05', '--lane', 'regulr'],
      '--lane: unknown lane "regulr"; did you mean "regular"? (incomplete, hearing-free, safe-country, regular)\n',
    ],
    ['a bad --reps', ['--filed', '2024-03-05', '--reps', 'many'], '--reps: must be a number, got "many"\n'],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one message for ${what}, before simulating`, async () => {
      const { code, stdout, stderr } = await cli('prognosis', BASELINE, ...args, '--workers', '1');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(message);
    });
  }

  it('a missing --filed is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli('prognosis', BASELINE);
    expect(code).toBe(2);
    expect(stderr).toContain('filed');
  });
});

describe('prognosis.csv from run --out', () => {
  it('is written in deterministic mode: one row per week and lane', async () => {
    const dir = await tempDir();
    const { code } = await cli('run', BASELINE, '--deterministic', '--out', dir, '--quiet');
    expect(code).toBe(0);
    const csv = (await readFile(join(dir, 'prognosis.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe(PROGNOSIS_HEADER.join(','));
    expect(csv).toHaveLength(1 + 52 * 4);
    expect(csv[1]).toMatch(/^0,2024-01-01,incomplete,/);
    // Late regular cases are decided after the horizon: empty P50/P90 cells.
    expect(csv[52 * 4]).toMatch(/^51,2024-12-23,regular,[\d.]+,[\d.]+,,,,$/);
  });

  it('merge of shards writes the same prognosis.csv as one run', async () => {
    const [whole, shards, merged] = await Promise.all([tempDir(), tempDir(), tempDir()]);
    const common = ['--reps', '60', '--seed', '11', '--workers', '1', '--quiet'];
    expect((await cli('run', BASELINE, ...common, '--out', whole)).code).toBe(0);
    expect((await cli('run', BASELINE, ...common, '--shard', '1/2', '--out', shards)).code).toBe(0);
    expect((await cli('run', BASELINE, ...common, '--shard', '2/2', '--out', shards)).code).toBe(0);
    expect((await cli('merge', shards, '--out', merged, '--quiet')).code).toBe(0);
    const expected = await readFile(join(whole, 'prognosis.csv'), 'utf8');
    expect(await readFile(join(merged, 'prognosis.csv'), 'utf8')).toBe(expected);
  });
});
