/**
 * The uncertainty block against theory: each source moves the spread of
 * what comes in (arrivals), what is done (decisions) and how it ends
 * (grants) as its distribution says, and leaves the means where they were.
 *
 * Every expected value here is exact, not a rule of thumb: a count that is
 * Poisson (or binomial) given a random mean has factorial moments E[L^j]
 * (or n^(j) E[R^j]), so its mean, variance and fourth central moment follow
 * from the raw moments of the factor (lognormal, gamma, beta). The drift is
 * the exception: its fourth moment is estimated from the sample.
 *
 * Tolerance: a sample mean within z standard errors sqrt(variance / n), a
 * sample variance within z standard errors sqrt((mu4 - variance^2) / n), n
 * the replications; so the standard error of a sample sd is about
 * sd sqrt((kurtosis - 1) / (4n)), about 0.5% of the sd for 20,000
 * replications of a near-normal total. Each test picks z so that all its
 * comparisons together fail by chance with probability below 1e-4
 * (Bonferroni; z is 4.0 to 4.4). The seeds are fixed, so a pass is
 * reproducible; the tolerance says how unlucky a seed would have to be.
 */
import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/engine/plan.js';
import { simulate } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import type { ReplicationState } from '../../src/engine/state.js';
import { capacity, decisions, inflow, outcome } from '../../src/engine/step.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec, Scenario, UncertaintySpec } from '../../src/scenario/types.js';
import type { IntHistogram } from '../../src/stats/int-histogram.js';
import { benchReference } from './bench-reference.js';

const REPLICATIONS = 20_000;
const WEEKS = 52;
const MEAN_PER_WEEK = 25;

/** The z beyond which `comparisons` normal comparisons all together stray with probability at most 1e-4. */
const zFor = (comparisons: number) => probit(1 - 1e-4 / (2 * comparisons));

/** An uncertainty block with every source off but those given. */
function block(sources: {
  level?: UncertaintySpec['inflow']['level'];
  drift?: UncertaintySpec['inflow']['drift'];
  overdispersion?: UncertaintySpec['inflow']['overdispersion'];
  productivity?: UncertaintySpec['capacity']['productivity'];
  weekly?: UncertaintySpec['capacity']['weekly'];
  shares?: UncertaintySpec['shares'];
  grantRates?: UncertaintySpec['grantRates'];
}): UncertaintySpec {
  return {
    inflow: {
      level: sources.level ?? null,
      drift: sources.drift ?? null,
      overdispersion: sources.overdispersion ?? null,
    },
    capacity: { productivity: sources.productivity ?? null, weekly: sources.weekly ?? null },
    shares: sources.shares ?? null,
    grantRates: sources.grantRates ?? null,
    source: null,
  };
}

/** The bench-reference workload (52 weeks, 25 a week over four lanes, 1,600 decisions a year) with a block. */
const bench = (uncertainty: UncertaintySpec, overrides: Partial<Scenario> = {}): Scenario =>
  benchReference({ uncertainty, target: null, ...overrides });

const lane = (name: string, share: number, priority: number, grantRate: number, dedicatedPerYear: number | null) =>
  ({
    name,
    share,
    priority,
    minWaitWeeks: 1,
    grantRate,
    hoursPerDecision: null,
    dedicatedCapacity:
      dedicatedPerYear === null ? null : { unit: 'decisions', policy: { kind: 'perYear', perYear: dedicatedPerYear } },
  }) satisfies LaneSpec;

/**
 * Capacity never idle: three lanes with 20,000 old cases each, far more than
 * any capacity of the year. `first` spends the shared pool (1,600 a year);
 * `second` and `never` have dedicated pools of 800 and 100 a year (the shared
 * one is spent before their turn). Planned decisions: exactly 1,600, 800 and
 * 100 in 52 weeks, 2,500 in all.
 */
const saturated = (uncertainty: UncertaintySpec): Scenario =>
  benchReference({
    lanes: [lane('first', 0.5, 1, 0.4, null), lane('second', 0.3, 2, 0.3, 800), lane('never', 0.2, 3, 0, 100)],
    initialBacklog: Object.fromEntries(
      ['first', 'second', 'never'].map((name) => [name, { kind: 'spread' as const, count: 20_000, spreadWeeks: 10 }]),
    ),
    target: null,
    uncertainty,
  });

