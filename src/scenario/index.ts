/**
 * The scenario layer's public face. A scenario file (or a document built in
 * code) goes in; a checked, frozen `Scenario` comes out, or every problem
 * with its file, line and column; `compile` turns a `Scenario` into the
 * engine's `Plan`. The stages in between are listed in pipeline.ts.
 *
 * Code outside src/scenario/ imports from here (or from types.ts and
 * errors.ts), never from the stage folders.
 */

export { loadScenario, resolveScenario, validateScenario } from './pipeline.js';
export type { LoadedScenario, ValidatedScenario } from './pipeline.js';
export type { FieldSetting, ScenarioOverrides } from './resolve/overrides.js';
export { compile, isCompiledPlan, meanHoursPerDecision } from './compile/compile.js';
/** The planned mean inflow of each week of the horizon: experiment/ reads the current capacity of inflowPlusMargin from it. */
export { totalInflowMeans } from './compile/schedule.js';
/** The open cases at the start of one lane by age (element k: filed k + 1 weeks before the start): run/prognosis.ts for cases open at the start. */
export { initialBacklogAges } from './compile/compile.js';
/** One capacity pool compiled on its own (its rate per week): run/capacity-summary.ts, the capacity as planned. */
export { pool as compilePool } from './compile/pools.js';

export type {
  CalendarEntry,
  CapacityChange,
  CapacityPolicy,
  CapacitySpec,
  CapacityUnit,
  InflowChange,
  InflowSpec,
  InitialBacklogSpec,
  LaneSpec,
  ObservedSpec,
  Scenario,
  TargetSpec,
} from './types.js';
export type { Checked, InputIssue } from './errors.js';
/** The checks of the public functions' arguments: each throws CaseloadArgumentError naming the parameter. */
export {
  argArray,
  argCallback,
  argDate,
  argDocument,
  argFlag,
  argFunction,
  argInteger,
  argNumber,
  argObject,
  argOneOf,
  argOverrides,
  argString,
  argWorkers,
  argumentError,
  describeValue,
  isPlainObject,
  MAX_WORKERS,
  optional,
} from './check/arguments.js';
export type { NumberRange } from './check/arguments.js';
export { argScenario } from './check/scenario-argument.js';

// Beside the pipeline, what the CLI, the experiments, the report and the prognosis need of a scenario:

/** The document as written (a file with its bases, plain data): experiment/ reads a lever's starting value from it. */
export { scenarioDocument } from './pipeline.js';
/** `file#name` of each variant of a file: cli/load-comparison.ts, the options `compare` and `report` run by default. */
export { variantPaths } from './pipeline.js';
/** A field of the scenario format by its dotted path (integer or not, bounds, unit, default): experiment/resolve-lever.ts. */
export { scenarioField } from './schema/scenario-field.js';
export type { ScenarioField } from './schema/scenario-field.js';
/** Every value of a loaded scenario with the file and line it was written on: the report's assumptions (io/report/). */
export { scenarioValues } from './read/scenario-values.js';
/** Reads an input file as the loader does (regular files only, at most a stated size): cli/read-history.ts for history CSVs. */
export { readText } from './read/read-text.js';
/** The loader reading from elsewhere than the file system: app/ loads the files embedded in the what-if page. */
export { loadScenarioFrom } from './pipeline.js';
export { DISK_TEXTS } from './read/read-text.js';
export type { InputKind, TextRead, TextSource } from './read/read-text.js';
// The CSV reading the scenario's data files use, for the other CSV readers (history files).
export { csvRecords } from './read/csv-records.js';
export type { CsvRecord } from './read/csv-records.js';
export type { ScenarioValue } from './read/scenario-values.js';
/** Numbers written the Dutch way (1.600, 27,5): the command line refuses them where they are ambiguous. */
export { decimalComma, groupedNumber, plainNumber } from './check/number-writing.js';
/** The closest known name to a mistyped one, as the scenario's own issues suggest it: run/prognosis.ts for a lane. */
export { didYouMean } from './check/did-you-mean.js';
/** JSON with sorted keys, so that equal values give equal text (the scenario hash): job/ signs and compares jobs with it. */
export { canonicalJson } from './fill-defaults.js';
/** sha256 of a resolved scenario (a run's provenance): job/ names each plan of a shard's job by it. */
export { scenarioHash } from './fill-defaults.js';
/** `file.yaml#name`: the file and the variant a path names, by its text alone (cli/claim-outputs.ts, for a scenario that did not load). */
export { splitVariantName } from './resolve/variants.js';
// The backlog-by-age reader of a lane's `initialBacklog: { file }`, for a re-forecast's starting backlog.
export { parseBacklogCsv } from './read/backlog-csv.js';
