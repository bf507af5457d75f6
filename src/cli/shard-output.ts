import { join } from 'node:path';
import { shardFileName, shardJson } from '../io/shard-file.js';
import type { PackedPlan, ShardContext } from '../io/shard-file.js';
import type { Job, JobPart } from '../job/job.js';
import { issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { writeOrExplain } from './emit-run-result.js';
import type { CliIo } from './io.js';
import type { ResolvedShard } from './shard-auto.js';
import { checkOutputDir } from './output-guard.js';
import { caseloadVersion } from './version.js';

/**
 * The checks of `--shard K/N --out DIR` before any work, the same for run,
 * compare and sweep: a shard needs a directory, and the same shard there
 * again needs --force.
 */
export async function checkShardOut(
  shard: ResolvedShard | null,
  out: string | null,
  force: boolean,
  issues: InputIssue[],
): Promise<void> {
  if (shard === null) return;
  if (out === null)
    issues.push(issueAt('--shard', '', 'needs --out DIR to write the shard into', '--shard K/N --out DIR'));
  else await checkOutputDir(out, [shardFileName(shard.index, shard.count)], force, '--out', issues);
}

/**
 * Writes a part of a job that run, compare or sweep ran for `--shard K/N`
 * into `out`, for caseload merge, and says where. The shard carries this
 * version of caseload and its slice: of the plans for a sweep, of the
 * replications for run and compare.
 */
export async function writeShard(
  shard: ResolvedShard,
  out: string,
  written: { job: Job; part: JobPart; context: ShardContext; plans: readonly PackedPlan[] },
  json: boolean,
  io: CliIo,
): Promise<void> {
  const file = shardFileName(shard.index, shard.count);
  const splits = written.context.command === 'sweep' ? 'plans' : 'replications';
  const slice = { index: shard.index, count: shard.count, splits } as const;
  const from = shard.from === undefined ? '' : ` (${shard.from})`;
  await writeOrExplain(out, { [file]: shardJson({ ...written, slice }, caseloadVersion()) });
  const path = join(out, file);
  io.out(
    json
      ? `${JSON.stringify({ shard, part: written.part, file: path }, null, 2)}\n`
      : `wrote shard ${shard.index} of ${shard.count}${from} to ${path}\n`,
  );
}
