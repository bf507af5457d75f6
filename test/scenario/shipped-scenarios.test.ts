import { readdirSync, readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  FIELDS_END,
  FIELDS_START,
  REFERENCE_FILE,
  SCHEMA_FILE,
  schemaJsonText,
  withFreshTables,
} from '../../scripts/gen-schema.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { simulateDeterministic } from '../../src/engine/simulate.js';
import { compile, loadScenario, validateScenario } from '../../src/scenario/index.js';
import { ScenarioDocumentSchema } from '../../src/scenario/schema/schema.js';
import type { Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';
import { messages } from './helpers.js';

const SHIPPED = [
  ...readdirSync('scenarios').filter((file) => file.endsWith('.yaml')),
  ...readdirSync('scenarios/options-2024').map((file) => `options-2024/${file}`),
].sort();

async function load(file: string): Promise<{ scenario: Scenario; files: readonly string[] }> {
  const loaded = await loadScenario(`scenarios/${file}`);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value;
}

describe('the shipped scenarios', () => {
  it('are the documented ones', () => {
    expect(SHIPPED).toEqual([
      'backtest-2023-observed-inflow.yaml',
      'backtest-2023.yaml',
      'baseline-2024-holidays.yaml',
      'baseline-2024.yaml',
      'bench-reference.yaml',
      'options-2024/30-per-week.yaml',
      'options-2024/40-per-week.yaml',
      'options-2024/capacity-follows-inflow.yaml',
      'options-2024/extra-fte-where-needed.yaml',
      'options-2024/extra-triage-fte.yaml',
      'options-2024/faster-hearing-free.yaml',
      'options-2024/inflow-rises-10.yaml',
      'options-2024/plan-2024.yaml',
      'options-2024/refiling.yaml',
      'options-2024/track-switches.yaml',
      'options-2024/triage-team.yaml',
      'options-2024/triage-within-2-weeks.yaml',
      'options-2024/variants.yaml',
      'options-2024/withdrawals.yaml',
      'plan-30-40.yaml',
      'shared-staff-first-applications-first.yaml',
      'shared-staff-hire.yaml',
      'shared-staff.yaml',
    ]);
  });

  it.each(SHIPPED)('%s loads without issues', async (file) => {
    const loaded = await loadScenario(`scenarios/${file}`);
    expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([]);
  });

  it.each(SHIPPED)('%s gives no plausibility warning, nor does any of its variants', async (file) => {
    const validated = await validateScenario(`scenarios/${file}`);
    expect(validated.ok ? validated.value.warnings.map(formatIssue) : validated.issues.map(formatIssue)).toEqual([]);
  });

  it.each(SHIPPED)('%s as written passes the schema itself (a file with extends only the fields it sets)', (file) => {
    const doc: unknown = parse(readFileSync(`scenarios/${file}`, 'utf8'));
    if ((doc as Record<string, unknown>).extends !== undefined) return;
    expect(
      Value.Check(ScenarioDocumentSchema, doc),
      [...Value.Errors(ScenarioDocumentSchema, doc)].map((e) => `${e.path}: ${e.message}`).join('\n'),
    ).toBe(true);
  });

  it("bench-reference is the engine tests' reference, without its target", async () => {
    const { scenario } = await load('bench-reference.yaml');
    expect(scenario).toEqual(benchReference({ target: null, replications: 10000 }));
  });

  it("baseline-2024 is the memo's projection: 1,440 open, 25 a week, 1,600 a year, no calendar", async () => {
    const { scenario } = await load('baseline-2024.yaml');
    const open = Object.values(scenario.initialBacklog).reduce(
      (sum, spec) => sum + (spec.kind === 'spread' ? spec.count : 0),
      0,
    );
    expect(open).toBe(1440);
    expect(scenario.inflow).toEqual({ kind: 'constant', meanPerWeek: 25 });
    expect(scenario.capacity).toEqual({
      unit: 'decisions',
      policy: { kind: 'perYear', perYear: 1600 },
      conversion: { hoursPerFteWeek: 36, productiveShare: 0.6, costPerFteYear: 85000 },
    });
    expect(scenario.calendar).toEqual([]);
    expect([scenario.start, scenario.horizonWeeks, scenario.seed, scenario.replications]).toEqual([
      '2024-01-01',
      52,
      2024,
      1000,
    ]);
    expect(scenario.lanes.map((lane) => lane.name)).toEqual(['incomplete', 'hearing-free', 'safe-country', 'regular']);
    expect(scenario.target).toEqual({ backlog: 1100, date: '2024-12-31' });
    // The lanes' grant rates give the 2023 grant rate of 32% overall.
    const grantRate = scenario.lanes.reduce((sum, lane) => sum + lane.share * lane.grantRate, 0);
    expect(grantRate).toBeCloseTo(0.32, 2);
  });

  it('plan-30-40 is the baseline with inflow plus 10%, between 30 and 40', async () => {
    const plan = await load('plan-30-40.yaml');
    const baseline = await load('baseline-2024.yaml');
    expect(plan.files).toEqual(['scenarios/plan-30-40.yaml', 'scenarios/baseline-2024.yaml']);
    expect(plan.scenario.capacity).toEqual({
      unit: 'decisions',
      policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 4, min: 30, max: 40 },
      conversion: baseline.scenario.capacity.conversion,
    });
    expect({ ...plan.scenario, name: baseline.scenario.name, description: null, capacity: null }).toEqual({
      ...baseline.scenario,
      description: null,
      capacity: null,
    });
  });

  it('backtest-2023 replays 2023: 1,580 open, 1,390 filed, 1,530 decided', async () => {
    const { scenario } = await load('backtest-2023.yaml');
    const open = Object.values(scenario.initialBacklog).reduce(
      (sum, spec) => sum + (spec.kind === 'spread' ? spec.count : 0),
      0,
    );
    expect(open).toBe(1580);
    expect(scenario.inflow.kind === 'constant' && scenario.inflow.meanPerWeek * 52).toBeCloseTo(1390, 9);
    expect(scenario.capacity.policy).toEqual({ kind: 'perYear', perYear: 1530 });
    expect(scenario.target).toEqual({ backlog: 1440, date: '2023-12-31' });
  });

  it('shared-staff shares one staff pool, about balanced, between subsequent and first applications', async () => {
    const { scenario } = await load('shared-staff.yaml');
    expect(scenario.capacity.unit).toBe('hours');
    expect(scenario.lanes.every((lane) => lane.hoursPerDecision !== null && lane.dedicatedCapacity === null)).toBe(
      true,
    );
    const first = scenario.lanes.find((lane) => lane.name === 'first-applications')!;
    const subsequent = scenario.lanes.filter((lane) => lane !== first);
    expect(subsequent.every((lane) => lane.priority < first.priority)).toBe(true);
    expect(first.share).toBeGreaterThan(0.5);
    const meanPerWeek = scenario.inflow.kind === 'constant' ? scenario.inflow.meanPerWeek : Number.NaN;
    expect(subsequent.reduce((sum, lane) => sum + lane.share, 0) * meanPerWeek).toBeCloseTo(25, 9);
    const demandHours = scenario.lanes.reduce(
      (sum, lane) => sum + meanPerWeek * lane.share * lane.hoursPerDecision!,
      0,
    );
    const policy = scenario.capacity.policy;
    if (policy.kind !== 'staff') throw new Error('expected a staff pool');
    const lostWeeks = scenario.calendar.reduce(
      (sum, entry) =>
        sum + (((Date.parse(entry.to) - Date.parse(entry.from)) / 86_400_000 + 1) / 7) * (1 - entry.scale),
      0,
    );
    const capacityHours =
      policy.fte * policy.hoursPerFteWeek * policy.productiveShare * (1 - lostWeeks / scenario.horizonWeeks);
    expect(demandHours / capacityHours).toBeGreaterThan(0.97);
    expect(demandHours / capacityHours).toBeLessThan(1.03);
  });
});

