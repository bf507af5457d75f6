import { formatRunSummary } from '../io/format-run-summary.js';
import { runOutputFiles } from '../io/run-outputs.js';
import type { Provenance } from '../io/run-outputs.js';
import type { CsvDialect } from '../io/to-csv.js';
import type { FileToWrite } from '../io/write-files-atomically.js';
import { prognosisRows } from '../run/prognosis.js';
import type { RunResult } from '../run/run-scenario.js';
import type { InputIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { RUN_RESULT_FILES } from './output-guard.js';
import { inDirectory, writeOutputs } from './claim-outputs.js';
import { warningsJson } from './warnings.js';

/**
 * What `run` and `merge` of a run's shards do with a finished run: write the
 * files of `--out` and the `--report` (all or none, as one unit) and print
 * the summary, as text or with `--json`; the JSON (and summary.json) with
 * the scenario's plausibility warnings, when it has any.
 */
export async function emitRunResult(
  scenario: Scenario,
  result: RunResult,
  context: {
    readonly label: string;
    readonly provenance: Provenance;
    /** The scenario's plausibility warnings; none after merge (a shard does not carry them). */
    readonly warnings?: readonly InputIssue[];
  },
  options: {
    readonly out: string | null;
    readonly json: boolean;
    readonly quiet: boolean;
    /** The dialect of the CSV files in `out`; rfc4180 when absent. */
    readonly csvDialect?: CsvDialect;
    /** The HTML report to write with the files of `out`: where (`--report`), and its text. */
    readonly reportFile?: FileToWrite;
  },
  io: CliIo,
): Promise<void> {
  // The summary as JSON: with `warnings` after its own keys (and before summary.json's provenance).
  const summary = { ...result.summary, ...warningsJson(context.warnings ?? []) };
  const outFiles =
    options.out === null
      ? []
      : runFilesIn(options.out, scenario, result, summary, context, options.csvDialect ?? 'rfc4180');
  const report = options.reportFile === undefined ? [] : [{ ...options.reportFile, flag: '--report' }];
  await writeOutputs(
    [...report, ...outFiles],
    options.out === null ? [] : inDirectory(options.out, RUN_RESULT_FILES).map(({ path }) => path),
  );
  const note = noter(io, options.quiet);
  if (options.reportFile !== undefined) note(`caseload: wrote the report to ${options.reportFile.path}`);
  if (options.out !== null)
    note(`caseload: wrote weekly.csv, prognosis.csv, summary.json and scenario.json to ${options.out}`);
  io.out(
    options.json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : formatRunSummary(
          result.summary,
          context.label,
          result.weekly.filter((row) => row.lane === 'total'),
        ),
  );
}

/** The files of `run --out DIR`, each with its path and flag. */
function runFilesIn(
  dir: string,
  scenario: Scenario,
  result: RunResult,
  summary: RunResult['summary'],
  context: { readonly label: string; readonly provenance: Provenance },
  dialect: CsvDialect,
) {
  const prognosis = prognosisRows(scenario, result.plan, result.tally);
  const files = runOutputFiles(scenario, summary, result.weekly, context.provenance, prognosis, {
    dialect,
    file: context.label,
  });
  return Object.entries(files).map(([name, text]) => ({ ...inDirectory(dir, [name])[0]!, text }));
}

/**
 * Writes files into `--out` atomically (with the `stale` files of an earlier
 * result that this one does not replace removed); a directory that cannot be
 * written is an input error. The caller checked `--force` before the run.
 */
export async function writeOrExplain(
  dir: string,
  files: Readonly<Record<string, string>>,
  stale: readonly string[] = [],
): Promise<void> {
  await writeOutputs(
    Object.entries(files).map(([name, text]) => ({ ...inDirectory(dir, [name])[0]!, text })),
    inDirectory(dir, stale).map(({ path }) => path),
  );
}
