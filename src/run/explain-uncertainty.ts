/**
 * Where a run's band comes from: the end backlog's variance split over the
 * uncertain sources of the scenario, and the sensitivity of the end backlog
 * and the target probability to each uncertain parameter (a tornado).
 */
import type { Tally } from '../engine/tally.js';
import type { Job } from '../job/job.js';
import type { Scenario, UncertaintySpec } from '../scenario/types.js';
import { gammaQuantile, normalQuantile } from '../stats/distributions.js';
import type { IntHistogram } from '../stats/int-histogram.js';
import { replicationsForHalfWidth, wilsonInterval } from '../stats/proportion.js';
import type { ProportionInterval } from '../stats/proportion.js';
import { weekEndingBy } from '../time/weeks.js';

/** A source of variance that can be switched off: one of the block's random parts. */
export type UncertaintySource =
  | 'level'
  | 'drift'
  | 'overdispersion'
  | 'productivity'
  | 'capacityWeekly'
  | 'shares'
  | 'grantRates';

/** One source's part of the end backlog's variance. */
export interface VarianceShare {
  /** `poisson` (the weekly arrivals' own noise, always there), or a source of the block. */
  readonly source: 'poisson' | UncertaintySource;
  readonly label: string;
  /** In cases squared; the parts add up to the total. */
  readonly variance: number;
  /** variance / total: the shares add up to 1. */
  readonly share: number;
}

/** The end backlog and the target probability with the parameters set one way. */
export interface SensitivityPoint {
  /** The parameter's value (a factor on the plan), or null for the base (every parameter at its mean). */
  readonly value: number | null;
  readonly endBacklogMean: number;
  readonly endBacklogP50: number;
  /** With its 95% Wilson interval; absent without a target. */
  readonly probability?: ProportionInterval;
}

/** One bar of the tornado: a parameter at its P10 and its P90, the others at their means. */
export interface SensitivityRow {
  readonly parameter: 'level' | 'drift' | 'productivity';
  readonly label: string;
  readonly p10: SensitivityPoint;
  readonly p90: SensitivityPoint;
  /** |end backlog at P90 - at P10|: the rows are sorted by it, widest first. */
  readonly swing: number;
}

export interface UncertaintyExplanation {
  /** The week whose total backlog is explained: the horizon's last. */
  readonly week: number;
  readonly replications: number;
  readonly seed: number;
  readonly variance: {
    /** Variance of the end backlog over the replications with every source on. */
    readonly total: number;
    readonly method: string;
    /** Runs of the scenario it took (every subset of the sources). */
    readonly runs: number;
    /** Largest first, Poisson noise included. */
    readonly shares: readonly VarianceShare[];
  };
  readonly sensitivity: {
    readonly base: SensitivityPoint;
    readonly rows: readonly SensitivityRow[];
    /** Sources that are noise from week to week or a split (no single P10 / P90 setting): see the variance. */
    readonly notShown: readonly string[];
  };
  /** The replications for the target probability's 95% interval to be +/-1 percentage point. */
  readonly replicationsForOnePoint?: number;
}

const LABELS: Record<'poisson' | UncertaintySource, string> = {
  poisson: 'Poisson noise of weekly arrivals',
  level: 'inflow level',
  drift: 'inflow drift',
  overdispersion: 'inflow overdispersion (busy and quiet weeks)',
  productivity: 'capacity productivity',
  capacityWeekly: 'capacity week to week',
  shares: 'lane shares',
  grantRates: 'grant rates (refusals that file again)',
};

/** The rest of the variance when the scenario has flows: their binomial draws are chance like the arrivals'. */
const POISSON_WITH_FLOWS = 'Poisson noise of arrivals, chance in the flows';

/** Whether a lane's refused applicants may file again. */
function refiles(scenario: Scenario): boolean {
  return scenario.lanes.some((lane) => (lane.refiling?.probability ?? 0) > 0);
}