/** The exact mean, variance and fourth central moment of a distribution. */
interface Moments {
  readonly mean: number;
  readonly variance: number;
  readonly mu4: number;
}

type Raw = readonly [number, number, number, number];

const fromRaw = ([r1, r2, r3, r4]: Raw): Moments => ({
  mean: r1,
  variance: r2 - r1 * r1,
  mu4: r4 - 4 * r1 * r3 + 6 * r1 * r1 * r2 - 3 * r1 ** 4,
});

/** Raw moments from factorial moments E[X(X-1)...(X-j+1)] (Stirling numbers of the second kind). */
const fromFactorial = ([f1, f2, f3, f4]: Raw): Moments =>
  fromRaw([f1, f2 + f1, f3 + 3 * f2 + f1, f4 + 6 * f3 + 7 * f2 + f1]);

/** E[F^j], j = 1..4, of the mean-1 factor: lognormal w^(j(j-1)/2) with w = 1 + cv^2; gamma prod_{i<j} (k + i) / k^j with k = 1 / cv^2. */
function factorRaw(distribution: 'lognormal' | 'gamma', cv: number): Raw {
  if (distribution === 'lognormal') {
    const w = 1 + cv * cv;
    return [1, w, w ** 3, w ** 6];
  }
  const k = 1 / (cv * cv);
  return [1, (k + 1) / k, ((k + 1) * (k + 2)) / k ** 2, ((k + 1) * (k + 2) * (k + 3)) / k ** 3];
}

/** E[B^j], j = 1..4, of a Beta(a, b). */
function betaRaw(a: number, b: number): Raw {
  const r = [1];
  for (let j = 1; j <= 4; j++) r.push(r[j - 1]! * ((a + j - 1) / (a + b + j - 1)));
  return [r[1]!, r[2]!, r[3]!, r[4]!];
}

/** E[(cX)^j] from E[X^j]. */
const scaled = (c: number, [r1, r2, r3, r4]: Raw): Raw => [c * r1, c ** 2 * r2, c ** 3 * r3, c ** 4 * r4];

/** A count that is Poisson given a random mean L: its factorial moments are E[L^j]. */
const mixedPoisson = (meanRaw: Raw): Moments => fromFactorial(meanRaw);

/** A count that is Binomial(n, R) given a random rate R: factorial moments n(n-1)...(n-j+1) E[R^j]. */
const mixedBinomial = (n: number, rateRaw: Raw): Moments =>
  fromFactorial([
    n * rateRaw[0],
    n * (n - 1) * rateRaw[1],
    n * (n - 1) * (n - 2) * rateRaw[2],
    n * (n - 1) * (n - 2) * (n - 3) * rateRaw[3],
  ]);

/** The sum of `count` independent copies (cumulants add: kappa4 = mu4 - 3 variance^2). */
function sumOf(count: number, one: Moments): Moments {
  const kappa4 = one.mu4 - 3 * one.variance ** 2;
  const variance = count * one.variance;
  return { mean: count * one.mean, variance, mu4: count * kappa4 + 3 * variance ** 2 };
}

/** Sample moments of values given as [value, count] pairs. */
function sampleMoments(entries: readonly (readonly [number, number])[]): {
  n: number;
  mean: number;
  variance: number;
  mu4: number;
} {
  let n = 0;
  let sum = 0;
  for (const [value, count] of entries) {
    n += count;
    sum += value * count;
  }
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const [value, count] of entries) {
    const d = value - mean;
    m2 += count * d * d;
    m4 += count * d ** 4;
  }
  return { n, mean, variance: m2 / (n - 1), mu4: m4 / n };
}

const entriesOf = (values: ArrayLike<number>): [number, number][] => Array.from(values, (v) => [v, 1]);

/**
 * The sample mean within z standard errors of the exact mean and the sample
 * variance within z standard errors of the exact variance (standard errors
 * from the exact moments; `mu4` from the sample where none is known).
 */
