import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/main.js';
import { WEEKLY_HEADER } from '../../src/io/run-outputs.js';
import { cli } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-'));

describe('caseload run', () => {
  it('parses its options without spawning', async () => {
    const argv = await buildCli()
      .parseAsync(['run', 'x.yaml', '--reps', '10', '--deterministic', '--json'], {
        io: { out: () => {}, err: () => {} },
      })
      .catch((e: unknown) => e);
    // The handler fails on the missing file; the parse itself accepted the flags.
    expect(String(argv)).toContain('x.yaml');
  });

  it('prints the summary with quarterly milestones, lanes, lead times and the target', async () => {
    const { code, stdout, stderr } = await cli('run', 'scenarios/baseline-2024.yaml', '--reps', '300', '--seed', '5');
    expect(code).toBe(0);
    expect(stdout).toContain('Total backlog at the end of the week');
    for (const date of ['2024-03-31', '2024-06-30', '2024-09-29', '2024-12-29']) expect(stdout).toContain(date);
    for (const lane of ['incomplete', 'hearing-free', 'safe-country', 'regular']) expect(stdout).toContain(lane);
    expect(stdout).toMatch(
      /Target: total backlog <= 1,100 by 2024-12-31 \(end of week 51, ISO 2024-W52\): probability \d+\.\d%/,
    );
    expect(stderr).toContain('300 replications');
  });

  it('--deterministic gives exactly 1,140 at the end of 2024 with every quantile equal to the mean', async () => {
    const { code, stdout } = await cli('run', 'scenarios/baseline-2024.yaml', '--deterministic', '--json', '--quiet');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.endBacklog.total).toEqual({ mean: 1140, p5: 1140, p25: 1140, p50: 1140, p75: 1140, p95: 1140 });
    expect(summary.deterministic).toBe(true);
  });

  it('--json prints nothing but the JSON summary in the documented shape', async () => {
    const { code, stdout, stderr } = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '200',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const s = JSON.parse(stdout);
    expect(s).toMatchObject({ seed: expect.any(Number), reps: 200, horizonWeeks: 52 });
    expect(typeof s.scenario).toBe('string');
    for (const key of ['mean', 'p5', 'p25', 'p50', 'p75', 'p95']) expect(typeof s.endBacklog.total[key]).toBe('number');
    expect(Object.keys(s.endBacklog.byLane)).toEqual(['incomplete', 'hearing-free', 'safe-country', 'regular']);
    // The baseline's capacity is uncertain (productivity cv 5%): 200 replications average within a few decisions of 1,600.
    expect(Math.abs(s.decisions.total - 1600)).toBeLessThan(4 * ((0.05 * 1600) / Math.sqrt(200)) + 2);
    expect(s.deterministicEndBacklog.total).toBe(1140);
    for (const what of ['arrivals', 'decisions', 'endBacklog'])
      for (const key of ['mean', 'p5', 'p25', 'p50', 'p75', 'p95']) expect(typeof s.spread[what][key]).toBe('number');
    expect(s.bandIncludes[0]).toBe('Poisson noise of the weekly arrivals');
    expect(s.bandIncludes).toContain('inflow level: lognormal factor, cv 24.2%');
    expect(s.target.interval.low).toBeLessThanOrEqual(s.target.probability);
    expect(s.target.interval.high).toBeGreaterThanOrEqual(s.target.probability);
    const shares = s.uncertainty.variance.shares as { share: number }[];
    expect(shares.reduce((sum, x) => sum + x.share, 0)).toBeCloseTo(1, 9);
    expect(s.uncertainty.sensitivity.rows.map((r: { parameter: string }) => r.parameter).sort()).toEqual([
      'level',
      'productivity',
    ]);
    expect(Object.keys(s.grants.byLane)).toHaveLength(4);
    for (const key of ['mean', 'p50', 'p90']) expect(typeof s.leadTimeDays.all[key]).toBe('number');
    expect(s.target).toMatchObject({ backlog: 1100, date: '2024-12-31', probability: expect.any(Number) });
  });

  it('--seed, --reps and --horizon override the scenario', async () => {
    const { stdout } = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '50',
      '--seed',
      '9',
      '--horizon',
      '60',
      '--json',
      '--quiet',
    );
    const s = JSON.parse(stdout);
    expect([s.reps, s.seed, s.horizonWeeks]).toEqual([50, 9, 60]);
  });

  it('--quiet silences the notes on stderr', async () => {
    const { stderr } = await cli('run', 'scenarios/baseline-2024.yaml', '--reps', '20', '--quiet');
    expect(stderr).toBe('');
  });

  it('--out writes weekly.csv, prognosis.csv, summary.json and the resolved scenario with provenance', async () => {
    const dir = await tempDir();
    const { code } = await cli('run', 'scenarios/baseline-2024.yaml', '--reps', '100', '--out', dir, '--quiet');
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['prognosis.csv', 'scenario.json', 'summary.json', 'weekly.csv']);
    const csv = (await readFile(join(dir, 'weekly.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe(WEEKLY_HEADER.join(','));
    expect(csv[0]!.startsWith('week,week_start,week_end,iso_week,lane,mean,p5,p25,p50,p75,p95')).toBe(true);
    expect(csv).toHaveLength(1 + 52 * 5);
    expect(csv[5]).toMatch(/^0,2024-01-01,2024-01-07,2024-W01,total,/);
    const resolved = JSON.parse(await readFile(join(dir, 'scenario.json'), 'utf8'));
    expect(resolved.provenance).toMatchObject({
      seed: 2024,
      replications: 100,
      scenarioHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(resolved.provenance.caseloadVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(resolved.scenario.lanes).toHaveLength(4);
  });

  it('writes nothing under --out when the input is bad', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'start: 2024-01-01\nhorizonWeeks: -3\n');
    const out = join(dir, 'out');
    const { code, stderr } = await cli('run', bad, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain('horizonWeeks');
    await expect(readdir(out)).rejects.toThrow();
  });

  it('a bad flag value is a clear error with exit code 2', async () => {
    for (const [flag, value] of [
      ['--reps', 'ten'],
      ['--reps', '0'],
      ['--reps', '2.5'],
      ['--horizon', '-1'],
      ['--seed', 'abc'],
    ] as const) {
      const { code, stderr, stdout } = await cli('run', 'scenarios/baseline-2024.yaml', flag, value);
      expect(code, `${flag} ${value}`).toBe(2);
      expect(stderr).toContain(flag);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    }
  });

  it('an unknown flag or missing argument is a usage error with exit code 2', async () => {
    const unknown = await cli('run', 'scenarios/baseline-2024.yaml', '--repz', '5');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown argument');
    const missing = await cli('run');
    expect(missing.code).toBe(2);
    const none = await cli();
    expect(none.code).toBe(2);
  });
});

describe('caseload validate', () => {
  it('accepts every shipped scenario', async () => {
    for (const file of ['baseline-2024', 'plan-30-40', 'backtest-2023', 'shared-staff', 'bench-reference']) {
      const { code, stdout } = await cli('validate', `scenarios/${file}.yaml`);
      expect(code, file).toBe(0);
      expect(stdout).toContain('valid');
    }
  });

  it('reports a bad file as file:line:col: field: problem (allowed), exit code 2', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'start: 2024-01-01\nhorizonWeeks: 52\ninflow:\n  meanPerWeek: abc\n');
    const { code, stderr } = await cli('validate', bad);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:16: inflow.meanPerWeek: `, 'm'),
    );
  });
});
