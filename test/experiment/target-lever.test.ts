import { describe, expect, it } from 'vitest';
import { resolveLever } from '../../src/experiment/resolve-lever.js';
import type { Lever } from '../../src/experiment/resolve-lever.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { compile, loadScenario, scenarioDocument } from '../../src/scenario/index.js';

/** resolveLever on a shipped scenario: the lever, or the formatted issues. */
async function lever(file: string, name: string): Promise<Lever | string[]> {
  const loaded = await loadScenario(file);
  const document = await scenarioDocument(file);
  if (!loaded.ok || !document.ok) throw new Error('a shipped scenario failed to load');
  const resolved = resolveLever(name, loaded.value.scenario, document.value);
  return resolved.ok ? resolved.value : resolved.issues.map(formatIssue);
}

const BASELINE = 'scenarios/baseline-2024.yaml';

describe('resolveLever', () => {
  it('perWeek: capacity.perWeek in decisions, from the current capacity (perYear / 52), replacing the policy', async () => {
    const perWeek = (await lever(BASELINE, 'perWeek')) as Lever;
    expect(perWeek).toMatchObject({
      field: 'capacity.perWeek',
      kind: 'perWeek',
      unit: 'decisions/week',
      minimum: 0,
      maximum: Infinity,
    });
    expect(perWeek.current).toBeCloseTo(1600 / 52, 12);
    expect(perWeek.settings(33).map((s) => [s.path, s.value])).toEqual([
      ['capacity.perWeek', 33],
      ['capacity.unit', 'decisions'],
    ]);
    // On a staff scenario it replaces the staff pool; the scenario still loads, counted in decisions.
    const staff = (await lever('scenarios/shared-staff.yaml', 'perWeek')) as Lever;
    expect(staff.current).toBeNull();
    const loaded = await loadScenario('scenarios/shared-staff.yaml', { set: staff.settings(260) });
    expect(loaded.ok && loaded.value.scenario.capacity).toEqual({
      unit: 'decisions',
      policy: { kind: 'perWeek', perWeek: 260 },
    });
  });

  it('fte: capacity.staff.fte of a staff pool; a capacity without staff or a conversion is an error naming the parameter lever', async () => {
    expect(await lever('scenarios/shared-staff.yaml', 'fte')).toMatchObject({
      field: 'capacity.staff.fte',
      kind: 'fte',
      unit: 'FTE',
      current: 143,
      conversion: null,
    });
    const issues = (await lever('scenarios/backtest-2023.yaml', 'fte')) as string[];
    expect(issues).toEqual([
      "lever: fte needs a scenario whose capacity is a staff pool (capacity.staff) or has a conversion to staff (capacity.conversion), but this one's capacity is perYear without a conversion (perWeek, or a scenario with capacity.staff or capacity.conversion)",
    ]);
  });

  it("fte on a plan in decisions with a conversion: capacity.perWeek at the conversion's decisions per FTE", async () => {
    // The baseline: 36 h x 60% = 21.6 productive hours an FTE; 0.14 x 4 + 0.03 x 6 + 0.10 x 8 + 0.73 x 16 = 13.22 h a decision.
    const fte = (await lever(BASELINE, 'fte')) as Lever;
    expect(fte).toMatchObject({ field: 'capacity.perWeek', kind: 'fte', unit: 'FTE', minimum: 0 });
    expect(fte.conversion!.unit).toBe('decisions');
    expect(fte.conversion!.hoursPerUnit).toBeCloseTo(13.22, 12);
    expect(fte.conversion!.unitsPerFte).toBeCloseTo(21.6 / 13.22, 12);
    expect(fte.current).toBeCloseTo(((1600 / 52) * 13.22) / 21.6, 10);
    const settings = fte.settings(25);
    expect(settings.map((s) => s.path)).toEqual(['capacity.perWeek', 'capacity.unit']);
    expect(settings[0]!.value as number).toBeCloseTo((25 * 21.6) / 13.22, 10);
    // The scenario at 25 FTE pays exactly 25 FTE every week, and keeps its conversion.
    const at = await loadScenario(BASELINE, { set: settings });
    expect(at.ok).toBe(true);
    if (!at.ok) return;
    const plan = compile(at.value.scenario);
    for (const paid of plan.pools[0]!.paidFte!) expect(paid).toBeCloseTo(25, 10);
    // A plan that follows the inflow: its FTE at the mean inflow, (1 + 10%) x 25 = 27.5 a week, clamped to its min of 30.
    const margin = (await lever('scenarios/plan-30-40.yaml', 'fte')) as Lever;
    expect(margin.current).toBeCloseTo((30 * 13.22) / 21.6, 10);
  });

  it('a schedule of dated values is no lever, one of its dates is: no hire or rise is dropped silently', async () => {
    const hire = 'scenarios/shared-staff-hire.yaml';
    for (const name of ['fte', 'capacity.staff.fte'])
      expect(await lever(hire, name)).toEqual([
        `lever: ${name}: is a schedule of dated values (2024-01-01, 2024-04-01), not one number: a lever sets one value (one date of the schedule, e.g. capacity.staff.fte.2024-04-01, which keeps the others)`,
      ]);
    const april = (await lever(hire, 'capacity.staff.fte.2024-04-01')) as Lever;
    expect(april.current).toBe(151);
    const rise = 'scenarios/options-2024/inflow-rises-10.yaml';
    expect(await lever(rise, 'inflow.meanPerWeek')).toEqual([
      'lever: inflow.meanPerWeek: is a schedule of dated values (2024-01-01, 2024-04-01), not one number: a lever sets one value (one date of the schedule, e.g. inflow.meanPerWeek.2024-04-01, which keeps the others)',
    ]);
    const fromApril = (await lever(rise, 'inflow.meanPerWeek.2024-04-01')) as Lever;
    expect(fromApril.current).toBe(27.5);
    // The setting changes that date alone.
    const loaded = await loadScenario(rise, { set: fromApril.settings(30) });
    expect(loaded.ok && loaded.value.scenario.inflow).toMatchObject({ kind: 'scheduled' });
  });

  it('a field path: whole numbers or not, bounds and the current value from the schema and the file', async () => {
    expect(await lever(BASELINE, 'lanes.regular.minWaitWeeks')).toMatchObject({
      integer: true,
      minimum: 0,
      maximum: 5200,
      current: 1,
      unit: 'weeks',
    });
    expect(await lever(BASELINE, 'lanes.incomplete.minWaitWeeks')).toMatchObject({ current: 8 });
    expect(await lever(BASELINE, 'initialBacklog.lanes.regular')).toMatchObject({ integer: true, current: 1300 });
    expect(await lever('scenarios/backtest-2023.yaml', 'lanes.regular.hoursPerDecision')).toMatchObject({
      integer: false,
      minimum: 0,
      minimumExclusive: true,
      current: null,
    });
    expect(await lever('scenarios/shared-staff.yaml', 'capacity.staff.productiveShare')).toMatchObject({
      integer: false,
      maximum: 1,
      current: 0.6,
    });
    expect(await lever('scenarios/plan-30-40.yaml', 'capacity.inflowPlusMargin.margin')).toMatchObject({
      minimum: -1,
      current: 0.1,
    });
  });

  it('names the parameter lever in every problem: unknown keys and lanes with a suggestion, fields that are not numbers, run settings', async () => {
    const cases: [string, RegExp][] = [
      ['capacity.perWek', /^lever: capacity\.perWek: unknown key "perWek" \(did you mean "perWeek"\?\)$/],
      // One word that is no top-level field: the shorthand it likely means, not the list of top-level keys.
      ['perweek', /^lever: unknown lever "perweek" \(did you mean "perWeek"\?\)$/],
      ['per_week', /^lever: unknown lever "per_week" \(did you mean "perWeek"\?\)$/],
      ['lanes.regulr.minWaitWeeks', /^lever: lanes\.regulr: unknown lane "regulr" \(did you mean "regular"\?\)$/],
      ['initialBacklog.lanes.regulr', /unknown lane "regulr"/],
      ['name', /^lever: name: is non-empty text, not a number/],
      ['capacity.unit', /^lever: capacity\.unit: .* not a number/],
      ['inflow.weeklyMeans', /^lever: inflow\.weeklyMeans: is a list .* not a number/],
      ['lanes.regular', /^lever: lanes\.regular: is a mapping .* not a number/],
      ['lanes.regular.share.x', /^lever: lanes\.regular\.share: is a number in \[0, 1\], which has no field "x"/],
      ['seed', /^lever: seed: says how the run is done/],
      ['target.backlog', /^lever: target\.backlog: says how the run is done/],
      ['capacity..perWeek', /^lever: "capacity\.\.perWeek" is not a field path/],
    ];
    for (const [name, message] of cases) {
      const issues = await lever(BASELINE, name);
      expect(Array.isArray(issues), name).toBe(true);
      expect((issues as string[])[0], name).toMatch(message);
    }
  });
});
