import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SUMMED_ARRAYS, sumsByName, sumsInOrder } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import type { SweepJob } from '../experiment/run-sweep.js';
import type { Job, JobPart } from '../job/job.js';
import { jobOutline, jobSignature } from '../job/job.js';
import type { JobTalliesData, PairedData } from '../job/job-tallies.js';
import type { JobShard } from '../job/merge-shards.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import type { HistogramData } from '../stats/int-histogram.js';
import type { Provenance } from './run-outputs.js';
import { openSealedJson, sealedJson } from './sealed-json.js';

/**
 * What the command that wrote a shard needs to print the merged result as it
 * prints its own: part of the job's signature, so shards of one job agree on it.
 */
export type ShardContext =
  | { readonly command: 'run'; readonly label: string; readonly provenance: Provenance }
  | { readonly command: 'compare'; readonly files: readonly string[]; readonly labels: readonly string[] }
  | { readonly command: 'sweep'; readonly file: string; readonly sweep: Omit<SweepJob, 'job'> };

/** The data of one plan of a part: its tally and, in a paired job, its pairs with plan 0, packed. */
export interface PackedPlan {
  readonly tally: PackedTally;
  readonly paired: PackedHistograms | null;
}

/** Shape and replications of a tally, and its arrays deflated into one base64 text (exact: the bytes of the numbers). */
interface PackedTally extends PackedHistograms {
  readonly replications: number;
  readonly horizonWeeks: number;
  readonly laneCount: number;
  readonly poolCount: number;
  readonly cohortSlots: number;
}

/** Histograms as [offset, length] pairs, and the numbers of arrays and histograms in order, deflated, as base64. */
interface PackedHistograms {
  readonly histograms: readonly number[];
  readonly numbers: string;
}

export const SHARD_FORMAT = 'caseload-shard/5';
const WRITTEN_BY = 'a file written by caseload run, compare or sweep --shard, unchanged';

/** The file name of shard K of N, whatever the command. */
export function shardFileName(index: number, count: number): string {
  return `shard-${index}-of-${count}.json`;
}

/**
 * A part of a job as sealed JSON: the job's signature and outline, the part,
 * the context, the part's scenarios and the packed data of its plans (see
 * packPlans), with a checksum so that a damaged or edited file is refused.
 */
export function shardJson(job: Job, part: JobPart, context: ShardContext, plans: readonly PackedPlan[]): string {
  return sealedJson({
    format: SHARD_FORMAT,
    signature: jobSignature(job, context),
    job: jobOutline(job),
    part,
    context,
    scenarios: job.scenarios.slice(part.fromPlan, part.toPlan),
    plans,
  });
}

/** The data of every plan of some tallies, packed for a shard. */
export function packPlans(data: JobTalliesData): PackedPlan[] {
  return data.tallies.map((tally, i) => ({ tally: packTally(tally), paired: packPaired(data.paired?.[i] ?? null) }));
}

function packTally(tally: TallyData): PackedTally {
  // The initial backlog, then the summed arrays in their order (the format's: see SUMMED_ARRAYS).
  const arrays = [tally.initialBacklog, ...sumsInOrder(tally)];
  return {
    replications: tally.replications,
    horizonWeeks: tally.horizonWeeks,
    laneCount: tally.laneCount,
    poolCount: tally.poolCount,
    cohortSlots: tally.cohortSlots,
    // The replications' total arrivals and decisions follow the weekly backlogs.
    ...packHistograms([...(tally.backlog ?? []), ...(tally.totals ?? [])], arrays),
  };
}

function packPaired(pair: PairedData | null): PackedHistograms | null {
  return pair === null ? null : packHistograms(pair, []);
}

function packHistograms(histograms: readonly HistogramData[], arrays: readonly Float64Array[]): PackedHistograms {
  const all = [...arrays, ...histograms.map((h) => h.counts)];
  const bytes = Buffer.concat(all.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  return {
    histograms: histograms.flatMap((h) => [h.offset, h.counts.length]),
    numbers: deflateRawSync(bytes).toString('base64'),
  };
}

/**
 * The shard files named: files as given, and the shard-K-of-N.json files
 * inside directories; a name that is neither, or a directory without shards, is an issue.
 */
async function shardFiles(paths: readonly string[]): Promise<Checked<string[]>> {
  const issues: InputIssue[] = [];
  const files: string[] = [];
  for (const path of paths) {
    try {
      if (!(await stat(path)).isDirectory()) {
        files.push(path);
        continue;
      }
      const inside = (await readdir(path)).filter((name) => /^shard-\d+-of-\d+\.json$/.test(name)).sort();
      if (inside.length === 0)
        issues.push(
          issueAt(path, '', 'holds no shard-K-of-N.json files', 'directories written with --shard K/N --out DIR'),
        );
      files.push(...inside.map((name) => join(path, name)));
    } catch {
      issues.push(issueAt(path, '', 'no such file or directory'));
    }
  }
  if (issues.length === 0 && files.length === 0)
    issues.push(issueAt('merge', '', 'no shards given', 'shard files or directories'));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: files };
}

