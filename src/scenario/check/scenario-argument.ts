/**
 * A `Scenario` passed to a public function (runScenario, compareOptions,
 * prognosis), checked for what the engine relies on. One that loadScenario or
 * resolveScenario made (deeply frozen, so unchanged since) passes at once;
 * any other (built by hand, a loaded one spread with new values, parsed from
 * a saved scenario.json) is checked field by field against the scenario
 * format's ranges and rules: a horizon of 0 weeks, 2.5 replications, a seed
 * "abc", shares that do not sum to 1 or a lane that does not exist throw
 * CaseloadArgumentError naming the field (`scenario.horizonWeeks`), instead of
 * a TypeError deep in the engine or numbers that mean nothing.
 */
import { addDays, dayNumber, weekEndDate, weekEndingBy } from '../../time/weeks.js';
import {
  argArray,
  argDate,
  argInteger,
  argNumber,
  argNumberOrNull,
  argObject,
  argOneOf,
  argString,
  argStringOrNull,
  argumentError,
  optional,
} from './arguments.js';
import type { NumberRange } from './arguments.js';
import { HOURS_IN_A_WEEK, MAX_FTE, MAX_INFLOW_PER_WEEK, MAX_UNITS, MAX_WEEKS, WEEKDAYS } from '../schema/schema.js';
import type { Scenario } from '../types.js';

/** The scenarios the loader made: deeply frozen, so still what it checked. */
const checkedScenarios = new WeakSet<object>();

/** Marks a scenario the loader made and froze as checked (the pipeline's last step). */
export function vouchForScenario(scenario: Scenario): void {
  if (Object.isFrozen(scenario)) checkedScenarios.add(scenario);
}

/** Shares summing to 1 within this (as the loader allows). */
const SHARE_TOLERANCE = 1e-9;
/** Probabilities the loader computes (a refiling delay from a gamma) sum to 1 within this. */
const SUM_TOLERANCE = 1e-6;
/** Oldest open case at the start, in weeks: a backlog CSV may reach far back; 20,000 years is beyond any. */
const MAX_WEEKS_AGO = 1_000_000;

const SCENARIO_KEYS = [
  'name',
  'description',
  'start',
  'horizonWeeks',
  'seed',
  'replications',
  'inflow',
  'capacity',
  'calendar',
  'workWeek',
  'lanes',
  'initialBacklog',
  'target',
  'observed',
  'uncertainty',
] as const;

/**
 * Throws CaseloadArgumentError unless `value` is a Scenario the engine can
 * run: every field of its type, in the scenario format's ranges, with its
 * rules across fields (shares sum to 1, lanes named once and referred to by
 * name, the target within the horizon, hours per decision where a pool counts
 * hours). Returns the scenario.
 *
 * @example argScenario({ ...loaded.scenario, horizonWeeks: 0 }, 'scenario') // throws: scenario.horizonWeeks: must be at least 1, got 0 (an integer in [1, 5200])
 */