function expectAgreement(
  sample: { n: number; mean: number; variance: number; mu4: number },
  exact: { mean: number; variance: number; mu4?: number },
  z: number,
): void {
  const mu4 = exact.mu4 ?? sample.mu4;
  expect(Math.abs(sample.mean - exact.mean)).toBeLessThanOrEqual(z * Math.sqrt(exact.variance / sample.n));
  expect(Math.abs(sample.variance - exact.variance)).toBeLessThanOrEqual(
    z * Math.sqrt((mu4 - exact.variance ** 2) / sample.n),
  );
}

const momentsOf = (histogram: IntHistogram | null) => sampleMoments(histogram!.entries());

/**
 * Runs replications as `simulate` does (the same steps in the same order),
 * letting the test look at the state after each week and at the end.
 */
function eachReplication(
  plan: Plan,
  seed: number,
  replications: number,
  atEnd: (state: ReplicationState, replication: number) => void,
  afterWeek: (state: ReplicationState, t: number) => void = () => {},
): void {
  const state = createState(plan, false);
  for (let r = 0; r < replications; r++) {
    resetState(plan, state, seed, r);
    for (let t = 0; t < plan.horizonWeeks; t++) {
      inflow(plan, state, t);
      capacity(plan, state, t);
      decisions(plan, state, t);
      afterWeek(state, t);
    }
    outcome(plan, state);
    atEnd(state, r);
  }
}

describe('inflow level: a year of arrivals has variance m + (c m)^2 (law of total variance)', () => {
  const m = WEEKS * MEAN_PER_WEEK;
  // A seed of its own for each case, so that the four are independent checks.
  const cases = [
    ['lognormal', 0.1, 31],
    ['lognormal', 0.25, 32],
    ['gamma', 0.1, 33],
    ['gamma', 0.25, 34],
  ] as const;
  for (const [distribution, c, seed] of cases) {
    it(`${distribution}, c ${c}: mean ${m}, sd sqrt(${m} + (${c} x ${m})^2) = ${Math.sqrt(m + (c * m) ** 2).toFixed(1)}`, () => {
      const plan = compile(bench(block({ level: { cv: c, distribution } })));
      const tally = simulate(plan, { seed, replications: REPLICATIONS });
      // Given the factor F the year's arrivals are Poisson(m F).
      const exact = mixedPoisson(scaled(m, factorRaw(distribution, c)));
      expect(exact.variance).toBeCloseTo(m + (c * m) ** 2, 6);
      expectAgreement(momentsOf(tally.arrivalsTotal), exact, zFor(2));
    });
  }

  it('one factor per replication, not per week: with c 0.25 a year varies 82 times as much as Poisson (per-week factors: 2.6 times)', () => {
    // Per-week factors would give m + 52 (c x 25)^2 = 3,331 where one per replication gives 106,925.
    const plan = compile(bench(block({ level: { cv: 0.25, distribution: 'lognormal' } })));
    const variance = momentsOf(simulate(plan, { seed: 32, replications: 2000 }).arrivalsTotal).variance;
    expect(variance).toBeGreaterThan(40 * m);
  });
});

describe('capacity productivity: total decisions have sd cv x planned when capacity is never idle', () => {
  const planned = 2500;
  // Given F the decisions are fixed, so their sample variance is that of 2,500 F: 10,000 replications put its
  // standard error at sqrt((kurtosis - 1) / n), 1.8% of the variance for cv 0.05 (0.9% of the sd).
  const replications = REPLICATIONS / 2;
  const cases = [
    ['lognormal', 0.05, 41],
    ['lognormal', 0.2, 42],
    ['gamma', 0.05, 43],
    ['gamma', 0.2, 44],
  ] as const;
  for (const [distribution, c, seed] of cases) {
    it(`${distribution}, cv ${c}: decisions floor(1,600 F) + floor(800 F) + floor(100 F), one F for every pool, sd ${c} x ${planned}`, () => {
      const plan = compile(saturated(block({ productivity: { cv: c, distribution } })));
      const tally = simulate(plan, { seed, replications });
      // Decisions are 2,500 F less the three pools' floor roundings (each about uniform on [0, 1)):
      // mean 2,500 - 1.5, variance (2,500 c)^2 + 3 / 12.
      const f = fromRaw(scaled(planned, factorRaw(distribution, c)));
      const exact = { mean: f.mean - 1.5, variance: f.variance + 3 / 12, mu4: f.mu4 };
      expect(Math.sqrt(f.variance)).toBeCloseTo(c * planned, 8);
      expectAgreement(momentsOf(tally.decisionsTotal), exact, zFor(2));
    });
  }

  it('without productivity the saturated workload decides exactly 2,500 in every replication', () => {
    const tally = simulate(compile(saturated(block({}))), { seed: 33, replications: 200 });
    expect(tally.decisionsTotal!.entries()).toEqual([[2500, 200]]);
  });
});

