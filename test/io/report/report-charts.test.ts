import { describe, expect, it } from 'vitest';
import { reportCharts } from '../../../src/io/report/report-charts.js';
import { runScenario } from '../../../src/run/run-scenario.js';
import { loadScenario } from '../../../src/scenario/index.js';

async function run(file: string, deterministic: boolean, replications = 100) {
  const loaded = await loadScenario(file, { replications });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const result = await runScenario(loaded.value.scenario, { deterministic });
  return { ...result, charts: reportCharts(result.summary, result.weekly, result.plan, result.tally) };
}

describe('reportCharts', () => {
  it('on the deterministic baseline: the fan collapses onto the exact path, from 1,440 to 1,140', async () => {
    const { charts } = await run('scenarios/baseline-2024.yaml', true);
    const fan = charts.fan;
    expect(fan.dates).toHaveLength(53);
    expect(fan.dates[0]).toBe('2024-01-01');
    expect(fan.dates[52]).toBe('2024-12-29');
    expect(fan.p50[0]).toBe(1440);
    expect(fan.deterministic[52]).toBeCloseTo(1140, 9);
    for (const key of ['p5', 'p25', 'p75', 'p95'] as const) expect(fan[key]).toEqual(fan.p50);
    expect(fan.target).toMatchObject({ backlog: 1100, date: '2024-12-31' });
    // 1,600 a year in whole decisions a week (30 or 31), never idle: decisions equal the capacity every week.
    expect(charts.decisions.capacity.reduce((sum, c) => sum + c, 0)).toBeCloseTo(1600, 9);
    for (let t = 0; t < 52; t++) {
      expect([30, 31]).toContain(charts.decisions.capacity[t]);
      expect(charts.decisions.decisions[t]).toBeCloseTo(charts.decisions.capacity[t]!, 9);
    }
    expect(charts.decisions.capacityInHours).toBe(false);
  });

  it('stacks lanes that add up to the total, and lead-time bins that add up to the decisions', async () => {
    const { charts, summary } = await run('scenarios/baseline-2024.yaml', false, 200);
    expect(charts.lanes.lanes.map((l) => l.name)).toEqual(['incomplete', 'hearing-free', 'safe-country', 'regular']);
    const weekly = await run('scenarios/baseline-2024.yaml', false, 200);
    const totals = weekly.weekly.filter((row) => row.lane === 'total');
    for (let t = 0; t < 52; t++) {
      const stacked = charts.lanes.lanes.reduce((sum, lane) => sum + lane.values[t + 1]!, 0);
      expect(stacked).toBeCloseTo(totals[t]!.mean, 6);
    }
    for (const lane of charts.leadTime.lanes) {
      const decided = lane.decidedByWeeks.reduce((sum, count) => sum + count, 0);
      expect(decided).toBeCloseTo(summary.leadTimeDays.byLane[lane.name]!.decided, 6);
      expect(lane.decidedByWeeks.at(-1)).toBeGreaterThan(0);
      expect(lane.p50Days).toBe(summary.leadTimeDays.byLane[lane.name]!.p50);
    }
    // The median of the replications lies inside both bands at every point.
    const fan = charts.fan;
    fan.p50.forEach((median, i) => {
      expect(fan.p5[i]).toBeLessThanOrEqual(fan.p25[i]!);
      expect(fan.p25[i]).toBeLessThanOrEqual(median);
      expect(median).toBeLessThanOrEqual(fan.p75[i]!);
      expect(fan.p75[i]).toBeLessThanOrEqual(fan.p95[i]!);
    });
  });

  it('takes the variance shares and the tornado from the explained uncertainty block, and none without one', async () => {
    const { charts, summary } = await run('scenarios/baseline-2024.yaml', false, 100);
    const u = summary.uncertainty!;
    expect(charts.variance!.shares.map((s) => s.label)).toEqual(u.variance.shares.map((s) => s.label));
    expect(charts.variance!.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 9);
    expect(charts.variance!.total).toBe(u.variance.total);
    const tornado = charts.tornado!;
    expect(tornado.base).toBe(u.sensitivity.base.endBacklogMean);
    expect(tornado.rows).toEqual(
      u.sensitivity.rows.map((row) => ({
        label: row.label,
        p10: { value: row.p10.value, endBacklog: row.p10.endBacklogMean },
        p90: { value: row.p90.value, endBacklog: row.p90.endBacklogMean },
      })),
    );
    expect(tornado.target).toEqual({ backlog: 1100, date: '2024-12-31' });
    expect(charts.fan.target!.interval).toEqual(summary.target!.interval);
    const bench = await run('scenarios/bench-reference.yaml', false, 50);
    expect(bench.charts.variance).toBeNull();
    expect(bench.charts.tornado).toBeNull();
    const deterministic = await run('scenarios/baseline-2024.yaml', true);
    expect(deterministic.charts.fan.target!.interval).toBeNull();
    expect(deterministic.charts.tornado).toBeNull();
  });

  it('turns a staff pool in hours into decisions by the hours per decision', async () => {
    const { charts } = await run('scenarios/options-2024/extra-triage-fte.yaml', true);
    const plan = await run('scenarios/options-2024/plan-2024.yaml', true);
    // 1,600 a year in decisions, plus 1 FTE x 36 h x 0.6 = 21.6 h a week (21 or 22 whole hours) at 4 h per triage decision.
    const extra = charts.decisions.capacity.map((c, t) => c - plan.charts.decisions.capacity[t]!);
    for (const decisions of extra) expect([21 / 4, 22 / 4]).toContain(decisions);
    expect(extra.reduce((sum, d) => sum + d, 0)).toBeCloseTo((21.6 * 52) / 4, 0);
    expect(charts.decisions.capacityInHours).toBe(true);
  });

  it('an hours pool used to the full shows decisions equal to capacity every week, whatever the mix of work', async () => {
    // Shared staff: one pool in hours, lanes of 2 to 16 hours a decision, always more work than hours.
    const { charts } = await run('scenarios/shared-staff.yaml', true);
    const { decisions, capacity } = charts.decisions;
    expect(new Set(capacity.map((c) => Math.round(c))).size).toBeGreaterThan(3); // the mix changes the capacity in decisions
    capacity.forEach((c, t) => {
      expect(decisions[t]).toBeCloseTo(c, 6);
    });
  });
});
