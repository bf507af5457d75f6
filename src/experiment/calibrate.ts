import { runScenario } from '../run/run-scenario.js';
import { loadScenario, scenarioDocument } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import { parameterIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { backtestRows } from './backtest.js';
import { argCalibrateRequest } from './experiment-arguments.js';
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
  /** Passes of coordinate descent over the parameters, 1 to 20. Default 3. */
  readonly rounds?: number;
  readonly onEvaluation?: (values: readonly number[], loss: number) => void;
}

export interface FittedParameter {
  readonly path: string;
  readonly integer: boolean;
  readonly before: number;
  /** The fitted value as the calibrated scenario writes it (six significant digits; a share to six decimals). */
  readonly after: number;
  /**
   * Where the fitted value sits on a bound, so that the best value may lie
   * beyond it: the field's own bound (`field`), or the edge of the range the
   * last search of this parameter covered (`search`). Null when inside both.
   */
  readonly onBound: ParameterBound | null;
}

/** A bound a fitted value sits on. */
export interface ParameterBound {
  readonly kind: 'field' | 'search';
  readonly side: 'lowest' | 'highest';
  /** The bound's value. */
  readonly value: number;
  /** The range the last search covered (for `search`; the field's range for `field`). */
  readonly range: { readonly low: number; readonly high: number };
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
  /** The settings that give the fitted scenario, with the values as written (`after`). */
  readonly settings: readonly FieldSetting[];
  /** Fitted values on a bound (see FittedParameter.onBound), as issues of the parameter `fit`; not errors. */
  readonly warnings: readonly InputIssue[];
}

/** Golden-section steps for a parameter that takes any number. */
const GOLDEN_STEPS = 14;
/** A fitted value this share of its search range's width from an end sits on the search's bound. */
const EDGE_SHARE = 0.02;
/** Steps of one for a whole-number parameter, at most, per round. */
const INTEGER_STEPS = 30;

/**
 * Fits the named free parameters of a scenario to its `observed:` block by
 * minimising the sum of squared relative errors, with common random numbers
 * (every evaluation runs the same seed, so the loss changes only with the
 * parameters and the search is stable): coordinate descent, whole-number
 * fields by steps of one, other fields by golden-section search within their
 * bounds. Fitting a lane's share rescales the shares that are not fitted so
 * that all still sum to 1. Every evaluation runs the values as the
 * calibrated scenario writes them (six significant digits; shares to six
 * decimals that sum to exactly 1), so the fitted error is the written
 * file's. A fitted value on its field's bound or at the edge of the range
 * searched comes with a warning. The same request gives the same result.
 * Throws CaseloadArgumentError when the request is not an object of its
 * keys, each of its type (`fit` a list of strings, `rounds` a whole number
 * from 1 to 20, `workers` from 1 to 256).
 *
 * @example await calibrate({ file: 'scenarios/backtest-2023.yaml', fit: ['lanes.not-considered.minWaitWeeks'] })
 */
