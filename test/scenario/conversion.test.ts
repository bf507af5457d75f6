import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateDeterministic } from '../../src/engine/simulate.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { summarize } from '../../src/run/summary.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { compile, loadScenario, resolveScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { cli } from '../cli/helpers.js';

/**
 * capacity.conversion: the staff a plan counted in decisions (or hours)
 * takes, so that its FTE and cost are reported like a staff pool's and
 * `target --lever fte` works on it.
 */

/** Two lanes, 4 and 16 hours a decision, shares 0.25 and 0.75: 13 hours a decision on the inflow's mix. */
function scenario(capacity: unknown, extra: Record<string, unknown> = {}): Scenario {
  const checked = resolveScenario(
    {
      start: '2024-01-01',
      horizonWeeks: 4,
      replications: 20,
      inflow: { meanPerWeek: 20 },
      capacity,
      lanes: {
        quick: { share: 0.25, grantRate: 0, hoursPerDecision: 4 },
        full: { share: 0.75, grantRate: 0.5, hoursPerDecision: 16 },
      },
      initialBacklog: { lanes: { full: 500 } },
      ...extra,
    },
    'test.yaml',
  );
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('\n'));
  return checked.value;
}

const CONVERSION = { hoursPerFteWeek: 40, productiveShare: 0.5, costPerFteYear: 52000 };

describe('capacity.conversion', () => {
  it('pays planned decisions x the inflow-weighted hours of a decision / productive hours of an FTE, holidays included', () => {
    const s = scenario(
      { perWeek: { '2024-01-01': 20, '2024-01-15': 40 }, conversion: CONVERSION },
      { calendar: [{ from: '2024-01-08', to: '2024-01-14', scale: 0 }] },
    );
    expect(s.capacity.conversion).toEqual(CONVERSION);
    const plan = compile(s);
    const pool = plan.pools[0]!;
    // 0.25 x 4 + 0.75 x 16 = 13 hours a decision; an FTE gives 40 x 0.5 = 20 hours: 0.65 FTE a decision a week.
    expect(pool.staffHoursPerUnit).toBe(13);
    expect(Array.from(pool.paidFte!)).toEqual([13, 13, 26, 26]);
    expect(pool.costPerFteYear).toBe(52000);
    // The week off (week 1) has no capacity but is paid.
    expect(Array.from(pool.quota!)).toEqual([20, 0, 40, 40]);
    const expected = simulateDeterministic(plan);
    const summary = summarize(s, plan, expected, expected);
    expect(summary.staff).toEqual({
      fte: (13 + 13 + 26 + 26) / 4,
      // Productive hours: the decisions the capacity allows, at 13 hours each.
      hoursPerWeek: ((20 + 0 + 40 + 40) * 13) / 4,
      // Paid FTE-weeks x cost a year / 52.
      cost: ((13 + 13 + 26 + 26) * 52000) / 52,
      costPerDecision: ((13 + 13 + 26 + 26) * 1000) / summary.decisions.total,
    });
  });

  it('defaults: 36 hours a week, all of them productive, no cost', () => {
    const s = scenario({ perYear: 1040, conversion: {} });
    expect(s.capacity.conversion).toEqual({ hoursPerFteWeek: 36, productiveShare: 1, costPerFteYear: null });
    const plan = compile(s);
    // 20 decisions a week x 13 hours / 36 hours.
    for (const paid of plan.pools[0]!.paidFte!) expect(paid).toBeCloseTo((20 * 13) / 36, 12);
    const expected = simulateDeterministic(plan);
    expect(summarize(s, plan, expected, expected).staff?.cost).toBeNull();
  });

  it("a pool counted in hours takes 1 hour a unit; a dedicated pool its own lane's hours", () => {
    const hours = compile(scenario({ unit: 'hours', perWeek: 400, conversion: CONVERSION }));
    expect(hours.pools[0]!.staffHoursPerUnit).toBe(1);
    expect(Array.from(hours.pools[0]!.paidFte!)).toEqual([20, 20, 20, 20]);
    const s = scenario(
      { perWeek: 10 },
      {
        lanes: {
          quick: {
            share: 0.25,
            grantRate: 0,
            hoursPerDecision: 4,
            capacity: { perWeek: 5, conversion: CONVERSION },
          },
          full: { share: 0.75, grantRate: 0.5 },
        },
      },
    );
    const plan = compile(s);
    // The shared pool has no conversion: no staff figures; the quick lane's pool: 5 x 4 / 20 = 1 FTE.
    expect(plan.pools[0]!.paidFte).toBeNull();
    expect(plan.pools[1]!.staffHoursPerUnit).toBe(4);
    expect(Array.from(plan.pools[1]!.paidFte!)).toEqual([1, 1, 1, 1]);
  });

  it('inflowPlusMargin: the FTE of the capacity it plans at the mean inflow', () => {
    const plan = compile(scenario({ inflowPlusMargin: { margin: 0.5, min: 0, max: 100 }, conversion: CONVERSION }));
    // (1 + 0.5) x 20 = 30 decisions a week x 13 / 20.
    for (const paid of plan.pools[0]!.paidFte!) expect(paid).toBeCloseTo(19.5, 12);
  });

  it('the rules: not beside staff; on a pool in decisions, every lane it serves has hoursPerDecision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-conversion-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      [
        'start: 2024-01-01',
        'horizonWeeks: 4',
        'inflow: { meanPerWeek: 20 }',
        'capacity:',
        '  perWeek: 20',
        '  conversion: { hoursPerFteWeek: 36 }',
        'lanes:',
        '  quick: { share: 0.25, grantRate: 0, hoursPerDecision: 4 }',
        '  full:',
        '    share: 0.75',
        '    grantRate: 0.5',
        '    capacity:',
        '      staff: { fte: 2 }',
        '      conversion: { costPerFteYear: 1 }',
      ].join('\n'),
    );
    const loaded = await loadScenario(file);
    expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([
      // One message for the lane, whose own pool needs the hours anyway.
      `${file}:10:5: lanes.full.hoursPerDecision: is missing; it is needed because this lane's capacity counts hours (a number > 0)`,
      `${file}:14:7: lanes.full.capacity.conversion: does not go with staff: a staff pool states its FTE, hours and cost itself (conversion beside perWeek, perYear or inflowPlusMargin; with staff, its hoursPerFteWeek, productiveShare and costPerFteYear)`,
    ]);
  });

  it('a file that extends a plan with a conversion and sets staff drops the conversion; perWeek keeps it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-conversion-'));
    const staff = join(dir, 'staff.yaml');
    await writeFile(
      staff,
      `extends: ${process.cwd()}/scenarios/baseline-2024.yaml\ncapacity: { unit: hours, staff: { fte: 20, productiveShare: 0.6 } }\n`,
    );
    const loaded = await loadScenario(staff);
    expect(loaded.ok ? loaded.value.scenario.capacity.conversion : loaded.issues.map(formatIssue)).toBeUndefined();
    const perWeek = await loadScenario('scenarios/options-2024/30-per-week.yaml');
    expect(perWeek.ok && perWeek.value.scenario.capacity.conversion).toEqual({
      hoursPerFteWeek: 36,
      productiveShare: 0.6,
      costPerFteYear: 85000,
    });
  });
});

