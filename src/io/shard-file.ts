import { readFile } from 'node:fs/promises';
import { openSealedJson, sealedJson } from './sealed-json.js';
import type { TallyData } from '../engine/tally.js';
import type { HistogramData } from '../stats/int-histogram.js';
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
const ARRAYS = ['initialBacklog', 'arrivalsSum', 'capacitySum', 'grantsSum', 'decisionWeeks'] as const;

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
  return sealedJson({
    format: FORMAT,
    provenance: shard.provenance,
    slice: shard.slice,
    scenario: shard.scenario,
    tally: encodeTally(shard.tally),
  });
}

const base64 = (array: Float64Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
const floats = (value: unknown) => {
  const bytes = Buffer.from(String(value), 'base64');
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/** A stochastic tally's data as JSON-ready values, its arrays as base64 (exact). */
export function encodeTally(tally: TallyData): Record<string, unknown> {
  return {
    ...Object.fromEntries(ARRAYS.map((key) => [key, base64(tally[key])])),
    horizonWeeks: tally.horizonWeeks,
    laneCount: tally.laneCount,
    poolCount: tally.poolCount,
    cohortSlots: tally.cohortSlots,
    deterministic: tally.deterministic,
    replications: tally.replications,
    backlog: tally.backlog === null ? null : tally.backlog.map((h) => encodeHistogram(h)),
  };
}

/** The inverse of encodeTally. */
export function decodeTally(raw: Record<string, any>): TallyData {
  return {
    horizonWeeks: raw['horizonWeeks'],
    laneCount: raw['laneCount'],
    poolCount: raw['poolCount'],
    cohortSlots: raw['cohortSlots'],
    deterministic: false,
    replications: raw['replications'],
    expectedBacklog: null,
    initialBacklog: floats(raw['initialBacklog']),
    arrivalsSum: floats(raw['arrivalsSum']),
    capacitySum: floats(raw['capacitySum']),
    grantsSum: floats(raw['grantsSum']),
    decisionWeeks: floats(raw['decisionWeeks']),
    backlog: (raw['backlog'] as { offset: number; counts: string }[]).map((h) => decodeHistogram(h)),
  };
}

/** A histogram's data as JSON-ready values. */
export function encodeHistogram(h: HistogramData): { offset: number; counts: string } {
  return { offset: h.offset, counts: base64(h.counts) };
}

/** The inverse of encodeHistogram. */
export function decodeHistogram(raw: { offset: number; counts: string }): HistogramData {
  return { offset: raw.offset, counts: floats(raw.counts) };
}

/** Reads a shard file; anything that is not one is an input issue naming the file. */
export async function readShard(path: string): Promise<Checked<Shard>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return {
      ok: false,
      issues: [
        issueAt(
          path,
          '',
          `cannot read the shard: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        ),
      ],
    };
  }
  const opened = openSealedJson(text);
  if (!opened.ok)
    return {
      ok: false,
      issues: [issueAt(path, '', opened.problem, 'a file written by caseload run --shard, unchanged')],
    };
  try {
    const raw = opened.value as Record<string, any>;
    if (raw['format'] !== FORMAT)
      return {
        ok: false,
        issues: [issueAt(path, 'format', `is not a caseload shard (format ${JSON.stringify(raw['format'])})`, FORMAT)],
      };
    const tally = decodeTally(raw['tally'] as Record<string, any>);
    return {
      ok: true,
      value: { provenance: raw['provenance'], slice: raw['slice'], scenario: raw['scenario'], tally },
    };
  } catch (error) {
    return {
      ok: false,
      issues: [
        issueAt(
          path,
          '',
          `is not a readable shard: ${(error as Error).message}`,
          'a file written by caseload run --shard',
        ),
      ],
    };
  }
}
