import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARD_FORMAT } from '../../src/io/shard-file.js';
import { cli } from './helpers.js';

const run = ['run', 'scenarios/baseline-2024.yaml', '--reps', '3000', '--seed', '8', '--quiet', '--workers', '1'];

describe('run --shard K/N and caseload merge', () => {
  it('merging the shards gives exactly the result of one run with the same seed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-shards-'));
    for (const k of [3, 1, 2])
      expect((await cli(...run, '--shard', `${k}/3`, '--out', join(dir, `machine-${k}`))).code).toBe(0);
    const merged = await cli(
      'merge',
      join(dir, 'machine-1'),
      join(dir, 'machine-2'),
      join(dir, 'machine-3'),
      '--json',
      '--quiet',
      '--out',
      join(dir, 'merged'),
    );
    const whole = await cli(...run, '--json', '--out', join(dir, 'whole'));
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    for (const file of ['weekly.csv', 'prognosis.csv', 'summary.json', 'scenario.json']) {
      expect(await readFile(join(dir, 'merged', file), 'utf8')).toBe(await readFile(join(dir, 'whole', file), 'utf8'));
    }
    const text = await cli('merge', join(dir, 'machine-1'), join(dir, 'machine-2'), join(dir, 'machine-3'), '--quiet');
    expect(text.stdout).toBe((await cli(...run)).stdout);
    await rm(dir, { recursive: true });
  });

  it('refuses a missing shard, a shard twice, and shards of another run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-shards-'));
    await cli(...run, '--shard', '1/3', '--out', join(dir, 'a'));
    await cli(...run, '--shard', '2/3', '--out', join(dir, 'a'));
    const missing = await cli('merge', join(dir, 'a'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'merge: shard 3 of 3 (replications 2000 to 2999 of 3000) missing (re-run only that shard (--shard 3/3, or CASELOAD_SHARD=3/3 with --shard auto), then merge)\n',
    );
    await cli(...run, '--shard', '2/3', '--out', join(dir, 'b'));
    const twice = await cli('merge', join(dir, 'a'), join(dir, 'b'));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(
      `${join(dir, 'b', 'shard-2-of-3.json')}: part: replications 1000 to 1999 of 3000 also in ${join(dir, 'a', 'shard-2-of-3.json')} (each part once)\n`,
    );
    await cli(
      'run',
      'scenarios/plan-30-40.yaml',
      '--reps',
      '3000',
      '--seed',
      '8',
      '--quiet',
      '--shard',
      '3/3',
      '--out',
      join(dir, 'c'),
    );
    const other = await cli('merge', join(dir, 'a'), join(dir, 'c'));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      new RegExp(
        `^${join(dir, 'c', 'shard-3-of-3.json')}: is a shard of another job than ${join(dir, 'a', 'shard-1-of-3.json')}: another scenario \\(plan 0: sha256 [0-9a-f]{12}, not [0-9a-f]{12}\\) \\(shards of one job: the same command, scenarios, seed and replications\\)\n$`,
      ),
    );
    const none = await cli('merge', join(dir, 'nothing-here'));
    expect(none.code).toBe(2);
    await rm(dir, { recursive: true });
  });

  it('--shard needs K/N with 1 <= K <= N, and --out', async () => {
    for (const value of ['0/3', '4/3', 'two/3', '3']) {
      const { code, stderr } = await cli(...run, '--shard', value, '--out', '/tmp/never-written');
      expect(code, value).toBe(2);
      expect(stderr).toContain('--shard');
    }
    const noOut = await cli(...run, '--shard', '1/2');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('needs --out');
  });
});