describe('the plan, 30 and 40 a week are costed', () => {
  // The baseline's conversion (all assumptions): 0.14 x 4 + 0.03 x 6 + 0.10 x 8 + 0.73 x 16 = 13.22 hours a
  // decision, 36 h x 60% = 21.6 productive hours an FTE, 85,000 an FTE-year.
  const fte = (decisionsPerWeek: number) => (decisionsPerWeek * 13.22) / 21.6;

  it.each([
    ['scenarios/options-2024/plan-2024.yaml', 1600 / 52],
    ['scenarios/options-2024/30-per-week.yaml', 30],
    ['scenarios/options-2024/40-per-week.yaml', 40],
  ])('%s: FTE and cost of its decisions', async (file, perWeek) => {
    const loaded = await loadScenario(file, { replications: 20 });
    if (!loaded.ok) throw new Error('does not load');
    const { summary } = await runScenario(loaded.value.scenario, { workers: 1 });
    expect(summary.staff!.fte).toBeCloseTo(fte(perWeek), 9);
    expect(summary.staff!.cost!).toBeCloseTo(fte(perWeek) * 85000, 4);
  });

  it('compare shows their FTE and cost', async () => {
    const { code, stdout } = await cli(
      'compare',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/30-per-week.yaml',
      'scenarios/options-2024/40-per-week.yaml',
      '--reps',
      '20',
      '--workers',
      '1',
      '--quiet',
    );
    expect(code).toBe(0);
    // The rows of the table of capacity, decisions, FTE and cost.
    const table = stdout.slice(stdout.indexOf('Capacity over the 52 weeks'));
    const row = (name: string) => table.split('\n').find((line) => line.trimStart().startsWith(name))!;
    expect(row('Plan 2024')).toMatch(/ 18\.8 .* 1,600,712 /);
    expect(row('30 a week')).toMatch(/ 18\.4 .* 1,560,694 /);
    expect(row('40 a week')).toMatch(/ 24\.5 .* 2,080,926 /);
  });
});
