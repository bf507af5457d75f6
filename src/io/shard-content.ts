import { SUMMED_ARRAYS } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import type { PairedData } from '../job/job-tallies.js';
import type { HistogramData } from '../stats/int-histogram.js';

/** What is wrong with the data of a plan in a shard: where (a path under the plan, such as `tally.grantsSum`) and what. */
export interface ContentProblem {
  readonly at: string;
  readonly problem: string;
}

/**
 * What is wrong with a plan's tally read from a shard, or null: a tally of
 * `replications` replications counts that many in its `replications` and in
 * every histogram; its sums are finite and not negative, and whole where they
 * count cases; and what it records twice agrees: each week's total backlog is
 * the sum of its lanes', the replications' total arrivals the sum of the
 * weekly arrivals, their total decisions the sum of the pools' decisions;
 * each trigger rule counts every replication once.
 * Checks of numbers a shard can only hold if it was edited or damaged.
 *
 * @example tallyProblem(shard.data(0, 1).tallies[0], shard.part.replications) // null
 */
export function tallyProblem(tally: TallyData, replications: number): ContentProblem | null {
  if (tally.replications !== replications)
    return {
      at: 'tally.replications',
      problem: `counts ${tally.replications} replications, not the ${replications} of its part`,
    };
  const initial = badNumber(tally.initialBacklog, false);
  if (initial !== null) return { at: 'tally.initialBacklog', problem: `${initial} (open cases: not negative)` };
  for (const { name, cases } of SUMMED_ARRAYS) {
    const bad = badNumber(tally[name], cases);
    if (bad !== null)
      return {
        at: `tally.${name}`,
        problem: `${bad} (${cases ? 'sums of cases: whole numbers' : 'finite sums'}, not negative)`,
      };
  }
  const { horizonWeeks: weeks, laneCount: lanes } = tally;
  const backlog = tally.backlog ?? [];
  const [arrivals, decisions] = tally.totals ?? [];
  if (backlog.length !== weeks * (lanes + 1) || arrivals === undefined || decisions === undefined)
    return { at: 'tally.histograms', problem: 'are missing' };
  const named = [
    ...backlog.map((histogram, i) => {
      const [week, series] = [Math.floor(i / (lanes + 1)), i % (lanes + 1)];
      return {
        histogram,
        name: series === lanes ? `the total backlog of week ${week}` : `lane ${series} in week ${week}`,
      };
    }),
    { histogram: arrivals, name: 'the total arrivals' },
    { histogram: decisions, name: 'the total decisions' },
  ];
  for (const { histogram, name } of named) {
    const bad = histogramProblem(histogram, replications, false);
    if (bad !== null) return { at: 'tally.histograms', problem: `the histogram of ${name} ${bad}` };
  }
  for (let week = 0; week < weeks; week++) {
    const row = backlog.slice(week * (lanes + 1), (week + 1) * (lanes + 1));
    const laneSum = row.slice(0, lanes).reduce((sum, histogram) => sum + valueSum(histogram), 0);
    if (laneSum !== valueSum(row[lanes]!))
      return { at: 'tally.histograms', problem: `the total backlog of week ${week} is not the sum of its lanes` };
  }
  if (valueSum(arrivals) !== total(tally.arrivalsSum))
    return { at: 'tally', problem: 'the total arrivals of the replications are not the sum of their weekly arrivals' };
  if (valueSum(decisions) !== total(tally.poolDecisionsSum))
    return {
      at: 'tally',
      problem: "the total decisions of the replications are not the sum of their pools' decisions",
    };
  return triggerProblem(tally, replications);
}