export function argScenario(value: unknown, parameter: string): Scenario {
  if (value !== null && typeof value === 'object' && checkedScenarios.has(value)) return value as Scenario;
  const s = argObject(
    value,
    parameter,
    SCENARIO_KEYS,
    'a Scenario: loadScenario(path).value.scenario, or resolveScenario(document).value',
  );
  const at = (key: string) => `${parameter}.${key}`;
  argString(s['name'], at('name'), 'the scenario name');
  argStringOrNull(s['description'], at('description'), 'free text');
  const start = argDate(s['start'], at('start'));
  const weeks = argInteger(s['horizonWeeks'], at('horizonWeeks'), { min: 1, max: MAX_WEEKS });
  argInteger(s['seed'], at('seed'), { min: 0, max: 4_294_967_295 });
  argInteger(s['replications'], at('replications'), { min: 1, max: 10_000_000 });

  const lanes = argArray(s['lanes'], at('lanes'), 'the lanes: a list of LaneSpec', 1);
  const names = lanes.map((lane, i) => {
    const name = argString(
      argObject(lane, at(`lanes[${i}]`), null, 'a LaneSpec')['name'],
      at(`lanes[${i}].name`),
      NAME,
      true,
    );
    if (lanes.findIndex((other) => (other as { name: unknown }).name === name) !== i)
      argumentError(at(`lanes[${i}].name`), `names a lane again: ${JSON.stringify(name)}`, 'each lane named once');
    return name;
  });

  checkInflow(s['inflow'], at('inflow'), weeks);
  const shared = checkCapacity(s['capacity'], at('capacity'), names);
  const calendar = argArray(s['calendar'], at('calendar'), 'a list of CalendarEntry');
  calendar.forEach((entry, i) => {
    checkCalendarEntry(entry, at(`calendar[${i}]`));
  });
  optional(s['workWeek'], (workWeek) => {
    const days = argArray(workWeek, at('workWeek'), 'the working days, Monday first, each once', 1);
    days.forEach((day, i) => {
      argOneOf(day, at(`workWeek[${i}]`), WEEKDAYS);
      if (days.indexOf(day) !== i) argumentError(at(`workWeek[${i}]`), `names ${String(day)} again`, 'each day once');
    });
  });
  let shares = 0;
  lanes.forEach((lane, i) => {
    shares += checkLane(lane as Record<string, unknown>, at(`lanes[${i}]`), names, shared);
  });
  if (Math.abs(shares - 1) > SHARE_TOLERANCE)
    argumentError(at('lanes'), `have shares that sum to ${shares}`, 'shares that sum to 1');
  checkTransferCycles(lanes as readonly Record<string, unknown>[], at('lanes'));

  const backlog = argObject(s['initialBacklog'], at('initialBacklog'), null, 'open cases at the start by lane name');
  for (const [name, spec] of Object.entries(backlog)) {
    if (!names.includes(name))
      argumentError(
        at(`initialBacklog.${name}`),
        `names no lane: ${JSON.stringify(name)}`,
        `one of ${names.join(', ')}`,
      );
    checkBacklog(spec, at(`initialBacklog.${name}`));
  }

  if (s['target'] !== null) {
    const target = argObject(s['target'], at('target'), ['backlog', 'date'], 'a TargetSpec { backlog, date }, or null');
    argNumber(target['backlog'], at('target.backlog'), { min: 0 });
    const date = argDate(target['date'], at('target.date'));
    const week = weekEndingBy(start, date);
    if (week < 0 || week > weeks - 1)
      argumentError(
        at('target.date'),
        `${date} is outside the horizon`,
        `a date from ${weekEndDate(start, 0)} to ${addDays(weekEndDate(start, weeks - 1), 6)}`,
      );
  }
  optional(s['observed'], (observed) => checkObserved(observed, at('observed'), names));
  optional(s['uncertainty'], (uncertainty) => checkUncertainty(uncertainty, at('uncertainty')));
  return value as Scenario;
}

/** A scenario file's lane names follow a pattern; the engine needs only names that differ (the extremes test a lane named all). */
const NAME = 'a lane name, not empty, each lane its own';

/** Checks each item of a list of dated values `{ from, <key> }` against a number range. */
function checkChanges(value: unknown, path: string, key: string, range: NumberRange): void {
  argArray(value, path, `a list of { from, ${key} }`).forEach((change, i) => {
    const item = argObject(change, `${path}[${i}]`, ['from', key], `a dated value { from, ${key} }`);
    argDate(item['from'], `${path}[${i}].from`);
    argNumber(item[key], `${path}[${i}].${key}`, range);
  });
}

const INFLOW_RANGE = { min: 0, max: MAX_INFLOW_PER_WEEK };

