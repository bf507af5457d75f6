import { describe, expect, it } from 'vitest';
import type { History } from '../../src/experiment/history.js';
import { consecutivePeriods } from '../../src/experiment/history.js';
import type { ScoredPeriod, ScoreOptions } from '../../src/experiment/score-history.js';
import { scoreHistory } from '../../src/experiment/score-history.js';
import { dayNumber } from '../../src/time/weeks.js';
import type { SyntheticOptions } from './synthetic-history.js';
import { syntheticHistory } from './synthetic-history.js';

const OPTIONS: ScoreOptions = { seed: 1, draws: 4000, planPerWeek: null, trend: false };

/** Every forecast of `histories` synthetic histories (seeds from `firstSeed`), those from at least `minBasedOn` periods. */
function forecasts(
  histories: number,
  firstSeed: number,
  model: Omit<SyntheticOptions, 'seed'>,
  minBasedOn = 0,
  options: ScoreOptions = OPTIONS,
): ScoredPeriod[] {
  const rows: ScoredPeriod[] = [];
  for (let h = 0; h < histories; h++) {
    const score = scoreHistory(syntheticHistory({ ...model, seed: firstSeed + h }), options);
    rows.push(...score.scored.filter((row) => row.basedOn >= minBasedOn));
  }
  return rows;
}

/** The share within a band is a binomial proportion: within 3 standard errors of the nominal share. */
function expectCoverage(rows: readonly ScoredPeriod[], band: 'in90' | 'in50', nominal: number): void {
  const share = rows.filter((row) => row[band]).length / rows.length;
  const standardError = Math.sqrt((nominal * (1 - nominal)) / rows.length);
  expect(Math.abs(share - nominal), `${band}: ${share} of ${rows.length} forecasts`).toBeLessThan(3 * standardError);
}

const YEARS = { granularity: 'year', perDay: 5000 / 365, levelSigma: 0.1, overdispersionCv: 0 } as const;

describe('scoreHistory on synthetic histories with known parameters', () => {
  it('forecasts from 1 to 4 changes: the P5-P95 band covers about 90% (the t predictive; a normal with s would cover about 75%)', () => {
    const rows = forecasts(100, 100, { ...YEARS, periods: 6 });
    expect(rows).toHaveLength(400);
    expectCoverage(rows, 'in90', 0.9);
  });

  it('long histories: P5-P95 covers about 90% and P25-P75 about 50% of 400 forecasts from 20 or more changes', () => {
    const rows = forecasts(4, 200, { ...YEARS, periods: 121 }, 21);
    expect(rows).toHaveLength(400);
    expectCoverage(rows, 'in90', 0.9);
    expectCoverage(rows, 'in50', 0.5);
  });

  it('monthly counts with overdispersion: P5-P95 covers about 90%', () => {
    const rows = forecasts(20, 300, {
      granularity: 'month',
      periods: 22,
      perDay: 100 / 30,
      levelSigma: 0.05,
      overdispersionCv: 0.1,
    });
    expect(rows).toHaveLength(400);
    expectCoverage(rows, 'in90', 0.9);
  });

  it('with a trend, on histories with one: P5-P95 covers about 90%; a random walk that ignores it falls short again and again', () => {
    const trending = (seed: number): History => {
      const history = syntheticHistory({ ...YEARS, seed, periods: 8, perDay: 2000 / 365 });
      // A steady growth of 15% a year on top of the random walk.
      const periods = history.periods.map((p, i) => ({ ...p, inflow: Math.round(p.inflow * 1.15 ** i) }));
      return { ...history, periods };
    };
    const withTrend: ScoredPeriod[] = [];
    const without: ScoredPeriod[] = [];
    for (let h = 0; h < 80; h++) {
      withTrend.push(...scoreHistory(trending(400 + h), { ...OPTIONS, trend: true }).scored);
      without.push(...scoreHistory(trending(400 + h), OPTIONS).scored.filter((row) => row.basedOn >= 3));
    }
    expect(withTrend).toHaveLength(400);
    expectCoverage(withTrend, 'in90', 0.9);
    // The random walk misses the growth every year: what comes in lies above its median far more often than half the time.
    const above = without.filter((row) => row.observed > row.p50).length / without.length;
    expect(above).toBeGreaterThan(0.6);
  });
});

