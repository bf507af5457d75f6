import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareOptions } from '../../src/experiment/compare-options.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { cli, uncostedPlan } from '../cli/helpers.js';

/**
 * The 2024 plan (1,600 decisions a year) without a cost, with one FTE of its
 * own on triage that costs 85,000 a year: the option of issue 14, written
 * here so that the test does not depend on the shipped files. Returns the
 * option's path.
 */
/** The 2024 plan without a cost (the shipped one has a conversion to staff). */
const PLAN = await uncostedPlan();

async function triageFte(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-cost-'));
  const file = join(dir, 'triage-fte.yaml');
  await writeFile(
    file,
    [
      `extends: ${PLAN}`,
      'name: One triage FTE',
      'lanes:',
      '  incomplete:',
      '    hoursPerDecision: 4',
      '    capacity:',
      '      staff: { fte: 1, hoursPerFteWeek: 36, productiveShare: 0.6, costPerFteYear: 85000 }',
      '',
    ].join('\n'),
  );
  return file;
}

async function load(file: string, replications = 300): Promise<Scenario> {
  const loaded = await loadScenario(file, { replications, seed: 5 });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value.scenario;
}

describe('the cost of what is costed', () => {
  it('divides the cost by the decisions of the pools with a cost, not by every decision of the plan', async () => {
    const { summary } = await runScenario(await load(await triageFte()));
    const [shared, own] = summary.capacity.pools;
    expect(shared).toMatchObject({ pool: 'shared', unit: 'decisions', cost: null, fte: null });
    expect(own).toMatchObject({ pool: 'incomplete', unit: 'hours', cost: 85_000, fte: 1, unitsPerDecision: 4 });
    // The pools' decisions are all the decisions; the FTE decides fewer than a year of its hours allows.
    expect(shared!.decisions + own!.decisions).toBeCloseTo(summary.decisions.total, 9);
    expect(own!.decisions).toBeGreaterThan(100);
    expect(own!.decisions).toBeLessThanOrEqual(own!.realised / 4 + 1e-9);
    expect(summary.capacity.cost).toEqual({
      total: 85_000,
      decisions: own!.decisions,
      perDecision: 85_000 / own!.decisions,
      uncosted: ['shared'],
      uncostedDecisions: shared!.decisions,
    });
    // The staff figure is the same: not 85,000 over all 1,770 decisions (about 48).
    expect(summary.staff!.costPerDecision).toBeCloseTo(85_000 / own!.decisions, 9);
    expect(summary.staff!.costPerDecision).toBeGreaterThan(300);
  });

  it('prices an extra decision against the base: the extra cost over the extra decisions', async () => {
    const [base, option] = await compareOptions(
      [
        { label: 'plan', scenario: await load(PLAN) },
        { label: 'fte', scenario: await load(await triageFte()) },
      ],
      { seed: 5, replications: 300 },
    );
    expect(base!.marginal).toBeNull();
    const extra = option!.summary.decisions.total - base!.summary.decisions.total;
    expect(extra).toBeGreaterThan(100);
    expect(option!.marginal).toEqual({
      extraDecisions: extra,
      extraCost: 85_000,
      perExtraDecision: 85_000 / extra,
      uncostedDiffers: false,
    });
  });

  it('says plainly which capacity has no cost, in run and compare', async () => {
    const file = await triageFte();
    const run = await cli('run', file, '--reps', '100', '--quiet');
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toMatch(
      /Cost: 85,000 over the horizon for the [\d,]+ decisions of the pools with a cost, [\d,]+ per decision; the shared capacity \([\d,]+ decisions\) has no cost in the scenario/,
    );
    const compare = await cli('compare', PLAN, file, '--reps', '100', '--quiet');
    expect(compare.code).toBe(0);
    const text = compare.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /One triage FTE: the cost is that of incomplete's own capacity \([\d,]+ decisions, [\d,]+ each\); the shared capacity \([\d,]+ decisions\) has no cost in the scenario/,
    );
    expect(text).toMatch(/One triage FTE \+[\d,]+ \+85,000 [\d,]+/);
    expect(text).toContain('No capacity with a cost: Plan 2024 (base).');
  });

  it('--json of compare gives the extra cost per extra decision of each option', async () => {
    const fteFile = await triageFte();
    // The FTE and, besides, 30 decisions a week instead of 1,600 a year: capacity without a cost that differs from the base's.
    const dir = await mkdtemp(join(tmpdir(), 'caseload-cost-'));
    const thirty = join(dir, '30-per-week.yaml');
    await writeFile(thirty, `extends: ${PLAN}\nname: 30 a week\ncapacity:\n  perWeek: 30\n`);
    const alsoThirty = join(dir, 'fte-and-30.yaml');
    await writeFile(alsoThirty, `extends: ${fteFile}\nname: FTE and 30 a week\ncapacity:\n  perWeek: 30\n`);
    const { stdout } = await cli('compare', PLAN, fteFile, thirty, alsoThirty, '--reps', '100', '--json', '--quiet');
    const json = JSON.parse(stdout);
    // No marginal cost for the base, nor for an option where neither it nor the base has a cost.
    expect(json.options.map((o: { marginal: unknown }) => o.marginal === null)).toEqual([true, false, true, false]);
    const fte = json.options[1];
    expect(fte.capacity).toBe('1,600 decisions a year + incomplete: 1 FTE (21.6 h a week)');
    expect(fte.marginal.perExtraDecision).toBeCloseTo(85_000 / fte.marginal.extraDecisions, 9);
    expect(fte.marginal.uncostedDiffers).toBe(false);
    expect(json.options[3].marginal).toMatchObject({ extraCost: 85_000, uncostedDiffers: true });
    const text = await cli('compare', PLAN, alsoThirty, '--reps', '100', '--quiet');
    expect(text.stdout.replace(/\s+/g, ' ')).toContain(
      "FTE and 30 a week: the capacity without a cost differs from the base's; what that difference costs is not in the extra cost.",
    );
  });
});