/** Reads the shard files named (files, or directories of shard-K-of-N.json files); every problem is an issue naming its file. */
export async function readShards(paths: readonly string[]): Promise<Checked<JobShard<ShardContext>[]>> {
  const files = await shardFiles(paths);
  if (!files.ok) return files;
  const read = await Promise.all(files.value.map(readShard));
  const issues = read.flatMap((shard) => (shard.ok ? [] : shard.issues));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: read.flatMap((s) => (s.ok ? [s.value] : [])) };
}

/** Reads a shard file; anything that is not one, unchanged, is an issue naming the file. */
export async function readShard(file: string): Promise<Checked<JobShard<ShardContext>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, issues: [issueAt(file, '', `cannot read the shard: ${why}`)] };
  }
  const opened = openSealedJson(text);
  if (!opened.ok) return { ok: false, issues: [issueAt(file, '', opened.problem, WRITTEN_BY)] };
  const raw = opened.value;
  if (raw['format'] !== SHARD_FORMAT) {
    const format = JSON.stringify(raw['format']);
    return { ok: false, issues: [issueAt(file, 'format', `is not a caseload shard (format ${format})`, SHARD_FORMAT)] };
  }
  try {
    return { ok: true, value: decodeShard(file, raw) };
  } catch (error) {
    const what = error instanceof ShapeError ? `${error.at}: ${error.message}` : (error as Error).message;
    return { ok: false, issues: [issueAt(file, '', `is not a readable shard: ${what}`, WRITTEN_BY)] };
  }
}

/** A shard's content checked for shape (numbers where numbers belong, every packed array of its length). */
function decodeShard(file: string, raw: Readonly<Record<string, unknown>>): JobShard<ShardContext> {
  const job = record(raw['job'], 'job');
  const part = record(raw['part'], 'part');
  const context = record(raw['context'], 'context');
  if (!['run', 'compare', 'sweep'].includes(String(context['command'])))
    throw new ShapeError('context.command', 'is not run, compare or sweep');
  const plans = list(raw['plans'], 'plans').map((plan, i) => unpackPlan(record(plan, `plans.${i}`), `plans.${i}`));
  const scenarios = list(raw['scenarios'], 'scenarios') as Scenario[];
  const shard: JobShard<ShardContext> = {
    file,
    signature: text(raw['signature'], 'signature'),
    job: {
      plans: count(job['plans'], 'job.plans'),
      seed: count(job['seed'], 'job.seed'),
      replications: count(job['replications'], 'job.replications'),
      paired: job['paired'] === true,
    },
    part: {
      fromPlan: count(part['fromPlan'], 'part.fromPlan'),
      toPlan: count(part['toPlan'], 'part.toPlan'),
      firstReplication: count(part['firstReplication'], 'part.firstReplication'),
      replications: count(part['replications'], 'part.replications'),
    },
    context: context as unknown as ShardContext,
    scenarios,
    data: (from, to) => {
      const held = plans.slice(from - shard.part.fromPlan, to - shard.part.fromPlan).map((plan) => plan());
      return {
        fromPlan: from,
        tallies: held.map((plan) => plan.tally),
        paired: shard.job.paired ? held.map((plan) => plan.paired) : null,
      };
    },
  };
  if (plans.length !== scenarios.length || plans.length !== shard.part.toPlan - shard.part.fromPlan)
    throw new ShapeError('plans', `holds ${plans.length} plans and ${scenarios.length} scenarios for its part`);
  list(raw['plans'], 'plans').forEach((plan, i) => {
    const pairs = record(plan, `plans.${i}`)['paired'] !== null;
    if (pairs !== (shard.job.paired && shard.part.fromPlan + i > 0))
      throw new ShapeError(`plans.${i}.paired`, pairs ? 'is not of a paired job' : 'is missing');
  });
  return shard;
}