describe('scoreHistory: what it reports', () => {
  const memo: History = {
    granularity: 'year',
    source: 'decision memo',
    periods: consecutivePeriods('year', dayNumber('2021-01-01')!, 3, (i) => [1810, 1530, 1390][i]!).map((p, i) => ({
      ...p,
      decisions: i === 2 ? 1530 : null,
      backlog: i === 0 ? null : [0, 1580, 1440][i]!,
    })),
  };

  it('on the decision memo`s three years: one forecast (2023, from 2021 and 2022), in both bands', () => {
    const score = scoreHistory(memo, { ...OPTIONS, draws: 20_000 });
    expect(score.unscored.map((row) => row.period)).toEqual(['2021', '2022']);
    expect(score.scored).toHaveLength(1);
    const [row] = score.scored;
    expect(row!.period).toBe('2023');
    expect(row!.forecast).toBeCloseTo(1530.5, 9);
    expect(row!.observed).toBe(1390);
    expect(row!.in90 && row!.in50).toBe(true);
    // One change of -15.5%: t with 1 df (P95 at 6.31 s), so the factor's cv is 0.708 and the band is wide.
    expect(row!.levelCv).toBeCloseTo(0.708, 3);
    expect(row!.p5).toBeLessThan(500);
    expect(row!.p95).toBeGreaterThan(3000);
    expect(score.coverage90).toMatchObject({ within: 1, forecasts: 1, share: 1 });
    expect(score.coverage90.low).toBeCloseTo(0.2065, 4);
    expect(score.balance).toEqual([
      { period: '2023', backlogBefore: 1580, inflow: 1390, decisions: 1530, expected: 1440, recorded: 1440 },
    ]);
  });

  it('is the same for the same seed, and draws differently for another', () => {
    const history = syntheticHistory({ ...YEARS, seed: 5, periods: 6 });
    expect(scoreHistory(history, OPTIONS)).toEqual(scoreHistory(history, OPTIONS));
    const other = scoreHistory(history, { ...OPTIONS, seed: 2 });
    expect(other.scored.map((row) => row.p50)).not.toEqual(scoreHistory(history, OPTIONS).scored.map((row) => row.p50));
  });

  it('with a plan, forecasts the plan for every period; with a trend, starts a period later', () => {
    const planned = scoreHistory(memo, { ...OPTIONS, planPerWeek: 25 });
    expect(planned.scored[0]!.forecast).toBeCloseTo((25 / 7) * 365, 9);
    const trend = scoreHistory(memo, { ...OPTIONS, trend: true });
    expect(trend.scored).toEqual([]);
    expect(trend.unscored.at(-1)).toEqual({
      period: '2023',
      reason: '2 periods before it: the forecast needs 3 with a trend',
    });
    expect(trend.meanCrps).toBeNaN();
  });

  it('a forecast`s CRPS is lower when what came in is nearer its centre', () => {
    const history = syntheticHistory({ ...YEARS, seed: 6, periods: 12 });
    const score = scoreHistory(history, OPTIONS);
    for (const row of score.scored) {
      const distance = Math.abs(row.observed - row.p50) / (row.p95 - row.p5);
      if (distance > 0.6) expect(row.crps).toBeGreaterThan(0.1 * (row.p95 - row.p5));
      expect(row.crps).toBeGreaterThan(0);
    }
  });

  it('a wild history (0, 9e15, 0, 5 a year) gives numbers, not a crash or NaN', () => {
    const wild: History = {
      granularity: 'year',
      source: null,
      periods: consecutivePeriods('year', dayNumber('2021-01-01')!, 4, (i) => [0, 9e15, 0, 5][i]!),
    };
    const score = scoreHistory(wild, OPTIONS);
    expect(score.scored).toHaveLength(2);
    for (const row of score.scored)
      for (const value of [row.p5, row.p50, row.p95, row.crps]) expect(value).not.toBeNaN();
  });
});
