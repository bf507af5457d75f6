import { runScenario } from '../run/run-scenario.js';
import type { RunSummary } from '../run/summary.js';
import { loadScenario } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { formatIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { sweepCombinations } from './sweep-grid.js';
import type { SweepGrid, SweepValue } from './sweep-grid.js';

export interface SweepOptions {
  /** Replications per combination; default the scenario's. */
  readonly replications?: number;
  /** Master seed, the same for every combination; default the scenario's. */
  readonly seed?: number;
  /** Worker threads for each combination's replications. Default 1. */
  readonly workers?: number;
  /** Called once every combination has loaded, before the first run. */
  readonly onStart?: (first: Scenario, combinations: number) => void;
  /** Called as each combination finishes (index from 0), with its run time in seconds. */
  readonly onRow?: (row: SweepRow, index: number, combinations: number, seconds: number) => void;
  /** Called as replications finish, with those done so far over all combinations run here. */
  readonly onProgress?: (done: number) => void;
  /** Run only shard K of N (1-based) of the combinations: floor((K-1)C/N) to floor(KC/N) - 1. */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** Which combinations a sharded sweep ran. */
export interface SweepShard {
  readonly index: number;
  readonly count: number;
  /** Index of the first combination run, and of all combinations of the grid. */
  readonly firstCombination: number;
  readonly combinations: number;
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
  /** Set when only a shard of the combinations ran. */
  readonly shard?: SweepShard;
}

/**
 * Runs a scenario once per combination of the grid's settings, each with the
 * same seed (common random numbers: combinations differ only by their
 * settings). Every combination is loaded and checked before any runs; their
 * problems come back as issues (each once; one that arises in some
 * combinations only says with which settings), and nothing runs. Each parameter's values
 * are checked alone first (the others at their first values), so that a bad
 * path or value in a large grid is found without loading every combination.
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
  const scenarios = loaded.value;
  let first = scenarios[0];
  if (first === undefined) {
    // A grid with a parameter without values has no combinations: the scenario alone names the result.
    const plain = await loadScenario(path, { replications: options.replications, seed: options.seed });
    if (!plain.ok) return plain;
    first = plain.value.scenario;
  }
  const from =
    options.shard === undefined ? 0 : Math.floor(((options.shard.index - 1) * scenarios.length) / options.shard.count);
  const to =
    options.shard === undefined
      ? scenarios.length
      : Math.floor((options.shard.index * scenarios.length) / options.shard.count);
  options.onStart?.(first, to - from);
  const rows: SweepRow[] = [];
  for (let index = from; index < to; index++) {
    const scenario = scenarios[index]!;
    const started = Date.now();
    const before = (index - from) * scenario.replications;
    const { summary } = await runScenario(scenario, {
      workers: options.workers ?? 1,
      onProgress: options.onProgress === undefined ? undefined : (done) => options.onProgress!(before + done),
    });
    const row: SweepRow = {
      values: Object.fromEntries(combinations[index]!.map((s) => [s.path, s.value as SweepValue])),
      summary,
    };
    rows.push(row);
    options.onRow?.(row, index, scenarios.length, (Date.now() - started) / 1000);
  }
  const value: SweepResult = {
    scenario: first.name,
    seed: first.seed,
    reps: first.replications,
    parameters: grid.parameters.map((p) => p.path),
    rows,
  };
  if (options.shard === undefined) return { ok: true, value };
  return {
    ok: true,
    value: { ...value, shard: { ...options.shard, firstCombination: from, combinations: scenarios.length } },
  };
}

/**
 * Loads every combination and returns its scenarios, or each distinct problem
 * once. A problem that arises in some of the combinations but not all says
 * with which settings: those of the first combination where it arises that,
 * changed alone to another value of the grid, make it go away.
 */
async function loadCombinations(
  path: string,
  combinations: readonly FieldSetting[][],
  grid: SweepGrid,
  options: SweepOptions,
): Promise<Checked<Scenario[]>> {
  const scenarios: Scenario[] = [];
  const issues = new Map<string, { issue: InputIssue; first: readonly FieldSetting[]; count: number }>();
  const issuesOf = new Map<string, Set<string>>();
  for (const set of combinations) {
    const loaded = await loadScenario(path, { set, replications: options.replications, seed: options.seed });
    const keys = new Set(loaded.ok ? [] : loaded.issues.map(formatIssue));
    issuesOf.set(combinationKey(set.map((s) => s.value)), keys);
    if (loaded.ok) {
      scenarios.push(loaded.value.scenario);
      continue;
    }
    for (const issue of loaded.issues) {
      const seen = issues.get(formatIssue(issue));
      if (seen === undefined) issues.set(formatIssue(issue), { issue, first: set, count: 1 });
      else seen.count++;
    }
  }
  if (issues.size === 0) return { ok: true, value: scenarios };
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