function checkInflow(value: unknown, path: string, weeks: number): void {
  const kind = argOneOf(argObject(value, path, null, 'an InflowSpec')['kind'], `${path}.kind`, [
    'constant',
    'scheduled',
    'weekly',
    'replay',
  ] as const);
  const keys = {
    constant: ['kind', 'meanPerWeek'],
    scheduled: ['kind', 'meanPerWeek', 'changes'],
    weekly: ['kind', 'meanPerWeek'],
    replay: [
      'kind',
      'observedPerWeek',
      'wholePerWeek',
      'futureMeanPerWeek',
      'futureChanges',
      'futureTrendPerWeek',
      'futureMonthFactors',
      'source',
    ],
  }[kind];
  const inflow = argObject(value, path, keys, `an InflowSpec of kind ${kind}`);
  if (kind === 'constant' || kind === 'scheduled')
    argNumber(inflow['meanPerWeek'], `${path}.meanPerWeek`, INFLOW_RANGE);
  if (kind === 'scheduled') checkChanges(inflow['changes'], `${path}.changes`, 'meanPerWeek', INFLOW_RANGE);
  if (kind === 'weekly') {
    const means = argArray(inflow['meanPerWeek'], `${path}.meanPerWeek`, 'a mean for every week of the horizon');
    if (means.length < weeks)
      argumentError(
        `${path}.meanPerWeek`,
        `has ${means.length} values, fewer than the ${weeks} weeks of horizonWeeks`,
        `at least ${weeks} values`,
      );
    means.forEach((mean, t) => {
      argNumber(mean, `${path}.meanPerWeek[${t}]`, INFLOW_RANGE);
    });
  }
  if (kind !== 'replay') return;
  const observed = argArray(inflow['observedPerWeek'], `${path}.observedPerWeek`, 'the arrivals of each week');
  observed.forEach((count, t) => {
    argNumber(count, `${path}.observedPerWeek[${t}]`, { min: 0, max: MAX_UNITS });
  });
  const whole = argArray(inflow['wholePerWeek'], `${path}.wholePerWeek`, 'the arrivals of each week, whole');
  if (whole.length !== observed.length)
    argumentError(
      `${path}.wholePerWeek`,
      `has ${whole.length} values, not the ${observed.length} of observedPerWeek`,
      'as many values as observedPerWeek',
    );
  whole.forEach((count, t) => {
    argInteger(count, `${path}.wholePerWeek[${t}]`, { min: 0, max: MAX_UNITS });
  });
  argNumber(inflow['futureMeanPerWeek'], `${path}.futureMeanPerWeek`, INFLOW_RANGE);
  optional(inflow['futureChanges'], (changes) =>
    checkChanges(changes, `${path}.futureChanges`, 'meanPerWeek', INFLOW_RANGE),
  );
  optional(inflow['futureTrendPerWeek'], (trend) =>
    argNumber(trend, `${path}.futureTrendPerWeek`, { min: -MAX_INFLOW_PER_WEEK, max: MAX_INFLOW_PER_WEEK }),
  );
  optional(inflow['futureMonthFactors'], (factors) => {
    const list = argArray(factors, `${path}.futureMonthFactors`, 'the factor of each month, January first');
    if (list.length !== 12)
      argumentError(`${path}.futureMonthFactors`, `has ${list.length} values`, '12 factors, January first');
    list.forEach((factor, m) => {
      argNumber(factor, `${path}.futureMonthFactors[${m}]`, { min: 0, max: 100 });
    });
  });
  argString(inflow['source'], `${path}.source`, 'the CSV file of the counts');
  // The replayed mean's highest within the horizon, as the loader bounds it.
  const futureWeeks = Math.max(0, weeks - observed.length);
  const trend = (inflow['futureTrendPerWeek'] as number | undefined) ?? 0;
  const seasonal = Math.max(1, ...((inflow['futureMonthFactors'] as number[] | undefined) ?? [1]));
  const base = Math.max(
    inflow['futureMeanPerWeek'] as number,
    ...((inflow['futureChanges'] as { meanPerWeek: number }[] | undefined) ?? []).map((change) => change.meanPerWeek),
  );
  if (futureWeeks > 0 && Math.max(base, base + trend * (futureWeeks - 1)) * seasonal > MAX_INFLOW_PER_WEEK)
    argumentError(
      `${path}.futureMeanPerWeek`,
      'continues the data to a mean above what caseload simulates within the horizon',
      `at most ${MAX_INFLOW_PER_WEEK} a week`,
    );
}

