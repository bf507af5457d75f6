import type { ComparedOption } from '../../experiment/compare-options.js';
import { describeCapacity } from '../../experiment/describe-capacity.js';
import type { Plan } from '../../engine/plan.js';
import type { Tally } from '../../engine/tally.js';
import type { RunSummary, WeeklyRow } from '../../run/summary.js';
import type { Scenario } from '../../scenario/types.js';
import type { Provenance } from '../run-outputs.js';
import type { OptionsData } from './chart-types.js';
import type { NotedValue } from './read-value-notes.js';
import type { Report, ReportOption } from './render-report.js';
import { reportCharts } from './report-charts.js';

/** One option of a comparison, with the file it came from and its resolved scenario's hash. */
export interface ReportOptionRun {
  readonly compared: ComparedOption;
  readonly file: string;
  readonly hash: string;
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
 * the run, options[0]), with the scenario's values and provenance. `generated`
 * is passed in so that the same inputs give the same page.
 *
 * @example renderReport(buildReport({ file, run: result, assumptions, provenance, generated: new Date().toISOString() }))
 */
export function buildReport(input: {
  readonly file: string;
  readonly run: ReportRun;
  readonly options?: readonly ReportOptionRun[];
  readonly assumptions: readonly NotedValue[];
  readonly provenance: Provenance;
  readonly generated: string;
}): Report {
  const { run } = input;
  return {
    file: input.file,
    description: run.scenario.description,
    summary: run.summary,
    charts: reportCharts(run.summary, run.weekly, run.plan, run.tally),
    options: input.options === undefined || input.options.length < 2 ? null : optionsOf(input.options),
    assumptions: input.assumptions,
    provenance: input.provenance,
    generated: input.generated,
  };
}

function optionsOf(options: readonly ReportOptionRun[]): { chart: OptionsData; rows: ReportOption[] } {
  const rows: ReportOption[] = options.map(({ compared, file, hash }) => {
    const interval = compared.endBacklog?.interval();
    return {
      label: compared.label,
      file,
      hash,
      capacity: describeCapacity(compared.scenario.capacity),
      summary: compared.summary,
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
