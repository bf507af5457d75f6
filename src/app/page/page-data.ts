import type { Scenario } from '../../scenario/types.js';

/**
 * What the page needs of a preset beyond `AppPreset` (which the worker
 * needs too): the scenario's values for the controls, and what a downloaded
 * scenario extends. `caseload app` embeds it beside `AppData`.
 */
export interface PagePreset {
  /** The preset as loaded (resolved, defaults filled): the file's values the page shows beside its controls. */
  readonly scenario: Scenario;
  /** The name of the preset's file without its folder: what a downloaded what-if scenario `extends`. */
  readonly fileName: string;
  /** A variant (`file#variant`): its name and its fields as written, copied into a downloaded scenario; null for a file. */
  readonly variant: { readonly name: string; readonly fields: Readonly<Record<string, unknown>> } | null;
}

/** The page's own data, embedded by `caseload app` as JSON: one entry per `AppData.presets` entry, in its order. */
export interface PageData {
  readonly presets: readonly PagePreset[];
}
