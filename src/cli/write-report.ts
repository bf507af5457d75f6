import { simulateDeterministic } from '../engine/simulate.js';
import type { ComparedOption } from '../experiment/compare-options.js';
import { buildReport } from '../io/report/build-report.js';
import type { ReportRun } from '../io/report/build-report.js';
import { readValueNotes } from '../io/report/read-value-notes.js';
import { inFlagWord } from './flag-words.js';
import { shownWarnings } from './warnings.js';
import { writeOutputs } from './claim-outputs.js';
import { renderReport } from '../io/report/render-report.js';
import type { Lang } from '../i18n/lang.js';
import type { Provenance } from '../io/run-outputs.js';
import { weeklyRows } from '../run/summary.js';
import { scenarioValues } from '../scenario/index.js';
import type { LoadedScenario } from '../scenario/index.js';

/** The report run of a comparison's base (or any compared option). */
export function comparedRun(option: ComparedOption): ReportRun {
  return {
    scenario: option.scenario,
    summary: option.summary,
    weekly: weeklyRows(option.scenario, option.plan, option.tally, simulateDeterministic(option.plan)),
    plan: option.plan,
    tally: option.tally,
  };
}

/** A scenario's values with their notes; a value set on the command line shows the flag that set it. */
async function notedValues(loaded: LoadedScenario) {
  return (await readValueNotes(scenarioValues(loaded.node))).map((value) =>
    value.at.kind === 'flag' ? { ...value, where: inFlagWord(value.where) } : value,
  );
}

/** What a report is made of: the run (or comparison), its scenarios as loaded, and its provenance. */
export interface ReportInput {
  readonly file: string;
  readonly loaded: LoadedScenario;
  readonly run: ReportRun;
  /** The options of a comparison, the base first, each with the scenario it was loaded as. */
  readonly options?: readonly {
    readonly compared: ComparedOption;
    readonly file: string;
    readonly hash: string;
    readonly loaded: LoadedScenario;
  }[];
  readonly provenance: Provenance;
  /** The language of the report; English when absent. */
  readonly lang?: Lang;
}

/**
 * The HTML report of a run (with options: of a comparison, the base first),
 * with the scenarios' plausibility warnings as the CLI prints them.
 */
export async function reportHtml(input: ReportInput): Promise<string> {
  const assumptions = await notedValues(input.loaded);
  const options =
    input.options === undefined
      ? undefined
      : await Promise.all(
          input.options.map(async ({ compared, file, hash, loaded }) => ({
            compared,
            file,
            hash,
            assumptions: await notedValues(loaded),
            warnings: [...shownWarnings(loaded.warnings).values()],
          })),
        );
  return renderReport(
    buildReport({
      file: input.file,
      run: input.run,
      options,
      assumptions,
      warnings: [...shownWarnings(input.loaded.warnings).values()],
      provenance: input.provenance,
      generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    }),
    input.lang ?? 'en',
  );
}

/**
 * Writes the HTML report (see reportHtml) to `path`, whole or not at all; a
 * path that cannot be written is an input error of `flag`.
 */
export async function writeReport(path: string, flag: string, input: ReportInput): Promise<void> {
  await writeOutputs([{ path, text: await reportHtml(input), flag }]);
}
