import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import type { Tally } from '../../src/engine/tally.js';
import type { Job } from '../../src/job/job.js';
import {
  jobOutline,
  jobSignature,
  onePlan,
  planShard,
  replicationShard,
  scenarioHashes,
  singleRun,
  wholeJob,
} from '../../src/job/job.js';
import { JobTallies, partWork } from '../../src/job/job-tallies.js';
import { runJob } from '../../src/job/run-job.js';
import { compile } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { benchReference } from '../engine/bench-reference.js';
import { cli } from '../cli/helpers.js';
import { throughShardFiles, checkedValue } from './helpers.js';

const bytes = (tally: Tally) => [
  ...[tally.arrivalsSum, tally.capacitySum, tally.grantsSum, tally.decisionWeeks].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'),
  ),
  JSON.stringify(tally.backlog!.map((h) => h.entries())),
];

const scenario = benchReference();
/** Three plans: the reference, more capacity, more inflow. */
const plans = [
  scenario,
  benchReference({ name: 'faster', capacity: { ...scenario.capacity, policy: { kind: 'perWeek', perWeek: 36 } } }),
  benchReference({ name: 'busier', inflow: { kind: 'constant', meanPerWeek: 33 } }),
];
const comparison: Job = { scenarios: plans, seed: 3, replications: 300, paired: true };