export async function calibrate(request: CalibrateRequest): Promise<Checked<CalibrationResult>> {
  argCalibrateRequest(request);
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
  const shareLanes = levers.map((lever) => shareLane(lever.field)).filter((lane) => lane !== null);
  if (shareLanes.length > 0 && shareLanes.length >= base.lanes.length)
    issues.push(
      parameterIssue(
        'fit',
        '',
        "fits the share of every lane: the shares must sum to 1, so one lane's share must be left to take up the rest",
        'the shares of all lanes but one at most',
      ),
    );
  if (issues.length > 0) return { ok: false, issues };

  const settingsFor = (values: readonly number[]): FieldSetting[] => {
    const settings: FieldSetting[] = [];
    const fittedShares = new Map<string, number>();
    levers.forEach((lever, i) => {
      const lane = shareLane(lever.field);
      if (lane !== null) fittedShares.set(lane, values[i]!);
      else settings.push({ path: lever.field, value: asWritten(values[i]!, lever), flag: `fit ${lever.field}` });
    });
    if (fittedShares.size > 0) {
      const flag = `fit ${[...fittedShares.keys()].map((lane) => `lanes.${lane}.share`).join(', ')}`;
      for (const [lane, share] of sharesAsWritten(fittedShares, base))
        settings.push({ path: `lanes.${lane}.share`, value: share, flag });
    }
    return settings;
  };
  /** The value of parameter i as written with these values. */
  const writtenValue = (values: readonly number[], i: number): number =>
    settingsFor(values).find((setting) => setting.path === levers[i]!.field)!.value as number;
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
  // Per parameter, the edge of the range its last search ended on, if any.
  const edges: (SearchEdge | null)[] = levers.map(() => null);
  for (let round = 0; round < (request.rounds ?? 3); round++) {
    const lossAtRoundStart = best.loss;
    for (let i = 0; i < levers.length; i++) {
      const lever = levers[i]!;
      const at = async (value: number) => evaluate(values.map((v, j) => (j === i ? value : v)));
      if (lever.integer) {
        edges[i] = null;
        for (const direction of [1, -1]) {
          const from = values[i]!;
          for (let step = 0; step < INTEGER_STEPS; step++) {
            const next = values[i]! + direction;
            if (!allows(lever, next)) break;
            const tried = await at(next);
            if (!(tried.loss < best.loss)) break;
            values[i] = next;
            best = tried;
            // Every step taken and still improving: the walk stopped at its length, not at a best value.
            if (step === INTEGER_STEPS - 1)
              edges[i] = {
                side: direction > 0 ? 'highest' : 'lowest',
                range: { low: Math.min(from, next), high: Math.max(from, next) },
              };
          }
        }
      } else {
        const current = values[i]!;
        const low0 = Math.max(lever.minimum, current === 0 ? lever.minimum : current / 4);
        const high0 = Math.min(lever.maximum, current === 0 ? 1 : current * 4);
        let low = low0;
        let high = high0;
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
          // Within 2% of the range's width of an end: the loss fell (nearly) all the way to it.
          const range = { low: low0, high: high0 };
          const near = EDGE_SHARE * (high0 - low0);
          edges[i] =
            candidate - low0 <= near
              ? { side: 'lowest', range }
              : high0 - candidate <= near
                ? { side: 'highest', range }
                : null;
        } else edges[i] = null;
      }
    }
    if (!(best.loss < lossAtRoundStart)) break;
  }
  const parameters = levers.map((lever, i): FittedParameter => {
    const after = writtenValue(values, i);
    return {
      path: lever.field,
      integer: lever.integer,
      before: start[i]!,
      after,
      onBound: boundOf(lever, after, edges[i]!),
    };
  });
  return {
    ok: true,
    value: {
      scenario: base.name,
      seed: base.seed,
      reps: base.replications,
      parameters,
      before: { loss: before.loss, rows: before.rows },
      after: { loss: best.loss, rows: best.rows },
      evaluations,
      settings: settingsFor(values),
      warnings: parameters.flatMap((p) => (p.onBound === null ? [] : [boundWarning(p, p.onBound)])),
    },
  };
}

/** The end of the range a parameter's last search reached. */
interface SearchEdge {
  readonly side: 'lowest' | 'highest';
  readonly range: { readonly low: number; readonly high: number };
}

/** Whether the field allows the value. */
function allows(lever: Lever, value: number): boolean {
  return value >= lever.minimum && !(lever.minimumExclusive && value <= lever.minimum) && value <= lever.maximum;
}

/**
 * The bound a fitted value sits on: the field's own (the value is within a
 * millionth of its lowest or highest, an excluded minimum included), else
 * the edge of the last search's range; null when on neither.
 */
