/**
 * The checks of what the experiments' public functions take: the requests of
 * findTarget and calibrate, a sweep's settings, grid and options, and what
 * backtestRows compares. Each throws CaseloadArgumentError naming the
 * parameter when an argument is not of its type or shape; a value of the
 * right type that the input's rules refuse (`confidence: 2`, an unknown
 * field, a date that does not exist) is left to the function, which returns
 * it as an issue, and so are `replications`, `seed` and `horizonWeeks`, which
 * go to the loader as overrides (checked as a file's values).
 */
import {
  argArray,
  argCallback,
  argInteger,
  argNumber,
  argObject,
  argString,
  argumentError,
  argWorkers,
  describeValue,
  optional,
} from '../scenario/index.js';

/** A number of the request, whose value the function checks (an issue when out of range). */
function argAnyNumber(value: unknown, parameter: string, allowed: string): void {
  if (value !== undefined && typeof value !== 'number')
    argumentError(parameter, `must be a number, got ${describeValue(value)}`, allowed);
}

/** Text of the request, whose value the function checks. */
function argText(value: unknown, parameter: string, allowed: string): void {
  optional(value, (given) => argString(given, parameter, allowed));
}

/** `uncertainty` of a request or options: absent, or false. */
function argNoUncertainty(value: unknown, parameter: string): void {
  if (value !== undefined && value !== false)
    argumentError(
      parameter,
      `must be false or absent, got ${describeValue(value)}`,
      "false to leave out the scenario's uncertainty: block",
    );
}

/**
 * The request of findTarget: an object of its keys, each of its type.
 *
 * @example argTargetRequest({ file: 'x.yaml', confidence: 0.9 })
 */
export function argTargetRequest(value: unknown): void {
  const request = argObject(
    value,
    'request',
    [
      'file',
      'lever',
      'backlog',
      'date',
      'lanes',
      'leadTimeDays',
      'percentile',
      'filedFrom',
      'filedTo',
      'confidence',
      'step',
      'max',
      'replications',
      'seed',
      'horizonWeeks',
      'uncertainty',
      'workers',
      'onEvaluation',
    ],
    'a TargetRequest',
  );
  argString(request['file'], 'request.file', 'a scenario file');
  argText(request['lever'], 'request.lever', 'perWeek, fte or a dotted field path');
  argAnyNumber(request['backlog'], 'request.backlog', 'a number of cases >= 0');
  argText(request['date'], 'request.date', 'a date YYYY-MM-DD');
  optional(request['lanes'], (lanes) => {
    for (const [i, lane] of argArray(lanes, 'request.lanes', 'lane names').entries())
      argString(lane, `request.lanes[${i}]`, 'a lane name');
  });
  argAnyNumber(request['leadTimeDays'], 'request.leadTimeDays', 'a number of days >= 0');
  argAnyNumber(request['percentile'], 'request.percentile', 'a percentile in (0, 100)');
  argText(request['filedFrom'], 'request.filedFrom', 'a date YYYY-MM-DD');
  argText(request['filedTo'], 'request.filedTo', 'a date YYYY-MM-DD');
  argAnyNumber(request['confidence'], 'request.confidence', 'a probability in (0, 1)');
  argAnyNumber(request['step'], 'request.step', 'a number > 0');
  argAnyNumber(request['max'], 'request.max', 'a finite number');
  argNoUncertainty(request['uncertainty'], 'request.uncertainty');
  argWorkers(request['workers'], 'request.workers');
  argCallback(request['onEvaluation'], 'request.onEvaluation');
}

/** Most passes of calibrate's coordinate descent (as `caseload calibrate --rounds` allows). */
export const MAX_ROUNDS = 20;

/**
 * The request of calibrate: an object of its keys, each of its type;
 * `rounds` a whole number from 1 to 20.
 *
 * @example argCalibrateRequest({ file: 'x.yaml', fit: ['capacity.perWeek'] })
 */
export function argCalibrateRequest(value: unknown): void {
  const request = argObject(
    value,
    'request',
    ['file', 'fit', 'replications', 'seed', 'workers', 'rounds', 'onEvaluation'],
    'a CalibrateRequest',
  );
  argString(request['file'], 'request.file', 'a scenario file with an observed: block');
  argArray(request['fit'], 'request.fit', 'dotted paths of number fields').forEach((path, i) => {
    argString(path, `request.fit[${i}]`, 'a dotted field path, e.g. lanes.regular.minWaitWeeks');
  });
  argWorkers(request['workers'], 'request.workers');
  optional(request['rounds'], (rounds) => argInteger(rounds, 'request.rounds', { min: 1, max: MAX_ROUNDS }));
  argCallback(request['onEvaluation'], 'request.onEvaluation');
}

/** The settings of parseSweepGrid: a list of strings. */
export function argSweepSettings(value: unknown): void {
  argArray(value, 'settings', 'settings path=values, as strings').forEach((setting, i) => {
    argString(setting, `settings[${i}]`, 'a setting path=values, e.g. capacity.perWeek=28..40:2');
  });
}

/**
 * A sweep's grid as parseSweepGrid makes it: parameters `{ path, values,
 * flag }` with values finite numbers or text, and `size` the number of
 * combinations (their product), at most `maxCombinations`.
 */
