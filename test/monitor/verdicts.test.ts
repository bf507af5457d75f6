import { describe, expect, it } from 'vitest';
import type { Actuals, ActualPeriod } from '../../src/monitor/actuals.js';
import { bandStatus, compareActuals } from '../../src/monitor/compare-actuals.js';
import { conservationBreaks, conservationWarning } from '../../src/monitor/conservation.js';
import type { PlanBands } from '../../src/monitor/plan-bands.js';
import { signedPercent, verdicts } from '../../src/monitor/verdicts.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Quantiles } from '../../src/stats/quantiles.js';

const band = (mean: number, half: number): Quantiles => ({
  mean,
  p5: mean - half,
  p25: mean - half / 2,
  p50: mean,
  p75: mean + half / 2,
  p95: mean + half,
});

function period(i: number, figures: Partial<Record<'inflow' | 'decisions' | 'backlog', number | null>>): ActualPeriod {
  const value = (v: number | null | undefined) => (v === null || v === undefined ? null : { total: v, byLane: {} });
  const month = String(i + 1).padStart(2, '0');
  return {
    line: i + 2,
    from: `2024-${month}-01`,
    to: `2024-${month}-28`,
    label: `2024-${month}`,
    inflow: value(figures.inflow),
    decisions: value(figures.decisions),
    backlog: value(figures.backlog),
  };
}

function actuals(periods: ActualPeriod[]): Actuals {
  return { file: 'a.csv', period: 'month', periods, lanes: { inflow: [], decisions: [], backlog: [] }, source: null };
}

/** Bands of n months: inflow 100 a month (sum band +/-20 sqrt(k)), backlog 1,400 +/- 50. */
function bands(n: number, inflowFrom: number | null = 0): PlanBands {
  return {
    series: [
      { measure: 'inflow', lane: null },
      { measure: 'backlog', lane: null },
    ],
    replications: 1000,
    values: [Array.from({ length: n }, () => band(100, 20)), Array.from({ length: n }, () => band(1400, 50))],
    cumulativeFrom: [inflowFrom, null],
    cumulative: [
      Array.from({ length: n }, (_, p) =>
        inflowFrom === null || p < inflowFrom
          ? null
          : band(100 * (p - inflowFrom + 1), 20 * Math.sqrt(p - inflowFrom + 1)),
      ),
      Array.from({ length: n }, () => null),
    ],
  };
}

describe('compareActuals', () => {
  it('the band includes its P5 and P95', () => {
    expect([16, 17, 33, 34].map((x) => bandStatus(x, { p5: 17, p95: 33 }))).toEqual([
      'below',
      'inside',
      'inside',
      'above',
    ]);
  });

  it('each figure beside its band; the sums of inflow from the first period with it, up to a blank', () => {
    const rows = compareActuals(
      actuals([
        period(0, { inflow: 110, backlog: 1460 }),
        period(1, { inflow: 125 }),
        period(2, { inflow: null, backlog: 1300 }),
        period(3, { inflow: 90 }),
      ]),
      bands(4),
    );
    expect(rows.map((r) => [r.period, r.measure, r.actual, r.status, r.cumulative?.actual ?? null])).toEqual([
      ['2024-01', 'inflow', 110, 'inside', 110],
      ['2024-01', 'backlog', 1460, 'above', null],
      ['2024-02', 'inflow', 125, 'above', 235],
      ['2024-03', 'backlog', 1300, 'below', null],
      ['2024-04', 'inflow', 90, 'inside', null],
    ]);
    const second = rows[2]!.cumulative!;
    expect(second).toMatchObject({ from: '2024-01-01', periods: 2, deviation: 35, status: 'above' });
    expect(second.share).toBeCloseTo(0.175, 12);
  });
});

