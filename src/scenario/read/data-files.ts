/**
 * Stage read, for the data. In: the checked document. Out: what the CSV
 * files it names hold (an observed inflow, lanes' open cases), read and
 * checked against the scenario's start, or every problem with them.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { Checked, InputIssue } from '../errors.js';
import { DEFAULTS } from '../schema/schema.js';
import type { ScenarioDocument } from '../schema/schema.js';
import type { InitialBacklogSpec } from '../types.js';
import { parseBacklogCsv } from './backlog-csv.js';
import { givenInCode, requestFile } from './file-requests.js';
import type { Stages } from './file-requests.js';
import { parseObservedInflow } from './observed-inflow.js';
import { shownPath } from './read-text.js';
import type { ReplayInflow } from './observed-inflow.js';
import { issueAtOrigin, nodeAt } from './source-node.js';
import type { Origin, SourceNode } from './source-node.js';

/** What a scenario's CSV files hold, read and checked. */
export interface DataFiles {
  /** The inflow of `inflow.observed`, when the scenario has one. */
  readonly replay: ReplayInflow | undefined;
  /** The open cases of each lane whose initial backlog is a `file`. */
  readonly backlogs: Readonly<Record<string, InitialBacklogSpec>>;
}

/**
 * The CSV files a checked document names
 * (`inflow.observed.file`, `initialBacklog.lanes.<lane>.file`, each relative
 * to the scenario file that names it), read and checked against the
 * scenario's start. A file that cannot be read is an issue at the field that
 * names it; a problem in a file is an issue at its line, and a dated
 * futureMeanPerWeek with no value for the first week after the data one at
 * the schedule. The inflow's problems come alone; the backlogs' all together.
 *
 * @example yield* readDataFiles(document, node, 'scenarios/backtest-2023-observed-inflow.yaml')
 */
export function* readDataFiles(
  document: ScenarioDocument,
  node: SourceNode,
  scenarioFile: string,
): Stages<Checked<DataFiles>> {
  let replay: ReplayInflow | undefined;
  const observed = document.inflow.observed;
  if (observed !== undefined) {
    const field = 'inflow.observed';
    const at = nodeAt(node, ['inflow', 'observed', 'file'])?.at ?? node.at;
    const csv = yield* readCsv(observed.file, at, scenarioFile, field, 'an inflow from a CSV file');
    if (!csv.ok) return csv;
    const options = {
      dateColumn: observed.dateColumn ?? DEFAULTS.dateColumn,
      countColumn: observed.countColumn ?? DEFAULTS.countColumn,
      period: observed.period,
      futureMeanPerWeek: observed.futureMeanPerWeek,
    };
    const futureAt = nodeAt(node, ['inflow', 'observed', 'futureMeanPerWeek'])?.at ?? node.at;
    const futureIssue = (problem: string, allowed: string) =>
      issueAtOrigin(futureAt, scenarioFile, `${field}.futureMeanPerWeek`, problem, allowed);
    const read = parseObservedInflow(csv.value.text, csv.value.csvFile, options, document.start, futureIssue);
    if (!read.ok) return read;
    replay = read.value;
  }
  const backlogs: Record<string, InitialBacklogSpec> = {};
  const issues: InputIssue[] = [];
  for (const [name, entry] of Object.entries(document.initialBacklog?.lanes ?? {})) {
    if (typeof entry !== 'object' || !('file' in entry)) continue;
    const field = `initialBacklog.lanes.${name}`;
    const at = nodeAt(node, ['initialBacklog', 'lanes', name, 'file'])?.at ?? node.at;
    const csv = yield* readCsv(entry.file, at, scenarioFile, field, 'a backlog from a CSV file');
    if (!csv.ok) {
      issues.push(...csv.issues);
      continue;
    }
    const options = {
      dateColumn: entry.dateColumn ?? DEFAULTS.dateColumn,
      countColumn: entry.countColumn ?? DEFAULTS.countColumn,
      period: entry.period,
    };
    const read = parseBacklogCsv(csv.value.text, csv.value.csvFile, options, document.start, field);
    if (read.ok) backlogs[name] = read.value;
    else issues.push(...read.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { replay, backlogs } };
}

/**
 * A CSV file's text and path, relative to the file that names it (`at`); a
 * file that cannot be read, or a document given in code that names one, is
 * an issue at `<field>.file`.
 */
function* readCsv(
  path: string,
  at: Origin,
  scenarioFile: string,
  field: string,
  what: string,
): Stages<Checked<{ text: string; csvFile: string }>> {
  const base = at.kind === 'file' ? at.file : scenarioFile;
  const csvFile = isAbsolute(path) ? path : join(dirname(base), path);
  const read = yield* requestFile(csvFile, 'csv');
  if (read === null) return { ok: false, issues: [givenInCode(at, scenarioFile, `${field}.file`, what)] };
  if (!read.ok) {
    const problem = `cannot read the CSV file ${shownPath(csvFile)}: ${read.reason}`;
    const issue = issueAtOrigin(
      at,
      scenarioFile,
      `${field}.file`,
      problem,
      'a CSV file, relative to the scenario file',
    );
    return { ok: false, issues: [issue] };
  }
  return { ok: true, value: { text: read.text, csvFile } };
}
