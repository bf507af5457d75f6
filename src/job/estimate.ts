/**
 * What a job will cost before it runs: the peak memory of the process and
 * the time, from the plans' shape and a short pilot. Memory that does not
 * depend on the random draws is counted from the plans: the plan and the
 * state of a replication, the tally's sums, the decision weeks (lanes x
 * cohort slots x weeks, of which a run writes only the pages near each
 * cohort's decisions: the pilot says which). What does depend on them, the
 * per-week histograms of the backlog, which span the spread of the backlogs
 * over the replications, is taken from a pilot of a few replications (the
 * job's first, so a run of that many is measured exactly) and widened to the
 * expected range of the job's replications. Time is a cost per
 * replication-week from the lanes, flows and uncertainty, slower when the
 * tallies outgrow the processor's caches, over the threads that run.
 * docs/performance.md has the calibration; the estimate aims at a factor
 * of 2, not at precision.
 */
import type { Plan } from '../engine/plan.js';
import { replicate } from '../engine/simulate.js';
import { createState, resetState } from '../engine/state.js';
import type { ReplicationState } from '../engine/state.js';
import type { Tally } from '../engine/tally.js';
import { SUMMED_ARRAYS, tallyShape } from '../engine/tally.js';
import { compile } from '../scenario/index.js';
import { normalCdf } from '../stats/distributions.js';
import type { Job, JobPart } from './job.js';
import { CHUNK, threadsFor } from './run-in-chunks.js';

/** What a job will cost, by estimate. */
export interface JobEstimate {
  /** Peak resident memory of the process, bytes. */
  readonly bytes: number;
  /** Wall time, seconds, on an otherwise idle machine. */
  readonly seconds: number;
  /** Threads that will run, the calling one included. */
  readonly threads: number;
  /** Of `bytes`, the per-week histograms of the backlog of the calling thread's tallies (the largest plan's, one at a time). */
  readonly histograms: number;
}

/** The process before any run: Node.js, caseload's modules, a small scenario (measured: 85-90 MB). */
export const BASE_BYTES = 85e6;
/** Each worker thread's own: its isolate and caseload's modules again (measured: about 30 MB). */
export const THREAD_BYTES = 30e6;
/** Starting the process and loading the scenario, seconds. */
export const BASE_SECONDS = 0.6;
/** Starting and warming up a worker thread, seconds. */
export const THREAD_SECONDS = 0.15;
/** Cost of a replication-week of one plan: this plus PER_LANE_NS a lane, nanoseconds (measured: 150 to 1,100). */
export const WEEK_NS = 70;
export const PER_LANE_NS = 80;
/** Flows (withdrawals, transfers, refiling) cost this many times more (measured: 3 to 5). */
export const FLOWS_FACTOR = 4;
/** An uncertainty block costs this many times more (measured: 1.1 to 1.7). */
export const UNCERTAINTY_FACTOR = 1.4;
/** Tallies of a thread beyond this many bytes outgrow the caches: each doubling costs three quarters again. */
export const CACHE_BYTES = 2e6;
/** Growing a histogram entry and summarising it (its quantiles, mean and the weekly rows), nanoseconds (measured: 25 to 50). */
export const SUMMARY_NS_PER_ENTRY = 30;
/** Reading an entry of the decision weeks for the lead times and the prognosis after the run, nanoseconds. */
export const DECISION_NS_PER_ENTRY = 5;
/** Replications of the pilot that measures the spread of the backlogs. */
export const PILOT_REPLICATIONS = 8;

/** What one plan costs per thread that runs it, from its shape and its pilot. */
interface PlanCost {
  /** Plan, state of a replication and the tally's sums but the decision weeks, bytes. */
  readonly fixed: number;
  /** The decision weeks: the whole array, and the pages a run writes. */
  readonly decisionWeeks: number;
  readonly decisionPages: number;
  /** The per-week histograms of a run of `replications`, bytes. */
  readonly histograms: number;
  /** Histogram entries, for the summary's time. */
  readonly entries: number;
  /** Nanoseconds a replication-week on a thread. */
  readonly weekNs: number;
  readonly weeks: number;
}

/**
 * The estimate of a part of a job on `workers` threads (no more start than
 * the cores, threadsFor). `onePlanAtATime`: the plans run one after another
 * (a sweep), so memory is that of the largest and time their sum; only
 * `samplePlans` of them, spread over the part, are measured.
 *
 * @example estimateJob(explainedRun(scenario), wholeJob(job), 2).bytes // about 120e6 for the baseline
 */