/** The fields of a capacity change by the policy they belong to. */
const CHANGE_FIELDS = {
  perWeek: ['perWeek'],
  perYear: ['perYear'],
  inflowPlusMargin: [],
  staff: ['fte', 'hoursPerFteWeek', 'productiveShare'],
} as const;

const CAPACITY_RANGES: Readonly<Record<string, NumberRange>> = {
  perWeek: { min: 0, max: MAX_UNITS },
  perYear: { min: 0, max: 52 * MAX_UNITS },
  fte: { min: 0, max: MAX_FTE },
  hoursPerFteWeek: { min: 0, max: HOURS_IN_A_WEEK, exclusiveMin: true },
  productiveShare: { min: 0, max: 1, exclusiveMin: true },
};

/** What the lanes a pool serves need of it: its unit, and whether it converts decisions to staff hours. */
interface PoolNeeds {
  readonly unit: 'decisions' | 'hours';
  /** A conversion to staff of a pool counted in decisions: it counts a decision's hours from the lanes. */
  readonly convertsDecisions: boolean;
}

/** Checks a CapacitySpec (`names`: the scenario's lanes); returns what the lanes it serves need of it. */
function checkCapacity(value: unknown, path: string, names: readonly string[]): PoolNeeds {
  const spec = argObject(value, path, ['unit', 'policy', 'changes', 'conversion', 'triggers'], 'a CapacitySpec');
  const unit = argOneOf(spec['unit'], `${path}.unit`, ['decisions', 'hours'] as const);
  const kind = argOneOf(
    argObject(spec['policy'], `${path}.policy`, null, 'a CapacityPolicy')['kind'],
    `${path}.policy.kind`,
    ['perWeek', 'perYear', 'inflowPlusMargin', 'staff'] as const,
  );
  const keys = {
    perWeek: ['kind', 'perWeek'],
    perYear: ['kind', 'perYear'],
    inflowPlusMargin: ['kind', 'margin', 'trailingWeeks', 'min', 'max', 'lanes', 'delayWeeks'],
    staff: [
      'kind',
      'fte',
      'hoursPerFteWeek',
      'productiveShare',
      'rampUpWeeks',
      'attritionPerQuarter',
      'costPerFteYear',
    ],
  }[kind];
  const policy = argObject(spec['policy'], `${path}.policy`, keys, `a CapacityPolicy of kind ${kind}`);
  const field = (key: string, range: NumberRange) => argNumber(policy[key], `${path}.policy.${key}`, range);
  if (kind === 'perWeek' || kind === 'perYear') field(kind, CAPACITY_RANGES[kind]!);
  if (kind === 'inflowPlusMargin') {
    field('margin', { min: -1, max: 100 });
    argInteger(policy['trailingWeeks'], `${path}.policy.trailingWeeks`, { min: 1, max: MAX_WEEKS });
    const min = field('min', { min: 0, max: MAX_UNITS });
    field('max', { min, max: MAX_UNITS });
    optional(policy['lanes'], (lanes) => checkLaneNames(lanes, `${path}.policy.lanes`, names));
    optional(policy['delayWeeks'], (weeks) =>
      argInteger(weeks, `${path}.policy.delayWeeks`, { min: 0, max: MAX_WEEKS }),
    );
    if (unit !== 'decisions')
      argumentError(`${path}.unit`, 'must be "decisions" for inflowPlusMargin, got "hours"', 'decisions');
  }
  if (kind === 'staff') {
    for (const key of ['fte', 'hoursPerFteWeek', 'productiveShare']) field(key, CAPACITY_RANGES[key]!);
    optional(policy['rampUpWeeks'], (weeks) =>
      argInteger(weeks, `${path}.policy.rampUpWeeks`, { min: 0, max: MAX_WEEKS }),
    );
    optional(policy['attritionPerQuarter'], (fte) =>
      argNumber(fte, `${path}.policy.attritionPerQuarter`, { min: 0, max: MAX_FTE }),
    );
    optional(policy['costPerFteYear'], (cost) =>
      argNumberOrNull(cost, `${path}.policy.costPerFteYear`, { min: 0, max: MAX_UNITS }),
    );
    if (unit !== 'hours')
      argumentError(`${path}.unit`, 'must be "hours" for a staff capacity, got "decisions"', 'hours');
  }
  optional(spec['changes'], (changes) =>
    argArray(changes, `${path}.changes`, 'a list of CapacityChange').forEach((change, i) => {
      const item = argObject(change, `${path}.changes[${i}]`, ['from', 'field', 'value'], 'a CapacityChange');
      argDate(item['from'], `${path}.changes[${i}].from`);
      const changed = argOneOf(item['field'], `${path}.changes[${i}].field`, CHANGE_FIELDS[kind]);
      argNumber(item['value'], `${path}.changes[${i}].value`, CAPACITY_RANGES[changed]);
    }),
  );
  const converts = spec['conversion'] !== undefined && spec['conversion'] !== null;
  if (converts && kind === 'staff')
    argumentError(
      `${path}.conversion`,
      'does not go with a staff policy, which states its FTE, hours and cost itself',
      'null or absent beside staff',
    );
  optional(spec['conversion'], (conversion) => {
    if (conversion === null) return;
    const c = argObject(
      conversion,
      `${path}.conversion`,
      ['hoursPerFteWeek', 'productiveShare', 'costPerFteYear'],
      'a StaffConversion, or null',
    );
    argNumber(c['hoursPerFteWeek'], `${path}.conversion.hoursPerFteWeek`, CAPACITY_RANGES['hoursPerFteWeek']);
    argNumber(c['productiveShare'], `${path}.conversion.productiveShare`, CAPACITY_RANGES['productiveShare']);
    argNumberOrNull(c['costPerFteYear'], `${path}.conversion.costPerFteYear`, { min: 0, max: MAX_UNITS });
  });
  optional(spec['triggers'], (triggers) => {
    const rules = argArray(triggers, `${path}.triggers`, 'a list of TriggerRule');
    if (rules.length > 0 && kind !== 'staff' && !converts)
      argumentError(
        `${path}.triggers`,
        "cannot count an FTE in this pool's units: the pool has no staff figures",
        'a staff policy or a conversion on the pool',
      );
    const ruleNames = rules.map((rule, i) => checkTrigger(rule, `${path}.triggers[${i}]`, names));
    ruleNames.forEach((name, i) => {
      if (ruleNames.indexOf(name) !== i)
        argumentError(
          `${path}.triggers[${i}].name`,
          `names a rule again: ${JSON.stringify(name)}`,
          'each rule named once',
        );
    });
  });
  return { unit, convertsDecisions: converts && unit === 'decisions' };
}

