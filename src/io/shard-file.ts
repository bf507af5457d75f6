import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SUMMED_ARRAYS, sumsByName, sumsInOrder } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import type { SweepJob } from '../experiment/run-sweep.js';
import type { Job, JobOutline, JobPart, JobSlice } from '../job/job.js';
import { isPartOf, jobOutline, jobSignature, scenarioHashes, slicePart } from '../job/job.js';
import type { JobTalliesData, PairedData } from '../job/job-tallies.js';
import type { JobShard } from '../job/merge-shards.js';
import { describePart } from '../job/merge-shards.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import { readText, scenarioHash } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { HistogramData } from '../stats/int-histogram.js';
import type { Provenance } from './run-outputs.js';
import { openSealedJson, sealedJson } from './sealed-json.js';
import { pairedProblem, tallyProblem } from './shard-content.js';

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
  /** The plan's trigger rules; absent for none, so that the shard of a plan without is as it was. */
  readonly triggerCount?: number;
}

/** Histograms as [offset, length] pairs, and the numbers of arrays and histograms in order, deflated, as base64. */
interface PackedHistograms {
  readonly histograms: readonly number[];
  readonly numbers: string;
}

/**
 * The format of the shard files: bump it whenever what a shard holds or how
 * changes (the keys below, the order of the packed numbers: SUMMED_ARRAYS),
 * so that a shard of another format is refused with what to do about it.
 */
// A tally's `triggerCount` and its trigger arrays (SUMMED_ARRAYS) came within format 6: absent and empty for a plan
// without trigger rules, whose shard they leave byte for byte as it was; only a plan with rules has them.
export const SHARD_FORMAT = 'caseload-shard/6';
const FORMAT_NUMBER = Number(SHARD_FORMAT.split('/')[1]);
const WRITTEN_BY = 'a file written by caseload run, compare or sweep --shard, unchanged';

/** The file name of shard K of N, whatever the command. */
export function shardFileName(index: number, count: number): string {
  return `shard-${index}-of-${count}.json`;
}

/** What run, compare or sweep ran for `--shard K/N`: the job, the slice and its part, the context and the packed data. */
export interface WrittenShard {
  readonly job: Job;
  readonly slice: JobSlice;
  readonly part: JobPart;
  readonly context: ShardContext;
  readonly plans: readonly PackedPlan[];
}

/**
 * A part of a job as sealed JSON: the version of caseload that ran it, the
 * job's signature (see jobSignature) and outline with the sha256 of every
 * plan's scenario, the slice (K of N) and its part, the context, the part's
 * scenarios and the packed data of its plans (see packPlans), with a checksum
 * so that a damaged file is refused.
 */