describe('sweep --shard K/N and caseload merge', () => {
  const sweep = [
    'sweep',
    'scenarios/baseline-2024.yaml',
    '--set',
    'capacity.perWeek=28..36:2',
    '--set',
    'inflow.meanPerWeek=20,25',
    '--reps',
    '150',
    '--quiet',
    '--workers',
    '1',
  ];

  it('merging the shards of a sweep gives exactly the sweep run on one machine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-sweep-shards-'));
    for (const k of [2, 1, 3])
      expect((await cli(...sweep, '--shard', `${k}/3`, '--out', join(dir, `part-${k}`))).code).toBe(0);
    const merged = await cli(
      'merge',
      join(dir, 'part-1'),
      join(dir, 'part-2'),
      join(dir, 'part-3'),
      '--json',
      '--quiet',
      '--out',
      join(dir, 'merged'),
    );
    const whole = await cli(...sweep, '--json', '--out', join(dir, 'whole.csv'));
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(JSON.parse(merged.stdout).rows).toHaveLength(10);
    expect(await readFile(join(dir, 'merged', 'sweep.csv'), 'utf8')).toBe(
      await readFile(join(dir, 'whole.csv'), 'utf8'),
    );
    const text = await cli('merge', join(dir, 'part-1'), join(dir, 'part-2'), join(dir, 'part-3'), '--quiet');
    expect(text.stdout).toBe((await cli(...sweep)).stdout);
    await rm(dir, { recursive: true });
  });

  it('refuses a missing sweep shard, shards of another sweep, and a run shard among them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-sweep-shards-'));
    await cli(...sweep, '--shard', '1/2', '--out', join(dir, 'a'));
    const missing = await cli('merge', join(dir, 'a'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'merge: shard 2 of 2 (plans 5 to 9 of 10) missing (re-run only that shard (--shard 2/2',
    );
    await cli(...sweep.map((a) => (a === '150' ? '151' : a)), '--shard', '2/2', '--out', join(dir, 'b'));
    const other = await cli('merge', join(dir, 'a'), join(dir, 'b'));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is a shard of another job than');
    expect(other.stderr).toContain('151 replications, not 150');
    await cli(...run, '--shard', '1/1', '--out', join(dir, 'c'));
    const mixed = await cli('merge', join(dir, 'a'), join(dir, 'c'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`it is a run shard, ${join(dir, 'a', 'shard-1-of-2.json')} a sweep shard`);
    const noOut = await cli(...sweep, '--shard', '1/2');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('needs --out');
    await rm(dir, { recursive: true });
  });

  it('does not ask for a slice with no combination in it (more shards than combinations)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-sweep-shards-'));
    const two = ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'inflow.meanPerWeek=20,25', '--reps', '40'];
    // Of 4 slices of 2 combinations, slices 1 and 3 hold none.
    for (const k of [2, 4]) expect((await cli(...two, '--shard', `${k}/4`, '--out', dir, '--quiet')).code).toBe(0);
    const merged = await cli('merge', dir, '--quiet');
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe((await cli(...two, '--quiet')).stdout);
    await rm(join(dir, 'shard-2-of-4.json'));
    const missing = await cli('merge', dir, '--quiet');
    expect(missing.stderr).toBe(
      'merge: shard 2 of 4 (plan 0 of 2) missing (re-run only that shard (--shard 2/4, or CASELOAD_SHARD=2/4 with --shard auto), then merge)\n',
    );
    await rm(dir, { recursive: true });
  });
});

describe('compare --shard K/N and caseload merge', () => {
  const compare = ['compare', 'scenarios/options-2024/variants.yaml', '--reps', '2500', '--quiet', '--workers', '1'];

  it('merging the shards of a comparison gives exactly the comparison run on one machine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-compare-shards-'));
    for (const k of [2, 1])
      expect((await cli(...compare, '--shard', `${k}/2`, '--out', join(dir, `part-${k}`))).code).toBe(0);
    const merged = await cli('merge', join(dir, 'part-1'), join(dir, 'part-2'), '--json', '--quiet');
    const whole = await cli(...compare, '--json');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    const text = await cli('merge', join(dir, 'part-1'), join(dir, 'part-2'), '--quiet');
    expect(text.stdout).toBe((await cli(...compare)).stdout);
    const mixed = await cli('merge', join(dir, 'part-1'), 'test/fixtures/nothing.json');
    expect(mixed.code).toBe(2);
    await rm(dir, { recursive: true });
  });
});

describe('run, compare and sweep shards are one format, merged one way', () => {
  it('every command writes shard-K-of-N.json in the one format, and a mixed set is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-one-format-'));
    const quick = ['--reps', '40', '--quiet', '--workers', '1', '--shard', '1/2', '--out'];
    const commands = {
      run: ['run', 'scenarios/baseline-2024.yaml', ...quick, join(dir, 'run')],
      compare: ['compare', 'scenarios/options-2024/variants.yaml', ...quick, join(dir, 'compare')],
      sweep: ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'capacity.perWeek=28,30', ...quick, join(dir, 'sweep')],
    };
    for (const [name, args] of Object.entries(commands)) {
      expect((await cli(...args)).code, name).toBe(0);
      const text = await readFile(join(dir, name, 'shard-1-of-2.json'), 'utf8');
      expect(JSON.parse(text), name).toMatchObject({ format: SHARD_FORMAT, context: { command: name } });
    }
    const mixed = await cli('merge', join(dir, 'compare'), join(dir, 'run'), join(dir, 'sweep'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'run', 'shard-1-of-2.json')}: is a shard of another job than ${join(dir, 'compare', 'shard-1-of-2.json')}: it is a run shard, ${join(dir, 'compare', 'shard-1-of-2.json')} a compare shard (shards of one job: the same command, scenarios, seed and replications)`,
      `${join(dir, 'sweep', 'shard-1-of-2.json')}: is a shard of another job than ${join(dir, 'compare', 'shard-1-of-2.json')}: it is a sweep shard, ${join(dir, 'compare', 'shard-1-of-2.json')} a compare shard (shards of one job: the same command, scenarios, seed and replications)`,
    ]);
    await rm(dir, { recursive: true });
  });
});
