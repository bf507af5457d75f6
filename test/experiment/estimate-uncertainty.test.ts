import { describe, expect, it } from 'vitest';
import { estimateUncertainty } from '../../src/experiment/estimate-uncertainty.js';
import type { History } from '../../src/experiment/history.js';
import { completeYears, consecutivePeriods } from '../../src/experiment/history.js';
import type { LevelPoint } from '../../src/experiment/level-forecast.js';
import { levelForecast } from '../../src/experiment/level-forecast.js';
import { estimateOverdispersion } from '../../src/experiment/overdispersion.js';
import { sampleFactor } from '../../src/random/continuous.js';
import { hashString } from '../../src/random/hash.js';
import { samplePoisson } from '../../src/random/poisson.js';
import { createStream } from '../../src/random/stream.js';
import { dayNumber } from '../../src/time/weeks.js';
import { syntheticHistory } from './synthetic-history.js';

/** The decision memo's yearly inflow, 2021 to 2023. */
const MEMO: LevelPoint[] = [
  { label: '2021', count: 1810, days: 365, excessVariance: 0 },
  { label: '2022', count: 1530, days: 365, excessVariance: 0 },
  { label: '2023', count: 1390, days: 365, excessVariance: 0 },
];
const Z_0_95 = 1.6448536269514722;

function pointsOf(history: History): LevelPoint[] {
  return history.periods.map((p) => ({ label: p.label, count: p.inflow, days: p.days, excessVariance: 0 }));
}

describe('levelForecast: the uncertainty of the next level from the changes of the past ones', () => {
  it('on the decision memo: two changes, t with 2 df, the Poisson noise of the counts taken off, cv 0.242', () => {
    const d1 = Math.log(1530.5 / 1810.5);
    const d2 = Math.log(1390.5 / 1530.5);
    const errorVariance = (d1 * d1 + d2 * d2) / 2;
    const noise = (1 / 1530.5 + 1 / 1390.5) / 2;
    const s = Math.sqrt(errorVariance - noise);
    // t(0.95) with 2 df in closed form: (2p - 1) sqrt(2 / (4 p (1 - p))).
    const t95 = 0.9 * Math.sqrt(2 / (4 * 0.95 * 0.05));
    const sigma = (s * t95) / Z_0_95;
    const forecast = levelForecast(MEMO, false)!;
    expect(forecast.changes[0]!.logChange).toBeCloseTo(d1, 14);
    expect(forecast.changes[1]!.logChange).toBeCloseTo(d2, 14);
    expect(forecast.df).toBe(2);
    expect(forecast.errorVariance).toBeCloseTo(errorVariance, 14);
    expect(forecast.countNoiseVariance).toBeCloseTo(noise, 14);
    expect(forecast.scale).toBeCloseTo(s, 12);
    expect(forecast.t95).toBeCloseTo(t95, 12);
    expect(forecast.sigma).toBeCloseTo(sigma, 12);
    expect(forecast.cv).toBeCloseTo(Math.sqrt(Math.exp(sigma * sigma) - 1), 12);
    expect(forecast.cv.toFixed(3)).toBe('0.242');
    expect(forecast.forecastPerDay).toBe(1390.5 / 365);
  });

  it('with a trend: the mean change is the forecast, the spread about it on n - 1 df, widened by 1 + 1/n', () => {
    const d1 = Math.log(1530.5 / 1810.5);
    const d2 = Math.log(1390.5 / 1530.5);
    const mean = (d1 + d2) / 2;
    const forecast = levelForecast(MEMO, true)!;
    expect(forecast.df).toBe(1);
    expect(forecast.meanLogChange).toBeCloseTo(mean, 14);
    expect(forecast.errorVariance).toBeCloseTo(((d1 - mean) ** 2 + (d2 - mean) ** 2) * 1.5, 14);
    expect(forecast.t95).toBeCloseTo(Math.tan(Math.PI * 0.45), 10);
    expect(forecast.forecastPerDay).toBeCloseTo((1390.5 / 365) * Math.exp(mean), 12);
  });

  it('a steady trend is no error when followed, and all error when not', () => {
    const steady = [1000, 1100, 1210, 1331, 1464].map((count, i) => ({
      label: String(2020 + i),
      count,
      days: 365,
      excessVariance: 0,
    }));
    expect(levelForecast(steady, true)!.cv).toBe(0);
    expect(levelForecast(steady, false)!.cv).toBeGreaterThan(0.1);
  });

  it('needs two periods, three with a trend', () => {
    expect(levelForecast(MEMO.slice(0, 1), false)).toBeNull();
    expect(levelForecast(MEMO.slice(0, 2), false)).not.toBeNull();
    expect(levelForecast(MEMO.slice(0, 2), true)).toBeNull();
  });

  it('recovers a known sd of the yearly change from a long history, within 3 standard errors', () => {
    const sigma = 0.1;
    const history = syntheticHistory({
      seed: 11,
      granularity: 'year',
      periods: 300,
      perDay: 1e6 / 365,
      levelSigma: sigma,
      overdispersionCv: 0,
    });
    const forecast = levelForecast(pointsOf(history), false)!;
    const n = forecast.changes.length;
    // s^2 is a mean of n squared normal changes: relative standard error sqrt(2 / n), half that for s.
    expect(Math.abs(forecast.scale - sigma)).toBeLessThan((3 * sigma) / Math.sqrt(2 * n));
    // With 299 df the t barely widens it: t(0.95, 299) = 1.64995 against z(0.95) = 1.64485.
    expect(forecast.sigma / forecast.scale).toBeCloseTo(1.0031, 4);
  });

  it('takes off the new count`s Poisson noise only: a constant level leaves the noise of the count the forecast rests on', () => {
    // Weekly Poisson counts with mean 400 and no level change: each change d = e_t - e_(t-1) has variance 2/400;
    // the forecast's level rests on one noisy count (1/400), and the new count's own noise is drawn by the simulation.
    const history = syntheticHistory({
      seed: 12,
      granularity: 'week',
      periods: 2000,
      perDay: 400 / 7,
      levelSigma: 0,
      overdispersionCv: 0,
    });
    const forecast = levelForecast(pointsOf(history), false)!;
    const v = 1 / 400;
    expect(forecast.errorVariance / v).toBeCloseTo(2, 0);
    // Standard error of the mean of d^2 for MA(1) changes: v sqrt(12 / n).
    expect(Math.abs(forecast.scale ** 2 - v)).toBeLessThan(3 * v * Math.sqrt(12 / 1999));
  });
});