/** Whether any lane has withdrawals, transfers or refiling. */
export function scenarioHasFlows(scenario: Scenario): boolean {
  return scenario.lanes.some(
    (lane) =>
      (lane.withdrawals ?? []).some((band) => band.hazard > 0) ||
      (lane.transfers ?? []).some((move) => move.probability > 0) ||
      (lane.refiling?.probability ?? 0) > 0,
  );
}

const SHAPLEY_METHOD =
  'Shapley decomposition: the scenario run with every subset of the sources switched on, under common random ' +
  'numbers; each source gets its added variance averaged over the orders of switching on. The parts add up to the ' +
  'variance with every source on; the rest is the Poisson noise of the arrivals.';

/**
 * The sources of a block that are switched on (a cv or concentration that
 * moves anything). Grant rates move the backlog only where refused
 * applicants file again (`refiles`); elsewhere they move grants alone.
 */
function activeSources(u: UncertaintySpec, refiles = false): UncertaintySource[] {
  const on = (cv: number | undefined) => cv !== undefined && cv > 0;
  const sources: UncertaintySource[] = [];
  if (on(u.inflow.level?.cv)) sources.push('level');
  if (on(u.inflow.drift?.sdPerYear)) sources.push('drift');
  if (on(u.inflow.overdispersion?.cv)) sources.push('overdispersion');
  if (on(u.capacity.productivity?.cv)) sources.push('productivity');
  if (on(u.capacity.weekly?.cv)) sources.push('capacityWeekly');
  if (u.shares !== null) sources.push('shares');
  if (refiles && u.grantRates !== null) sources.push('grantRates');
  return sources;
}

/** The block with only the sources in `keep` switched on. */
function withSources(u: UncertaintySpec, keep: ReadonlySet<UncertaintySource>): UncertaintySpec {
  return {
    inflow: {
      level: keep.has('level') ? u.inflow.level : null,
      drift: keep.has('drift') ? u.inflow.drift : null,
      overdispersion: keep.has('overdispersion') ? u.inflow.overdispersion : null,
    },
    capacity: {
      productivity: keep.has('productivity') ? u.capacity.productivity : null,
      weekly: keep.has('capacityWeekly') ? u.capacity.weekly : null,
    },
    shares: keep.has('shares') ? u.shares : null,
    grantRates: keep.has('grantRates') ? u.grantRates : null,
    source: u.source,
  };
}

const NONE: UncertaintySpec = {
  inflow: { level: null, drift: null, overdispersion: null },
  capacity: { productivity: null, weekly: null },
  shares: null,
  grantRates: null,
  source: null,
};

/** A factor's p-quantile: lognormal with mean 1 and this cv, or gamma with shape 1 / cv^2 and mean 1. */
function factorQuantile(p: number, distribution: 'lognormal' | 'gamma', cv: number): number {
  if (distribution === 'gamma') return gammaQuantile(p, 1 / (cv * cv), cv * cv);
  const sigma2 = Math.log1p(cv * cv);
  return Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * normalQuantile(p));
}

/** The level the drift reaches by the last week, at probability p: the log level there is N(-v/2, v), v = steps x s^2. */
function driftEndQuantile(p: number, sdPerYear: number, horizonWeeks: number): number {
  const v = (Math.max(0, horizonWeeks - 1) * sdPerYear * sdPerYear) / 52;
  return Math.exp(-v / 2 + Math.sqrt(v) * normalQuantile(p));
}

/**
 * The job of a run that explains its band: the scenario itself (plan 0),
 * then the scenario with every proper subset of its active sources switched
 * on, then each per-replication parameter at its P10 and its P90, all with
 * the scenario's seed (common random numbers: every plan sees the same draws
 * of every source it has on). Without an uncertainty block, the run alone.
 * Its tallies go to `explainFromTallies`; shards of it merge like any job.
 *
 * @example (await runJob(explainedRun(scenario))).tallies.length // 1 + 2^k - 1 + 2m
 */