describe('realised capacity beside planned', () => {
  it('the holidays cost capacity: planned 1,600 as written, realised less, and the run decides what it had', async () => {
    const { summary } = await runScenario(await load('scenarios/baseline-2024-holidays.yaml'), { deterministic: true });
    const [shared] = summary.capacity.pools;
    expect(shared!.planned).toBe(1600);
    expect(shared!.realised).toBeLessThan(1590);
    expect(shared!.realised).toBeGreaterThan(1400);
    // The plan's capacity is never idle: it decides all it had.
    expect(shared!.decisions).toBeCloseTo(shared!.realised, 6);
    expect(summary.capacity.total).toEqual({ unit: 'decisions', planned: 1600, realised: shared!.realised });
  });

  it('staff: planned is paid FTE x hours x productive share without ramp-up; realised has the ramp-up and the calendar', async () => {
    const { summary } = await runScenario(await load('scenarios/shared-staff-hire.yaml'), { deterministic: true });
    const pool = summary.capacity.pools[0]!;
    // 143 FTE for 13 weeks, 151 after, less 1.5 FTE a quarter from the start; 36 h x 0.6.
    let paid = 0;
    for (let t = 0; t < 52; t++) paid += (t < 13 ? 143 : 151) - (1.5 * t) / 13;
    expect(pool.planned).toBeCloseTo(paid * 36 * 0.6, 6);
    expect(pool.realised).toBeLessThan(pool.planned! - 1000);
    expect(pool.fte).toBeCloseTo(paid / 52, 9);
    expect(pool.cost).toBeCloseTo((paid * 85_000) / 52, 6);
  });

  it('capacity that follows the inflow has no planned amount, only a realised one', async () => {
    const { summary } = await runScenario(await load('scenarios/options-2024/capacity-follows-inflow.yaml', 50));
    expect(summary.capacity.pools[0]).toMatchObject({ planned: null });
    expect(summary.capacity.total.planned).toBeNull();
    expect(summary.capacity.pools[0]!.realised).toBeGreaterThan(0);
  });

  it('run, compare and the report print realised beside planned', async () => {
    const run = await cli('run', 'scenarios/baseline-2024-holidays.yaml', '--deterministic', '--quiet');
    const row = run.stdout.match(/\n {2}shared\s+decisions\s+1,600\s+([\d,]+)\s+([\d,]+)\s/);
    expect(row, run.stdout).not.toBeNull();
    const realised = Number(row![1]!.replace(/,/g, ''));
    expect(realised).toBeLessThan(1600);
    expect(run.stdout).toMatch(new RegExp(`\\n {2}all\\s+[\\d,]+\\s+${row![2]}\\s`));
    const compare = await cli(
      'compare',
      'scenarios/baseline-2024.yaml',
      'scenarios/baseline-2024-holidays.yaml',
      '--reps',
      '50',
      '--no-uncertainty',
      '--quiet',
    );
    expect(compare.stdout).toMatch(/\n {2}Baseline 2024 with holidays\s+1,600\s+1,5\d\d\s+1,5\d\d\s/);
  });
});
