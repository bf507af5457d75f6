/**
 * The public API is deliberate: src/index.ts exports exactly these names, and
 * this file uses the package only through it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import type { RunSummary } from '../../src/index.js';

const VALUES = [
  'CaseloadArgumentError',
  'InputError',
  'backtestRows',
  'calibrate',
  'compareOptions',
  'findTarget',
  'formatIssue',
  'loadScenario',
  'parseSweepGrid',
  'prognosis',
  'prognosisRows',
  'resolveScenario',
  'runScenario',
  'runSweep',
  'scenarioIdentities',
  'validateScenario',
];

const TYPES = [
  'BacklogTarget',
  'BacktestRow',
  'CalendarEntry',
  'CapacitySummary',
  'CostSummary',
  'FixedBy',
  'MarginalCost',
  'PoolSummary',
  'ScenarioIdentities',
  'CalibrateRequest',
  'CalibrationResult',
  'CapacityChange',
  'CapacityPolicy',
  'CapacitySpec',
  'CapacityUnit',
  'Checked',
  'CompareOptions',
  'ComparedOption',
  'DecisionPoint',
  'FieldSetting',
  'FittedParameter',
  'InflowChange',
  'InflowSpec',
  'InitialBacklogSpec',
  'InputIssue',
  'Interval',
  'LaneSpec',
  'LanePrognosis',
  'LeadTimeDays',
  'LeadTimeTarget',
  'LeverConversion',
  'LeverEvaluation',
  'LoadedScenario',
  'Milestone',
  'ObservedSpec',
  'PairedDifference',
  'ParameterBound',
  'ParameterIssue',
  'Prognosis',
  'PrognosisQuery',
  'PrognosisRow',
  'ProbabilityInterval',
  'Quantiles',
  'ReliefComparison',
  'RunOptions',
  'RunResult',
  'RunSummary',
  'Scenario',
  'ScenarioOverrides',
  'StaffConversion',
  'StaffSummary',
  'SweepGrid',
  'SweepOptions',
  'SweepParameter',
  'SweepResult',
  'SweepRow',
  'SweepValue',
  'TargetRequest',
  'TargetResult',
  'TargetSpec',
  'UndecidedValue',
  'ValidatedScenario',
  'WeeklyRow',
  'DriftSpec',
  'FactorSpec',
  'UncertaintySpec',
  'WeeklyNoiseSpec',
  'SensitivityPoint',
  'SensitivityRow',
  'UncertaintyExplanation',
  'UncertaintySource',
  'VarianceShare',
  'ProportionInterval',
];

/** The names src/index.ts exports, as written: `export { a, b }` and `export type { C }`. */
function exportedNames(kind: 'value' | 'type'): string[] {
  const text = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
  const pattern = kind === 'value' ? /^export \{([^}]*)\}/gm : /^export type \{([^}]*)\}/gm;
  return [...text.matchAll(pattern)]
    .flatMap((match) => match[1]!.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .sort();
}

describe('the public API', () => {
  it('exports exactly the listed functions and classes at run time', () => {
    expect(Object.keys(api).sort()).toEqual([...VALUES].sort());
  });

  it('src/index.ts lists exactly these values and types, every export by name (no export *)', () => {
    const text = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
    expect(text).not.toMatch(/export \*/);
    expect(exportedNames('value')).toEqual([...VALUES].sort());
    expect(exportedNames('type')).toEqual([...TYPES].sort());
  });

  it('loads, runs and summarises a scenario through it alone', async () => {
    const loaded = await api.loadScenario('scenarios/baseline-2024.yaml', { replications: 100 });
    if (!loaded.ok) throw new Error(loaded.issues.map(api.formatIssue).join('\n'));
    const summary: RunSummary = (await api.runScenario(loaded.value.scenario)).summary;
    expect(summary.reps).toBe(100);
    expect(summary.deterministicEndBacklog.total).toBe(1140);
  });

  it('names parameters, not command-line flags, in its issues', async () => {
    const loaded = await api.loadScenario('scenarios/baseline-2024.yaml', { replications: 0 });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map(api.formatIssue)).toEqual([
      'scenarios/baseline-2024.yaml: replications: must be at least 1, got 0 (an integer in [1, 10000000])',
    ]);
    const target = await api.findTarget({ file: 'scenarios/baseline-2024.yaml', confidence: 2, replications: 10 });
    expect(target.ok).toBe(false);
    if (!target.ok) expect(api.formatIssue(target.issues[0]!)).toMatch(/^confidence: /);
  });
});