describe('a job over worker threads', () => {
  const reps = 9_000; // several chunks, and a last one that is not full

  it('gives bit-for-bit the tally of one thread, for any number of workers', async () => {
    const single = simulate(compile(scenario), { seed: 4, replications: reps });
    const job = { ...singleRun(scenario), seed: 4, replications: reps };
    for (const workers of [1, 2, 3]) {
      const parallel = (await runJob(job, undefined, { workers })).tally(0);
      expect(parallel.replications).toBe(reps);
      expect(bytes(parallel), `${workers} workers`).toEqual(bytes(single));
    }
  });

  it('reports progress up to the number of replications', async () => {
    const seen: number[] = [];
    await runJob({ ...singleRun(scenario), replications: 5_000 }, undefined, {
      workers: 2,
      onProgress: (done) => seen.push(done),
    });
    expect(seen.at(-1)).toBe(5_000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('a paired job: every plan as if run alone with the seed (common random numbers), and the pairs of each against plan 0', async () => {
    const tallies = await runJob(comparison, undefined, { workers: 2 });
    plans.forEach((plan, i) => {
      expect(bytes(tallies.tally(i)), plan.name).toEqual(
        bytes(simulate(compile(plan), { seed: 3, replications: 300 })),
      );
    });
    expect(tallies.paired![0]).toBeNull();
    expect(tallies.paired![1]!.count).toBe(300);
    // The option's mean end backlog minus the base's, as paired.
    const mean = (t: Tally) => t.backlogSum(51, t.laneCount) / t.replications;
    expect(tallies.paired![2]!.interval().mean).toBeCloseTo(mean(tallies.tally(2)) - mean(tallies.tally(0)), 9);
  });

  it('parts add up to the whole job exactly, in any order', async () => {
    const job: Job = { ...comparison, paired: false };
    const whole = await runJob(job);
    const sum = new JobTallies(partWork(job, wholeJob(job)));
    for (const part of [planShard(job, 2, 2), onePlan(job, 0)]) sum.mergeData((await runJob(job, part)).toData());
    for (let i = 0; i < plans.length; i++) expect(bytes(sum.tally(i))).toEqual(bytes(whole.tally(i)));
  });

  it('refuses a part that is not one of the job', async () => {
    await expect(runJob(comparison, onePlan(comparison, 1))).rejects.toThrow(/paired job/);
    await expect(runJob(singleRun(scenario), { ...wholeJob(singleRun(scenario)), replications: 1001 })).rejects.toThrow(
      RangeError,
    );
  });

  it('caseload run prints the same result with --workers 1 and --workers 2', async () => {
    const args = ['run', 'scenarios/bench-reference.yaml', '--reps', '6000', '--json', '--quiet'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('--workers must be a whole number from 1 to 256', async () => {
    for (const value of ['0', '1.5', 'many', '1000']) {
      const { code, stderr } = await cli('run', 'scenarios/bench-reference.yaml', '--workers', value);
      expect(code, value).toBe(2);
      expect(stderr).toContain('--workers');
    }
  });
});

describe('shards of a job', () => {
  it('shards cover the replications (or plans) exactly once', () => {
    for (const [total, count] of [
      [1000, 3],
      [7, 7],
      [5, 8],
      [100_000, 64],
    ] as const) {
      const job = { ...singleRun(scenario), replications: total };
      const slices = Array.from({ length: count }, (_, i) => replicationShard(job, i + 1, count));
      expect(slices[0]!.firstReplication).toBe(0);
      slices.forEach((s, i) => {
        if (i > 0) expect(s.firstReplication).toBe(slices[i - 1]!.firstReplication + slices[i - 1]!.replications);
      });
      expect(slices.reduce((sum, s) => sum + s.replications, 0)).toBe(total);
      const sweep = { ...job, scenarios: Array.from({ length: total % 50 }, () => scenario) };
      const planSlices = Array.from({ length: count }, (_, i) => planShard(sweep, i + 1, count));
      expect(planSlices.reduce((sum, s) => sum + s.toPlan - s.fromPlan, 0)).toBe(sweep.scenarios.length);
    }
  });

  it('merged from shard files, of replications or of plans, in any order, equal the job run whole', async () => {
    const whole = await runJob(comparison);
    const byReplications = checkedValue(
      await throughShardFiles(
        comparison,
        [3, 1, 2].map((k) => replicationShard(comparison, k, 3)),
      ),
    ).tallies();
    const unpaired = { ...comparison, paired: false };
    const byPlans = checkedValue(
      await throughShardFiles(
        unpaired,
        [2, 1].map((k) => planShard(unpaired, k, 2)),
      ),
    );
    plans.forEach((plan, i) => {
      expect(bytes(byReplications.tally(i)), plan.name).toEqual(bytes(whole.tally(i)));
      expect(bytes(byPlans.tallies(i, i + 1).tally(i)), plan.name).toEqual(bytes(whole.tally(i)));
      expect(byReplications.paired![i]?.toData() ?? null).toEqual(whole.paired![i]?.toData() ?? null);
    });
    // Shards of different N tile the job too, when their parts do: 1/2 = 1/4 + 2/4.
    const mixed = checkedValue(
      await throughShardFiles(comparison, [
        replicationShard(comparison, 2, 2),
        replicationShard(comparison, 1, 4),
        replicationShard(comparison, 2, 4),
      ]),
    );
    expect(bytes(mixed.tallies().tally(2))).toEqual(bytes(whole.tally(2)));
  });

  it('refuses a part missing or a part twice, naming the files', async () => {
    const job = { ...singleRun(scenario), replications: 90 };
    const problems = (checked: Awaited<ReturnType<typeof throughShardFiles>>) =>
      checked.ok ? [] : checked.issues.map(formatIssue).map((line) => line.replace(/\/\S*\/part-/g, 'part-'));
    expect(problems(await throughShardFiles(job, [replicationShard(job, 1, 3), replicationShard(job, 3, 3)]))).toEqual([
      'merge: shard 2 of 3 (replications 30 to 59 of 90) missing (re-run only that shard (--shard 2/3, or CASELOAD_SHARD=2/3 with --shard auto), then merge)',
    ]);
    // One slice twice and two missing: each missing slice by its number, so a batch engine's lost index is named.
    expect(
      problems(await throughShardFiles(job, [replicationShard(job, 1, 3), replicationShard(job, 1, 3)])).map((line) =>
        line.replace(/ \(re-run.*$/, ''),
      ),
    ).toEqual([
      'part-1.json: part: replications 0 to 29 of 90 also in part-0.json (each part once)',
      'merge: shard 2 of 3 (replications 30 to 59 of 90) missing',
      'merge: shard 3 of 3 (replications 60 to 89 of 90) missing',
    ]);
    // Slices of different counts: the parts missing, in replications.
    expect(problems(await throughShardFiles(job, [replicationShard(job, 1, 2), replicationShard(job, 4, 4)]))).toEqual([
      'part-0.json: part: replications 45 to 66 of 90 missing (a shard of every part of the job)',
    ]);
    expect(
      problems(
        await throughShardFiles(job, [
          replicationShard(job, 1, 2),
          replicationShard(job, 2, 3),
          replicationShard(job, 2, 2),
        ]),
      ),
    ).toEqual([
      'part-1.json: part: replications 30 to 44 of 90 also in part-0.json (each part once)',
      'part-2.json: part: replications 45 to 59 of 90 also in part-1.json (each part once)',
    ]);
    const sweep: Job = { ...comparison, paired: false };
    expect(
      problems(await throughShardFiles(sweep, [planShard(sweep, 1, 3), onePlan(sweep, 1), planShard(sweep, 2, 3)])),
    ).toEqual([
      'part-2.json: part: plan 1 of 3 also in part-1.json (each part once)',
      'part-0.json: part: plan 2 of 3 missing (a shard of every part of the job)',
    ]);
  });

  it('a signature tells jobs apart: another seed, scenario, count, pairing, context or version', () => {
    const identity = (job: Job, context: unknown = { command: 'run' }, caseloadVersion = '0.1.0') =>
      jobSignature({ caseloadVersion, job: jobOutline(job), scenarios: scenarioHashes(job), context });
    const job = singleRun(scenario);
    const signature = identity(job);
    expect(identity({ ...job })).toBe(signature);
    for (const other of [
      { ...job, seed: 2 },
      { ...job, replications: 999 },
      { ...job, paired: true },
      { ...job, scenarios: [benchReference({ name: 'other' })] },
    ])
      expect(identity(other)).not.toBe(signature);
    expect(identity(job, { command: 'sweep' })).not.toBe(signature);
    expect(identity(job, { command: 'run' }, '0.2.0')).not.toBe(signature);
  });
});
