import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText, decimalComma, toCsv } from '../../src/io/to-csv.js';
import type { CsvColumn } from '../../src/io/to-csv.js';
import { cli, uncostedPlan } from '../cli/helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-csv-'));

/** An nl file's lines, without its byte order mark and CRLF line ends. */
const nlLines = (text: string) => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.slice(1).replace(/\r\n/g, '')).not.toContain('\n');
  return text.slice(1).trimEnd().split('\r\n');
};

const about = {
  caseloadVersion: '9.9.9',
  scenario: 'Plan; with "quotes"',
  file: 'plan.yaml',
  seed: 7,
  replications: 500,
};

describe('csvText', () => {
  const columns: CsvColumn[] = [
    { name: 'week', decimals: 0 },
    { name: 'lane', decimals: 0 },
    { name: 'mean', decimals: 1 },
    { name: 'share', decimals: 3 },
    { name: 'cost', decimals: 0 },
  ];
  const rows = [
    [0, 'regular', 1440.46, 0.47034, Number.NaN],
    [1, 'a;b', -0.04, 1, Number.NaN],
    [2, '=cmd()', 12, 0.0005, Number.NaN],
  ];

  it('rfc4180 is the plain CSV of before: comma, decimal point, every column', () => {
    expect(csvText(columns, rows, 'rfc4180', about)).toBe(
      toCsv(
        columns.map((c) => c.name),
        rows,
      ),
    );
    expect(csvText(columns, rows, 'rfc4180', about).split('\n')[0]).toBe('week,lane,mean,share,cost');
  });

  it('nl: a first # line on what wrote it, semicolons, decimal commas rounded per column, no always-empty column', () => {
    const lines = nlLines(csvText(columns, rows, 'nl', about));
    expect(lines).toEqual([
      '# caseload 9.9.9;"scenario: Plan; with ""quotes""";file: plan.yaml;seed: 7;replications: 500',
      'week;lane;mean;share',
      '0;regular;1440,5;0,47',
      // A text with a semicolon is quoted; -0.04 rounds to 0, not -0.
      '1;"a;b";0;1',
      // A text Excel would take for a formula stays text.
      `2;"'=cmd()";12;0,001`,
    ]);
  });

  it('nl without rows keeps its header, and reads back with a CSV parser as the numbers rounded', () => {
    expect(nlLines(csvText(columns, [], 'nl', null))).toEqual(['week;lane;mean;share;cost']);
    const text = csvText(columns, rows.slice(0, 2), 'nl', about);
    const records = parse(text.slice(1), { delimiter: ';', columns: true, from_line: 2 }) as Record<string, string>[];
    expect(records.map((r) => Number(r['mean']!.replace(',', '.')))).toEqual([1440.5, 0]);
    expect(records[1]!['lane']).toBe('a;b');
  });

  it('decimalComma rounds half away from zero as toFixed does, drops trailing zeros, never writes -0', () => {
    expect(decimalComma(1440.46, 1)).toBe('1440,5');
    expect(decimalComma(2.5, 0)).toBe('3');
    expect(decimalComma(0.1 + 0.2, 3)).toBe('0,3');
    expect(decimalComma(-0.0001, 2)).toBe('0');
    expect(decimalComma(-12.25, 1)).toBe('-12,3');
    expect(decimalComma(1e6, 1)).toBe('1000000');
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, decimals) => {
        const text = decimalComma(x, decimals);
        expect(text).toMatch(/^-?\d+(,\d+)?$/);
        expect(Math.abs(Number(text.replace(',', '.')) - x)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-6);
      }),
    );
  });
});

