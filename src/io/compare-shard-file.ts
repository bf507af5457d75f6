import { readFile } from 'node:fs/promises';
import { openSealedJson, sealedJson } from './sealed-json.js';
import type { ComparisonData } from '../experiment/compare-options.js';
import type { Checked } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import type { HistogramData } from '../stats/int-histogram.js';
import { decodeHistogram, decodeTally, encodeHistogram, encodeTally } from './shard-file.js';
import type { ShardSlice } from './shard-file.js';

/** A slice of a comparison's replications, written by `compare --shard K/N` for `caseload merge`. */
export interface CompareShardFile {
  /** The base and option files as given, and their labels. */
  readonly files: readonly string[];
  readonly labels: readonly string[];
  readonly scenarios: readonly Scenario[];
  readonly seed: number;
  readonly slice: ShardSlice;
  readonly data: ComparisonData;
}

const FORMAT = 'caseload-compare-shard/1';

/** The file name of comparison shard K of N. */
export function compareShardFileName(slice: ShardSlice): string {
  return `compare-shard-${slice.index}-of-${slice.count}.json`;
}

/** A comparison shard as JSON text (arrays as base64: exact). */
export function compareShardJson(shard: CompareShardFile): string {
  const data = {
    tallies: shard.data.tallies.map(encodeTally),
    paired: shard.data.paired.map((pair) => (pair === null ? null : pair.map(encodeHistogram))),
  };
  return sealedJson({ format: FORMAT, ...shard, data });
}

/** Whether a file's text is a comparison shard. */
export function isCompareShardText(text: string): boolean {
  return text.startsWith(`{"format":"${FORMAT}"`);
}

/** Reads a comparison shard; anything else is an input issue naming the file. */
export async function readCompareShard(path: string): Promise<Checked<CompareShardFile>> {
  try {
    const opened = openSealedJson(await readFile(path, 'utf8'));
    if (!opened.ok)
      return {
        ok: false,
        issues: [issueAt(path, '', opened.problem, 'a file written by caseload compare --shard, unchanged')],
      };
    const raw = opened.value as Record<string, any>;
    if (raw['format'] !== FORMAT)
      return {
        ok: false,
        issues: [
          issueAt(path, 'format', `is not a comparison shard (format ${JSON.stringify(raw['format'])})`, FORMAT),
        ],
      };
    const data: ComparisonData = {
      tallies: (raw['data']['tallies'] as Record<string, any>[]).map(decodeTally),
      paired: (raw['data']['paired'] as ({ offset: number; counts: string }[] | null)[]).map((pair) =>
        pair === null
          ? null
          : (pair.map(decodeHistogram) as unknown as readonly [HistogramData, HistogramData, HistogramData]),
      ),
    };
    return {
      ok: true,
      value: {
        files: raw['files'],
        labels: raw['labels'],
        scenarios: raw['scenarios'],
        seed: raw['seed'],
        slice: raw['slice'],
        data,
      },
    };
  } catch (error) {
    return {
      ok: false,
      issues: [
        issueAt(
          path,
          '',
          `is not a readable comparison shard: ${(error as Error).message}`,
          'a file written by caseload compare --shard',
        ),
      ],
    };
  }
}
