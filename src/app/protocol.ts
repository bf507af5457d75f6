/**
 * What the what-if page and its Web Worker say to each other, and what
 * `caseload app` embeds in the page. Plain data only: everything here
 * crosses `postMessage` (structured clone) and JSON.
 */
import type { Lang } from '../i18n/lang.js';
import type { Prognosis } from '../run/prognosis.js';
import type { RunSummary, WeeklyRow } from '../run/summary.js';
import type { InputIssue } from '../scenario/errors.js';
import type { FieldSetting } from '../scenario/index.js';

/** One scenario the page can start from: the scenario of `caseload app`, then each option given after it. */
export interface AppPreset {
  /** As the page shows it: the scenario's name. */
  readonly label: string;
  /** The path as the loader reads it from `AppData.files` (a file, or `file#variant`). */
  readonly path: string;
}

/** Everything the page needs, embedded in it as JSON by `caseload app`. */
export interface AppData {
  readonly caseloadVersion: string;
  /** The language the page opens in; the user can switch. */
  readonly lang: Lang;
  /** Every file the loader read for the presets (scenarios, bases, calendars, CSV data), by the path it read. */
  readonly files: Readonly<Record<string, string>>;
  /**
   * The working directory `caseload app` ran in (`collectAppFiles` gives it
   * with the files): the loader resolves a calendar's path against it, so
   * the page's loader must too to find it among `files`, and to word its
   * messages as the CLI did there.
   */
  readonly cwd: string;
  /** The first is the scenario given first. */
  readonly presets: readonly AppPreset[];
  /** Replications and seed the page starts with (the first preset's, or the command's --reps and --seed). */
  readonly replications: number;
  readonly seed: number;
}

/** A question to the worker: the preset with the page's changes, run with this seed and these replications. */
export interface WhatIfRequest {
  /** The page's counter: a response answers the request with its id, and the page shows only the latest. */
  readonly id: number;
  /** `AppPreset.path` of the preset the changes apply to. */
  readonly preset: string;
  /**
   * The page's changes, as `--set` would give them, each with `flag` naming
   * its control (so that an issue about it can be shown beside the control).
   */
  readonly set: readonly FieldSetting[];
  readonly replications: number;
  readonly seed: number;
  /** When a case filed on this date (in this lane, or every lane) is decided; absent when not asked. */
  readonly prognosis?: { readonly filed: string; readonly lane?: string };
  /**
   * false: leave out the explanation of the band (`summary.uncertainty`:
   * variance shares and sensitivity), which runs the scenario once more per
   * subset of its uncertain sources and twice per parameter (11 more runs
   * for the baseline), so that a quick answer can come first. Default true:
   * the summary is then all of `caseload run --json`'s.
   */
  readonly explain?: boolean;
}

/** A paired difference (changed - file), replication by replication, in plain numbers. */
export interface PairedChange {
  readonly mean: number;
  /** 95% interval of the mean difference. */
  readonly low: number;
  readonly high: number;
}

/** The worker's answer. */
export type WhatIfResponse =
  | {
      readonly id: number;
      readonly ok: true;
      /** The changed scenario's run, as `caseload run --json` gives it for the same inputs. */
      readonly summary: RunSummary;
      /** Weekly rows of the total and every lane (for the fan chart). */
      readonly weekly: readonly WeeklyRow[];
      /**
       * The preset as in the file, with the same seed and replications (common
       * random numbers): `caseload run --json`'s summary without the
       * explanation of the band (`uncertainty`), which the page does not show for it.
       */
      readonly file: RunSummary;
      /** End backlog, changed - file, pair by pair; null when nothing was changed. */
      readonly endBacklogChange: PairedChange | null;
      readonly prognosis: Prognosis | null;
      /** The changed scenario's plausibility warnings, as `caseload run` prints them (`warning: ...`); empty when none. */
      readonly warnings: readonly InputIssue[];
      /** Time the worker took, for the page's speed figure. */
      readonly millis: number;
    }
  | {
      readonly id: number;
      readonly ok: false;
      /**
       * Every problem with the changes, as the CLI words them; `flag` in each
       * setting says which control (the prognosis query's are at `--filed`
       * and `--lane`, as `caseload prognosis` words them).
       */
      readonly issues: readonly InputIssue[];
      /** A bug, not a problem with the inputs: the worker's error message, for the page to show; `issues` is then empty. */
      readonly error?: string;
    };