/** Checks a list of lane names, each once and each a lane of the scenario. */
function checkLaneNames(value: unknown, path: string, names: readonly string[]): void {
  const lanes = argArray(value, path, 'lane names, at least one', 1);
  lanes.forEach((lane, i) => {
    argOneOf(lane, `${path}[${i}]`, names);
    if (lanes.indexOf(lane) !== i)
      argumentError(`${path}[${i}]`, `names a lane again: ${JSON.stringify(lane)}`, 'each lane once');
  });
}

/** Checks a TriggerRule; returns its name. */
function checkTrigger(value: unknown, path: string, names: readonly string[]): string {
  const rule = argObject(
    value,
    path,
    ['name', 'lanes', 'above', 'below', 'forWeeks', 'fte', 'delayWeeks'],
    'a TriggerRule',
  );
  const name = argString(rule['name'], `${path}.name`, 'a name for the reports', true);
  checkLaneNames(rule['lanes'], `${path}.lanes`, names);
  const above = argNumber(rule['above'], `${path}.above`, { min: 0, max: MAX_UNITS });
  argNumber(rule['below'], `${path}.below`, { min: 0, max: above });
  argInteger(rule['forWeeks'], `${path}.forWeeks`, { min: 1, max: MAX_WEEKS });
  argNumber(rule['fte'], `${path}.fte`, { min: 0, max: MAX_FTE, exclusiveMin: true });
  argInteger(rule['delayWeeks'], `${path}.delayWeeks`, { min: 0, max: MAX_WEEKS });
  return name;
}