export function explainedRun(scenario: Scenario): Job {
  const scenarios = [scenario];
  const u = scenario.uncertainty;
  if (u !== undefined) {
    const sources = activeSources(u, refiles(scenario));
    // Every subset but the full one, which is the scenario itself (plan 0).
    for (let mask = 0; mask < (1 << sources.length) - 1; mask++) {
      const keep = new Set(sources.filter((_, i) => (mask & (1 << i)) !== 0));
      scenarios.push({ ...scenario, uncertainty: withSources(u, keep) });
    }
    for (const row of sensitivitySettings(scenario, u))
      scenarios.push({ ...scenario, uncertainty: row.low }, { ...scenario, uncertainty: row.high });
  }
  return { scenarios, seed: scenario.seed, replications: scenario.replications, paired: false };
}

/**
 * Where the band comes from, from the tallies of `explainedRun(scenario)`
 * (in its order): the end backlog's variance split over the sources
 * (Shapley values over the subsets) and the sensitivity rows. Null without
 * an uncertainty block or without the explanation's tallies.
 */
export function explainFromTallies(scenario: Scenario, tallies: readonly Tally[]): UncertaintyExplanation | null {
  const u = scenario.uncertainty;
  if (u === undefined || tallies.length !== explainedRun(scenario).scenarios.length) return null;
  const sources = activeSources(u, refiles(scenario));
  const k = sources.length;
  const subsets = 1 << k;
  // Tally of the subset `mask`: the full set is plan 0, the others follow in order.
  const subsetTally = (mask: number) => (mask === subsets - 1 ? tallies[0]! : tallies[1 + mask]!);
  const week = scenario.horizonWeeks - 1;
  const endHistogram = (tally: Tally) => tally.backlog![week * (tally.laneCount + 1) + tally.laneCount]!;
  const variances = Array.from({ length: subsets }, (_, mask) => variance(endHistogram(subsetTally(mask))));

  // Shapley values: phi_i = sum over S without i of |S|! (k - |S| - 1)! / k! (v(S + i) - v(S)).
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const shares: VarianceShare[] = [];
  const total = variances[subsets - 1]!;
  const part = (source: 'poisson' | UncertaintySource, value: number): VarianceShare => ({
    source,
    label: source === 'poisson' && scenarioHasFlows(scenario) ? POISSON_WITH_FLOWS : LABELS[source],
    variance: value,
    share: total > 0 ? value / total : 0,
  });
  shares.push(part('poisson', variances[0]!));
  sources.forEach((source, i) => {
    let phi = 0;
    for (let mask = 0; mask < subsets; mask++) {
      if ((mask & (1 << i)) !== 0) continue;
      const size = popCount(mask);
      phi +=
        ((factorial(size) * factorial(k - size - 1)) / factorial(k)) * (variances[mask | (1 << i)]! - variances[mask]!);
    }
    shares.push(part(source, phi));
  });
  shares.sort((a, b) => b.variance - a.variance);

  const target = scenario.target;
  const targetWeek = target === null ? -1 : weekEndingBy(scenario.start, target.date);
  const point = (tally: Tally, value: number | null): SensitivityPoint => {
    const end = endHistogram(tally);
    const at = targetWeek < 0 ? null : tally.backlog![targetWeek * (tally.laneCount + 1) + tally.laneCount]!;
    return {
      value,
      endBacklogMean: end.mean(),
      endBacklogP50: end.quantile(0.5),
      ...(at === null || target === null
        ? {}
        : { probability: wilsonInterval(at.countAtMost(Math.floor(target.backlog)), tally.replications) }),
    };
  };
  const settings = sensitivitySettings(scenario, u);
  const sensitivity = settings.map((row, i): SensitivityRow => {
    const p10 = point(tallies[subsets + 2 * i]!, row.lowValue);
    const p90 = point(tallies[subsets + 2 * i + 1]!, row.highValue);
    return {
      parameter: row.parameter,
      label: LABELS[row.parameter],
      p10,
      p90,
      swing: Math.abs(p90.endBacklogMean - p10.endBacklogMean),
    };
  });
  sensitivity.sort((a, b) => b.swing - a.swing);
  const full = tallies[0]!;
  const fullAtTarget =
    targetWeek < 0 || target === null
      ? null
      : full.backlog![targetWeek * (full.laneCount + 1) + full.laneCount]!.fractionAtMost(Math.floor(target.backlog));
  return {
    week,
    replications: full.replications,
    seed: scenario.seed,
    variance: { total, method: SHAPLEY_METHOD, runs: subsets, shares },
    sensitivity: {
      base: point(subsetTally(0), null),
      rows: sensitivity,
      notShown: [
        ...(['overdispersion', 'capacityWeekly', 'shares'] as const)
          .filter((s) => sources.includes(s))
          .map((s) => LABELS[s]),
        ...(u.grantRates === null
          ? []
          : [refiles(scenario) ? 'grant rates (a split by lane)' : 'grant rates (they move grants, not the backlog)']),
      ],
    },
    ...(fullAtTarget === null ? {} : { replicationsForOnePoint: replicationsForHalfWidth(fullAtTarget) }),
  };
}

