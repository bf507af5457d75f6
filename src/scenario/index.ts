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
export { compile } from './compile/compile.js';

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

// Used by the CLI, the experiments and the report beside the pipeline: the variants of a file, a file's
// document as written, its values with their positions (the report's assumptions), and the schema (levers).
export { scenarioDocument, variantPaths } from './pipeline.js';
export { scenarioValues } from './read/scenario-values.js';
export type { ScenarioValue } from './read/scenario-values.js';
export type { Origin } from './read/source-node.js';
export { didYouMean } from './check/did-you-mean.js';
export { scenarioField } from './schema/scenario-field.js';