export function estimateJob(
  job: Job,
  part: JobPart,
  workers: number,
  options: { readonly onePlanAtATime?: boolean; readonly samplePlans?: number } = {},
): JobEstimate {
  const replications = part.replications;
  const chunks = Math.max(1, Math.ceil(replications / CHUNK));
  const threads = Math.min(threadsFor(workers), chunks);
  const indices = sampledPlans(
    part.fromPlan,
    part.toPlan,
    options.onePlanAtATime === true ? (options.samplePlans ?? 8) : Infinity,
  );
  if (indices.length === 0) return { bytes: BASE_BYTES, seconds: BASE_SECONDS, threads, histograms: 0 };
  const costs = indices.map((index) =>
    planCost(compile(job.scenarios[index]!), job.seed, part.firstReplication, replications),
  );
  const perThread = (cost: PlanCost, main: boolean) =>
    cost.fixed +
    cost.histograms * (main ? 1 : 2) +
    // The calling thread adds every other thread's sums into its own, writing every page; one thread writes its pages only.
    (main && threads > 1 ? cost.decisionWeeks : cost.decisionPages);
  const processBytes = (list: readonly PlanCost[]) =>
    BASE_BYTES +
    (threads - 1) * THREAD_BYTES +
    list.reduce((sum, cost) => sum + perThread(cost, true) + (threads - 1) * perThread(cost, false), 0);
  const planSeconds = (cost: PlanCost) =>
    (replications * cost.weeks * cost.weekNs * 1e-9) / (threads === 1 ? 1 : 0.85 * threads) +
    cost.entries * SUMMARY_NS_PER_ENTRY * 1e-9 +
    (cost.decisionWeeks / 8) * DECISION_NS_PER_ENTRY * 1e-9;
  const plans = part.toPlan - part.fromPlan;
  const onePlanAtATime = options.onePlanAtATime === true;
  const bytes = onePlanAtATime ? Math.max(...costs.map((cost) => processBytes([cost]))) : processBytes(costs);
  const measured = costs.reduce((sum, cost) => sum + planSeconds(cost), 0);
  const seconds =
    BASE_SECONDS + (threads - 1) * THREAD_SECONDS + (onePlanAtATime ? (measured / costs.length) * plans : measured);
  const histograms = onePlanAtATime
    ? Math.max(...costs.map((cost) => cost.histograms))
    : costs.reduce((sum, cost) => sum + cost.histograms, 0);
  return { bytes, seconds, threads, histograms };
}

/** Up to `count` plan indices from `from` to `to` - 1, spread evenly, the first and the last among them. */
function sampledPlans(from: number, to: number, count: number): number[] {
  const plans = to - from;
  if (plans <= count) return Array.from({ length: plans }, (_, i) => from + i);
  return [...new Set(Array.from({ length: count }, (_, i) => from + Math.round((i * (plans - 1)) / (count - 1))))];
}

/** A run of one plan: its memory from its shape and a pilot, and its cost a replication-week. */
function planCost(plan: Plan, seed: number, firstReplication: number, replications: number): PlanCost {
  const shape = tallyShape(plan);
  const decisionLength = plan.laneCount * plan.cohortSlots * (plan.horizonWeeks + 1);
  const sums = SUMMED_ARRAYS.reduce(
    (sum, { name, length }) => (name === 'decisionWeeks' ? sum : sum + length(shape)),
    0,
  );
  const pilot = runPilot(plan, seed, firstReplication, Math.min(replications, PILOT_REPLICATIONS));
  const widen =
    replications <= pilot.replications ? 1 : expectedRange(replications) / expectedRange(pilot.replications);
  let histograms = 0;
  let entries = 0;
  for (const span of pilot.spans) {
    const length = histogramLength(span * widen);
    entries += length;
    histograms += 8 * length + HISTOGRAM_OVERHEAD;
  }
  const decisionPages = pilot.touchedPages * PAGE_BYTES;
  const flows = plan.withdrawalHazard !== null || plan.transfers !== null || plan.refiling !== null;
  const working = decisionPages + histograms;
  const cache = working <= CACHE_BYTES ? 1 : 1 + 0.75 * Math.log2(working / CACHE_BYTES);
  return {
    fixed: deepBytes(plan) + deepBytes(pilot.state, pilot.state.decisionWeeks) + 8 * sums,
    decisionWeeks: 8 * decisionLength,
    decisionPages,
    histograms,
    entries,
    weekNs:
      (WEEK_NS + PER_LANE_NS * plan.laneCount) *
      (flows ? FLOWS_FACTOR : 1) *
      (plan.uncertainty === null ? 1 : UNCERTAINTY_FACTOR) *
      cache,
    weeks: plan.horizonWeeks,
  };
}