export function shardJson(shard: WrittenShard, caseloadVersion: string): string {
  const { job, slice, part, context, plans } = shard;
  const scenarios = scenarioHashes(job);
  const outline = jobOutline(job);
  return sealedJson({
    format: SHARD_FORMAT,
    caseloadVersion,
    signature: jobSignature({ caseloadVersion, job: outline, scenarios, context }),
    job: { ...outline, scenarios },
    shard: slice,
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
    ...((tally.triggerCount ?? 0) > 0 ? { triggerCount: tally.triggerCount } : {}),
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

/**
 * Reads a shard file; anything that is not one, unchanged, is an issue naming
 * the file: a shard of another format, a damaged one (its checksum), and one
 * whose content does not fit its signature (edited and sealed again). One
 * issue per file, the first problem found.
 */
export async function readShard(file: string): Promise<Checked<JobShard<ShardContext>>> {
  // A regular file only, within a size cap: a FIFO named as a shard would wait for a writer and ignore Ctrl-C.
  const read = await readText(file, 'shard');
  if (!read.ok) return { ok: false, issues: [issueAt(file, '', `cannot read the shard: ${read.reason}`)] };
  const text = read.text;
  const opened = openSealedJson(text);
  // An older format may have no checksum, or another: tell it by its format alone.
  const older = !opened.ok && formatNumber(opened.unchecked?.['format']) < FORMAT_NUMBER;
  if (older || opened.ok) {
    const other = formatIssue(file, opened.ok ? opened.value['format'] : opened.unchecked?.['format']);
    if (other !== null) return { ok: false, issues: [other] };
  }
  if (!opened.ok) return { ok: false, issues: [issueAt(file, '', opened.problem, WRITTEN_BY)] };
  try {
    return { ok: true, value: decodeShard(file, opened.value) };
  } catch (error) {
    if (!(error instanceof ShapeError)) {
      const what = (error as Error).message;
      return { ok: false, issues: [issueAt(file, '', `is not a readable shard: ${what}`, WRITTEN_BY)] };
    }
    const issue = error.edited
      ? issueAt(file, error.at, error.message, WRITTEN_BY)
      : issueAt(file, '', `is not a readable shard: ${error.at}: ${error.message}`, WRITTEN_BY);
    return { ok: false, issues: [issue] };
  }
}

/** N of a format caseload-shard/N; NaN for anything else. */
function formatNumber(format: unknown): number {
  const match = typeof format === 'string' ? /^caseload-shard\/([1-9]\d{0,5})$/.exec(format) : null;
  return match === null ? Number.NaN : Number(match[1]);
}

/** The issue of a file of another format than SHARD_FORMAT (older, newer, or not a shard), or null. */
function formatIssue(file: string, format: unknown): InputIssue | null {
  if (format === SHARD_FORMAT) return null;
  const number = formatNumber(format);
  if (Number.isNaN(number))
    return issueAt(file, 'format', `is not a caseload shard (format ${JSON.stringify(format)})`, SHARD_FORMAT);
  return number < FORMAT_NUMBER
    ? issueAt(file, 'format', `is ${format}, written by an older caseload; re-run the shard`, SHARD_FORMAT)
    : issueAt(file, 'format', `is ${format}, written by a newer caseload; merge with that version`, SHARD_FORMAT);
}

/**
 * A shard's content checked for shape (numbers where numbers belong, every
 * packed array of its length), then against its signature: the signature is
 * that of the version, job, scenarios and context it holds; each of its
 * scenarios is the one the signature names; its part is its slice; and its
 * data are those of the part (see tallyProblem). Throws a ShapeError.
 */
function decodeShard(file: string, raw: Readonly<Record<string, unknown>>): JobShard<ShardContext> {
  const job = record(raw['job'], 'job');
  const slice = record(raw['shard'], 'shard');
  const part = record(raw['part'], 'part');
  const outline: JobOutline = {
    plans: count(job['plans'], 'job.plans'),
    seed: count(job['seed'], 'job.seed'),
    replications: count(job['replications'], 'job.replications'),
    paired: job['paired'] === true,
  };
  const context = shardContext(record(raw['context'], 'context'), outline.plans);
  const plans = list(raw['plans'], 'plans').map((plan, i) => unpackPlan(record(plan, `plans.${i}`), `plans.${i}`));
  const scenarios = list(raw['scenarios'], 'scenarios') as Scenario[];
  const hashes = list(job['scenarios'], 'job.scenarios').map((hash, i) => text(hash, `job.scenarios.${i}`));
  if (hashes.length !== outline.plans)
    throw new ShapeError('job.scenarios', `names ${hashes.length} scenarios, not ${outline.plans}`);
  const shard: JobShard<ShardContext> = {
    file,
    caseloadVersion: text(raw['caseloadVersion'], 'caseloadVersion'),
    signature: text(raw['signature'], 'signature'),
    job: outline,
    scenarioHashes: hashes,
    part: {
      fromPlan: count(part['fromPlan'], 'part.fromPlan'),
      toPlan: count(part['toPlan'], 'part.toPlan'),
      firstReplication: count(part['firstReplication'], 'part.firstReplication'),
      replications: count(part['replications'], 'part.replications'),
    },
    context,
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
  const identity = { caseloadVersion: shard.caseloadVersion, job: outline, scenarios: hashes, context };
  if (jobSignature(identity) !== shard.signature)
    throw edited('signature', 'does not match the job, scenarios and settings the shard holds');
  scenarios.forEach((scenario, i) => {
    if (scenarioHash(scenario) !== hashes[shard.part.fromPlan + i])
      throw edited(`scenarios.${i}`, "is not the scenario the shard's signature names");
  });
  const sliced = shardSlice(slice);
  checkSlice(sliced, shard);
  checkData(shard);
  return { ...shard, slice: sliced };
}

/** The slice of a shard (K of N, of the replications or of the plans), checked for shape. */
function shardSlice(slice: Readonly<Record<string, unknown>>): JobSlice {
  const index = count(slice['index'], 'shard.index');
  const n = count(slice['count'], 'shard.count');
  if (index < 1 || index > n) throw new ShapeError('shard', `is ${index} of ${n}, not K of N with 1 <= K <= N`);
  const splits = slice['splits'];
  if (splits !== 'replications' && splits !== 'plans')
    throw new ShapeError('shard.splits', 'is not replications or plans');
  return { index, count: n, splits };
}

/** Throws unless the part of a shard is a part of its job, and the one its slice makes. */
function checkSlice(slice: JobSlice, shard: JobShard<ShardContext>): void {
  const expected = slicePart(shard.job, slice);
  const { part, job } = shard;
  if (!isPartOf(job, expected)) throw edited('shard.splits', 'is plans, but a paired job splits its replications');
  if (canonicalPart(part) !== canonicalPart(expected))
    throw edited(
      'part',
      `is ${describePart(job, part)}, not shard ${slice.index} of ${slice.count} (${describePart(job, expected)})`,
    );
}

const canonicalPart = (part: JobPart) =>
  [part.fromPlan, part.toPlan, part.firstReplication, part.replications].join(' ');

/** Throws unless the data of every plan of a shard are those of its part: see tallyProblem and pairedProblem. */
function checkData(shard: JobShard<ShardContext>): void {
  const { fromPlan, toPlan, replications } = shard.part;
  let base: TallyData | null = null;
  for (let plan = fromPlan; plan < toPlan; plan++) {
    // One plan unpacked at a time (and plan 0, of a paired job): a big sweep's shard is checked in little memory.
    const data = shard.data(plan, plan + 1);
    const tally = data.tallies[0]!;
    if (plan === 0) base = tally;
    const at = `plans.${plan - fromPlan}`;
    const problem = tallyProblem(tally, replications);
    if (problem !== null) throw edited(`${at}.${problem.at}`, problem.problem);
    const pair = data.paired?.[0] ?? null;
    const paired = pair === null ? null : pairedProblem(pair, tally, base!, replications);
    if (paired !== null) throw edited(`${at}.${paired.at}`, paired.problem);
  }
}

/** A shard's context, checked for the shape its command's output reads (a label or settings for each of `plans` plans). */
function shardContext(context: Readonly<Record<string, unknown>>, plans: number): ShardContext {
  const texts = (value: unknown, at: string) => list(value, at).map((item, i) => text(item, `${at}.${i}`));
  const each = (value: unknown, at: string) => {
    const items = list(value, at);
    if (items.length !== plans) throw new ShapeError(at, `has ${items.length} items for ${plans} plans`);
    return items;
  };
  if (context['command'] === 'run') {
    text(context['label'], 'context.label');
    const provenance = record(context['provenance'], 'context.provenance');
    text(provenance['caseloadVersion'], 'context.provenance.caseloadVersion');
    text(provenance['scenarioHash'], 'context.provenance.scenarioHash');
    texts(provenance['files'], 'context.provenance.files');
    count(provenance['seed'], 'context.provenance.seed');
    count(provenance['replications'], 'context.provenance.replications');
  } else if (context['command'] === 'compare') {
    texts(context['files'], 'context.files');
    texts(each(context['labels'], 'context.labels'), 'context.labels');
  } else if (context['command'] === 'sweep') {
    text(context['file'], 'context.file');
    const sweep = record(context['sweep'], 'context.sweep');
    text(sweep['scenario'], 'context.sweep.scenario');
    texts(sweep['parameters'], 'context.sweep.parameters');
    for (const [i, values] of each(sweep['values'], 'context.sweep.values').entries())
      record(values, `context.sweep.values.${i}`);
  } else throw new ShapeError('context.command', 'is not run, compare or sweep');
  return context as unknown as ShardContext;
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
    triggerCount: tally['triggerCount'] === undefined ? 0 : count(tally['triggerCount'], `${at}.tally.triggerCount`),
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

/**
 * A value of the wrong shape at a path in the shard, or (`edited`) a shard of
 * the right shape whose content does not fit its signature.
 */
class ShapeError extends Error {
  constructor(
    readonly at: string,
    problem: string,
    readonly edited = false,
  ) {
    super(problem);
  }
}

/** A shard whose content does not fit its signature: edited, and sealed again. */
function edited(at: string, problem: string): ShapeError {
  return new ShapeError(at, problem, true);
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
