import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-force-'));
const quick = ['--reps', '20', '--workers', '1', '--quiet'];

describe('--out over an earlier result needs --force', () => {
  it('run --out DIR: refused while DIR holds an earlier result, replaced with --force (stale files of that result removed)', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    expect((await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--seed', '1', '--out', out)).code).toBe(0);
    const before = await readFile(join(out, 'summary.json'), 'utf8');
    await writeFile(join(out, 'notes.txt'), 'mine');

    const again = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--seed', '2', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `--out: "${out}" already holds an earlier result (${['weekly.csv', 'prognosis.csv', 'summary.json', 'scenario.json'].map((f) => join(out, f)).join(', ')}) (add --force to replace it, or choose another directory)\n`,
    );
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe(before);

    // An earlier result's file (caseload's header, other rows): --force replaces it with the rest.
    const stale = `${(await readFile(join(out, 'prognosis.csv'), 'utf8')).split('\n')[0]}\nstale\n`;
    await writeFile(join(out, 'prognosis.csv'), stale);
    const forced = await cli('merge', join(dir, 'no-shards'), '--out', out, '--force');
    expect(forced.code).toBe(2); // merge of nothing is refused; nothing changed
    expect(await readFile(join(out, 'prognosis.csv'), 'utf8')).toBe(stale);
    const replaced = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--seed', '2', '--out', out, '--force');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).seed).toBe(2);
    expect(await readFile(join(out, 'prognosis.csv'), 'utf8')).toMatch(/^filed/);
    // Files that are not caseload's are left alone, and no temporary file remains.
    expect((await readdir(out)).sort()).toEqual([
      'notes.txt',
      'prognosis.csv',
      'scenario.json',
      'summary.json',
      'weekly.csv',
    ]);
  });

  it('a directory with other files only is fine; a file where a directory is wanted is not', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    expect((await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', dir)).code).toBe(0);
    const file = join(dir, 'notes.txt');
    const result = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', file, '--force');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`--out: "${file}" is a file, not a directory (a directory (created if needed))\n`);
  });

  it('shards: other shards in the directory are expected, the same shard again needs --force', async () => {
    const dir = await tempDir();
    expect((await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '1/2', '--out', dir)).code).toBe(0);
    expect((await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '2/2', '--out', dir)).code).toBe(0);
    const again = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '2/2', '--out', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds an earlier result');
    expect(again.stderr).toContain('shard-2-of-2.json');
    expect(
      (await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '2/2', '--out', dir, '--force')).code,
    ).toBe(0);
    const merged = join(dir, 'merged');
    expect((await cli('merge', dir, '--out', merged, '--quiet')).code).toBe(0);
    expect((await cli('merge', dir, '--out', merged, '--quiet')).code).toBe(2);
    expect((await cli('merge', dir, '--out', merged, '--quiet', '--force')).code).toBe(0);
  });

  it('single-file outputs: report, --report, sweep --out and calibrate --out refuse to replace a file without --force', async () => {
    const dir = await tempDir();
    const cases: string[][] = [
      ['report', 'scenarios/baseline-2024.yaml', ...quick, '--out', join(dir, 'r.html')],
      ['run', 'scenarios/baseline-2024.yaml', ...quick, '--report', join(dir, 'run.html')],
      [
        'compare',
        'scenarios/options-2024/plan-2024.yaml',
        'scenarios/options-2024/40-per-week.yaml',
        ...quick,
        '--report',
        join(dir, 'c.html'),
      ],
      [
        'sweep',
        'scenarios/baseline-2024.yaml',
        '--set',
        'capacity.perYear=1600,1700',
        ...quick,
        '--out',
        join(dir, 's.csv'),
      ],
    ];
    for (const args of cases) {
      expect((await cli(...args)).code, args.join(' ')).toBe(0);
      const again = await cli(...args);
      expect(again.code, args.join(' ')).toBe(2);
      expect(again.stderr).toMatch(/: ".*" already exists \(add --force to replace it, or choose another file\)\n$/);
      expect((await cli(...args, '--force')).code, `${args.join(' ')} --force`).toBe(0);
    }
    await mkdir(join(dir, 'cal'));
    await writeFile(join(dir, 'cal', 'old.yaml'), 'x');
    const calibrate = await cli(
      'calibrate',
      'scenarios/backtest-2023.yaml',
      '--fit',
      'lanes.regular.minWaitWeeks',
      '--out',
      join(dir, 'cal', 'old.yaml'),
      ...quick,
    );
    expect(calibrate.code).toBe(2);
    expect(calibrate.stderr).toContain('already exists');
    expect(await readFile(join(dir, 'cal', 'old.yaml'), 'utf8')).toBe('x');
  });
});