describe('--csv-dialect on the commands that write CSV', () => {
  it('run --out --csv-dialect nl: both files for Dutch Excel, headed by what wrote them', async () => {
    const dir = await tempDir();
    const { code } = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '50',
      '--quiet',
      '--out',
      dir,
      '--csv-dialect',
      'NL',
    );
    expect(code).toBe(0);
    const weekly = nlLines(await readFile(join(dir, 'weekly.csv'), 'utf8'));
    expect(weekly[0]).toMatch(
      /^# caseload \d+\.\d+\.\d+;scenario: Baseline 2024;file: scenarios\/baseline-2024\.yaml;seed: 2024;replications: 50;scenario sha256: [0-9a-f]{64}$/,
    );
    expect(weekly[1]).toBe(
      'week;week_start;week_end;iso_week;lane;mean;p5;p25;p50;p75;p95;deterministic;arrivals_mean;decisions_mean',
    );
    expect(weekly).toHaveLength(2 + 52 * 5);
    expect(weekly[6]).toMatch(/^0;2024-01-01;2024-01-07;2024-W01;total;\d+(,\d)?;/);
    // Rounded to one decimal: no cell with two.
    expect(weekly.slice(2).some((line) => /,\d\d/.test(line))).toBe(false);
    const prognosis = nlLines(await readFile(join(dir, 'prognosis.csv'), 'utf8'));
    expect(prognosis[0]).toBe(weekly[0]);
    expect(prognosis[1]).toBe(
      'filed_week;filed_week_start;filed_week_end;filed_iso_week;lane;cases;decided_share;p50_wait_weeks;p50_decision_week_end;p50_decision_iso_week;p90_wait_weeks;p90_decision_week_end;p90_decision_iso_week',
    );
    // The deterministic run says so instead of replications.
    const det = await tempDir();
    expect(
      (
        await cli(
          'run',
          'scenarios/baseline-2024.yaml',
          '--deterministic',
          '--quiet',
          '--out',
          det,
          '--csv-dialect',
          'nl',
        )
      ).code,
    ).toBe(0);
    expect(nlLines(await readFile(join(det, 'weekly.csv'), 'utf8'))[0]).toContain(
      ';seed: 2024;deterministic (expected values);',
    );
  });

  it('weekly.csv and prognosis.csv name their dates by the day of the week: the same week has the same start and end in both', async () => {
    const dir = await tempDir();
    expect((await cli('run', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet', '--out', dir)).code).toBe(0);
    const weekly = parse(await readFile(join(dir, 'weekly.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const prognosis = parse(await readFile(join(dir, 'prognosis.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const weeks = new Map(weekly.map((r) => [r['week'], [r['week_start'], r['week_end'], r['iso_week']]]));
    for (const row of prognosis.filter((r) => Number(r['filed_week']) >= 0))
      expect([row['filed_week_start'], row['filed_week_end'], row['filed_iso_week']]).toEqual(
        weeks.get(row['filed_week']),
      );
    // Week 0 starts on the scenario's start, a Monday, and ends on the Sunday its backlog is measured.
    expect(weeks.get('0')).toEqual(['2024-01-01', '2024-01-07', '2024-W01']);
    // A decision date is the last day of the decision week: a week_end of weekly.csv.
    const ends = new Set(weekly.map((r) => r['week_end']));
    for (const row of prognosis)
      if (row['p50_decision_week_end'] !== '') expect(ends.has(row['p50_decision_week_end'])).toBe(true);
  });

  it('sweep --csv-dialect nl: numbers swept with a decimal comma, the always-empty staff columns left out', async () => {
    // The plan without a cost: its staff columns are empty in every row.
    const plan = await uncostedPlan();
    const file = join(await tempDir(), 'sweep.csv');
    const { code } = await cli(
      'sweep',
      plan,
      '--set',
      'inflow.meanPerWeek=20,27.5',
      '--reps',
      '20',
      '--quiet',
      '--out',
      file,
      '--csv-dialect',
      'nl',
    );
    expect(code).toBe(0);
    const lines = nlLines(await readFile(file, 'utf8'));
    expect(lines[0]).toMatch(
      /^# caseload [\d.]+;scenario: Plan 2024;file: [^;]*plan-2024\.yaml;seed: 2024;replications: 20$/,
    );
    expect(lines[1]).toContain('inflow.meanPerWeek;end_mean;');
    expect(lines[1]).toContain(';target_probability;');
    expect(lines[1]).not.toContain('staff');
    expect(lines[1]).not.toContain('cost_per_decision');
    expect(lines.slice(2).map((line) => line.split(';')[0])).toEqual(['20', '27,5']);
    // The default keeps every column for programs.
    const plain = join(await tempDir(), 'plain.csv');
    await cli('sweep', plan, '--set', 'inflow.meanPerWeek=20', '--reps', '20', '--quiet', '--out', plain);
    expect((await readFile(plain, 'utf8')).split('\n')[0]).toContain(',staff_fte,staff_hours_per_week,');
    // A plan with a cost keeps its staff columns in the dialect too.
    const costed = join(await tempDir(), 'costed.csv');
    await cli(
      'sweep',
      'scenarios/baseline-2024.yaml',
      '--set',
      'inflow.meanPerWeek=20',
      '--reps',
      '20',
      '--quiet',
      '--out',
      costed,
      '--csv-dialect',
      'nl',
    );
    expect(nlLines(await readFile(costed, 'utf8'))[1]).toContain(';staff_fte;');
  });

  it('merge --csv-dialect nl writes what one run writes', async () => {
    const [whole, shards, merged] = await Promise.all([tempDir(), tempDir(), tempDir()]);
    const common = ['--reps', '40', '--seed', '4', '--workers', '1', '--quiet'];
    expect(
      (await cli('run', 'scenarios/baseline-2024.yaml', ...common, '--out', whole, '--csv-dialect', 'nl')).code,
    ).toBe(0);
    for (const k of [1, 2])
      expect(
        (await cli('run', 'scenarios/baseline-2024.yaml', ...common, '--shard', `${k}/2`, '--out', shards)).code,
      ).toBe(0);
    expect((await cli('merge', shards, '--out', merged, '--quiet', '--csv-dialect', 'nl')).code).toBe(0);
    for (const name of ['weekly.csv', 'prognosis.csv'])
      expect(await readFile(join(merged, name), 'utf8')).toBe(await readFile(join(whole, name), 'utf8'));
  });

  const bad: [string, string[], string][] = [
    [
      'an unknown dialect',
      ['run', 'scenarios/baseline-2024.yaml', '--out', 'x', '--csv-dialect', 'excel'],
      '--csv-dialect: must be one of rfc4180, nl, got "excel" (nl for Excel with Dutch settings)\n',
    ],
    [
      'run without --out',
      ['run', 'scenarios/baseline-2024.yaml', '--csv-dialect', 'nl'],
      '--csv-dialect: is used only where CSV files are written (with --out DIR)\n',
    ],
    [
      'a shard',
      ['run', 'scenarios/baseline-2024.yaml', '--shard', '1/2', '--out', 'x', '--csv-dialect', 'nl'],
      '--csv-dialect: is used only where CSV files are written (give it to caseload merge, which writes the CSV files of a sharded run)\n',
    ],
    [
      'sweep without --out',
      ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'inflow.meanPerWeek=20', '--csv-dialect', 'nl'],
      '--csv-dialect: is used only where CSV files are written (with --out FILE.csv)\n',
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one message for ${what}, writing nothing`, async () => {
      const { code, stdout, stderr } = await cli(...args, '--quiet');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(message);
    });
  }
});