describe('estimateOverdispersion: how much more than Poisson sub-yearly counts vary', () => {
  it('is not estimable from years', () => {
    const years = syntheticHistory({
      seed: 1,
      granularity: 'year',
      periods: 5,
      perDay: 4,
      levelSigma: 0.1,
      overdispersionCv: 0.1,
    });
    expect(estimateOverdispersion(years)).toBeNull();
  });

  it.each([
    ['monthly counts with a cv of 0.15', 'month', 0.15],
    ['weekly counts with a cv of 0.2', 'week', 0.2],
    ['Poisson counts (cv 0)', 'month', 0],
  ] as const)('recovers %s, each year at its own level, within 3 standard errors', (_name, granularity, cv) => {
    const history = syntheticHistory({
      seed: 21,
      granularity,
      periods: granularity === 'month' ? 480 : 1040,
      perDay: 20,
      levelSigma: 0.2,
      overdispersionCv: cv,
      yearlyLevel: true,
    });
    const estimate = estimateOverdispersion(history)!;
    expect(estimate.df).toBe(estimate.counts - estimate.years);
    expect(Math.abs(estimate.cv2 - cv * cv)).toBeLessThan(3 * estimate.standardError);
    expect(estimate.standardError).toBeLessThan(cv === 0 ? 0.002 : 0.3 * cv * cv);
  });

  it('monthly and weekly totals of the same daily counts give the same weekly cv (cv x sqrt(days / 7))', () => {
    // Daily counts with a gamma factor of cv 0.5 per day: a week's factor has cv 0.5 / sqrt(7).
    const uniform = createStream(31, 0, hashString('test.daily'));
    const start = dayNumber('1950-01-02')!;
    const days = 40 * 365;
    const daily: number[] = [];
    for (let d = 0; d < days; d++) daily.push(samplePoisson(30 * sampleFactor('gamma', 0.5, uniform), uniform));
    const total = (first: number, length: number) =>
      daily.slice(first - start, first - start + length).reduce((sum, n) => sum + n, 0);
    const aggregate = (granularity: 'week' | 'month', first: string, count: number): History => ({
      granularity,
      source: null,
      periods: consecutivePeriods(granularity, dayNumber(first)!, count, () => 0).map((p) => ({
        ...p,
        inflow: total(p.firstDay, p.days),
      })),
    });
    const weekly = estimateOverdispersion(aggregate('week', '1950-01-02', 2080))!;
    const monthly = estimateOverdispersion(aggregate('month', '1950-02-01', 470))!;
    const truth = 0.25 / 7;
    expect(Math.abs(weekly.cvWeek ** 2 - truth)).toBeLessThan(3 * weekly.standardError);
    expect(Math.abs(monthly.cvWeek ** 2 - truth)).toBeLessThan(3 * monthly.standardError * (30.44 / 7));
  });
});

