/**
 * caseload's public API: load a scenario, compile it, simulate it and
 * summarise the result. Every export is listed by name.
 */
export { loadScenario } from './scenario/index.js';
export type { LoadedScenario, ScenarioOverrides } from './scenario/index.js';
export { formatIssue, InputError } from './scenario/errors.js';
export type { Checked, InputIssue } from './scenario/errors.js';
export type {
  CalendarEntry,
  CapacityPolicy,
  CapacitySpec,
  CapacityUnit,
  InflowSpec,
  InitialBacklogSpec,
  LaneSpec,
  ObservedSpec,
  Scenario,
  TargetSpec,
} from './scenario/types.js';
export { compile } from './scenario/index.js';
export { weekEndDate, weekEndingBy } from './time/weeks.js';

export { simulate, simulateDeterministic, simulateInto } from './engine/simulate.js';
export type { SimulateOptions } from './engine/simulate.js';
export { traceReplication } from './engine/trace.js';
export type { Trace, TracedWeek } from './engine/trace.js';
export { Tally, tallyShape } from './engine/tally.js';
export type { TallyData, TallyShape } from './engine/tally.js';
export type { InflowFollowing, Plan, PoolPlan } from './engine/plan.js';

export { runScenario } from './run/run-scenario.js';
export { checkPrognosisQuery, prognosis, prognosisRows } from './run/prognosis.js';
export type { DecisionPoint, LanePrognosis, Prognosis, PrognosisQuery, PrognosisRow } from './run/prognosis.js';
export { formatPrognosis, PROGNOSIS_HEADER, prognosisCsv } from './io/format-prognosis.js';
export { runJob } from './job/run-job.js';
export type { RunJobOptions } from './job/run-job.js';
export { jobSignature, onePlan, planShard, replicationShard, singleRun, wholeJob } from './job/job.js';
export type { Job, JobPart } from './job/job.js';
export { JobTallies } from './job/job-tallies.js';
export type { RunOptions, RunResult } from './run/run-scenario.js';
export { milestoneWeeks, summarize, weeklyRows } from './run/summary.js';
export type { Milestone, RunSummary, WeeklyRow } from './run/summary.js';

export { findTarget } from './experiment/find-target.js';
export type { LeverEvaluation, ReliefComparison, TargetRequest, TargetResult } from './experiment/find-target.js';
export { analyticRelief } from './experiment/analytic-relief.js';
export type { AnalyticRelief, AnalyticReliefFte } from './experiment/analytic-relief.js';
export { searchLeverGrid } from './experiment/search-lever-grid.js';
export type { GridEvaluation, GridSearch, GridSearchResult } from './experiment/search-lever-grid.js';
export { backtestRows } from './experiment/backtest.js';
export type { BacktestRow } from './experiment/backtest.js';
export { calibrate } from './experiment/calibrate.js';
export type { CalibrateRequest, CalibrationResult, FittedParameter } from './experiment/calibrate.js';
export { compareOptions } from './experiment/compare-options.js';
export type { ComparedOption, CompareOptions } from './experiment/compare-options.js';
export { runSweep } from './experiment/run-sweep.js';
export type { SweepOptions, SweepResult, SweepRow } from './experiment/run-sweep.js';
export { parseSweepGrid, sweepCombinations } from './experiment/sweep-grid.js';
export type { SweepGrid, SweepParameter, SweepValue } from './experiment/sweep-grid.js';
export { PairedDifference } from './stats/paired-difference.js';
export type { Interval } from './stats/paired-difference.js';

export { backlogQuantiles, probabilityAtMost } from './engine/tally-quantiles.js';
export type { Quantiles } from './stats/quantiles.js';
export { leadTimeDays } from './stats/lead-time.js';
export type { LeadTimeDays } from './stats/lead-time.js';
export { IntHistogram } from './stats/int-histogram.js';

export { runOutputFiles, weeklyCsv } from './io/run-outputs.js';
export type { Provenance } from './io/run-outputs.js';

export { buildReport } from './io/report/build-report.js';
export type { ReportOptionRun, ReportRun } from './io/report/build-report.js';
export { renderReport } from './io/report/render-report.js';
export type { Report, ReportOption } from './io/report/render-report.js';
export { reportCharts } from './io/report/report-charts.js';
export type { RunCharts } from './io/report/report-charts.js';
export type {
  DecisionsData,
  FanChartData,
  LeadTimeData,
  OptionsData,
  StackedLanesData,
} from './io/report/chart-types.js';
export { readValueNotes } from './io/report/read-value-notes.js';
export type { NotedValue } from './io/report/read-value-notes.js';
export { scenarioValues } from './scenario/index.js';
export type { ScenarioValue } from './scenario/index.js';
export { textBacklogChart } from './io/text-backlog-chart.js';
