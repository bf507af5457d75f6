import { readFile } from 'node:fs/promises';
import { openSealedJson, sealedJson } from './sealed-json.js';
import type { SweepResult } from '../experiment/run-sweep.js';
import type { Checked } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';

/** A slice of a sweep's combinations, written by `sweep --shard K/N` for `caseload merge`. */
export interface SweepShardFile {
  /** The scenario file and the --set flags of the sweep, which every shard must share. */
  readonly scenarioFile: string;
  readonly set: readonly string[];
  readonly result: SweepResult & { readonly shard: NonNullable<SweepResult['shard']> };
}

const FORMAT = 'caseload-sweep-shard/1';

/** The file name of sweep shard K of N. */
export function sweepShardFileName(index: number, count: number): string {
  return `sweep-shard-${index}-of-${count}.json`;
}

/** A sweep shard as JSON text. */
export function sweepShardJson(shard: SweepShardFile): string {
  return sealedJson({ format: FORMAT, ...shard });
}

/** Whether a file's text is a sweep shard (rather than a run's shard). */
export function isSweepShardText(text: string): boolean {
  return text.startsWith(`{"format":"${FORMAT}"`);
}

/** Reads a sweep shard; anything else is an input issue naming the file. */
export async function readSweepShard(path: string): Promise<Checked<SweepShardFile>> {
  try {
    const opened = openSealedJson(await readFile(path, 'utf8'));
    if (!opened.ok)
      return {
        ok: false,
        issues: [issueAt(path, '', opened.problem, 'a file written by caseload sweep --shard, unchanged')],
      };
    const raw = opened.value as Record<string, unknown> & SweepShardFile;
    if (raw['format'] !== FORMAT)
      return {
        ok: false,
        issues: [issueAt(path, 'format', `is not a sweep shard (format ${JSON.stringify(raw['format'])})`, FORMAT)],
      };
    return { ok: true, value: { scenarioFile: raw.scenarioFile, set: raw.set, result: raw.result } };
  } catch (error) {
    return {
      ok: false,
      issues: [
        issueAt(
          path,
          '',
          `is not a readable sweep shard: ${(error as Error).message}`,
          'a file written by caseload sweep --shard',
        ),
      ],
    };
  }
}
