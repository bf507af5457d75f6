import { readFile } from 'node:fs/promises';
import type { TallyData } from '../engine/tally.js';
import type { Checked } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import type { Provenance } from './run-outputs.js';

/** Which slice of a run a shard holds. */
export interface ShardSlice {
  /** 1-based: shard K of N. */
  readonly index: number;
  readonly count: number;
  readonly firstReplication: number;
  readonly replications: number;
  /** Replications of the whole run. */
  readonly totalReplications: number;
}

/** A partial result of `run --shard K/N`, which `caseload merge` combines. */
export interface Shard {
  readonly provenance: Provenance;
  readonly slice: ShardSlice;
  readonly scenario: Scenario;
  readonly tally: TallyData;
}

const FORMAT = 'caseload-shard/1';
const ARRAYS = ['initialBacklog', 'arrivalsSum', 'capacitySum', 'grantsSum', 'leadWeeks'] as const;

/**
 * Replications [first, first + count) of shard K of N over R replications:
 * floor((K-1)R/N) to floor(KR/N), so the shards cover the run exactly once.
 *
 * @example shardSlice(2, 3, 1000) // { index: 2, count: 3, firstReplication: 333, replications: 333, totalReplications: 1000 }
 */
export function shardSlice(index: number, count: number, totalReplications: number): ShardSlice {
  const first = Math.floor(((index - 1) * totalReplications) / count);
  const end = Math.floor((index * totalReplications) / count);
  return { index, count, firstReplication: first, replications: end - first, totalReplications };
}

/** The file name of shard K of N. */
export function shardFileName(slice: ShardSlice): string {
  return `shard-${slice.index}-of-${slice.count}.json`;
}

/** A shard as JSON text; typed arrays as base64 of their bytes, so that numbers round-trip exactly. */
export function shardJson(shard: Shard): string {
  const base64 = (array: Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
  const tally = shard.tally;
  return (
    JSON.stringify({
      format: FORMAT,
      provenance: shard.provenance,
      slice: shard.slice,
      scenario: shard.scenario,
      tally: {
        ...Object.fromEntries(ARRAYS.map((key) => [key, base64(tally[key])])),
        horizonWeeks: tally.horizonWeeks,
        laneCount: tally.laneCount,
        poolCount: tally.poolCount,
        cohortSlots: tally.cohortSlots,
        deterministic: tally.deterministic,
        replications: tally.replications,
        backlog: tally.backlog === null ? null : tally.backlog.map((h) => ({ offset: h.offset, counts: base64(h.counts) })),
      },
    }) + '\n'
  );
}

/** Reads a shard file; anything that is not one is an input issue naming the file. */
export async function readShard(path: string): Promise<Checked<Shard>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, issues: [issueAt(path, '', `cannot read the shard: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)] };
  }
  const floats = (value: unknown) => {
    const bytes = Buffer.from(String(value), 'base64');
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  try {
    const raw = JSON.parse(text) as Record<string, any>;
    if (raw['format'] !== FORMAT) return { ok: false, issues: [issueAt(path, 'format', `is not a caseload shard (format ${JSON.stringify(raw['format'])})`, FORMAT)] };
    const t = raw['tally'] as Record<string, any>;
    const tally: TallyData = {
      horizonWeeks: t['horizonWeeks'],
      laneCount: t['laneCount'],
      poolCount: t['poolCount'],
      cohortSlots: t['cohortSlots'],
      deterministic: false,
      replications: t['replications'],
      expectedBacklog: null,
      initialBacklog: floats(t['initialBacklog']),
      arrivalsSum: floats(t['arrivalsSum']),
      capacitySum: floats(t['capacitySum']),
      grantsSum: floats(t['grantsSum']),
      leadWeeks: floats(t['leadWeeks']),
      backlog: (t['backlog'] as { offset: number; counts: string }[]).map((h) => ({ offset: h.offset, counts: floats(h.counts) })),
    };
    return { ok: true, value: { provenance: raw['provenance'], slice: raw['slice'], scenario: raw['scenario'], tally } };
  } catch (error) {
    return { ok: false, issues: [issueAt(path, '', `is not a readable shard: ${(error as Error).message}`, 'a file written by caseload run --shard')] };
  }
}