/** What is wrong with the trigger rules' counts of a tally: each counts every replication once by its weeks worked, fired in at most all of them, once or more in each. */
function triggerProblem(tally: TallyData, replications: number): ContentProblem | null {
  const columns = tally.horizonWeeks + 1;
  for (let r = 0; r < (tally.triggerCount ?? 0); r++) {
    const fired = tally.workforceTriggerFired[r]!;
    const counted = total(tally.workforceTriggerWeeks.subarray(r * columns, (r + 1) * columns));
    if (counted !== replications)
      return {
        at: 'tally.workforceTriggerWeeks',
        problem: `counts ${counted} replications of trigger rule ${r}, not the ${replications} of its part`,
      };
    if (fired > replications || tally.workforceTriggerFirings[r]! < fired)
      return {
        at: 'tally.workforceTriggerFired',
        problem: `trigger rule ${r} fired in ${fired} replications with ${tally.workforceTriggerFirings[r]} firings, of ${replications}`,
      };
  }
  return null;
}

/**
 * What is wrong with the pairs of a plan against plan 0 (the base) read from
 * a shard, or null: a paired difference of `replications` pairs, whose
 * plan's and base's end backlogs are those of their tallies.
 *
 * @example pairedProblem(data.paired[1], data.tallies[1], data.tallies[0], replications) // null
 */
export function pairedProblem(
  pair: PairedData,
  tally: TallyData,
  base: TallyData,
  replications: number,
): ContentProblem | null {
  const [differences, plan, bases] = pair;
  const negative = [true, false, false];
  for (const [i, histogram] of pair.entries()) {
    const bad = histogramProblem(histogram, replications, negative[i]!);
    if (bad !== null) return { at: 'paired', problem: `histogram ${i} ${bad.replace('replications', 'pairs')}` };
  }
  if (
    !sameCounts(plan, endBacklog(tally)) ||
    !sameCounts(bases, endBacklog(base)) ||
    valueSum(differences) !== valueSum(plan) - valueSum(bases)
  )
    return { at: 'paired', problem: "does not pair its plan's end backlog with plan 0's" };
  return null;
}

/** The first number of an array that is not finite and not negative (or not whole, when `whole`), in words; null if none. */
function badNumber(array: Float64Array, whole: boolean): string | null {
  for (let i = 0; i < array.length; i++) {
    const x = array[i]!;
    if (!(x >= 0) || !Number.isFinite(x) || (whole && !Number.isInteger(x))) return `holds ${x} at ${i}`;
  }
  return null;
}

/**
 * What is wrong with a histogram of `replications` observations, in words, or
 * null: counts that are not whole or negative, a total that is not
 * `replications`, values below 0 (unless `negative`).
 */
function histogramProblem(histogram: HistogramData, replications: number, negative: boolean): string | null {
  const bad = badNumber(histogram.counts, true);
  if (bad !== null) return `${bad.replace('holds', 'holds a count of')} (whole numbers, not negative)`;
  const count = total(histogram.counts);
  if (count !== replications) return `counts ${count} replications, not ${replications}`;
  if (!negative && count > 0 && histogram.offset < 0) return `starts at ${histogram.offset}, below 0`;
  return null;
}

function total(array: Float64Array): number {
  let sum = 0;
  for (const x of array) sum += x;
  return sum;
}

/** The sum of the values counted (exact for whole counts and values up to 2^53). */
function valueSum({ offset, counts }: HistogramData): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += (offset + i) * counts[i]!;
  return sum;
}

/** The histogram of the total end backlog of a tally (last week, every lane); empty for a tally of no weeks. */
function endBacklog(tally: TallyData): HistogramData {
  const end = tally.backlog?.[(tally.horizonWeeks - 1) * (tally.laneCount + 1) + tally.laneCount];
  return end ?? { offset: 0, counts: new Float64Array(0) };
}

/** Whether two histograms count the same values the same number of times, wherever their counts start. */
function sameCounts(a: HistogramData, b: HistogramData): boolean {
  const entries = ({ offset, counts }: HistogramData) =>
    Array.from(counts, (count, i) => [offset + i, count]).filter(([, count]) => count !== 0);
  const [x, y] = [entries(a), entries(b)];
  return x.length === y.length && x.every(([value, count], i) => value === y[i]![0] && count === y[i]![1]);
}
