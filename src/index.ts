/**
 * caseload's public API, and nothing else: load and validate a scenario, run
 * it, compare options, find the capacity for a target, sweep settings, ask
 * when a case will be decided, backtest and calibrate against published
 * figures; the result types of each. docs/api.md shows a complete example of
 * every function; test/api/public-api.test.ts pins this list.
 *
 * Everything else in src/ (the engine, the job and its shards, the report,
 * the command line) is internal and may change between versions.
 */

// Scenarios: load a file, resolve a document built in code, validate a file and its variants.
export { loadScenario, resolveScenario, validateScenario } from './scenario/index.js';
export type { FieldSetting, LoadedScenario, ScenarioOverrides, ValidatedScenario } from './scenario/index.js';
export type {
  CalendarEntry,
  CapacityChange,
  CapacityPolicy,
  CapacitySpec,
  CapacityUnit,
  DriftSpec,
  FactorSpec,
  InflowChange,
  InflowSpec,
  InitialBacklogSpec,
  LaneSpec,
  ObservedSpec,
  Scenario,
  StaffConversion,
  TargetSpec,
  UncertaintySpec,
  WeeklyNoiseSpec,
} from './scenario/types.js';

// Problems with the input: values, not exceptions; an argument a function cannot take: CaseloadArgumentError.
export { CaseloadArgumentError, formatIssue, InputError } from './scenario/errors.js';
export type { Checked, InputIssue, ParameterIssue } from './scenario/errors.js';

// Run.
export { runScenario } from './run/run-scenario.js';
export type { RunOptions, RunResult } from './run/run-scenario.js';
export type { Milestone, RunSummary, StaffSummary, WeeklyRow } from './run/summary.js';
export type { CapacitySummary, CostSummary, PoolSummary } from './run/capacity-summary.js';
export type { Quantiles } from './stats/quantiles.js';
export type {
  SensitivityPoint,
  SensitivityRow,
  UncertaintyExplanation,
  UncertaintySource,
  VarianceShare,
} from './run/explain-uncertainty.js';
export type { ProportionInterval } from './stats/proportion.js';
export type { LeadTimeDays } from './stats/lead-time.js';

// Compare options.
export { compareOptions } from './experiment/compare-options.js';
export type { ComparedOption, CompareOptions } from './experiment/compare-options.js';
export type { MarginalCost } from './experiment/marginal-cost.js';
export type { Interval, PairedDifference } from './stats/paired-difference.js';

// The capacity for a target.
export { findTarget } from './experiment/find-target.js';
export type {
  BacklogTarget,
  LeadTimeTarget,
  LeverEvaluation,
  ProbabilityInterval,
  ReliefComparison,
  TargetRequest,
  TargetResult,
  UndecidedValue,
} from './experiment/find-target.js';
export type { LeverConversion } from './experiment/resolve-lever.js';

// Sweep.
export { parseSweepGrid } from './experiment/sweep-grid.js';
export type { SweepGrid, SweepParameter, SweepValue } from './experiment/sweep-grid.js';
export { runSweep } from './experiment/run-sweep.js';
export type { SweepOptions, SweepResult, SweepRow } from './experiment/run-sweep.js';

// When will a case be decided?
export { prognosis, prognosisRows } from './run/prognosis.js';
export type { DecisionPoint, LanePrognosis, Prognosis, PrognosisQuery, PrognosisRow } from './run/prognosis.js';

// Against published figures.
export { backtestRows, scenarioIdentities } from './experiment/backtest.js';
export type { BacktestRow, FixedBy, ScenarioIdentities } from './experiment/backtest.js';
export { calibrate } from './experiment/calibrate.js';
export type { CalibrateRequest, CalibrationResult, FittedParameter, ParameterBound } from './experiment/calibrate.js';