function checkCalendarEntry(value: unknown, path: string): void {
  const entry = argObject(value, path, ['from', 'to', 'scale', 'label'], 'a CalendarEntry { from, to, scale, label }');
  const from = argDate(entry['from'], `${path}.from`);
  const to = argDate(entry['to'], `${path}.to`);
  if (dayNumber(to)! < dayNumber(from)!)
    argumentError(`${path}.to`, `must not be before from, got ${to}`, `a date on or after ${from}`);
  argNumber(entry['scale'], `${path}.scale`, { min: 0, max: 100 });
  argStringOrNull(entry['label'], `${path}.label`, 'a name for the period');
}

const PROBABILITY = { min: 0, max: 1 };

/** Checks a LaneSpec (its name is checked already); returns its share. */
function checkLane(lane: Record<string, unknown>, path: string, names: readonly string[], shared: PoolNeeds): number {
  argObject(
    lane,
    path,
    [
      'name',
      'share',
      'priority',
      'minWaitWeeks',
      'grantRate',
      'hoursPerDecision',
      'dedicatedCapacity',
      'withdrawals',
      'refiling',
      'transfers',
    ],
    'a LaneSpec',
  );
  const name = lane['name'] as string;
  const share = argNumber(lane['share'], `${path}.share`, PROBABILITY);
  argNumber(lane['priority'], `${path}.priority`);
  argInteger(lane['minWaitWeeks'], `${path}.minWaitWeeks`, { min: 0, max: MAX_WEEKS });
  argNumber(lane['grantRate'], `${path}.grantRate`, PROBABILITY);
  const hours = argNumberOrNull(lane['hoursPerDecision'], `${path}.hoursPerDecision`, {
    min: 0,
    max: MAX_UNITS,
    exclusiveMin: true,
  });
  const own =
    lane['dedicatedCapacity'] === null
      ? null
      : checkCapacity(lane['dedicatedCapacity'], `${path}.dedicatedCapacity`, names);
  const why =
    shared.unit === 'hours'
      ? 'the shared capacity counts hours'
      : own?.unit === 'hours'
        ? "the lane's own capacity counts hours"
        : shared.convertsDecisions
          ? "the shared capacity's conversion to staff counts a decision's hours"
          : own?.convertsDecisions === true
            ? "the lane's own capacity's conversion to staff counts a decision's hours"
            : null;
  if (hours === null && why !== null)
    argumentError(`${path}.hoursPerDecision`, `is null, but ${why}`, 'the hours a decision takes, > 0');
  optional(lane['withdrawals'], (withdrawals) => {
    if (withdrawals === null) return;
    let before = -1;
    argArray(withdrawals, `${path}.withdrawals`, 'bands { fromWeeks, hazard } by age, the first from 0', 1).forEach(
      (band, i) => {
        const item = argObject(
          band,
          `${path}.withdrawals[${i}]`,
          ['fromWeeks', 'hazard'],
          'a band { fromWeeks, hazard }',
        );
        const from = argInteger(item['fromWeeks'], `${path}.withdrawals[${i}].fromWeeks`, {
          min: i === 0 ? 0 : before + 1,
          max: i === 0 ? 0 : MAX_WEEKS_AGO,
        });
        before = from;
        argNumber(item['hazard'], `${path}.withdrawals[${i}].hazard`, { min: 0, max: 1, exclusiveMax: true });
      },
    );
  });
  optional(lane['refiling'], (refiling) => {
    if (refiling === null) return;
    const r = argObject(refiling, `${path}.refiling`, ['probability', 'delay', 'lanes'], 'a RefilingSpec, or null');
    argNumber(r['probability'], `${path}.refiling.probability`, PROBABILITY);
    const delay = argArray(r['delay'], `${path}.refiling.delay`, 'the probability of a delay of 1, 2, ... weeks', 1);
    if (delay.length > MAX_WEEKS_AGO)
      argumentError(`${path}.refiling.delay`, `has ${delay.length} weeks`, `at most ${MAX_WEEKS_AGO}`);
    const total = delay.reduce<number>(
      (sum, p, k) => sum + argNumber(p, `${path}.refiling.delay[${k}]`, PROBABILITY),
      0,
    );
    if (Math.abs(total - 1) > SUM_TOLERANCE)
      argumentError(`${path}.refiling.delay`, `has probabilities that sum to ${total}`, 'probabilities that sum to 1');
    if (r['lanes'] !== null) {
      const targets = argObject(r['lanes'], `${path}.refiling.lanes`, names, 'shares by lane name, or null');
      const sum = Object.entries(targets).reduce(
        (acc, [target, p]) => acc + argNumber(p, `${path}.refiling.lanes.${target}`, PROBABILITY),
        0,
      );
      if (Math.abs(sum - 1) > SHARE_TOLERANCE)
        argumentError(`${path}.refiling.lanes`, `has shares that sum to ${sum}`, 'shares that sum to 1');
    }
  });
  optional(lane['transfers'], (transfers) => {
    const sums = new Map<number | null, number>();
    argArray(transfers, `${path}.transfers`, 'a list of TransferSpec').forEach((transfer, i) => {
      const at = `${path}.transfers[${i}]`;
      const t = argObject(
        transfer,
        at,
        ['to', 'probability', 'afterWeeks'],
        'a TransferSpec { to, probability, afterWeeks? }',
      );
      const others = names.filter((other) => other !== name);
      if (!others.includes(t['to'] as string))
        argumentError(
          `${at}.to`,
          `must name another lane, got ${JSON.stringify(t['to'])}`,
          others.length === 0 ? 'another lane (this scenario has one)' : `one of ${others.join(', ')}`,
        );
      const p = argNumber(t['probability'], `${at}.probability`, PROBABILITY);
      const after =
        t['afterWeeks'] === undefined || t['afterWeeks'] === null
          ? null
          : argInteger(t['afterWeeks'], `${at}.afterWeeks`, { min: 1, max: MAX_WEEKS });
      sums.set(after, (sums.get(after) ?? 0) + p);
    });
    for (const [after, sum] of sums)
      if (sum > 1 + SHARE_TOLERANCE)
        argumentError(
          `${path}.transfers`,
          `have probabilities ${after === null ? 'at the decision step' : `after ${after} weeks`} that sum to ${sum}`,
          'probabilities that sum to at most 1',
        );
  });
  return share;
}