function boundOf(lever: Lever, value: number, edge: SearchEdge | null): ParameterBound | null {
  const range = { low: lever.minimum, high: lever.maximum };
  const near = (bound: number) => Math.abs(value - bound) <= 1e-6 * Math.max(1, Math.abs(bound));
  if (near(lever.minimum)) return { kind: 'field', side: 'lowest', value: lever.minimum, range };
  if (Number.isFinite(lever.maximum) && near(lever.maximum))
    return { kind: 'field', side: 'highest', value: lever.maximum, range };
  if (edge === null) return null;
  const bound = edge.side === 'lowest' ? edge.range.low : edge.range.high;
  // The search range stops at the field's bounds: an end there is the field's.
  if (bound === (edge.side === 'lowest' ? lever.minimum : lever.maximum))
    return { kind: 'field', side: edge.side, value: bound, range };
  return { kind: 'search', side: edge.side, value: bound, range: edge.range };
}

/** A fitted value on a bound, as a warning at the parameter `fit`. */
function boundWarning(parameter: FittedParameter, bound: ParameterBound): InputIssue {
  const shown = (value: number) => String(Number(value.toPrecision(6)));
  const value = shown(parameter.after);
  if (bound.kind === 'field')
    return parameterIssue(
      'fit',
      parameter.path,
      `the fitted value ${value} sits at the ${bound.side} value the field allows (${shown(bound.value)}): the observed ` +
        `figures ask for ${bound.side === 'lowest' ? 'less' : 'more'} than this field can give, so another field or the observed figures may explain the error`,
      'fit another field as well, or check the observed figures',
    );
  const walk = parameter.integer
    ? `${INTEGER_STEPS} steps of 1 from ${shown(bound.side === 'lowest' ? bound.range.high : bound.range.low)}`
    : `${shown(bound.range.low)} to ${shown(bound.range.high)}, a quarter to four times the value the search started from`;
  return parameterIssue(
    'fit',
    parameter.path,
    `the fitted value ${value} sits at the ${bound.side} end of the range its last search covered (${walk}): ` +
      'the best value may lie beyond it',
    'more `rounds`, or calibrate the written scenario again, to search on from there',
  );
}

/**
 * A fitted value as the calibrated scenario writes it: six significant
 * digits, unless that would leave the field's range (then as it is).
 */
function asWritten(value: number, lever: Lever): number {
  if (lever.integer) return value;
  const rounded = Number(value.toPrecision(6));
  return allows(lever, rounded) ? rounded : value;
}

/** The lane of a `lanes.<name>.share` path, else null. */
function shareLane(path: string): string | null {
  return /^lanes\.([^.]+)\.share$/.exec(path)?.[1] ?? null;
}

/**
 * Every lane's share with the fitted ones set: the lanes not fitted share
 * what is left in proportion to their shares in the scenario (evenly when
 * those are all 0). As written: whole millionths that sum to exactly one
 * million, the rounding taken up by the largest share not fitted, so that
 * the written shares sum to 1 as the loader requires.
 */
function sharesAsWritten(fitted: ReadonlyMap<string, number>, scenario: Scenario): Map<string, number> {
  const MILLION = 1_000_000;
  const rest = scenario.lanes.filter((lane) => !fitted.has(lane.name));
  const left = 1 - [...fitted.values()].reduce((sum, share) => sum + share, 0);
  const restShares = rest.reduce((sum, lane) => sum + lane.share, 0);
  const millionths = new Map<string, number>();
  for (const lane of scenario.lanes) {
    const share = fitted.has(lane.name)
      ? fitted.get(lane.name)!
      : restShares === 0
        ? left / rest.length
        : (lane.share * left) / restShares;
    millionths.set(lane.name, Math.round(share * MILLION));
  }
  const total = [...millionths.values()].reduce((sum, m) => sum + m, 0);
  const largest = rest.reduce((a, b) => (millionths.get(b.name)! > millionths.get(a.name)! ? b : a));
  millionths.set(largest.name, millionths.get(largest.name)! + MILLION - total);
  return new Map([...millionths].map(([lane, m]) => [lane, m / MILLION]));
}