describe('estimateUncertainty: the block a history supports', () => {
  const MEMO_HISTORY: History = {
    granularity: 'year',
    source: 'decision memo',
    periods: consecutivePeriods('year', dayNumber('2021-01-01')!, 3, (i) => [1810, 1530, 1390][i]!),
  };

  it('from the decision memo`s years: the level only, centred on the scenario (no trend level)', () => {
    const estimate = estimateUncertainty(MEMO_HISTORY, { trend: false, name: 'inflow-history.csv' });
    expect(estimate.block).toEqual({
      inflow: { level: { cv: 0.242, distribution: 'lognormal' } },
      source: 'caseload uncertainty from inflow-history.csv (decision memo): 2 yearly changes, 2021 to 2023',
    });
    expect(estimate.overdispersion).toEqual({
      ok: false,
      reason: 'yearly counts cannot show how the inflow varies from week to week: that needs monthly or weekly counts',
    });
    expect(estimate.trendLevel).toBeNull();
  });

  it('with a trend: the geometric mean change and the level it points to, printed beside a block still of factors with mean 1', () => {
    const estimate = estimateUncertainty(MEMO_HISTORY, { trend: true, name: 'h.csv' });
    const change = Math.sqrt(1390.5 / 1810.5) - 1;
    expect(estimate.trendLevel!.changePerYear).toBeCloseTo(change, 12);
    expect(estimate.trendLevel!.lastPerWeek).toBeCloseTo((1390.5 / 365) * 7, 12);
    expect(estimate.trendLevel!.nextPerWeek).toBeCloseTo((1390.5 / 365) * 7 * (1 + change), 12);
    expect(estimate.trendLevel!.nextPerWeek.toFixed(1)).toBe('23.4');
    expect(estimate.block.inflow.level!.cv).toBe(0.22);
  });

  it('from months: the level from the complete calendar years, their overdispersion counted as noise of the totals', () => {
    const history = syntheticHistory({
      seed: 41,
      granularity: 'month',
      periods: 35,
      perDay: 4,
      levelSigma: 0.03,
      overdispersionCv: 0.1,
      start: '2021-04-01',
    });
    const estimate = estimateUncertainty(history, { trend: false, name: 'm.csv' });
    expect(estimate.level.ok).toBe(true);
    if (!estimate.level.ok || !estimate.overdispersion.ok) throw new Error('expected both estimates');
    // April 2021 to February 2024: 2022 and 2023 are complete.
    const years = completeYears(history);
    expect(years.map((y) => y.year)).toEqual([2022, 2023]);
    expect(estimate.level.value.years.map((y) => y.year)).toEqual(['2022', '2023']);
    const c2 = estimate.overdispersion.value.cvPeriod ** 2;
    const expected = levelForecast(
      years.map((y) => ({
        label: String(y.year),
        count: y.inflow,
        days: y.days,
        excessVariance: c2 * y.sumSquaredShares,
      })),
      false,
    )!;
    expect(estimate.level.value.cv).toBe(expected.cv);
    expect(estimate.level.value.countNoiseVariance).toBeGreaterThan(1 / (years[1]!.inflow + 0.5));
    expect(estimate.block.inflow.overdispersion!.cv).toBe(
      Math.round(estimate.overdispersion.value.cvWeek * 1000) / 1000,
    );
  });

  it('from months within one calendar year: the level cannot be estimated, and says why', () => {
    const history = syntheticHistory({
      seed: 42,
      granularity: 'month',
      periods: 14,
      perDay: 4,
      levelSigma: 0,
      overdispersionCv: 0,
      start: '2022-12-01',
    });
    const estimate = estimateUncertainty(history, { trend: false, name: 'm.csv' });
    expect(estimate.level).toEqual({
      ok: false,
      reason: 'needs the totals of 2 or more complete calendar years; the file covers 1 complete calendar year (2023)',
    });
    expect(estimate.block.inflow.level).toBeUndefined();
  });

  it('changes too large for a factor: no level, and says why', () => {
    const wild: History = {
      granularity: 'year',
      source: null,
      periods: consecutivePeriods('year', dayNumber('2021-01-01')!, 3, (i) => [0, 9e15, 0][i]!),
    };
    const estimate = estimateUncertainty(wild, { trend: false, name: 'wild.csv' });
    expect(estimate.level.ok).toBe(false);
    expect(!estimate.level.ok && estimate.level.reason).toMatch(/too large for a lognormal factor with mean 1/);
    expect(estimate.block).toEqual({
      inflow: {},
      source: 'caseload uncertainty from wild.csv: nothing estimable, 2021 to 2023',
    });
  });
});