export function argSweepGrid(value: unknown, maxCombinations: number): void {
  const what = 'a SweepGrid: parseSweepGrid(settings).value';
  const grid = argObject(value, 'grid', ['parameters', 'size'], what);
  let combinations = 1;
  argArray(grid['parameters'], 'grid.parameters', what).forEach((parameter, i) => {
    const at = `grid.parameters[${i}]`;
    const p = argObject(parameter, at, ['path', 'values', 'flag'], 'a SweepParameter { path, values, flag }');
    argString(p['path'], `${at}.path`, 'a dotted field path', true);
    argString(p['flag'], `${at}.flag`, 'the setting as given, named by issues');
    const values = argArray(p['values'], `${at}.values`, 'the values of the field: numbers or text');
    values.forEach((item, k) => {
      if (typeof item !== 'string') argNumber(item, `${at}.values[${k}]`);
    });
    combinations *= values.length;
  });
  const size = argInteger(grid['size'], 'grid.size', { min: 0, max: maxCombinations });
  if (size !== combinations)
    argumentError('grid.size', `is ${size}, not the ${combinations} combinations of the parameters`, what);
}

/** The options of runSweep. */
export function argSweepOptions(value: unknown): void {
  const options = argObject(
    value,
    'options',
    ['replications', 'seed', 'uncertainty', 'workers', 'onStart', 'onRow', 'onProgress'],
    'the options of runSweep',
  );
  argNoUncertainty(options['uncertainty'], 'options.uncertainty');
  argWorkers(options['workers'], 'options.workers');
  for (const key of ['onStart', 'onRow', 'onProgress']) argCallback(options[key], `options.${key}`);
}

/** A number of a result, or null where the result has none. */
function argFigure(value: unknown, parameter: string, allowed: string): void {
  if (value !== null && typeof value !== 'number')
    argumentError(parameter, `must be a number, got ${describeValue(value)}`, allowed);
}

/**
 * What backtestRows reads of a run's summary (a RunSummary, or one read back
 * from summary.json): `end`, `decisions.total`, `endBacklog.total` (mean, p5,
 * p95) and `leadTimeDays` (`all.mean`, `byLane`).
 */
export function argBacktestSummary(value: unknown): void {
  const what = "a run's summary: runScenario(scenario).summary";
  const summary = argObject(value, 'summary', null, what);
  argString(summary['end'], 'summary.end', 'the last day of the horizon');
  const decisions = argObject(summary['decisions'], 'summary.decisions', null, what);
  argFigure(decisions['total'], 'summary.decisions.total', 'decisions over the horizon');
  const end = argObject(
    argObject(summary['endBacklog'], 'summary.endBacklog', null, what)['total'],
    'summary.endBacklog.total',
    null,
    what,
  );
  for (const key of ['mean', 'p5', 'p95']) argFigure(end[key], `summary.endBacklog.total.${key}`, 'a number of cases');
  const lead = argObject(summary['leadTimeDays'], 'summary.leadTimeDays', null, what);
  argFigure(
    argObject(lead['all'], 'summary.leadTimeDays.all', null, what)['mean'],
    'summary.leadTimeDays.all.mean',
    'days',
  );
  const byLane = argObject(lead['byLane'], 'summary.leadTimeDays.byLane', null, what);
  for (const [lane, quantiles] of Object.entries(byLane))
    if (quantiles !== undefined)
      argFigure(
        argObject(quantiles, `summary.leadTimeDays.byLane.${lane}`, null, what)['mean'],
        `summary.leadTimeDays.byLane.${lane}.mean`,
        'days',
      );
}

/** An ObservedSpec: the published figures, each a number >= 0 or null, lead times by lane. */
export function argObservedSpec(value: unknown): void {
  const what = "the scenario's observed: block: scenario.observed";
  const observed = argObject(
    value,
    'observed',
    ['decisions', 'endBacklog', 'meanLeadTimeDays', 'leadTimeDaysByLane', 'source'],
    what,
  );
  for (const key of ['decisions', 'endBacklog', 'meanLeadTimeDays'])
    if (observed[key] !== null) argNumber(observed[key], `observed.${key}`, { min: 0 });
  const byLane = argObject(observed['leadTimeDaysByLane'], 'observed.leadTimeDaysByLane', null, 'days by lane name');
  for (const [lane, days] of Object.entries(byLane)) argNumber(days, `observed.leadTimeDaysByLane.${lane}`, { min: 0 });
  if (observed['source'] !== null && observed['source'] !== undefined)
    argString(observed['source'], 'observed.source', 'where the figures come from, or null');
}

/** ScenarioIdentities, null or absent: `decisions` a number or null, `startBacklog` and `arrivals` numbers. */
export function argIdentities(value: unknown): void {
  if (value === null || value === undefined) return;
  const what = 'what the inputs fix: scenarioIdentities(plan), or null';
  const identities = argObject(value, 'identities', ['decisions', 'startBacklog', 'arrivals'], what);
  if (identities['decisions'] !== null) argNumber(identities['decisions'], 'identities.decisions');
  argNumber(identities['startBacklog'], 'identities.startBacklog');
  argNumber(identities['arrivals'], 'identities.arrivals');
}