describe('verdicts', () => {
  const rowsOf = (inflow: (number | null)[], backlog: (number | null)[] = []) =>
    compareActuals(
      actuals(inflow.map((x, i) => period(i, { inflow: x, backlog: backlog[i] ?? null }))),
      bands(inflow.length),
    );

  it('above the band of the sum: how long the inflow has run above plan, by how much, since when above the P95', () => {
    const [inflow] = verdicts(rowsOf([95, 110, 125, 130]), 'month');
    expect(inflow).toMatchObject({
      measure: 'inflow',
      period: '2024-04',
      status: 'above',
      outsideSince: '2024-04',
      run: { direction: 'above', from: '2024-02', periods: 3, deviation: 65 },
    });
    expect(inflow!.run!.share!).toBeCloseTo(65 / 300, 12);
    expect(inflow!.text).toBe(
      "inflow has run above plan for 3 months: +22% (cumulative +60 cases, +15%, above the plan's P95 since 2024-04)",
    );
  });

  it('below: the same words the other way; one period is a month, not months', () => {
    const [inflow] = verdicts(rowsOf([70]), 'month');
    expect(inflow!.text).toBe(
      "inflow has run below plan for 1 month: -30% (cumulative -30 cases, -30%, below the plan's P5 since 2024-01)",
    );
  });

  it('inside: the sum with its band, and a run that does not cover every period', () => {
    const [inflow] = verdicts(rowsOf([90, 95, 104, 103]), 'month');
    expect(inflow!.status).toBe('inside');
    expect(inflow!.outsideSince).toBeNull();
    // Below plan in every month: the run covers them all, and the sum says it.
    expect(inflow!.run).toMatchObject({ direction: 'below', periods: 4 });
    expect(inflow!.text).toBe(
      "inflow is inside the plan's band: cumulative -8 cases (-2.0%) over 4 months from 2024-01, where the plan's P5 to P95 is -40 to +40",
    );
    const [rising] = verdicts(rowsOf([90, 95, 110, 110]), 'month');
    expect(rising!.text).toBe(
      "inflow is inside the plan's band: cumulative +5 cases (+1.3%) over 4 months from 2024-01, where the plan's P5 to P95 is -40 to +40; above plan for the last 1 month (+10%)",
    );
    const [exact] = verdicts(rowsOf([100, 100]), 'month');
    expect(exact!.run).toBeNull();
    expect(exact!.text).toBe('inflow is on plan: cumulative 0 cases over 2 months from 2024-01');
  });

  it('the backlog: its last figure against its band, and since when it is outside', () => {
    const verdict = (backlog: number[]) =>
      verdicts(
        rowsOf(
          backlog.map(() => 100),
          backlog,
        ),
        'month',
      ).find((v) => v.measure === 'backlog')!;
    expect(verdict([1400, 1460, 1470]).text).toBe(
      "the backlog is above the plan's band: 1,470 open at the end of 2024-03 against the plan's P50 1,400 (P5 to P95: 1,350 to 1,450), above it since 2024-02 (2 months)",
    );
    expect(verdict([1400, 1300]).text).toBe(
      "the backlog is below the plan's band: 1,300 open at the end of 2024-02 against the plan's P50 1,400 (P5 to P95: 1,350 to 1,450), first below it in 2024-02",
    );
    expect(verdict([1460, 1400]).status).toBe('inside');
  });

  it('a measure without figures has no verdict', () => {
    expect(verdicts(rowsOf([100]), 'month').map((v) => v.measure)).toEqual(['inflow']);
  });

  it('shares with their sign: whole percents from 10%, one decimal below', () => {
    expect([0.18, -0.048, 0.0996, 0.0004, -0.1].map(signedPercent)).toEqual(['+18%', '-4.8%', '+10%', '0%', '-10%']);
  });
});

describe('conservation of the actuals', () => {
  const initial = { total: 1440, byLane: { regular: 1300, incomplete: 140 } };

  it('a break beyond max(1, 0.5% of the backlog before) per period; the first against the initial backlog', () => {
    const a = actuals([
      { ...period(0, { inflow: 25, decisions: 30, backlog: 1425 }), from: '2024-01-01' },
      period(1, { inflow: 25, decisions: 30, backlog: 1427 }),
      period(2, { inflow: 25, decisions: 30, backlog: 1415 }),
      period(3, { inflow: 25, decisions: null, backlog: 1300 }),
    ]);
    const breaks = conservationBreaks(a, initial, '2024-01-01', { lanes: true });
    // 2024-02 and 2024-03 are off by 7 cases, within 0.5% of about 1,420; 2024-04 has no decisions.
    expect(breaks.map((b) => [b.period, b.before, b.beforeFrom, b.break, b.tolerance])).toEqual([
      ['2024-01', 1440, 'scenario', -10, 7.2],
    ]);
    expect(formatIssue(conservationWarning('a.csv', breaks[0]!))).toBe(
      "a.csv:2: backlog: breaks conservation by -10 cases in 2024-01: 1,425 open, but 1,440 (the scenario's initial backlog) + inflow 25 - decisions 30 = 1,435 (a difference within 7.2 cases (0.5% of the backlog before, at least 1); the figures are compared as given, nothing is corrected)",
    );
  });

  it('a first period after the start is not checked; small backlogs have a tolerance of one case', () => {
    const a = actuals([
      period(2, { inflow: 3, decisions: 3, backlog: 10 }),
      period(3, { inflow: 2, decisions: 1, backlog: 13 }),
    ]);
    expect(
      conservationBreaks(a, initial, '2024-01-01', { lanes: false }).map((b) => [b.period, b.break, b.tolerance]),
    ).toEqual([['2024-04', 2, 1]]);
  });

  it('per lane, where the lane has all three figures, unless cases move between lanes', () => {
    const lane = (
      inflow: number,
      decisions: number,
      backlog: number,
      regular: [number, number, number],
    ): ActualPeriod => ({
      ...period(0, {}),
      from: '2024-01-01',
      inflow: { total: inflow, byLane: { regular: regular[0] } },
      decisions: { total: decisions, byLane: { regular: regular[1] } },
      backlog: { total: backlog, byLane: { regular: regular[2] } },
    });
    const a: Actuals = {
      ...actuals([lane(25, 30, 1435, [20, 25, 1285])]),
      lanes: { inflow: ['regular'], decisions: ['regular'], backlog: ['regular'] },
    };
    expect(conservationBreaks(a, initial, '2024-01-01', { lanes: true }).map((b) => [b.lane, b.break])).toEqual([
      ['regular', -10],
    ]);
    expect(conservationBreaks(a, initial, '2024-01-01', { lanes: false })).toEqual([]);
    expect(
      formatIssue(conservationWarning('a.csv', conservationBreaks(a, initial, '2024-01-01', { lanes: true })[0]!)),
    ).toMatch(/^a\.csv:2: backlog:regular: breaks conservation by -10 cases in 2024-01/);
  });
});