/**
 * Checks a packed plan now (its numbers inflate to the length its shape
 * says) and returns how to unpack it later: a merge holds its shards packed
 * and unpacks a plan's tallies only when it adds them up.
 */
function unpackPlan(
  packed: Readonly<Record<string, unknown>>,
  at: string,
): () => { tally: TallyData; paired: PairedData | null } {
  const tally = record(packed['tally'], `${at}.tally`);
  const shape = {
    horizonWeeks: count(tally['horizonWeeks'], `${at}.tally.horizonWeeks`),
    laneCount: count(tally['laneCount'], `${at}.tally.laneCount`),
    poolCount: count(tally['poolCount'], `${at}.tally.poolCount`),
    cohortSlots: count(tally['cohortSlots'], `${at}.tally.cohortSlots`),
  };
  const replications = count(tally['replications'], `${at}.tally.replications`);
  const { horizonWeeks: weeks, laneCount: lanes } = shape;
  const lengths = [lanes, ...SUMMED_ARRAYS.map(({ length }) => length(shape))];
  const unpackTally = histogramsOf(tally, `${at}.tally`, lengths, weeks * (lanes + 1) + 2);
  const paired =
    packed['paired'] === null ? null : histogramsOf(record(packed['paired'], `${at}.paired`), `${at}.paired`, [], 3);
  return () => {
    const { arrays, histograms } = unpackTally();
    const [initialBacklog, ...sums] = arrays;
    const tallyData: TallyData = {
      ...shape,
      deterministic: false,
      replications,
      expectedBacklog: null,
      initialBacklog: initialBacklog!,
      ...sumsByName(sums),
      backlog: histograms.slice(0, weeks * (lanes + 1)),
      totals: [histograms[weeks * (lanes + 1)]!, histograms[weeks * (lanes + 1) + 1]!],
    };
    return {
      tally: tallyData,
      paired: paired === null ? null : (paired().histograms as [HistogramData, HistogramData, HistogramData]),
    };
  };
}

/**
 * Checks packed histograms (and the arrays before them) against the lengths
 * they must have, and returns how to unpack them: the arrays in order, then
 * the list of histograms.
 */
function histogramsOf(
  packed: Readonly<Record<string, unknown>>,
  at: string,
  lengths: readonly number[],
  histogramCount: number,
): () => { arrays: Float64Array[]; histograms: HistogramData[] } {
  const pairs = list(packed['histograms'], `${at}.histograms`).map((n, i) => integer(n, `${at}.histograms.${i}`));
  if (pairs.length !== 2 * histogramCount)
    throw new ShapeError(`${at}.histograms`, `has ${pairs.length / 2} histograms, not ${histogramCount}`);
  const sizes = [...lengths, ...pairs.filter((_, i) => i % 2 === 1)];
  if (sizes.some((n) => n < 0)) throw new ShapeError(`${at}.histograms`, 'has a negative length');
  const numbers = text(packed['numbers'], `${at}.numbers`);
  const inflate = () => {
    const bytes = inflateRawSync(Buffer.from(numbers, 'base64'));
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  const total = sizes.reduce((sum, n) => sum + n, 0);
  let all: Float64Array;
  try {
    all = inflate();
  } catch (error) {
    throw new ShapeError(`${at}.numbers`, `does not inflate: ${(error as Error).message}`);
  }
  if (all.length !== total) throw new ShapeError(`${at}.numbers`, `holds ${all.length} numbers, not ${total}`);
  return () => {
    const floats = inflate();
    let start = 0;
    const take = (n: number) => {
      start += n;
      return floats.subarray(start - n, start);
    };
    const arrays = lengths.map(take);
    const histograms = Array.from({ length: histogramCount }, (_, i) => ({
      offset: pairs[2 * i]!,
      counts: take(pairs[2 * i + 1]!),
    }));
    return { arrays, histograms };
  };
}

/** A value of the wrong shape at a path in the shard. */
class ShapeError extends Error {
  constructor(
    readonly at: string,
    problem: string,
  ) {
    super(problem);
  }
}

function record(value: unknown, at: string): Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShapeError(at, 'is not an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, at: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(at, 'is not a list');
  return value;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new ShapeError(at, 'is not text');
  return value;
}

function integer(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ShapeError(at, 'is not a whole number');
  return value;
}

function count(value: unknown, at: string): number {
  const n = integer(value, at);
  if (n < 0) throw new ShapeError(at, 'is negative');
  return n;
}