describe('inflow overdispersion: negative binomial weeks, variance m + (cv m)^2 each', () => {
  const cv = 0.3;
  const size = 1 / (cv * cv);
  // One week of all lanes is Poisson(25 G) with G ~ Gamma(size, 1 / size): negative binomial.
  const week = mixedPoisson(scaled(MEAN_PER_WEEK, factorRaw('gamma', cv)));

  it(`one week, cv ${cv}: the total is negative binomial (size ${size.toFixed(2)}, mean 25) by chi-square, variance 25 + (0.3 x 25)^2 = 81.25`, () => {
    const replications = 100_000;
    const plan = compile(bench(block({ overdispersion: { cv } }), { horizonWeeks: 1 }));
    const tally = simulate(plan, { seed: 34, replications });
    expect(week.variance).toBeCloseTo(MEAN_PER_WEEK + (cv * MEAN_PER_WEEK) ** 2, 8);
    expectAgreement(momentsOf(tally.arrivalsTotal), week, zFor(3));
    // NB(size r, p = r / (r + m)): P(k) = Gamma(k + r) / (k! Gamma(r)) p^r (1 - p)^k, by the recurrence P(k) = P(k-1) (k - 1 + r) / k (1 - p).
    const p = size / (size + MEAN_PER_WEEK);
    const pmf: number[] = [p ** size];
    for (let k = 1; k <= 400; k++) pmf.push((pmf[k - 1]! * (k - 1 + size) * (1 - p)) / k);
    const counts = new Map(tally.arrivalsTotal!.entries());
    let statistic = 0;
    let cells = 0;
    let expected = 0;
    let observed = 0;
    let tail = 1;
    for (let k = 0; k <= 400; k++) {
      expected += replications * pmf[k]!;
      observed += counts.get(k) ?? 0;
      tail -= pmf[k]!;
      if ((expected >= 5 && replications * tail >= 5) || k === 400) {
        statistic += (observed - expected) ** 2 / expected;
        cells++;
        expected = 0;
        observed = 0;
      }
    }
    const df = cells - 1;
    const zc = probit(1 - 1e-4 / 3);
    expect(statistic).toBeLessThan(df * (1 - 2 / (9 * df) + zc * Math.sqrt(2 / (9 * df))) ** 3);
  });

  it(`${WEEKS} weeks, cv ${cv}: a year of arrivals has variance T m + T (cv m)^2 = ${WEEKS * week.variance}`, () => {
    const plan = compile(bench(block({ overdispersion: { cv } })));
    const tally = simulate(plan, { seed: 35, replications: REPLICATIONS });
    expectAgreement(momentsOf(tally.arrivalsTotal), sumOf(WEEKS, week), zFor(2));
  });
});

describe('inflow drift: a random walk of the log level with mean factor 1 every week', () => {
  const sdPerYear = 0.5;
  const s2 = sdPerYear ** 2 / 52;
  // X_0 = 0, X_t = sum of t steps N(-s^2 / 2, s^2): E exp(X_t) = 1, Cov(exp X_t, exp X_u) = exp(s^2 min(t, u)) - 1.
  let covariance = 0;
  for (let t = 0; t < WEEKS; t++) for (let u = 0; u < WEEKS; u++) covariance += Math.exp(s2 * Math.min(t, u)) - 1;
  const m = MEAN_PER_WEEK;
  const exact = { mean: WEEKS * m, variance: WEEKS * m + m * m * covariance };

  it(`sdPerYear ${sdPerYear}: a year's arrivals have mean ${WEEKS * m} and variance T m + m^2 sum_t,u (exp(s^2 min(t, u)) - 1) = ${exact.variance.toFixed(0)}; the last week's mean is still 25`, () => {
    const plan = compile(bench(block({ drift: { sdPerYear } })));
    const tally = simulate(plan, { seed: 36, replications: REPLICATIONS });
    // The fourth moment of a sum of correlated lognormal-mixed counts is not simple: it is estimated from the sample.
    const z = zFor(4);
    expectAgreement(momentsOf(tally.arrivalsTotal), exact, z);
    // Weeks 0 and 51: mean 25 (without the -s^2 / 2 of each step the last week would average 25 e^(51 s^2 / 2) = 28.3).
    for (const t of [0, WEEKS - 1]) {
      let sum = 0;
      for (let l = 0; l < plan.laneCount; l++) sum += tally.arrivalsSum[t * plan.laneCount + l]!;
      const variance = m + m * m * (Math.exp(s2 * t) - 1);
      expect(Math.abs(sum / REPLICATIONS - m)).toBeLessThanOrEqual(z * Math.sqrt(variance / REPLICATIONS));
    }
  });
});

