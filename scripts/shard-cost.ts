/**
 * What one shard costs besides its work, so that a user can choose N: the
 * wall time of `caseload run <scenario> --shard 1/1 --out DIR --workers 1` as
 * a new process, for several replication counts, fitted as start-up +
 * replications x time per replication; and the time `caseload merge` takes
 * per shard. Prints a table for docs/distributed.md.
 *
 *   npm run bench:shards [-- --scenario scenarios/baseline-2024.yaml --rounds 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearRegression, median } from 'simple-statistics';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
};
const scenario = option('scenario', 'scenarios/baseline-2024.yaml');
const rounds = Number(option('rounds', '5'));
const BIN = join(process.cwd(), 'bin/caseload.js');

/** Seconds that one command takes as a new process. */
function once(command: readonly string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...command], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`caseload ${command.join(' ')}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The median of `rounds` runs of one command, in seconds. */
function seconds(command: readonly string[]): number {
  return median(Array.from({ length: rounds }, () => once(command)));
}

const dir = await mkdtemp(join(tmpdir(), 'caseload-shard-cost-'));
const counts = [1, 2_000, 10_000, 40_000];
const points: [number, number][] = [];
console.log(`shard cost: ${scenario}, node ${process.version}, ${cpus().length} cores, median of ${rounds}`);
console.log('replications  seconds  shard file');
for (const reps of counts) {
  const out = join(dir, `r${reps}`);
  const command = ['run', scenario, '--reps', String(reps), '--shard', '1/1', '--out', out, '--workers', '1'];
  const time = seconds([...command, '--quiet', '--force']);
  const size = (await stat(join(out, 'shard-1-of-1.json'))).size;
  points.push([reps, time]);
  console.log(
    `${String(reps).padStart(12)}  ${time.toFixed(2).padStart(7)}  ${(size / 1024).toFixed(0).padStart(6)} KB`,
  );
}
const fit = linearRegression(points);
console.log(`start-up ${fit.b.toFixed(2)} s per shard; ${(fit.m * 1e6).toFixed(1)} us per replication`);

// Merge: N shards of one run of 8,000 replications, N = 1, 4, 16.
for (const n of [1, 4, 16]) {
  const out = join(dir, `m${n}`);
  for (let k = 1; k <= n; k++)
    once(['run', scenario, '--reps', '8000', '--shard', `${k}/${n}`, '--out', out, '--workers', '1', '--quiet']);
  console.log(`merge of ${String(n).padStart(2)} shards: ${seconds(['merge', out, '--quiet']).toFixed(2)} s`);
}
await rm(dir, { recursive: true });
