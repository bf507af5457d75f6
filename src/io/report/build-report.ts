import type { ComparedOption } from '../../experiment/compare-options.js';
import { describeScenarioCapacity } from '../../experiment/describe-capacity.js';
import type { Plan } from '../../engine/plan.js';
import type { Tally } from '../../engine/tally.js';
import type { RunSummary, WeeklyRow } from '../../run/summary.js';
import { formatIssue } from '../../scenario/errors.js';
import type { InputIssue } from '../../scenario/errors.js';
import type { Scenario } from '../../scenario/types.js';
import type { Provenance } from '../run-outputs.js';
import type { OptionsData } from './chart-types.js';
import type { NotedValue } from './read-value-notes.js';
import type { AssumptionChange, Report, ReportOption, ReportWarning } from './render-report.js';
import { reportCharts } from './report-charts.js';

/** One option of a comparison, with the file it came from, its resolved scenario's hash and its values with their notes. */
export interface ReportOptionRun {
  readonly compared: ComparedOption;
  readonly file: string;
  readonly hash: string;
  /** The option's scenario values as written (see readValueNotes); the report lists those that differ from the base's. */
  readonly assumptions: readonly NotedValue[];
  /** The plausibility warnings of the option's scenario, as the CLI shows them (see LoadedScenario.warnings). */
  readonly warnings: readonly InputIssue[];
}

/** One run, as the report needs it. */
export interface ReportRun {
  readonly scenario: Scenario;
  readonly summary: RunSummary;
  readonly weekly: readonly WeeklyRow[];
  readonly plan: Plan;
  readonly tally: Tally;
}

/**
 * The report of a run (and, given a comparison, of its options: the base is
 * the run, options[0]), with the scenario's values, its plausibility warnings
 * (with options: each option's) and provenance. `generated` is passed in so
 * that the same inputs give the same page.
 *
 * @example renderReport(buildReport({ file, run: result, assumptions, provenance, generated: new Date().toISOString() }))
 */
export function buildReport(input: {
  readonly file: string;
  readonly run: ReportRun;
  readonly options?: readonly ReportOptionRun[];
  readonly assumptions: readonly NotedValue[];
  /** The run's plausibility warnings, as the CLI shows them; with options, theirs are listed instead. */
  readonly warnings: readonly InputIssue[];
  readonly provenance: Provenance;
  readonly generated: string;
}): Report {
  const { run } = input;
  return {
    file: input.file,
    description: run.scenario.description,
    warnings: warningsOf(input.warnings, input.options),
    summary: run.summary,
    charts: reportCharts(run.summary, run.weekly, run.plan, run.tally),
    options: input.options === undefined || input.options.length < 2 ? null : optionsOf(input.options),
    assumptions: input.assumptions,
    provenance: input.provenance,
    generated: input.generated,
  };
}

/**
 * The warnings the report lists: the run's; with options, each warning once,
 * in the order the options have them, with the labels of the options that do.
 */
function warningsOf(run: readonly InputIssue[], options: readonly ReportOptionRun[] | undefined): ReportWarning[] {
  if (options === undefined || options.length < 2) return run.map((issue) => ({ issue, options: [] }));
  const byLine = new Map<string, { issue: InputIssue; options: string[] }>();
  for (const { compared, warnings } of options) {
    for (const issue of warnings) {
      const key = formatIssue(issue);
      const listed = byLine.get(key) ?? { issue, options: [] };
      if (!listed.options.includes(compared.label)) listed.options.push(compared.label);
      byLine.set(key, listed);
    }
  }
  return [...byLine.values()];
}

function optionsOf(options: readonly ReportOptionRun[]): { chart: OptionsData; rows: ReportOption[] } {
  const base = options[0]!.assumptions;
  const rows: ReportOption[] = options.map(({ compared, file, hash, assumptions }, i) => {
    const interval = compared.endBacklog?.interval();
    return {
      label: compared.label,
      file,
      hash,
      capacity: describeScenarioCapacity(compared.scenario),
      capacitySpec: compared.scenario,
      summary: compared.summary,
      marginal: compared.marginal,
      changes: i === 0 ? [] : assumptionChanges(base, assumptions),
      change:
        compared.endBacklog === null || interval === undefined
          ? null
          : {
              mean: interval.mean,
              low: interval.low,
              high: interval.high,
              probabilityBelowBase: compared.endBacklog.probabilityBelow(),
            },
    };
  });
  return {
    rows,
    chart: {
      endDate: rows[0]!.summary.end,
      options: rows.map((row) => ({
        label: row.label,
        base: row.change === null,
        endBacklog: row.summary.endBacklog.total,
        leadTimeDays: row.summary.leadTimeDays.all,
        change: row.change === null ? null : { mean: row.change.mean, low: row.change.low, high: row.change.high },
      })),
    },
  };
}

/** Fields that name an option rather than describe it: never listed as a change. */
const NAMING = new Set(['name', 'description', 'extends']);

/**
 * The values of an option that differ from the base's: set to another value,
 * set only in the option, or set only in the base (an option that replaces
 * `perYear` by `perWeek`); in the option's order, then the base's.
 */
export function assumptionChanges(base: readonly NotedValue[], option: readonly NotedValue[]): AssumptionChange[] {
  const inBase = new Map(base.map((value) => [value.field, value]));
  const inOption = new Set(option.map((value) => value.field));
  const changed: AssumptionChange[] = option.flatMap((value) => {
    const was = inBase.get(value.field);
    if (NAMING.has(value.field) || was?.value === value.value) return [];
    return [{ field: value.field, base: was?.value ?? null, option: value }];
  });
  const dropped: AssumptionChange[] = base
    .filter((value) => !inOption.has(value.field) && !NAMING.has(value.field))
    .map((value) => ({ field: value.field, base: value.value, option: null }));
  return [...changed, ...dropped];
}