describe("shares: the lanes' arrivals keep their means, their variances grow as the Dirichlet's", () => {
  const concentration = 50;

  it(`concentration ${concentration}: each lane Poisson(T m D) with D ~ Beta(a s, a (1 - s)); the total stays Poisson(1,300)`, () => {
    const scenario = bench(block({ shares: { concentration } }));
    const plan = compile(scenario);
    const lanes = plan.laneCount;
    const totals = Array.from({ length: lanes + 1 }, () => new Float64Array(REPLICATIONS));
    const year = new Float64Array(lanes);
    eachReplication(
      plan,
      37,
      REPLICATIONS,
      (_, r) => {
        let all = 0;
        for (let l = 0; l < lanes; l++) {
          totals[l]![r] = year[l]!;
          all += year[l]!;
        }
        totals[lanes]![r] = all;
        year.fill(0);
      },
      (state) => {
        for (let l = 0; l < lanes; l++) year[l]! += state.arrivals[l]!;
      },
    );
    const m = WEEKS * MEAN_PER_WEEK;
    const z = zFor(2 * (lanes + 1));
    for (let l = 0; l < lanes; l++) {
      const share = plan.uncertainty!.share[l]!;
      const exact = mixedPoisson(scaled(m, betaRaw(concentration * share, concentration * (1 - share))));
      expect(exact.variance).toBeCloseTo(m * share + (m * m * share * (1 - share)) / (concentration + 1), 6);
      expectAgreement(sampleMoments(entriesOf(totals[l]!)), exact, z);
    }
    // The shares sum to 1 in every replication: the total is plain Poisson (variance m, mu4 m + 3 m^2).
    expectAgreement(sampleMoments(entriesOf(totals[lanes]!)), { mean: m, variance: m, mu4: m + 3 * m * m }, z);
  });
});

describe('grant rates: grants keep their mean, their variance is beta-binomial', () => {
  const concentration = 50;

  it(`concentration ${concentration}: with 1,600 and 800 decisions fixed, grants are beta-binomial per lane (variance n r (1 - r) (a + n) / (a + 1)); a rate of 0 stays 0`, () => {
    const plan = compile(saturated(block({ grantRates: { concentration } })));
    const grants = [new Float64Array(REPLICATIONS), new Float64Array(REPLICATIONS)];
    const decided: number[][] = [[], [], []];
    let neverGranted = 0;
    eachReplication(plan, 38, REPLICATIONS, (state, r) => {
      grants[0]![r] = state.grants[0]!;
      grants[1]![r] = state.grants[1]!;
      neverGranted += state.grants[2]!;
      for (let l = 0; l < 3; l++) decided[l]!.push(state.decided[l]!);
    });
    expect(decided.map((d) => [Math.min(...d), Math.max(...d)])).toEqual([
      [1600, 1600],
      [800, 800],
      [100, 100],
    ]);
    expect(neverGranted).toBe(0);
    const z = zFor(4);
    [
      { n: 1600, rate: 0.4 },
      { n: 800, rate: 0.3 },
    ].forEach(({ n, rate }, l) => {
      const exact = mixedBinomial(n, betaRaw(concentration * rate, concentration * (1 - rate)));
      expect(exact.mean).toBeCloseTo(n * rate, 8);
      expect(exact.variance).toBeCloseTo((n * rate * (1 - rate) * (concentration + n)) / (concentration + 1), 6);
      expectAgreement(sampleMoments(entriesOf(grants[l]!)), exact, z);
    });
  });
});
