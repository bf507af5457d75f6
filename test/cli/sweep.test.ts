import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/main.js';
import type { SweepResult } from '../../src/experiment/run-sweep.js';
import { formatNumber } from '../../src/io/format-number.js';
import { formatProbabilityCell } from '../../src/io/format-probability.js';
import { cli } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-sweep-'));
const BASELINE = 'scenarios/baseline-2024.yaml';
const FAST = ['--reps', '150', '--workers', '1'];

describe('caseload sweep', () => {
  it('prints a table with a row per combination and a line per combination on stderr', async () => {
    const { code, stdout, stderr } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'capacity.perWeek=28..32:2',
      '--set',
      'inflow.meanPerWeek=20,25',
      ...FAST,
      '--seed',
      '3',
    );
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`Baseline 2024 (${BASELINE}): sweep of 6 combinations`);
    expect(lines[1]).toBe('150 replications each, seed 3 for every combination; 52 weeks, 2024-01-01 to 2024-12-29');
    const header = lines.findIndex((line) => line.includes('P5-P95'));
    // Within 100 columns the paths wrap after their dot, bottom-aligned.
    expect(lines[header - 1]).toMatch(/^\s+capacity\.\s+inflow\.$/);
    expect(lines[header]).toMatch(
      /^\s+perWeek\s+meanPerWeek\s+mean\s+P5-P95\s+P50\s+P\(target\)\s+decisions\s+lead mean\s+P90$/,
    );
    const rows = lines.slice(header + 1).filter((line) => line.trim() !== '');
    expect(rows.map((row) => row.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      '28 20',
      '28 25',
      '30 20',
      '30 25',
      '32 20',
      '32 25',
    ]);
    expect(stderr).toContain(
      'caseload: Baseline 2024: 6 combinations of capacity.perWeek (3) x inflow.meanPerWeek (2), 150 replications each, seed 3',
    );
    expect(stderr).toMatch(
      /caseload: \[1\/6\] capacity\.perWeek=28 inflow\.meanPerWeek=20: end backlog mean [\d,]+ \(\d+\.\d s\)/,
    );
    expect(stderr).toContain('[6/6]');
  });

  it('fits 100 columns, however many and however long the swept paths, every setting and figure kept', async () => {
    for (const sets of [
      ['capacity.perYear=1500,1600,1700', 'inflow.meanPerWeek=23,25,27'],
      ['lanes.regular.minWaitWeeks=1,2', 'inflow.meanPerWeek.2024-04-01=25,27.5'],
      [
        'lanes.regular.minWaitWeeks=1,2',
        'inflow.meanPerWeek.2024-04-01=25,27.5',
        'lanes.incomplete.minWaitWeeks=4,8',
        'capacity.perYear=1600',
        'lanes.regular.grantRate=0.3',
      ],
    ]) {
      const args = ['sweep', BASELINE, ...sets.flatMap((set) => ['--set', set]), '--reps', '20', '--workers', '1'];
      const { code, stdout } = await cli(...args, '--quiet');
      expect(code).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      expect(
        lines.filter((line) => line.length > 100),
        sets.join(' '),
      ).toEqual([]);
      const result = JSON.parse((await cli(...args, '--json', '--quiet')).stdout) as SweepResult;
      // Every part of a path is in the header (it may wrap after a dot).
      for (const path of result.parameters)
        for (const part of path.split(/(?<=\.)/))
          expect(
            lines.some((line) => line.includes(part)),
            part,
          ).toBe(true);
      // Every figure of a row is on a line that starts with the row's settings (in each part of a split table).
      for (const { values, summary: s } of result.rows) {
        const settings = result.parameters.map((path) => String(values[path]));
        const rowLines = lines.filter((line) => settings.every((value, i) => line.trim().split(/\s+/)[i] === value));
        expect(rowLines.length, settings.join(' ')).toBeGreaterThan(0);
        const n = (value: number) => formatNumber(value);
        const end = s.endBacklog.total;
        for (const cell of [
          n(end.mean),
          `${n(end.p5)}-${n(end.p95)}`,
          n(end.p50),
          formatProbabilityCell(s.target!.probability, s.target!.interval),
          n(s.decisions.total),
          n(s.leadTimeDays.all.mean),
          n(s.leadTimeDays.all.p90),
        ])
          expect(
            rowLines.some((line) => line.includes(cell)),
            `${settings.join(' ')}: ${cell}`,
          ).toBe(true);
      }
    }
  });

  it('--set takes its one value and leaves the scenario to the positional', async () => {
    const { code, stdout } = await cli('sweep', '--set', 'capacity.perWeek=30', BASELINE, ...FAST, '--quiet');
    expect(code).toBe(0);
    expect(stdout).toContain('sweep of 1 combination\n');
  });

  it('--out writes the CSV atomically: header, a row per combination, nothing else in the directory', async () => {
    const dir = await tempDir();
    const out = join(dir, 'results', 'sweep.csv');
    const { code, stderr } = await cli('sweep', BASELINE, '--set', 'capacity.perWeek=28..32:2', ...FAST, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(`caseload: wrote ${out}`);
    expect(await readdir(join(dir, 'results'))).toEqual(['sweep.csv']);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'capacity.perWeek,end_mean,end_p5,end_p25,end_p50,end_p75,end_p95,deterministic_end,decisions,grants,lead_mean_days,lead_p50_days,lead_p90_days,target_probability,target_probability_low,target_probability_high,' +
        'staff_fte,staff_hours_per_week,staff_cost,cost_per_decision,end_mean_incomplete,end_mean_hearing-free,end_mean_safe-country,end_mean_regular',
    );
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['28', '30', '32']);
    expect(lines.slice(1).map((line) => line.split(',')[7])).toEqual(['1284', '1180', '1076']);
  });

  it('the same seed gives the same CSV; another seed another one', async () => {
    const dir = await tempDir();
    const run = async (name: string, seed: string) => {
      const out = join(dir, name);
      expect(
        (
          await cli(
            'sweep',
            BASELINE,
            '--set',
            'inflow.meanPerWeek=20,25',
            '--reps',
            '100',
            '--seed',
            seed,
            '--out',
            out,
            '--quiet',
          )
        ).code,
      ).toBe(0);
      return readFile(out, 'utf8');
    };
    const [a, b, c] = [await run('a.csv', '7'), await run('b.csv', '7'), await run('c.csv', '8')];
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('--workers does not change the result', async () => {
    // More than one chunk of 2,000 replications, so that two workers do share the work.
    const args = ['sweep', BASELINE, '--set', 'capacity.perWeek=29,31', '--reps', '4100', '--json', '--quiet'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(two.stdout).toBe(one.stdout);
  });

  it('a date in the path sweeps one value of a dated schedule: the inflow from 1 April only', async () => {
    const { code, stdout, stderr } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'inflow.meanPerWeek.2024-04-01=25,27.5,30',
      ...FAST,
      '--json',
      '--quiet',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.parameters).toEqual(['inflow.meanPerWeek.2024-04-01']);
    // The first 13 weeks keep the baseline's 25 a week; weeks 13 to 51 take the swept value: 1,140 + 39 x (value - 25).
    const ends = json.rows.map(
      (r: { summary: { deterministicEndBacklog: { total: number } } }) => r.summary.deterministicEndBacklog.total,
    );
    [1140, 1140 + 39 * 2.5, 1140 + 39 * 5].forEach((expected, i) => {
      expect(ends[i]).toBeCloseTo(expected, 9);
    });
  });

  it('--json prints only { scenario, seed, reps, parameters, rows: [{ values, summary }] }', async () => {
    const { code, stdout, stderr } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'capacity.perWeek=28..32:2',
      ...FAST,
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['scenario', 'seed', 'reps', 'parameters', 'rows']);
    expect(json).toMatchObject({ scenario: 'Baseline 2024', seed: 2024, reps: 150, parameters: ['capacity.perWeek'] });
    expect(json.rows.map((r: { values: unknown }) => r.values)).toEqual([
      { 'capacity.perWeek': 28 },
      { 'capacity.perWeek': 30 },
      { 'capacity.perWeek': 32 },
    ]);
    const summary = json.rows[0].summary;
    expect(summary).toMatchObject({
      scenario: 'Baseline 2024',
      seed: 2024,
      reps: 150,
      horizonWeeks: 52,
      deterministicEndBacklog: { total: 1284 },
    });
    for (const key of ['mean', 'p5', 'p25', 'p50', 'p75', 'p95'])
      expect(typeof summary.endBacklog.total[key]).toBe('number');
    expect(summary.target).toMatchObject({ backlog: 1100, probability: expect.any(Number) });
  });

  it("an unknown path is exit 2 with the loader's did-you-mean, nothing run and nothing written", async () => {
    const dir = await tempDir();
    const out = join(dir, 'sweep.csv');
    const { code, stdout, stderr } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'capacity.perWek=28..32:2',
      '--set',
      'inflow.meanPerWeek=20,25',
      ...FAST,
      '--out',
      out,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${BASELINE}: --set capacity.perWek=28..32:2: unknown key "perWek" (did you mean "perWeek"?)\n`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('bad values syntax is exit 2 with every problem, one line each, before loading anything', async () => {
    const { code, stdout, stderr } = await cli(
      'sweep',
      'no/such/file.yaml',
      '--set',
      'capacity.perWeek',
      '--set',
      'x=40..28:2',
      '--set',
      'y=1,NaN',
      '--reps',
      'ten',
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      '--set capacity.perWeek: has no "=": write the field\'s path, "=" and its values (e.g. --set capacity.perWeek=28..40:2)',
      '--set x=40..28:2: the range 40..28:2 is empty: 40 is greater than 28 (from..to:step with from <= to)',
      '--set y=1,NaN: "NaN" is not a finite number (finite numbers)',
      '--reps: must be a number, got "ten"',
    ]);
  });

  it('a grid of more than 10,000 combinations is refused with its size', async () => {
    const { code, stderr } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'capacity.perWeek=1..200',
      '--set',
      'inflow.meanPerWeek=0..100',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--set: the grid has 20,200 combinations (200 x 101 values), more than 10,000');
  });

  it('no --set, a bad --out or a bad flag value is exit 2', async () => {
    const dir = await tempDir();
    const cases: [string[], string][] = [
      [[], '--set: is missing'],
      [['--set'], '--set: is missing'],
      [['--set', 'capacity.perWeek=30', '--out', dir], '--out: must name a .csv file'],
      [['--set', 'capacity.perWeek=30', '--out', ''], '--out: must name a file'],
      [['--set', 'capacity.perWeek=30', '--workers', '0'], '--workers: must be a whole number from 1 to 256'],
      [['--set', 'capacity.perWeek=30', '--reps', '2.5'], '--reps: must be a whole number, got 2.5'],
      [['--set', 'seed=1,2'], '--set seed=1,2: cannot sweep seed'],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await cli('sweep', BASELINE, ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an --out that cannot be written is exit 2, leaving no temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'file');
    await writeFile(file, 'not a directory');
    const { code, stderr } = await cli(
      'sweep',
      BASELINE,
      '--set',
      'capacity.perWeek=30',
      '--reps',
      '20',
      '--workers',
      '1',
      '--out',
      join(file, 'sweep.csv'),
      '--quiet',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--out: cannot write ".*sweep\.csv": /);
    expect(await readdir(dir)).toEqual(['file']);
  });

  it('is listed in --help', async () => {
    expect(await buildCli().getHelp()).toContain('caseload sweep <scenario>');
  });
});
