import { simulateDeterministic } from '../engine/simulate.js';
import type { Job, JobPart } from '../job/job.js';
import { onePlan, wholeJob } from '../job/job.js';
import type { JobTallies } from '../job/job-tallies.js';
import { runJob } from '../job/run-job.js';
import { parameterSettingIssues } from '../scenario/errors.js';
import { summarize } from '../run/summary.js';
import type { RunSummary } from '../run/summary.js';
import { argString, loadScenario } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { formatIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { argSweepGrid, argSweepOptions } from './experiment-arguments.js';
import { MAX_SWEEP_COMBINATIONS, sweepCombinations } from './sweep-grid.js';
import type { SweepGrid, SweepValue } from './sweep-grid.js';

export interface SweepOptions {
  /** Replications per combination; default the scenario's. */
  readonly replications?: number;
  /** Master seed, the same for every combination; default the scenario's. */
  readonly seed?: number;
  /** false: leave out the scenario's uncertainty: block (the plan taken as known). */
  readonly uncertainty?: false;
  /** Worker threads for each combination's replications. Default 1. */
  readonly workers?: number;
  /** Called once every combination has loaded, before the first run, with the number about to run. */
  readonly onStart?: (sweep: SweepJob, combinations: number) => void;
  /** Called as each combination finishes (index from 0 among all), with its run time in seconds. */
  readonly onRow?: (row: SweepRow, index: number, combinations: number, seconds: number) => void;
  /** Called as replications finish, with those done so far over all combinations run here. */
  readonly onProgress?: (done: number) => void;
}

/** One combination of the sweep: its settings by path and the summary of its run. */
export interface SweepRow {
  readonly values: Readonly<Record<string, SweepValue>>;
  readonly summary: RunSummary;
}

/** The result of `caseload sweep`, as printed with `--json`. */
export interface SweepResult {
  /** The scenario's name. */
  readonly scenario: string;
  readonly seed: number;
  readonly reps: number;
  /** The swept paths, in the order given. */
  readonly parameters: readonly string[];
  /** One per combination, the last parameter varying fastest. */
  readonly rows: readonly SweepRow[];
}

/** A sweep loaded and checked, ready to run: a job of one plan per combination, and each one's settings. */
export interface SweepJob {
  /** One plan per combination, all with the same seed and replications. */
  readonly job: Job;
  /** The scenario's name. */
  readonly scenario: string;
  /** The swept paths, in the order given. */
  readonly parameters: readonly string[];
  /** The settings of each combination by path, in the order of the plans. */
  readonly values: readonly Readonly<Record<string, SweepValue>>[];
}

/** A sweep loaded and checked, with the plausibility warnings of its combinations (each once). */
export interface LoadedSweep extends SweepJob {
  /** Values allowed but likely meant otherwise, in the file or set by the grid (see LoadedScenario.warnings). */
  readonly warnings: readonly InputIssue[];
}

/**
 * Runs a scenario once per combination of the grid's settings, each with the
 * same seed (common random numbers: combinations differ only by their
 * settings), one combination at a time so that memory does not grow with the
 * grid. Every combination is loaded and checked first (loadSweep); their
 * problems come back as issues and nothing runs. Throws
 * CaseloadArgumentError when `path` is not a string, `grid` not a SweepGrid
 * of parseSweepGrid's making, or an option not of its type.
 *
 * @example
 * const grid = parseSweepGrid(['capacity.perWeek=28..32:2']);
 * if (grid.ok) await runSweep('scenarios/baseline-2024.yaml', grid.value, { replications: 200 });
 */
export async function runSweep(
  path: string,
  grid: SweepGrid,
  options: SweepOptions = {},
): Promise<Checked<SweepResult>> {
  argString(path, 'path', 'a scenario file');
  argSweepGrid(grid, MAX_SWEEP_COMBINATIONS);
  argSweepOptions(options);
  const sweep = await loadSweep(path, grid, options);
  if (!sweep.ok) return sweep;
  const rows: SweepRow[] = [];
  await runSweepPlans(sweep.value, wholeJob(sweep.value.job), options, (_, row) => rows.push(row));
  return { ok: true, value: sweepResult(sweep.value, rows) };
}

/**
 * Loads every combination of the grid and checks it, as the job of the
 * sweep. Problems come back as issues (each once; one that arises in some
 * combinations only says with which settings). Each parameter's values are
 * checked alone first (the others at their first values), so that a bad path
 * or value in a large grid is found without loading every combination.
 */
export async function loadSweep(
  path: string,
  grid: SweepGrid,
  options: { readonly replications?: number; readonly seed?: number; readonly uncertainty?: false } = {},
): Promise<Checked<LoadedSweep>> {
  const combinations = sweepCombinations(grid);
  // A problem with one value (an unknown path, a value out of range) shows with the other
  // parameters at their first values: checking each parameter alone first finds it in
  // n1 + n2 + ... loads instead of n1 x n2 x ... (about 1 ms each).
  if (grid.parameters.length > 1 && combinations.length > 0) {
    const alone = await loadCombinations(path, oneAtATime(grid), grid, options);
    if (!alone.ok) return alone;
  }
  const loaded = await loadCombinations(path, combinations, grid, options);
  if (!loaded.ok) return loaded;
  const { scenarios, warnings } = loaded.value;
  let first = scenarios[0];
  if (first === undefined) {
    // A grid with a parameter without values has no combinations: the scenario alone names the result.
    const plain = await loadScenario(path, {
      replications: options.replications,
      seed: options.seed,
      uncertainty: options.uncertainty,
    });
    if (!plain.ok) return plain;
    first = plain.value.scenario;
    warnings.push(...plain.value.warnings);
  }
  return {
    ok: true,
    value: {
      job: { scenarios, seed: first.seed, replications: first.replications, paired: false },
      scenario: first.name,
      parameters: grid.parameters.map((p) => p.path),
      values: combinations.map((set) => Object.fromEntries(set.map((s) => [s.path, s.value as SweepValue]))),
      warnings,
    },
  };
}

/**
 * Runs the plans of a part of a sweep's job one at a time, every replication
 * of each (a sweep's part is a slice of its combinations), and hands each
 * plan's tallies and row to `visit` before the next plan runs.
 */
export async function runSweepPlans(
  sweep: SweepJob,
  part: JobPart,
  options: SweepOptions,
  visit: (tallies: JobTallies, row: SweepRow) => void,
): Promise<void> {
  const { job } = sweep;
  const count = part.toPlan - part.fromPlan;
  options.onStart?.(sweep, count);
  for (let index = part.fromPlan; index < part.toPlan; index++) {
    const started = Date.now();
    const before = (index - part.fromPlan) * job.replications;
    const tallies = await runJob(job, onePlan(job, index), {
      workers: options.workers ?? 1,
      onProgress: options.onProgress === undefined ? undefined : (done) => options.onProgress!(before + done),
    });
    const row = sweepRow(sweep, tallies, index);
    visit(tallies, row);
    options.onRow?.(row, index, job.scenarios.length, (Date.now() - started) / 1000);
  }
}

/** The row of one combination, from tallies that hold its plan (run, or merged from shards). */
export function sweepRow(sweep: SweepJob, tallies: JobTallies, index: number): SweepRow {
  const tally = tallies.tally(index);
  const plan = tallies.plans[index - tallies.fromPlan]!;
  return {
    values: sweep.values[index]!,
    summary: summarize(sweep.job.scenarios[index]!, plan, tally, simulateDeterministic(plan)),
  };
}

/** The result of a sweep from its rows, in the order of the combinations. */
export function sweepResult(sweep: SweepJob, rows: readonly SweepRow[]): SweepResult {
  return {
    scenario: sweep.scenario,
    seed: sweep.job.seed,
    reps: sweep.job.replications,
    parameters: sweep.parameters,
    rows,
  };
}

/**
 * Loads every combination and returns its scenarios and their warnings (each
 * distinct one once), or each distinct problem once. A problem that arises in some of the combinations but not all says
 * with which settings: those of the first combination where it arises that,
 * changed alone to another value of the grid, make it go away.
 */
async function loadCombinations(
  path: string,
  combinations: readonly FieldSetting[][],
  grid: SweepGrid,
  options: { readonly replications?: number; readonly seed?: number; readonly uncertainty?: false },
): Promise<Checked<{ scenarios: Scenario[]; warnings: InputIssue[] }>> {
  const scenarios: Scenario[] = [];
  const warnings = new Map<string, InputIssue>();
  const issues = new Map<string, { issue: InputIssue; first: readonly FieldSetting[]; count: number }>();
  const issuesOf = new Map<string, Set<string>>();
  for (const set of combinations) {
    const loaded = await loadScenario(path, {
      set,
      replications: options.replications,
      seed: options.seed,
      uncertainty: options.uncertainty,
    });
    const keys = new Set(loaded.ok ? [] : loaded.issues.map(formatIssue));
    issuesOf.set(combinationKey(set.map((s) => s.value)), keys);
    if (loaded.ok) {
      scenarios.push(loaded.value.scenario);
      for (const warning of parameterSettingIssues(loaded.value.warnings, 'set'))
        if (!warnings.has(formatIssue(warning))) warnings.set(formatIssue(warning), warning);
      continue;
    }
    for (const issue of parameterSettingIssues(loaded.issues, 'set')) {
      const seen = issues.get(formatIssue(issue));
      if (seen === undefined) issues.set(formatIssue(issue), { issue, first: set, count: 1 });
      else seen.count++;
    }
  }
  if (issues.size === 0) return { ok: true, value: { scenarios, warnings: [...warnings.values()] } };
  return {
    ok: false,
    issues: [...issues.entries()].map(([key, { issue, first, count }]) => {
      if (count === combinations.length) return issue;
      const values = first.map((s) => s.value);
      const cleared = (i: number) =>
        grid.parameters[i]!.values.some((value) => {
          if (value === values[i]) return false;
          const other = issuesOf.get(combinationKey(values.map((v, j) => (j === i ? value : v))));
          return other !== undefined && !other.has(key);
        });
      const causes = first.filter((_, i) => cleared(i));
      const annotation =
        causes.length > 0
          ? `with ${describeSettings(causes)}`
          : `in ${count} combinations, the first: ${describeSettings(first)}`;
      return { ...issue, problem: `${issue.problem} [${annotation}]` };
    }),
  };
}

function combinationKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/** Each parameter's values with the other parameters at their first values. */
function oneAtATime(grid: SweepGrid): FieldSetting[][] {
  const firsts = grid.parameters.map((p) => ({ path: p.path, value: p.values[0], flag: p.flag }));
  const combinations: FieldSetting[][] = [];
  grid.parameters.forEach((parameter, i) => {
    for (const value of parameter.values.slice(i === 0 ? 0 : 1)) {
      combinations.push(firsts.map((setting, j) => (j === i ? { ...setting, value } : setting)));
    }
  });
  return combinations;
}

function describeSettings(set: readonly FieldSetting[]): string {
  return set.map((s) => `${s.path}=${String(s.value)}`).join(', ');
}
