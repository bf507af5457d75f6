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
export { compile, meanHoursPerDecision } from './compile/compile.js';

export type {
  CalendarEntry,
  CapacityChange,
  CapacityPolicy,
  CapacitySpec,
  CapacityUnit,
  InflowSpec,
  InitialBacklogSpec,
  LaneSpec,
  ObservedSpec,
  Scenario,
  TargetSpec,
} from './types.js';
export type { Checked, InputIssue } from './errors.js';

// Beside the pipeline, what the CLI, the experiments, the report and the prognosis need of a scenario:

/** The document as written (a file with its bases, plain data): experiment/ reads a lever's starting value from it. */
export { scenarioDocument } from './pipeline.js';
/** `file#name` of each variant of a file: cli/load-comparison.ts, the options `compare` and `report` run by default. */
export { variantPaths } from './pipeline.js';
/** A field of the scenario format by its dotted path (integer or not, bounds, unit, default): experiment/resolve-lever.ts. */
export { scenarioField } from './schema/scenario-field.js';
/** Every value of a loaded scenario with the file and line it was written on: the report's assumptions (io/report/). */
export { scenarioValues } from './read/scenario-values.js';
// The CSV reading the scenario's data files use, for the other CSV readers (history files).
export { csvRecords } from './read/csv-records.js';
export type { CsvRecord } from './read/csv-records.js';
export type { ScenarioValue } from './read/scenario-values.js';
/** The closest known name to a mistyped one, as the scenario's own issues suggest it: run/prognosis.ts for a lane. */
export { didYouMean } from './check/did-you-mean.js';
/** JSON with sorted keys, so that equal values give equal text (the scenario hash): job/ signs and compares jobs with it. */
export { canonicalJson } from './fill-defaults.js';
