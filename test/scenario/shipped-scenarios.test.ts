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
import { loadScenario } from '../../src/scenario/index.js';
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
      'options-2024/extra-triage-fte.yaml',
      'options-2024/faster-hearing-free.yaml',
      'options-2024/inflow-plus-10.yaml',
      'options-2024/plan-2024.yaml',
      'options-2024/refiling.yaml',
      'options-2024/track-switches.yaml',
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
