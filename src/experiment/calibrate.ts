import { runScenario } from '../run/run-scenario.js';
import { loadScenario, scenarioDocument } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import { parameterIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { backtestRows } from './backtest.js';
import type { BacktestRow } from './backtest.js';
import { resolveLever } from './resolve-lever.js';
import type { Lever } from './resolve-lever.js';

export interface CalibrateRequest {
  readonly file: string;
  /** Dotted paths of the number fields to fit. */
  readonly fit: readonly string[];
  readonly replications?: number;
  readonly seed?: number;
  readonly workers?: number;
  /** Passes of coordinate descent over the parameters. Default 3. */
  readonly rounds?: number;
  readonly onEvaluation?: (values: readonly number[], loss: number) => void;
}

export interface FittedParameter {
  readonly path: string;
  readonly integer: boolean;
  readonly before: number;
  readonly after: number;
}

export interface CalibrationResult {
  readonly scenario: string;
  readonly seed: number;
  readonly reps: number;
  readonly parameters: readonly FittedParameter[];
  /** Sum of squared relative errors of the observed figures, and the figures, before and after. */
  readonly before: { readonly loss: number; readonly rows: readonly BacktestRow[] };
  readonly after: { readonly loss: number; readonly rows: readonly BacktestRow[] };
  readonly evaluations: number;
  /** The settings that give the fitted scenario. */
  readonly settings: readonly FieldSetting[];
}

/** Golden-section steps for a parameter that takes any number. */
const GOLDEN_STEPS = 14;
/** Steps of one for a whole-number parameter, at most, per round. */
const INTEGER_STEPS = 30;

/**
 * Fits the named free parameters of a scenario to its `observed:` block by
 * minimising the sum of squared relative errors, with common random numbers
 * (every evaluation runs the same seed, so the loss changes only with the
 * parameters and the search is stable): coordinate descent, whole-number
 * fields by steps of one, other fields by golden-section search within their
 * bounds. Fitting a lane's share rescales the other lanes' shares so that
 * they still sum to 1. The same request gives the same result.
 *
 * @example await calibrate({ file: 'scenarios/backtest-2023.yaml', fit: ['lanes.not-considered.minWaitWeeks'] })
 */
export async function calibrate(request: CalibrateRequest): Promise<Checked<CalibrationResult>> {
  const loaded = await loadScenario(request.file, { replications: request.replications, seed: request.seed });
  if (!loaded.ok) return loaded;
  const base = loaded.value.scenario;
  if (base.observed === undefined) {
    return {
      ok: false,
      issues: [
        issueAt(
          request.file,
          'observed',
          'is missing: there is nothing to calibrate against',
          'an observed: block with the published figures of the period',
        ),
      ],
    };
  }
  const observed = base.observed;
  if (request.fit.length === 0)
    return { ok: false, issues: [parameterIssue('fit', '', 'names no field', 'one or more dotted field paths')] };
  const document = await scenarioDocument(request.file);
  if (!document.ok) return document;
  const issues: InputIssue[] = [];
  const levers: Lever[] = [];
  for (const path of request.fit) {
    const lever = resolveLever(path, base, document.value);
    if (!lever.ok) issues.push(...lever.issues.map((issue) => ({ ...issue, file: 'fit', parameter: 'fit' })));
    else if (lever.value.kind !== 'field')
      issues.push(
        parameterIssue(
          'fit',
          path,
          'is a shorthand; name the field by its path',
          'a dotted field path, e.g. lanes.regular.minWaitWeeks',
        ),
      );
    else if (lever.value.current === null)
      issues.push(
        parameterIssue(
          'fit',
          path,
          'has no value in the scenario to start from',
          'a field the scenario sets or defaults',
        ),
      );
    else levers.push(lever.value);
  }
  if (issues.length > 0) return { ok: false, issues };

  const settingsFor = (values: readonly number[]): FieldSetting[] =>
    levers.flatMap(
      (lever, i) =>
        shareSettings(lever.field, values[i]!, base) ?? [
          { path: lever.field, value: values[i]!, flag: `fit ${lever.field}` },
        ],
    );
  let evaluations = 0;
  const cache = new Map<string, { loss: number; rows: BacktestRow[] }>();
  const evaluate = async (values: readonly number[]) => {
    const key = JSON.stringify(values);
    const known = cache.get(key);
    if (known !== undefined) return known;
    evaluations++;
    const scenario = await loadScenario(request.file, {
      replications: request.replications,
      seed: request.seed,
      set: settingsFor(values),
    });
    let result = { loss: Number.POSITIVE_INFINITY, rows: [] as BacktestRow[] };
    if (scenario.ok) {
      const { summary } = await runScenario(scenario.value.scenario, { workers: request.workers ?? 1 });
      const rows = backtestRows(summary, observed);
      result = {
        loss: rows.reduce((sum, row) => sum + (row.relativeError === null ? 0 : row.relativeError ** 2), 0),
        rows,
      };
    }
    cache.set(key, result);
    request.onEvaluation?.(values, result.loss);
    return result;
  };

  const start = levers.map((lever) => lever.current!);
  const before = await evaluate(start);
  const values = [...start];
  let best = before;
  for (let round = 0; round < (request.rounds ?? 3); round++) {
    const lossAtRoundStart = best.loss;
    for (let i = 0; i < levers.length; i++) {
      const lever = levers[i]!;
      const at = async (value: number) => evaluate(values.map((v, j) => (j === i ? value : v)));
      if (lever.integer) {
        for (const direction of [1, -1]) {
          for (let step = 0; step < INTEGER_STEPS; step++) {
            const next = values[i]! + direction;
            if (next < lever.minimum || (lever.minimumExclusive && next <= lever.minimum) || next > lever.maximum)
              break;
            const tried = await at(next);
            if (!(tried.loss < best.loss)) break;
            values[i] = next;
            best = tried;
          }
        }
      } else {
        const current = values[i]!;
        let low = Math.max(lever.minimum, current === 0 ? lever.minimum : current / 4);
        let high = Math.min(lever.maximum, current === 0 ? 1 : current * 4);
        const phi = (Math.sqrt(5) - 1) / 2;
        for (let step = 0; step < GOLDEN_STEPS; step++) {
          const a = high - phi * (high - low);
          const b = low + phi * (high - low);
          if ((await at(a)).loss < (await at(b)).loss) high = b;
          else low = a;
        }
        const candidate = (low + high) / 2;
        const tried = await at(candidate);
        if (tried.loss < best.loss) {
          values[i] = candidate;
          best = tried;
        }
      }
    }
    if (!(best.loss < lossAtRoundStart)) break;
  }
  return {
    ok: true,
    value: {
      scenario: base.name,
      seed: base.seed,
      reps: base.replications,
      parameters: levers.map((lever, i) => ({
        path: lever.field,
        integer: lever.integer,
        before: start[i]!,
        after: values[i]!,
      })),
      before: { loss: before.loss, rows: before.rows },
      after: { loss: best.loss, rows: best.rows },
      evaluations,
      settings: settingsFor(values),
    },
  };
}

/** Fitting `lanes.<name>.share`: that share, and the others rescaled so that all still sum to 1. */
function shareSettings(path: string, value: number, scenario: Scenario): FieldSetting[] | null {
  const match = /^lanes\.([^.]+)\.share$/.exec(path);
  if (match === null) return null;
  const lane = scenario.lanes.find((l) => l.name === match[1]);
  if (lane === undefined) return null;
  const rest = 1 - lane.share;
  return scenario.lanes.map((l) => ({
    path: `lanes.${l.name}.share`,
    value:
      l.name === lane.name
        ? value
        : rest === 0
          ? (1 - value) / (scenario.lanes.length - 1)
          : (l.share * (1 - value)) / rest,
    flag: `fit ${path}`,
  }));
}