/** Moves at the decision step must not form a cycle (a case could move on for ever). */
function checkTransferCycles(lanes: readonly Record<string, unknown>[], path: string): void {
  const movesTo = new Map<string, string[]>();
  for (const lane of lanes) {
    const targets = ((lane['transfers'] ?? []) as { to: string; afterWeeks?: number | null }[])
      .filter((t) => t.afterWeeks === undefined || t.afterWeeks === null)
      .map((t) => t.to);
    movesTo.set(lane['name'] as string, targets);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      argumentError(
        path,
        `move cases at the decision step in a cycle: ${[...trail.slice(trail.indexOf(name)), name].join(' -> ')}`,
        'moves at the decision step that do not come back',
      );
    state.set(name, 'visiting');
    for (const target of movesTo.get(name) ?? []) visit(target, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of movesTo.keys()) visit(name, []);
}

function checkBacklog(value: unknown, path: string): void {
  const kind = argOneOf(argObject(value, path, null, 'an InitialBacklogSpec')['kind'], `${path}.kind`, [
    'spread',
    'byWeeksAgo',
  ] as const);
  const spec = argObject(
    value,
    path,
    kind === 'spread' ? ['kind', 'count', 'spreadWeeks'] : ['kind', 'counts'],
    `an InitialBacklogSpec of kind ${kind}`,
  );
  if (kind === 'spread') {
    argInteger(spec['count'], `${path}.count`, { min: 0, max: MAX_UNITS });
    argInteger(spec['spreadWeeks'], `${path}.spreadWeeks`, { min: 1, max: 9999 });
    return;
  }
  // A week given twice counts the cases of both (initialBacklogAges adds them).
  argArray(spec['counts'], `${path}.counts`, 'a list of { weeksAgo, count }').forEach((entry, i) => {
    const item = argObject(entry, `${path}.counts[${i}]`, ['weeksAgo', 'count'], 'open cases { weeksAgo, count }');
    argInteger(item['weeksAgo'], `${path}.counts[${i}].weeksAgo`, { min: 1, max: MAX_WEEKS_AGO });
    argInteger(item['count'], `${path}.counts[${i}].count`, { min: 0, max: MAX_UNITS });
  });
}

function checkObserved(value: unknown, path: string, names: readonly string[]): void {
  const observed = argObject(
    value,
    path,
    ['decisions', 'endBacklog', 'meanLeadTimeDays', 'leadTimeDaysByLane', 'source'],
    'an ObservedSpec',
  );
  for (const key of ['decisions', 'endBacklog', 'meanLeadTimeDays'])
    argNumberOrNull(observed[key], `${path}.${key}`, { min: 0 });
  const byLane = argObject(observed['leadTimeDaysByLane'], `${path}.leadTimeDaysByLane`, names, 'days by lane name');
  for (const [lane, days] of Object.entries(byLane)) argNumber(days, `${path}.leadTimeDaysByLane.${lane}`, { min: 0 });
  argStringOrNull(observed['source'], `${path}.source`, 'where the figures come from');
}

const CV = { min: 0, max: 3 };

function checkFactor(value: unknown, path: string): void {
  if (value === null) return;
  const factor = argObject(
    value,
    path,
    ['cv', 'distribution', 'fixedAt'],
    'a FactorSpec { cv, distribution }, or null',
  );
  argNumber(factor['cv'], `${path}.cv`, CV);
  argOneOf(factor['distribution'], `${path}.distribution`, ['lognormal', 'gamma'] as const);
  optional(factor['fixedAt'], (at) => argNumber(at, `${path}.fixedAt`, { min: 0, max: 1e6, exclusiveMin: true }));
}

function checkNoise(value: unknown, path: string): void {
  if (value === null) return;
  argNumber(argObject(value, path, ['cv'], 'a WeeklyNoiseSpec { cv }, or null')['cv'], `${path}.cv`, CV);
}

function checkConcentration(value: unknown, path: string): void {
  if (value === null) return;
  const c = argObject(value, path, ['concentration'], '{ concentration }, or null')['concentration'];
  argNumber(c, `${path}.concentration`, { min: 0, max: 1e9, exclusiveMin: true });
}

function checkUncertainty(value: unknown, path: string): void {
  const u = argObject(value, path, ['inflow', 'capacity', 'shares', 'grantRates', 'source'], 'an UncertaintySpec');
  const inflow = argObject(u['inflow'], `${path}.inflow`, ['level', 'drift', 'overdispersion'], 'the inflow sources');
  checkFactor(inflow['level'], `${path}.inflow.level`);
  if (inflow['drift'] !== null) {
    const drift = argObject(
      inflow['drift'],
      `${path}.inflow.drift`,
      ['sdPerYear', 'fixedEndAt'],
      'a DriftSpec, or null',
    );
    argNumber(drift['sdPerYear'], `${path}.inflow.drift.sdPerYear`, CV);
    optional(drift['fixedEndAt'], (at) =>
      argNumber(at, `${path}.inflow.drift.fixedEndAt`, { min: 0, max: 1e6, exclusiveMin: true }),
    );
  }
  checkNoise(inflow['overdispersion'], `${path}.inflow.overdispersion`);
  const capacity = argObject(u['capacity'], `${path}.capacity`, ['productivity', 'weekly'], 'the capacity sources');
  checkFactor(capacity['productivity'], `${path}.capacity.productivity`);
  checkNoise(capacity['weekly'], `${path}.capacity.weekly`);
  checkConcentration(u['shares'], `${path}.shares`);
  checkConcentration(u['grantRates'], `${path}.grantRates`);
  argStringOrNull(u['source'], `${path}.source`, 'where the figures come from');
}
