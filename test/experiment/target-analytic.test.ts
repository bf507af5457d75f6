import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { analyticRelief } from '../../src/experiment/analytic-relief.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';

async function scenarioOf(file: string): Promise<Scenario> {
  const loaded = await loadScenario(file);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value.scenario;
}

describe('analyticRelief', () => {
  it('is (current backlog - target) / weeks until the date + mean inflow: 31.54 a week for the baseline', async () => {
    const relief = analyticRelief(await scenarioOf('scenarios/baseline-2024.yaml'), 1100, 51, 0.9);
    expect(relief).toMatchObject({
      startBacklog: 1440,
      targetBacklog: 1100,
      weeks: 52,
      meanInflowPerWeek: 25,
    });
    expect(relief.perWeek).toBeCloseTo((1440 - 1100) / 52 + 25, 12);
    // In FTE by the baseline's conversion: 13.22 h a decision on the inflow's mix, 36 h x 60% an FTE.
    expect(relief.fte).toMatchObject({ hoursPerFteWeek: 36, productiveShare: 0.6, calendarFactor: 1 });
    expect(relief.fte!.meanHoursPerDecision).toBeCloseTo(13.22, 12);
    expect(relief.fte!.value).toBeCloseTo((relief.perWeek * 13.22) / 21.6, 10);
    // Without a conversion or staff, none.
    expect(analyticRelief(await scenarioOf('scenarios/bench-reference.yaml'), 1100, 51, 0.9).fte).toBeNull();
    expect(relief.perWeek).toBeCloseTo(31.538461538, 8);
    // Poisson inflow over 52 weeks has variance 52 x 25 = 1,300.
    expect(relief.withInflowVariability).toBeCloseTo(relief.perWeek + (probit(0.9) * Math.sqrt(1300)) / 52, 12);
  });

  it('uses the weeks up to the target date only, and the mean of a weekly inflow over them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-target-'));
    const file = join(dir, 'weekly.yaml');
    const means = Array.from({ length: 52 }, (_, t) => (t < 13 ? 20 : 40));
    await writeFile(
      file,
      `extends: ${resolve('scenarios/baseline-2024.yaml')}\ninflow:\n  weeklyMeans: [${means.join(', ')}]\n`,
    );
    const relief = analyticRelief(await scenarioOf(file), 1000, 25, 0.5);
    expect(relief.weeks).toBe(26);
    expect(relief.meanInflowPerWeek).toBeCloseTo((13 * 20 + 13 * 40) / 26, 12);
    expect(relief.perWeek).toBeCloseTo(440 / 26 + 30, 12);
    expect(relief.withInflowVariability).toBeCloseTo(relief.perWeek, 12); // probit(0.5) = 0
  });

  it('gives FTE for a staff pool: hours of the inflow-weighted mean decision over productive FTE hours, calendar included', async () => {
    const relief = analyticRelief(await scenarioOf('scenarios/shared-staff.yaml'), 1800, 51, 0.9);
    expect(relief.startBacklog).toBe(2340);
    expect(relief.meanInflowPerWeek).toBeCloseTo(250, 9);
    const perWeek = (2340 - 1800) / 52 + 250;
    expect(relief.perWeek).toBeCloseTo(perWeek, 9);
    const hours = 0.014 * 2 + 0.003 * 6 + 0.01 * 8 + 0.073 * 16 + 0.9 * 12; // 12.094 h per decision
    const calendar = (48 + 4 * 0.7) / 52; // four whole summer weeks at 70%
    expect(relief.fte).not.toBeNull();
    expect(relief.fte!.meanHoursPerDecision).toBeCloseTo(hours, 9);
    expect(relief.fte!.calendarFactor).toBeCloseTo(calendar, 12);
    expect(relief.fte!.hoursPerFteWeek).toBe(36);
    expect(relief.fte!.productiveShare).toBe(0.6);
    expect(relief.fte!.value).toBeCloseTo((perWeek * hours) / (36 * 0.6 * calendar), 9);
  });
});
