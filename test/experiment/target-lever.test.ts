import { describe, expect, it } from 'vitest';
import { resolveLever } from '../../src/experiment/resolve-lever.js';
import type { Lever } from '../../src/experiment/resolve-lever.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, scenarioDocument } from '../../src/scenario/index.js';

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

  it('fte: capacity.staff.fte of a staff pool; any other capacity is an error naming the parameter lever', async () => {
    expect(await lever('scenarios/shared-staff.yaml', 'fte')).toMatchObject({
      field: 'capacity.staff.fte',
      kind: 'fte',
      unit: 'FTE',
      current: 143,
    });
    const issues = (await lever(BASELINE, 'fte')) as string[];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^lever: fte needs a scenario whose capacity is a staff pool/);
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
    expect(await lever(BASELINE, 'lanes.regular.hoursPerDecision')).toMatchObject({
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
