/**
 * Shards under a real batch engine: a single-node Slurm (Debian's slurm-wlm
 * and munge), started by the recipe the docs give (deploy/slurm/), runs
 * arrays of `caseload run|compare|sweep --shard auto` and dependent merge
 * jobs. Skipped, with a warning, where Slurm or munge is missing or the tests
 * do not run as root, unless CASELOAD_SLURM_TEST=1 (set by .ci/run), which
 * makes a missing Slurm a failure.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/helpers.js';

const DAEMONS = ['munged', 'slurmctld', 'slurmd'] as const;
const TOOLS = [...DAEMONS, 'sbatch', 'scontrol', 'squeue', 'sinfo'];

/** Why this machine cannot run the test, or null when it can. */
function missing(): string | null {
  if (process.platform !== 'linux') return `not on Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'the tests do not run as root, which slurmd and munged need here';
  const absent = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  return absent.length === 0 ? null : `${absent.join(', ')} not found (Debian: apt-get install slurm-wlm munge)`;
}

const why = missing();
const required = process.env['CASELOAD_SLURM_TEST'] === '1';
if (why !== null && !required)
  console.warn(`caseload: the Slurm end-to-end test is skipped: ${why}; set CASELOAD_SLURM_TEST=1 to require it`);

describe.runIf(why !== null && required)('a single-node Slurm, required by CASELOAD_SLURM_TEST=1', () => {
  it('is available', () => {
    expect(why).toBeNull();
  });
});

/** A port no one listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(why !== null)('shards under Slurm: arrays of --shard auto and merge jobs', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  const pids: number[] = [];

  /** A Slurm command; resolves with its output, rejects with its stderr when it fails. */
  function slurm(
    command: string,
    args: readonly string[],
    extra: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      // A job that can never run would keep sbatch --wait waiting: give up after four minutes.
      const options = { cwd: ROOT, env: { ...env, ...extra }, timeout: 240_000, killSignal: 'SIGKILL' as const };
      execFile(command, [...args], options, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** sbatch --parsable: the job's id. */
  async function submit(args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<string> {
    const result = await slurm('sbatch', ['--parsable', ...args], extra);
    if (result.code !== 0 && !args.includes('--wait')) throw new Error(`sbatch ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim().split(';')[0]!;
  }

  /** The job's state and reason as squeue shows them, once they are `expected` or after 20 s. */
  async function reason(job: string, expected: string): Promise<string> {
    const until = Date.now() + 20_000;
    for (;;) {
      const shown = (await slurm('squeue', ['-h', '-j', job, '-o', '%T %r'])).stdout.trim();
      if (shown === expected || Date.now() > until) return shown;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** A merge job of `folder` after `dependency`, waited for; its output (stdout and stderr) goes to `output`. */
  function mergeAfter(dependency: string, output: string, folder: string, ...flags: string[]) {
    return slurm('sbatch', [
      '--parsable',
      '--wait',
      `--dependency=${dependency}`,
      `--output=${output}`,
      merge,
      folder,
      ...flags,
    ]);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caseload-slurm-'));
    await chmod(dir, 0o711); // munged wants every directory above its socket passable by all
    const [ctld, slurmd] = [await freePort(), await freePort()];
    const started = spawnSync(join(ROOT, 'deploy/slurm/single-node.sh'), ['start', join(dir, 'slurm')], {
      env: { ...process.env, SLURMCTLD_PORT: String(ctld), SLURMD_PORT: String(slurmd) },
      encoding: 'utf8',
    });
    for (const daemon of DAEMONS) {
      const pid = Number((await readFile(join(dir, 'slurm', `${daemon}.pid`), 'utf8').catch(() => '')).trim());
      if (pid > 0) pids.push(pid);
    }
    if (started.status !== 0) throw new Error(`single-node.sh start failed: ${started.stderr}`);
    const {
      CASELOAD_SHARD: _a,
      CASELOAD_SHARD_COUNT: _b,
      CI_NODE_INDEX: _c,
      CI_NODE_TOTAL: _d,
      JOB_COMPLETION_INDEX: _e,
      ...inherited
    } = process.env;
    env = {
      ...inherited,
      SLURM_CONF: join(dir, 'slurm', 'slurm.conf'),
      CASELOAD: `${process.execPath} ${join(ROOT, 'bin/caseload.js')}`,
    };
  }, 120_000);

  afterAll(async () => {
    // Stop the daemons this test started, by their PIDs, and wait until they are gone.
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
    const until = Date.now() + 20_000;
    while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    expect(pids.filter(alive)).toEqual([]);
  }, 60_000);

  const shards = join(ROOT, 'deploy/slurm/shards.sbatch');
  const merge = join(ROOT, 'deploy/slurm/merge.sbatch');
  const run = ['run', 'scenarios/baseline-2024.yaml', '--reps', '4000', '--seed', '7'];

  it('an array of run --shard auto and an afterok merge job give the one-machine run, bit for bit', async () => {
    const out = join(dir, 'run');
    await mkdir(out); // Slurm does not make the folders of --output
    const logs = join(out, 'shard-%a.out');
    const array = await submit(['--array=1-4', `--output=${logs}`, shards, join(out, 'shards'), ...run]);
    await mergeAfter(
      `afterok:${array}`,
      join(out, 'merged.json'),
      join(out, 'shards'),
      '--out',
      join(out, 'result'),
      '--json',
    );
    const whole = await cli(...run, '--quiet', '--workers', '1', '--json', '--out', join(out, 'whole'));
    expect(await readFile(join(out, 'merged.json'), 'utf8')).toBe(whole.stdout);
    for (const file of ['weekly.csv', 'prognosis.csv', 'summary.json', 'scenario.json'])
      expect(await readFile(join(out, 'result', file), 'utf8')).toBe(await readFile(join(out, 'whole', file), 'utf8'));
    for (const k of [1, 2, 3, 4])
      expect(await readFile(join(out, `shard-${k}.out`), 'utf8')).toBe(
        `wrote shard ${k} of 4 (SLURM_ARRAY_TASK_ID=${k} of a Slurm array 1-4) to ${join(out, 'shards', `shard-${k}-of-4.json`)}\n`,
      );
  }, 300_000);

  it('a run, a comparison and a sweep with one shard killed: merge names it; re-running that index alone completes the result', async () => {
    // The command the array runs: caseload, but the task LOSE_TASK is killed half a second into its
    // first attempt (caseload takes about a second to start), before it can write its shard.
    const lossy = join(dir, 'lossy-caseload.sh');
    await writeFile(
      lossy,
      [
        '#!/bin/sh',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, for sh to expand
        'if [ "${SLURM_ARRAY_TASK_ID:-}" = "${LOSE_TASK:-}" ] && [ "${SLURM_RESTART_COUNT:-0}" = 0 ] && [ -z "${CASELOAD_SHARD:-}" ]; then',
        `  "${process.execPath}" "${join(ROOT, 'bin/caseload.js')}" "$@" & pid=$!`,
        '  sleep 0.5; kill -KILL "$pid"; wait "$pid"; exit $?',
        'fi',
        `exec "${process.execPath}" "${join(ROOT, 'bin/caseload.js')}" "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const flags = ['--reps', '2000', '--seed', '11'];
    const jobs = {
      run: ['run', 'scenarios/baseline-2024.yaml', ...flags],
      compare: [
        'compare',
        'scenarios/options-2024/plan-2024.yaml',
        'scenarios/options-2024/30-per-week.yaml',
        ...flags,
      ],
      sweep: ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'inflow.meanPerWeek=20,25,30,35,40', ...flags],
    } as const;
    const names = Object.keys(jobs) as (keyof typeof jobs)[];
    const lost = { CASELOAD: lossy, LOSE_TASK: '3' };

    // The three arrays at once, each with an afterok merge (which never runs) and an afterany merge (which does).
    const submitted = await Promise.all(
      names.map(async (name) => {
        const out = join(dir, `lost-${name}`);
        await mkdir(out);
        const array = await submit(
          ['--array=1-4', `--output=${join(out, 'shard-%a.out')}`, shards, join(out, 'shards'), ...jobs[name]],
          lost,
        );
        const afterok = await submit([
          `--dependency=afterok:${array}`,
          '--output=/dev/null',
          merge,
          join(out, 'shards'),
        ]);
        const refused = await mergeAfter(`afterany:${array}`, join(out, 'first-merge.out'), join(out, 'shards'));
        return { name, out, array, afterok, refused };
      }),
    );
    for (const { name, out, afterok, refused } of submitted) {
      expect(refused.code, `${name}: the merge of three shards of four fails`).not.toBe(0);
      const part = name === 'sweep' ? 'plan 2 of 5' : 'replications 1000 to 1499 of 2000';
      expect(await readFile(join(out, 'first-merge.out'), 'utf8')).toBe(
        `merge: shard 3 of 4 (${part}) missing (re-run only that shard (--shard 3/4, or CASELOAD_SHARD=3/4 with --shard auto), then merge)\n`,
      );
      expect((await readdir(join(out, 'shards'))).sort()).toEqual([
        'shard-1-of-4.json',
        'shard-2-of-4.json',
        'shard-4-of-4.json',
      ]);
      // Slurm itself knows the afterok merge can never run.
      expect(await reason(afterok, 'PENDING DependencyNeverSatisfied')).toBe('PENDING DependencyNeverSatisfied');
      await slurm('scancel', [afterok]);
    }

    // Re-run only index 3: the run and the comparison by requeueing the task, the sweep by a new array of that index.
    const rerun = await Promise.all(
      submitted.map(async ({ name, out, array }) => {
        let task = `${array}_3`;
        if (name === 'sweep')
          task = await submit(
            ['--array=3', `--output=${join(out, 'rerun-%a.out')}`, shards, join(out, 'shards'), ...jobs[name]],
            { ...lost, CASELOAD_SHARD: '3/4' },
          );
        else expect((await slurm('scontrol', ['requeue', task])).code).toBe(0);
        const merged = await mergeAfter(`afterok:${task}`, join(out, 'merged.out'), join(out, 'shards'));
        return { name, out, merged };
      }),
    );
    for (const { name, out, merged } of rerun) {
      expect(merged.code, `${name}: the merge after the re-run`).toBe(0);
      const whole = await cli(...jobs[name], '--quiet', '--workers', '1');
      expect(whole.code).toBe(0);
      expect(await readFile(join(out, 'merged.out'), 'utf8'), name).toBe(whole.stdout);
    }
    expect(await readFile(join(dir, 'lost-run', 'shard-3.out'), 'utf8')).toContain(
      'wrote shard 3 of 4 (SLURM_ARRAY_TASK_ID=3 of a Slurm array 1-4)',
    );
    expect(await readFile(join(dir, 'lost-sweep', 'rerun-3.out'), 'utf8')).toContain(
      'wrote shard 3 of 4 (CASELOAD_SHARD=3/4)',
    );
  }, 600_000);
});
