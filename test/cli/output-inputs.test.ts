import { cp, link, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writtenByCaseload } from '../../src/io/caseload-file.js';
import { cli, ROOT } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-inputs-'));
const quick = ['--reps', '20', '--workers', '1', '--quiet'];

/** The shipped scenarios, copied to a folder of the test's own. */
async function copiedScenarios(): Promise<string> {
  const dir = await tempDir();
  await cp(join(ROOT, 'scenarios'), dir, { recursive: true });
  return dir;
}

describe('an output never replaces an input of the same command', () => {
  it('merge refuses to write over a shard it reads, with and without --force', async () => {
    const dir = await tempDir();
    expect((await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '1/1', '--out', dir)).code).toBe(0);
    const [shard] = await readdir(dir);
    // A shard named like a result, in the folder the merge writes to.
    const named = join(dir, 'summary.json');
    await cp(join(dir, shard!), named);
    for (const force of [[], ['--force']]) {
      const merged = await cli('merge', named, '--out', dir, '--quiet', ...force);
      expect(merged.stderr).toBe(
        `--out: "${named}" is an input of this command (caseload never writes over its inputs, even with --force: choose another directory)\n`,
      );
      expect(merged.code).toBe(2);
    }
  });

  it('run scenario.json --out . refuses, naming the scenario, with and without --force', async () => {
    const dir = await tempDir();
    const scenario = join(dir, 'scenario.json');
    const text = JSON.stringify(parse(await readFile(join(ROOT, 'scenarios/baseline-2024.yaml'), 'utf8')), null, 2);
    await writeFile(scenario, text);
    for (const force of [[], ['--force']]) {
      const result = await cli('run', scenario, ...quick, '--out', dir, ...force);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `--out: "${scenario}" is an input of this command (caseload never writes over its inputs, even with --force: choose another directory)\n`,
      );
    }
    expect(await readFile(scenario, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['scenario.json']);
  });

  it('the same for a base it extends (a hard link counts as the same file), a calendar file and a CSV file it reads', async () => {
    const dir = await copiedScenarios();
    // The base of baseline-2024-holidays.yaml, under the name of a result file, by a hard link.
    const out = join(dir, 'out');
    await mkdir(out);
    await link(join(dir, 'baseline-2024.yaml'), join(out, 'scenario.json'));
    const base = await cli('run', join(dir, 'baseline-2024-holidays.yaml'), ...quick, '--out', out, '--force');
    expect(base.code).toBe(2);
    expect(base.stderr).toBe(
      `--out: "${join(out, 'scenario.json')}" is an input of this command (caseload never writes over its inputs, even with --force: choose another directory)\n`,
    );

    const calendar = join(dir, 'calendars', 'nl-2024.yaml');
    const before = await readFile(calendar, 'utf8');
    const report = await cli(
      'run',
      join(dir, 'baseline-2024-holidays.yaml'),
      ...quick,
      '--report',
      calendar,
      '--force',
    );
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(`--report: "${calendar}" is an input of this command`);
    expect(await readFile(calendar, 'utf8')).toBe(before);

    const csv = join(dir, 'data', 'inflow-2023-monthly.csv');
    const counts = await readFile(csv, 'utf8');
    const sweep = await cli(
      'sweep',
      join(dir, 'backtest-2023-observed-inflow.yaml'),
      '--set',
      'capacity.perYear=1600,1700',
      ...quick,
      '--out',
      csv,
      '--force',
    );
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toBe(
      `--out: "${csv}" is an input of this command (caseload never writes over its inputs, even with --force: choose another file)\n`,
    );
    expect(await readFile(csv, 'utf8')).toBe(counts);
  });
});

describe('--force replaces only files caseload wrote', () => {
  it("a result file without caseload's provenance is the user's: refused and named, with and without --force", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'summary.json'), '{"mine": true}\n');
    for (const force of [[], ['--force']]) {
      const result = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', dir, ...force);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `--out: "${join(dir, 'summary.json')}" already exists and was not written by caseload (it has no caseload provenance) ` +
          '(caseload replaces only its own results, even with --force: move it, or choose another directory)\n',
      );
    }
    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(await readdir(dir)).toEqual(['summary.json']);
  });

  it("single files too: a page of the user's given as --report, a CSV file as sweep --out", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'page.html'), '<html>mine</html>');
    await writeFile(join(dir, 'mine.csv'), 'a,b\n1,2\n');
    const report = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      ...quick,
      '--report',
      join(dir, 'page.html'),
      '--force',
    );
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(
      `--report: "${join(dir, 'page.html')}" already exists and was not written by caseload (it has no caseload provenance) ` +
        '(caseload replaces only its own results, even with --force: move it, or choose another file)\n',
    );
    const sweep = await cli(
      'sweep',
      'scenarios/baseline-2024.yaml',
      '--set',
      'capacity.perYear=1600,1700',
      ...quick,
      '--out',
      join(dir, 'mine.csv'),
      '--force',
    );
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain('was not written by caseload');
    expect(await readFile(join(dir, 'page.html'), 'utf8')).toBe('<html>mine</html>');
    expect(await readFile(join(dir, 'mine.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('every kind of file caseload writes is recognised as its own: --force replaces each', async () => {
    const dir = await tempDir();
    const run = [
      'run',
      'scenarios/baseline-2024.yaml',
      ...quick,
      '--out',
      join(dir, 'run'),
      '--report',
      join(dir, 'r.html'),
    ];
    const nl = [...run.slice(0, -4), '--out', join(dir, 'nl'), '--csv-dialect', 'nl'];
    const sweep = [
      'sweep',
      'scenarios/baseline-2024.yaml',
      '--set',
      'capacity.perYear=1600,1700',
      ...quick,
      '--out',
      join(dir, 's.csv'),
    ];
    const shard = ['run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '1/2', '--out', join(dir, 'shards')];
    for (const args of [run, nl, sweep, shard]) {
      expect((await cli(...args)).code, args.join(' ')).toBe(0);
      const again = await cli(...args, '--force');
      expect(again.stderr, args.join(' ')).toBe('');
      expect(again.code, args.join(' ')).toBe(0);
    }
  });
});

describe('what counts as a file caseload wrote', () => {
  it('recognises a calibrated scenario, a report, a shard and summary.json; not a look-alike', async () => {
    const dir = await tempDir();
    const files: Record<string, [string, boolean]> = {
      'calibrated.yaml': [
        '# Calibrated by caseload calibrate against the observed: block of x.yaml\nextends: x.yaml\n',
        true,
      ],
      'r.html': ['<!doctype html>\n<html><head><meta name="generator" content="caseload 0.1.0">', true],
      'shard.json': ['{"format":"caseload-shard/5","checksum":"x"}\n', true],
      'summary.json': ['{"reps": 1, "provenance": {"caseloadVersion": "0.1.0"}}\n', true],
      'nl.csv': ['\uFEFF# caseload 0.1.0;scenario: x\r\nweek;lane\r\n', true],
      'mine.json': ['{"provenance": "my notes"}\n', false],
      'mine.yaml': ['# caseload notes\nname: x\n', false],
      'empty.csv': ['', false],
    };
    for (const [name, [text, ours]] of Object.entries(files)) {
      await writeFile(join(dir, name), text);
      expect(await writtenByCaseload(join(dir, name)), name).toBe(ours);
    }
  });
});