/** Bytes of a memory page: the unit in which the decision weeks become resident as they are written. */
const PAGE_BYTES = 4096;
/** An IntHistogram's object and its array's header, bytes. */
const HISTOGRAM_OVERHEAD = 150;

/**
 * The length of a histogram's counts that holds values spanning `span`: 64
 * at first (32 either side of the first value), then the span and the slack
 * of its growth (up to half of the length again at each growth: measured 1.3
 * to 1.5 times the span at the end).
 */
function histogramLength(span: number): number {
  return span < 32 ? 64 : Math.ceil(1.4 * span) + 16;
}

/** What the pilot measured: the span of each week's backlog (per lane and total) and the pages of decision weeks written. */
interface Pilot {
  readonly replications: number;
  readonly spans: Float64Array;
  readonly touchedPages: number;
  readonly state: ReplicationState;
}

/**
 * The job's first `replications` replications of the plan, recording only
 * the lowest and highest backlog of each week and series (not a tally: its
 * histograms are what is being estimated).
 */
function runPilot(plan: Plan, seed: number, firstReplication: number, replications: number): Pilot {
  const series = plan.laneCount + 1;
  const low = new Float64Array(plan.horizonWeeks * series).fill(Number.POSITIVE_INFINITY);
  const high = new Float64Array(plan.horizonWeeks * series).fill(Number.NEGATIVE_INFINITY);
  const state = createState(plan, false);
  // The weekly step writes decision weeks into the state; the pilot keeps nothing else of a tally.
  const tally = { addWeek: () => {}, addReplication: () => {} } as unknown as Tally;
  const record = (s: ReplicationState, week: number) => {
    let total = 0;
    for (let lane = 0; lane <= plan.laneCount; lane++) {
      const open = lane < plan.laneCount ? s.backlog[lane]! : total;
      total += lane < plan.laneCount ? open : 0;
      const i = week * series + lane;
      if (open < low[i]!) low[i] = open;
      if (open > high[i]!) high[i] = open;
    }
  };
  for (let r = firstReplication; r < firstReplication + replications; r++) {
    resetState(plan, state, seed, r);
    replicate(plan, state, tally, record);
  }
  const spans = new Float64Array(low.length);
  for (let i = 0; i < spans.length; i++) spans[i] = replications === 0 ? 0 : high[i]! - low[i]!;
  return { replications, spans, touchedPages: touchedPages(state.decisionWeeks), state };
}

/** Pages of an array with a value written (not 0): those a run makes resident. */
function touchedPages(array: Float64Array): number {
  const perPage = PAGE_BYTES / 8;
  let pages = 0;
  for (let start = 0; start < array.length; start += perPage) {
    const end = Math.min(array.length, start + perPage);
    for (let i = start; i < end; i++)
      if (array[i] !== 0) {
        pages++;
        break;
      }
  }
  return pages;
}

/** Bytes of the typed arrays reachable from a value (each once), and 64 a further object; `skip` not counted. */
function deepBytes(value: unknown, skip: unknown = null): number {
  const seen = new Set<unknown>();
  let bytes = 0;
  const walk = (item: unknown): void => {
    if (item === null || typeof item !== 'object' || seen.has(item) || item === skip) return;
    seen.add(item);
    if (ArrayBuffer.isView(item)) {
      bytes += item.byteLength;
      return;
    }
    bytes += 64;
    for (const child of Array.isArray(item) ? item : Object.values(item)) walk(child);
  };
  walk(value);
  return bytes;
}

/** Expected ranges already computed, by sample size. */
const ranges = new Map<number, number>();

/**
 * The expected range (largest minus smallest) of n draws of a standard
 * normal: 1.13 for 2, 3.08 for 10, 6.48 for 1,000, 9.9 for 1,000,000.
 * E[range] = integral of 1 - F(x)^n - (1 - F(x))^n over x.
 *
 * @example expectedRange(10) // 3.0775
 */
export function expectedRange(n: number): number {
  if (n <= 1) return 0;
  const known = ranges.get(n);
  if (known !== undefined) return known;
  let sum = 0;
  const step = 0.01;
  for (let x = -12; x < 12; x += step) {
    const f = normalCdf(x + step / 2);
    sum += (1 - f ** n - (1 - f) ** n) * step;
  }
  ranges.set(n, sum);
  return sum;
}