/** The P10 and P90 settings of each per-replication parameter, every other source off. */
function sensitivitySettings(
  scenario: Scenario,
  u: UncertaintySpec,
): {
  parameter: SensitivityRow['parameter'];
  low: UncertaintySpec;
  high: UncertaintySpec;
  lowValue: number;
  highValue: number;
}[] {
  const settings = [];
  const level = u.inflow.level;
  if (level !== null && level.cv > 0) {
    const at = (p: number) => factorQuantile(p, level.distribution, level.cv);
    const fixed = (value: number): UncertaintySpec => ({
      ...NONE,
      inflow: { ...NONE.inflow, level: { ...level, cv: 0, fixedAt: value } },
    });
    settings.push({
      parameter: 'level' as const,
      low: fixed(at(0.1)),
      high: fixed(at(0.9)),
      lowValue: at(0.1),
      highValue: at(0.9),
    });
  }
  const drift = u.inflow.drift;
  if (drift !== null && drift.sdPerYear > 0 && scenario.horizonWeeks > 1) {
    const at = (p: number) => driftEndQuantile(p, drift.sdPerYear, scenario.horizonWeeks);
    const fixed = (value: number): UncertaintySpec => ({
      ...NONE,
      inflow: { ...NONE.inflow, drift: { sdPerYear: 0, fixedEndAt: value } },
    });
    settings.push({
      parameter: 'drift' as const,
      low: fixed(at(0.1)),
      high: fixed(at(0.9)),
      lowValue: at(0.1),
      highValue: at(0.9),
    });
  }
  const productivity = u.capacity.productivity;
  if (productivity !== null && productivity.cv > 0) {
    const at = (p: number) => factorQuantile(p, productivity.distribution, productivity.cv);
    const fixed = (value: number): UncertaintySpec => ({
      ...NONE,
      capacity: { ...NONE.capacity, productivity: { ...productivity, cv: 0, fixedAt: value } },
    });
    settings.push({
      parameter: 'productivity' as const,
      low: fixed(at(0.1)),
      high: fixed(at(0.9)),
      lowValue: at(0.1),
      highValue: at(0.9),
    });
  }
  return settings;
}

/** Variance over the replications (divided by n: the replications are the whole population of this run). */
function variance(histogram: IntHistogram): number {
  const mean = histogram.mean();
  let sum = 0;
  for (const [value, count] of histogram.entries()) sum += count * (value - mean) * (value - mean);
  return histogram.count > 0 ? sum / histogram.count : 0;
}

function popCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}
