import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPlans, readShard, shardJson } from '../../src/io/shard-file.js';
import type { ShardContext } from '../../src/io/shard-file.js';
import type { Job, JobPart, JobSlice } from '../../src/job/job.js';
import { jobOutline, slicePart } from '../../src/job/job.js';
import { mergeShards } from '../../src/job/merge-shards.js';
import type { MergedJob } from '../../src/job/merge-shards.js';
import { runJob } from '../../src/job/run-job.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Checked } from '../../src/scenario/errors.js';

export const runContext: ShardContext = {
  command: 'run',
  label: 'test',
  provenance: {
    caseloadVersion: 'test',
    scenarioHash: 'test',
    files: [],
    seed: 0,
    replications: 0,
    deterministic: false,
  },
};

/** Runs each part of a job, writes it as a shard file, reads the files back and merges them. */
export async function throughShardFiles(
  job: Job,
  parts: readonly JobPart[],
  context: ShardContext = runContext,
): Promise<Checked<MergedJob<ShardContext>>> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-job-'));
  try {
    const files = await Promise.all(
      parts.map(async (part, i) => {
        const file = join(dir, `part-${i}.json`);
        const tallies = await runJob(job, part);
        const plans = packPlans(tallies.toData());
        await writeFile(file, shardJson({ job, slice: sliceOf(job, part), part, context, plans }, 'test'));
        return file;
      }),
    );
    const read = await Promise.all(files.map(readShard));
    const shards = read.map((shard) => {
      if (!shard.ok) throw new Error(shard.issues.map(formatIssue).join('\n'));
      return shard.value;
    });
    return mergeShards(shards, (c) => c.command, 'test');
  } finally {
    await rm(dir, { recursive: true });
  }
}

/** The slice K of N (N up to 12) whose part is `part`: every part a test writes to a shard file is one. */
export function sliceOf(job: Job, part: JobPart): JobSlice {
  const same = (a: JobPart, b: JobPart) =>
    a.fromPlan === b.fromPlan &&
    a.toPlan === b.toPlan &&
    a.firstReplication === b.firstReplication &&
    a.replications === b.replications;
  for (const splits of ['replications', 'plans'] as const)
    for (let count = 1; count <= 12; count++)
      for (let index = 1; index <= count; index++)
        if (same(slicePart(jobOutline(job), { index, count, splits }), part)) return { index, count, splits };
  throw new Error('the part is not shard K of N of its job');
}

/** The value of a Checked, or an error with its issues. */
export function checkedValue<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('\n'));
  return checked.value;
}
