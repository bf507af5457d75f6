import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { resolveShard } from '../../src/cli/shard-auto.js';
import type { ShardEnvironment } from '../../src/cli/shard-auto.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { InputIssue } from '../../src/scenario/errors.js';
import { cli, ROOT } from './helpers.js';

/** resolveShard's answer, or its one line of refusal. */
function auto(env: ShardEnvironment, count?: string): unknown {
  const issues: InputIssue[] = [];
  const shard = resolveShard('auto', count, env, issues);
  return issues.length > 0 ? issues.map(formatIssue).join('\n') : shard;
}

/** What Slurm sets in task `id` of `sbatch --array=MIN-MAX[:STEP]` (checked by hand against Slurm 22.05). */
function slurm(id: number, min: number, max: number, step = 1): ShardEnvironment {
  const count = Math.floor((max - min) / step) + 1;
  return {
    SLURM_ARRAY_JOB_ID: '41',
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(min + (count - 1) * step),
    SLURM_ARRAY_TASK_COUNT: String(count),
    SLURM_ARRAY_TASK_STEP: String(step),
  };
}

describe('--shard auto: K and N from the batch engine', () => {
  it('a Slurm array from 1 or from 0 gives shard K of N for every task, each once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.constantFrom(0, 1), (n, base) => {
        const shards = Array.from({ length: n }, (_, t) => auto(slurm(base + t, base, base + n - 1)));
        expect(shards.map((s) => (s as { index: number }).index)).toEqual(Array.from({ length: n }, (_, t) => t + 1));
        expect(new Set(shards.map((s) => (s as { count: number }).count))).toEqual(new Set([n]));
      }),
    );
    expect(auto(slurm(3, 1, 4))).toEqual({ index: 3, count: 4, from: 'SLURM_ARRAY_TASK_ID=3 of a Slurm array 1-4' });
    expect(auto(slurm(0, 0, 7))).toEqual({ index: 1, count: 8, from: 'SLURM_ARRAY_TASK_ID=0 of a Slurm array 0-7' });
    // MAX and STEP are checked when set; MIN and COUNT suffice.
    expect(auto({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '2' })).toMatchObject({
      index: 2,
      count: 2,
    });
  });

  it('refuses a Slurm array that does not make slices: a step, gaps, a start above 1, a task outside it', () => {
    expect(auto(slurm(3, 1, 7, 2))).toBe(
      '--shard: auto: the Slurm array steps by 2 (SLURM_ARRAY_TASK_STEP), so its tasks are not consecutive shards (an array of shards: sbatch --array=1-N (or 0-(N-1)), step 1, no gaps)',
    );
    // sbatch --array=1,3,4: three tasks from 1 to 4.
    expect(auto({ ...slurm(3, 1, 4), SLURM_ARRAY_TASK_COUNT: '3' })).toBe(
      '--shard: auto: the Slurm array has 3 tasks from 1 to 4: it has gaps, so its tasks are not consecutive shards (an array of shards: sbatch --array=1-N (or 0-(N-1)), step 1, no gaps)',
    );
    // sbatch --array=3, to re-run one lost shard of 4: it would otherwise be shard 1 of 1, the whole run.
    expect(auto(slurm(3, 3, 3))).toBe(
      '--shard: auto: the Slurm array starts at 3 (SLURM_ARRAY_TASK_MIN), not at 0 or 1, so its task 3 is not a shard number (an array of shards: sbatch --array=1-N (or 0-(N-1)), step 1, no gaps; to re-run one shard K of N, requeue it (scontrol requeue JOB_K) or set CASELOAD_SHARD=K/N)',
    );
    expect(auto({ ...slurm(2, 1, 4), SLURM_ARRAY_TASK_ID: '9' })).toMatch(
      /^--shard: auto: SLURM_ARRAY_TASK_ID=9, SLURM_ARRAY_TASK_MIN="1", SLURM_ARRAY_TASK_COUNT="4": the task is not one of the array's 1-4/,
    );
    expect(auto({ SLURM_ARRAY_TASK_ID: '2' })).toBe(
      '--shard: auto: SLURM_ARRAY_TASK_ID is 2, but SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT are not set (a job of sbatch --array, whose tasks Slurm gives all three)',
    );
    expect(auto({ ...slurm(2, 1, 4), SLURM_ARRAY_TASK_MIN: 'one' })).toMatch(/: not whole numbers \(/);
    expect(auto(slurm(2, 1, 4), '8')).toBe(
      '--shard: auto: --shard-count is 8, but the Slurm array 1-4 makes 4 shards (the same count, or no --shard-count)',
    );
    expect(auto(slurm(2, 1, 4), '4')).toMatchObject({ index: 2, count: 4 });
  });

  it('a Kubernetes Indexed Job gives the index; the count comes from --shard-count or CASELOAD_SHARD_COUNT', () => {
    expect(auto({ JOB_COMPLETION_INDEX: '0' }, '8')).toEqual({
      index: 1,
      count: 8,
      from: 'JOB_COMPLETION_INDEX=0 of --shard-count 8',
    });
    expect(auto({ JOB_COMPLETION_INDEX: '7', CASELOAD_SHARD_COUNT: '8' })).toEqual({
      index: 8,
      count: 8,
      from: 'JOB_COMPLETION_INDEX=7 of CASELOAD_SHARD_COUNT=8',
    });
    // The flag wins over the variable.
    expect(auto({ JOB_COMPLETION_INDEX: '1', CASELOAD_SHARD_COUNT: '8' }, '2')).toMatchObject({ index: 2, count: 2 });
    expect(auto({ JOB_COMPLETION_INDEX: '3' })).toBe(
      "--shard: auto: JOB_COMPLETION_INDEX=3 gives the index but not the number of shards (--shard-count N or CASELOAD_SHARD_COUNT=N, N the Job's completions)",
    );
    expect(auto({ JOB_COMPLETION_INDEX: '8' }, '8')).toBe(
      "--shard: auto: JOB_COMPLETION_INDEX is 8, but --shard-count is 8 (indexes 0 to 7) (--shard-count equal to the Job's completions)",
    );
    expect(auto({ JOB_COMPLETION_INDEX: '-1' }, '8')).toMatch(/JOB_COMPLETION_INDEX is "-1", not a whole number/);
    expect(auto({ JOB_COMPLETION_INDEX: '1', CASELOAD_SHARD_COUNT: '0' })).toMatch(
      /CASELOAD_SHARD_COUNT is "0", not a whole number from 1 to 100000/,
    );
    expect(auto({ JOB_COMPLETION_INDEX: '1' }, 'eight')).toBe(
      '--shard-count: must be a whole number from 1 to 100000, got "eight"',
    );
  });

  it('plain variables for a CI matrix: CASELOAD_SHARD=K/N, and GitLab CI parallel jobs', () => {
    expect(auto({ CASELOAD_SHARD: '2/8' })).toEqual({ index: 2, count: 8, from: 'CASELOAD_SHARD=2/8' });
    expect(auto({ CI_NODE_INDEX: '3', CI_NODE_TOTAL: '5' })).toEqual({
      index: 3,
      count: 5,
      from: 'CI_NODE_INDEX=3 of CI_NODE_TOTAL=5',
    });
    expect(auto({ CASELOAD_SHARD: '9/8' })).toBe(
      '--shard: auto: CASELOAD_SHARD is "9/8", not K/N with 1 <= K <= N <= 100000 (e.g. CASELOAD_SHARD=2/8)',
    );
    expect(auto({ CASELOAD_SHARD: '2/8' }, '4')).toMatch(/--shard-count is 4, but CASELOAD_SHARD=2\/8 makes 8 shards/);
    expect(auto({ CI_NODE_INDEX: '3' })).toBe(
      '--shard: auto: CI_NODE_INDEX is "3" and CI_NODE_TOTAL not set: not K of N with 1 <= K <= N (a GitLab CI job with parallel: N)',
    );
  });

  it('takes the first source set: CASELOAD_SHARD (to re-run one shard by hand) before Slurm, Kubernetes, GitLab', () => {
    const all = { ...slurm(2, 1, 4), JOB_COMPLETION_INDEX: '0', CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' };
    expect(auto({ ...all, CASELOAD_SHARD: '3/4' })).toMatchObject({ index: 3, count: 4 });
    expect(auto(all, '4')).toMatchObject({ index: 2, count: 4 });
    expect(auto({ JOB_COMPLETION_INDEX: '0', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' }, '3')).toMatchObject({
      index: 1,
      count: 3,
    });
    // Blank values count as not set, as a shell's `VAR=` leaves them.
    expect(auto({ CASELOAD_SHARD: ' ', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' })).toMatchObject({ index: 2 });
  });

  it('refuses auto with nothing set, naming every source, and --shard-count without auto', () => {
    expect(auto({ PATH: '/usr/bin', HOME: '/root' })).toBe(
      '--shard: auto: no shard is set in the environment (one of: CASELOAD_SHARD=K/N; a Slurm array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT); a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shard-count N or CASELOAD_SHARD_COUNT); a GitLab CI parallel job (CI_NODE_INDEX, CI_NODE_TOTAL); or --shard K/N)',
    );
    const issues: InputIssue[] = [];
    expect(resolveShard('2/4', '4', {}, issues)).toBeNull();
    expect(resolveShard(undefined, '4', {}, issues)).toBeNull();
    expect(resolveShard(undefined, undefined, { CASELOAD_SHARD: '1/2' }, issues)).toBeNull();
    expect(resolveShard(' AUTO ', undefined, { CASELOAD_SHARD: '1/2' }, issues)).toMatchObject({ index: 1 });
    expect(resolveShard('2/4', undefined, { CASELOAD_SHARD: '1/2' }, issues)).toEqual({ index: 2, count: 4 });
    expect(issues.map(formatIssue)).toEqual([
      '--shard-count: is only for --shard auto, not --shard 2/4 (--shard auto --shard-count N (a Kubernetes Indexed Job), or --shard K/N alone)',
      '--shard-count: is only for --shard auto (--shard auto --shard-count N (a Kubernetes Indexed Job), or --shard K/N alone)',
    ]);
  });
});

describe('run, compare and sweep --shard auto', () => {
  const run = ['run', 'scenarios/baseline-2024.yaml', '--reps', '900', '--seed', '5', '--quiet', '--workers', '1'];

  /** The CLI in process with this environment. */
  async function cliIn(env: ShardEnvironment, ...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), env });
    return { code, stdout, stderr };
  }

  it('the shards of a Slurm array (tasks 0 to 2) merge into the result of one machine, bit for bit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-auto-'));
    const written: string[] = [];
    for (const task of [2, 0, 1]) {
      const shard = await cliIn(slurm(task, 0, 2), ...run, '--shard', 'auto', '--out', join(dir, 'shards'));
      expect(shard.code).toBe(0);
      written.push(shard.stdout);
    }
    expect(written[0]).toBe(
      `wrote shard 3 of 3 (SLURM_ARRAY_TASK_ID=2 of a Slurm array 0-2) to ${join(dir, 'shards', 'shard-3-of-3.json')}\n`,
    );
    expect((await readdir(join(dir, 'shards'))).sort()).toEqual([
      'shard-1-of-3.json',
      'shard-2-of-3.json',
      'shard-3-of-3.json',
    ]);
    const merged = await cli('merge', join(dir, 'shards'), '--json', '--quiet');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe((await cli(...run, '--json')).stdout);
    await rm(dir, { recursive: true });
  });

  it('compare and sweep take K and N the same way; a refusal writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-auto-'));
    const compare = ['compare', 'scenarios/options-2024/plan-2024.yaml', 'scenarios/options-2024/30-per-week.yaml'];
    const flags = ['--reps', '400', '--seed', '3', '--quiet', '--workers', '1'];
    for (const index of [0, 1])
      expect(
        (
          await cliIn(
            { JOB_COMPLETION_INDEX: String(index) },
            ...compare,
            ...flags,
            '--shard',
            'auto',
            '--shard-count',
            '2',
            '--out',
            join(dir, 'c'),
          )
        ).code,
      ).toBe(0);
    expect((await cli('merge', join(dir, 'c'), '--quiet')).stdout).toBe((await cli(...compare, ...flags)).stdout);
    const sweep = ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'inflow.meanPerWeek=20,25,30', ...flags];
    for (const node of ['1', '2'])
      expect(
        (await cliIn({ CI_NODE_INDEX: node, CI_NODE_TOTAL: '2' }, ...sweep, '--shard', 'auto', '--out', join(dir, 's')))
          .code,
      ).toBe(0);
    expect((await cli('merge', join(dir, 's'), '--quiet')).stdout).toBe((await cli(...sweep)).stdout);
    const refused = await cliIn({}, ...run, '--shard', 'auto', '--out', join(dir, 'none'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^--shard: auto: no shard is set in the environment/);
    await expect(readdir(join(dir, 'none'))).rejects.toThrow();
    await rm(dir, { recursive: true });
  });

  it('the installed command reads the process environment (bin/caseload.js)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-auto-'));
    const result = spawnSync(process.execPath, [`${ROOT}bin/caseload.js`, ...run, '--shard', 'auto', '--out', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...slurm(1, 1, 2), CASELOAD_SHARD: '' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('wrote shard 1 of 2 (SLURM_ARRAY_TASK_ID=1 of a Slurm array 1-2)');
    const shard = JSON.parse(await readFile(join(dir, 'shard-1-of-2.json'), 'utf8')) as { shard: unknown };
    expect(shard.shard).toEqual({ index: 1, count: 2, splits: 'replications' });
    await rm(dir, { recursive: true });
  });
});