/** The dotted paths at which two values differ (lanes by name; a policy of another kind as a whole), with the option's value. */
function differences(base: unknown, option: unknown, path = ''): Record<string, unknown> {
  const keyed = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'name' in item)
      ? Object.fromEntries(value.map((item: { name: string }) => [item.name, item]))
      : value;
  const [a, b] = [keyed(base), keyed(option)];
  const kind = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : null;
  if (
    typeof a !== 'object' ||
    a === null ||
    typeof b !== 'object' ||
    b === null ||
    Array.isArray(a) ||
    kind(a) !== kind(b)
  )
    return JSON.stringify(a) === JSON.stringify(b) ? {} : { [path]: option };
  const found: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    Object.assign(
      found,
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    );
  return found;
}

describe('the 2024 options do what their names say, and change only that', () => {
  /** What an option changes against the 2024 plan, its name and description aside. */
  async function changes(file: string): Promise<{ name: string; changed: Record<string, unknown> }> {
    const [plan, option] = [await load('options-2024/plan-2024.yaml'), await load(file)];
    const { name: _name, description: _description, ...changed } = differences(plan.scenario, option.scenario);
    return { name: option.scenario.name, changed };
  }

  it('"Capacity = inflow + 10%" changes the capacity, not the inflow', async () => {
    expect(await changes('options-2024/capacity-follows-inflow.yaml')).toEqual({
      name: 'Capacity = inflow + 10%',
      changed: {
        'capacity.policy': { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 4, min: 0, max: 1e9 },
      },
    });
  });

  it('"Inflow +10% from April" raises the inflow from 25 to 27.5 a week from 1 April 2024, with the planned capacity', async () => {
    expect(await changes('options-2024/inflow-rises-10.yaml')).toEqual({
      name: 'Inflow +10% from April',
      changed: {
        inflow: { kind: 'scheduled', meanPerWeek: 25, changes: [{ from: '2024-04-01', meanPerWeek: 27.5 }] },
      },
    });
    const { scenario } = await load('options-2024/inflow-rises-10.yaml');
    const plan = compile(scenario);
    const end = simulateDeterministic(plan).expectedBacklog!;
    // 1 April 2024 starts week 13: 1,440 open + 13 x 25 + 39 x 27.5 arrivals - 1,600 decisions (never idle).
    expect(end[end.length - 1]).toBeCloseTo(1440 + 13 * 25 + 39 * 27.5 - 1600, 6);
  });

  it('"+1 FTE triage" gives the incomplete lane one FTE of its own and changes nothing else (the wait stays 8 weeks)', async () => {
    const staff = {
      unit: 'hours',
      policy: {
        kind: 'staff',
        fte: 1,
        hoursPerFteWeek: 36,
        productiveShare: 0.6,
        rampUpWeeks: 0,
        attritionPerQuarter: 0,
        costPerFteYear: 85000,
      },
    };
    expect(await changes('options-2024/extra-triage-fte.yaml')).toEqual({
      name: '+1 FTE triage',
      // Its hours per decision, 4, are the base's (the baseline's conversion to staff needs them too).
      changed: { 'lanes.incomplete.dedicatedCapacity': staff },
    });
    expect(await changes('options-2024/triage-within-2-weeks.yaml')).toEqual({
      name: 'Triage within 2 weeks',
      changed: { 'lanes.incomplete.minWaitWeeks': 2 },
    });
    expect(await changes('options-2024/triage-team.yaml')).toEqual({
      name: '+1 FTE triage and 2-week wait',
      changed: {
        'lanes.incomplete.minWaitWeeks': 2,
        'lanes.incomplete.dedicatedCapacity': staff,
      },
    });
  });

  it('the variants in variants.yaml are the option files', async () => {
    for (const name of ['30-per-week', '40-per-week', 'capacity-follows-inflow', 'inflow-rises-10']) {
      const variant = await load(`options-2024/variants.yaml#${name}`);
      const file = await load(`options-2024/${name}.yaml`);
      expect(variant.scenario, name).toEqual(file.scenario);
    }
  });
});

describe('files generated from the schema', () => {
  it('scenarios/schema.json is up to date (npm run schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaJsonText());
  });

  it('the field tables of docs/scenarios.md are up to date (npm run schema)', () => {
    const markdown = readFileSync(REFERENCE_FILE, 'utf8');
    expect(markdown).toContain(FIELDS_START);
    expect(markdown).toContain(FIELDS_END);
    expect(markdown).toBe(withFreshTables(markdown));
  });

  it('the example at the top of docs/scenarios.md is a valid scenario', () => {
    const reference = readFileSync(REFERENCE_FILE, 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(reference.slice(reference.indexOf('## The format')))?.[1];
    expect(example).toBeDefined();
    expect(messages(example!, 'example.yaml')).toEqual([]);
  });

  it('schema.json holds the complete schema, and a partial one for files that extend another', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(schema.definitions.complete.required).toEqual(['start', 'horizonWeeks', 'inflow', 'capacity', 'lanes']);
    expect(JSON.stringify(schema.definitions.partial)).not.toMatch(/"required"|"oneOf"|"minProperties"/);
    expect(schema.if).toEqual({ type: 'object', required: ['extends'] });
  });
});
