/**
 * Plausibility warnings: values the schema allows that are almost surely
 * meant otherwise. Not errors (a scenario may mean them); the CLI prints them
 * as `warning: ...` and `--strict` makes them errors. Each names the file,
 * line and column that wrote the value (a base file, a calendar file, a
 * variant, or the command-line setting) and, where one can be told, the value
 * most likely meant. docs/scenarios.md (Warnings) lists the rules:
 *
 * - a number written with a dot before exactly three digits (`1.600`,
 *   `85.000`) in a field that counts (cases, capacity, FTE, cost, days) or
 *   takes whole numbers: YAML reads the dot as a decimal point,
 *   a Dutch writer means a thousands separator. Where the field has a scale
 *   (capacity, inflow, backlog counts), only when the thousands reading is
 *   nearer that scale than the decimal one (`26.730` a week stays quiet);
 * - capacity below 1% of what its pool serves (the larger of the arrivals a
 *   week and the open cases at the start spread over a year), inflow below 1%
 *   of the open cases spread over a year, and a `perYear` of about a week's
 *   worth (meant as `perWeek`);
 * - percentages written as numbers where the schema allows them: a margin
 *   above 1, a weekly withdrawal hazard of 0.05 or more, a calendar scale
 *   above 2, a coefficient of variation (or drift) of 1 or more, and staff
 *   attrition of more than a quarter of the pool each quarter.
 */
import type { TSchema } from '@sinclair/typebox';
import type { InputIssue } from '../errors.js';
import { fieldName, issueAtOrigin, nodeAt } from '../read/source-node.js';
import type { FieldPath, SourceNode } from '../read/source-node.js';
import { kindOf, recordValueOf } from '../schema/schema-parts.js';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import type { CapacitySpec, InitialBacklogSpec, Scenario } from '../types.js';
import { sortIssues } from './check-document.js';
import { COUNTED_UNITS, groupedNumber, plainNumber } from './number-writing.js';

/** Below this share of its scale a capacity or an inflow is taken for a slip of the decimal point. */
const TINY = 0.01;
/** A weekly withdrawal hazard from this on takes most open cases within months: likely a percentage. */
const HIGH_HAZARD = 0.05;
/** A calendar scale above this multiplies capacity: likely a percentage (70 for 70%). */
const HIGH_SCALE = 2;
/** A coefficient of variation (or drift a year) from this on is a spread of 100% or more: likely a percentage. */
const HIGH_CV = 1;
/** Staff lost a quarter above this share of the pool: likely a percentage. */
const HIGH_ATTRITION = 0.25;

/**
 * The plausibility warnings of a resolved scenario: `root` is the document
 * node as checked (each value with where it was written), `scenario` the
 * scenario filled from it, `file` the scenario file (named by warnings about
 * command-line settings). Sorted like the loader's issues.
 *
 * @example plausibilityWarnings(node, scenario, 'scenarios/x.yaml') // [] for the shipped scenarios
 */
export function plausibilityWarnings(root: SourceNode, scenario: Scenario, file: string): InputIssue[] {
  const warnings: InputIssue[] = [];
  /** Value nodes a rule has looked at: the general check of `1.600` leaves them to that rule. */
  const considered = new Set<SourceNode>();
  const warn = (node: SourceNode, path: FieldPath, problem: string, allowed: string | null) => {
    warnings.push(issueAtOrigin(node.at, file, fieldName(path), problem, allowed));
  };
  const scale = scaleOf(scenario);

  // Capacity, pool by pool: each value that sets it (a schedule's every value), as decisions a week.
  for (const pool of poolsOf(scenario, scale)) {
    for (const field of poolFields(pool)) {
      for (const { node, path, value } of numbersAt(root, [...pool.path, ...field.key])) {
        considered.add(node);
        checkScaled(node, path, value, {
          perWeek: field.perWeek,
          reference: pool.reference,
          what: `${field.unit} ${field.per}`.trim(),
          scaleText: pool.scaleText,
          warn,
          alsoPerYear: field.key.join('.') === 'perYear',
          guessThousands: field.guessThousands,
        });
      }
    }
    // inflowPlusMargin's bounds: only the thousands reading.
    for (const bound of ['min', 'max']) {
      for (const { node, path, value } of numbersAt(root, [...pool.path, 'inflowPlusMargin', bound])) {
        considered.add(node);
        checkGrouped(node, path, value, (v) => v, pool.reference, warn);
      }
    }
    const margin = numbersAt(root, [...pool.path, 'inflowPlusMargin', 'margin'])[0];
    if (margin !== undefined && margin.value > 1) {
      warn(
        margin.node,
        margin.path,
        `${plainNumber(margin.value)} plans ${plainNumber(1 + margin.value)} times the inflow (a margin of ${plainNumber(margin.value * 100)}%): did you mean ${plainNumber(margin.value / 100)} (${plainNumber(margin.value)}%)?`,
        'a fraction: 0.1 plans 10% more than the inflow',
      );
    }
    const attrition = numbersAt(root, [...pool.path, 'staff', 'attritionPerQuarter'])[0];
    const fte = pool.spec.policy.kind === 'staff' ? pool.spec.policy.fte : 0;
    if (attrition !== undefined && fte > 0 && attrition.value > HIGH_ATTRITION * fte) {
      warn(
        attrition.node,
        attrition.path,
        `${plainNumber(attrition.value)} FTE a quarter is ${plainNumber(Math.round((attrition.value / fte) * 100))}% of the pool's ${plainNumber(fte)} FTE every quarter: is it a percentage? ${plainNumber(attrition.value)}% of ${plainNumber(fte)} FTE is ${plainNumber(round((attrition.value / 100) * fte))}`,
        'FTE lost per quarter, not a percentage',
      );
    }
  }

  // Inflow: against the open cases spread over a year (not the capacity, which may be set high on purpose).
  const inflowReference = scale.backlog / 52;
  const inflowText = () =>
    `${plainNumber(scale.backlog)} open cases at the start, about ${plainNumber(round(inflowReference))} a week over a year`;
  for (const path of [
    ['inflow', 'meanPerWeek'],
    ['inflow', 'weeklyMeans'],
    ['inflow', 'observed', 'futureMeanPerWeek'],
  ]) {
    for (const { node, path: at, value } of numbersAt(root, path)) {
      considered.add(node);
      checkScaled(node, at, value, {
        perWeek: (v) => v,
        reference: inflowReference,
        what: 'cases a week',
        scaleText: inflowText,
        warn,
        alsoPerYear: false,
        guessThousands: true,
      });
    }
  }

  // Counts of cases over a period: against the open cases and a year's inflow.
  const countReference = Math.max(scale.backlog, 52 * scale.inflowPerWeek);
  for (const path of [
    ['target', 'backlog'],
    ['observed', 'decisions'],
    ['observed', 'endBacklog'],
  ]) {
    for (const { node, path: at, value } of numbersAt(root, path)) {
      considered.add(node);
      checkGrouped(node, at, value, (v) => v, countReference, warn);
    }
  }

  // Withdrawal hazards written as percentages.
  for (const lane of scenario.lanes) {
    const withdrawals = ['lanes', lane.name, 'withdrawals'];
    for (const { node, path, value } of [
      ...numbersAt(root, [...withdrawals, 'perWeek']),
      ...numbersAt(root, [...withdrawals, 'byAge']),
    ]) {
      if (value < HIGH_HAZARD) continue;
      const left = (1 - value) ** 52;
      warn(
        node,
        path,
        `a weekly hazard of ${plainNumber(value)} takes ${plainNumber(round(value * 100))}% of the open cases every week (${left < 0.01 ? 'nearly all' : `${plainNumber(Math.round((1 - left) * 100))}%`} within a year): did you mean ${plainNumber(value / 100)} (${plainNumber(value)}% a week)?`,
        'a probability a week: 0.005 is 0.5% a week',
      );
    }
  }

  // Calendar scales written as percentages.
  for (const { node, path, value } of numbersAt(root, ['calendar'], 'scale')) {
    if (value <= HIGH_SCALE) continue;
    warn(
      node,
      path,
      `${plainNumber(value)} multiplies the capacity of these days by ${plainNumber(value)}: did you mean ${plainNumber(value / 100)} (${plainNumber(value)}%)?`,
      'a factor: 0.7 is 70% of the normal capacity',
    );
  }

  // Spreads written as percentages.
  for (const path of [
    ['uncertainty', 'inflow', 'level', 'cv'],
    ['uncertainty', 'inflow', 'overdispersion', 'cv'],
    ['uncertainty', 'inflow', 'drift', 'sdPerYear'],
    ['uncertainty', 'capacity', 'productivity', 'cv'],
    ['uncertainty', 'capacity', 'weekly', 'cv'],
  ]) {
    for (const { node, path: at, value } of numbersAt(root, path)) {
      if (value < HIGH_CV) continue;
      warn(
        node,
        at,
        `${plainNumber(value)} is a spread of ${plainNumber(value * 100)}% of the mean: did you mean ${plainNumber(value / 100)} (${plainNumber(value)}%)?`,
        'a fraction: 0.1 is a standard deviation of 10%',
      );
    }
  }

  // Every other number written like 1.600 where thousands are likely (or whole numbers are required).
  walkNumbers(ScenarioDocumentSchema, root, [], '', (node, path, value, number, unit) => {
    if (considered.has(node)) return;
    if (!(kindOf(number) === 'Integer' || COUNTED_UNITS.has(unit))) return;
    checkGrouped(node, path, value, (v) => v, 0, warn, typeof number.maximum === 'number' ? number.maximum : null);
  });

  return sortIssues(warnings, file);
}

/** What the scenario has to handle. */
interface Scale {
  /** Mean arrivals a week (the inflow's own, before any uncertainty); 0 when unknown. */
  readonly inflowPerWeek: number;
  /** Open cases at the start. */
  readonly backlog: number;
  readonly laneBacklog: ReadonlyMap<string, number>;
}

function scaleOf(scenario: Scenario): Scale {
  const laneBacklog = new Map<string, number>();
  for (const [name, spec] of Object.entries(scenario.initialBacklog)) laneBacklog.set(name, backlogCount(spec));
  const backlog = [...laneBacklog.values()].reduce((sum, count) => sum + count, 0);
  return { inflowPerWeek: meanInflowPerWeek(scenario), backlog, laneBacklog };
}

function backlogCount(spec: InitialBacklogSpec): number {
  if (spec.kind === 'spread') return spec.count;
  if (spec.kind === 'byWeeksAgo') return spec.counts.reduce((sum, c) => sum + c.count, 0);
  return 0;
}

/** The inflow's mean a week over the horizon (or over the data it replays); 0 when its form is not known here. */
function meanInflowPerWeek(scenario: Scenario): number {
  const inflow = scenario.inflow;
  const mean = (values: readonly number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
  switch (inflow.kind) {
    case 'constant':
      return inflow.meanPerWeek;
    case 'scheduled':
      // The schedule's values, each once: a scale, not a weighted mean.
      return mean([inflow.meanPerWeek, ...inflow.changes.map((change) => change.meanPerWeek)]);
    case 'weekly':
      return mean(inflow.meanPerWeek.slice(0, scenario.horizonWeeks));
    case 'replay':
      // Without data from the start, the future mean: a dated one's values, each once, as for a schedule.
      return inflow.observedPerWeek.length > 0
        ? mean(inflow.observedPerWeek)
        : mean([inflow.futureMeanPerWeek, ...(inflow.futureChanges ?? []).map((change) => change.meanPerWeek)]);
  }
}

/** A capacity pool: where it is written, what it serves. */
interface Pool {
  readonly path: FieldPath;
  readonly spec: CapacitySpec;
  /** Hours one decision of the lanes it serves takes on average (1 for a pool that counts decisions). */
  readonly hoursPerDecision: number;
  /** Decisions a week the pool's lanes bring: the larger of their arrivals and their open cases spread over a year. */
  readonly reference: number;
  /** The scale in words, for a warning (built only when one is given). */
  readonly scaleText: () => string;
}

function poolsOf(scenario: Scenario, scale: Scale): Pool[] {
  const pools: Pool[] = [];
  const weighted = scenario.lanes.filter((lane) => lane.hoursPerDecision !== null);
  const shareSum = weighted.reduce((sum, lane) => sum + lane.share, 0);
  const meanHours =
    weighted.length === 0
      ? 1
      : shareSum > 0
        ? weighted.reduce((sum, lane) => sum + lane.share * lane.hoursPerDecision!, 0) / shareSum
        : weighted.reduce((sum, lane) => sum + lane.hoursPerDecision!, 0) / weighted.length;
  pools.push({
    path: ['capacity'],
    spec: scenario.capacity,
    hoursPerDecision: scenario.capacity.unit === 'hours' ? meanHours : 1,
    reference: Math.max(scale.inflowPerWeek, scale.backlog / 52),
    scaleText: () => scaleText(scale.backlog, scale.inflowPerWeek),
  });
  for (const lane of scenario.lanes) {
    if (lane.dedicatedCapacity === null) continue;
    const backlog = scale.laneBacklog.get(lane.name) ?? 0;
    const inflow = lane.share * scale.inflowPerWeek;
    pools.push({
      path: ['lanes', lane.name, 'capacity'],
      spec: lane.dedicatedCapacity,
      hoursPerDecision: lane.dedicatedCapacity.unit === 'hours' ? (lane.hoursPerDecision ?? 1) : 1,
      reference: Math.max(inflow, backlog / 52),
      scaleText: () => `lane ${lane.name}: ${scaleText(backlog, inflow)}`,
    });
  }
  return pools;
}

function scaleText(backlog: number, inflowPerWeek: number): string {
  return `${plainNumber(backlog)} open cases at the start, about ${plainNumber(Math.round(inflowPerWeek * 52))} arriving a year`;
}

/** One field of a pool that sets its capacity, and the pool's decisions a week with a value of it. */
interface PoolField {
  readonly key: FieldPath;
  readonly unit: string;
  readonly per: string;
  readonly perWeek: (value: number) => number;
  /** Whether a tiny value may be thousands written as their count (1.6 for 1,600): not for FTE. */
  readonly guessThousands: boolean;
}

function poolFields(pool: Pool): PoolField[] {
  const { policy, unit } = pool.spec;
  const h = pool.hoursPerDecision;
  const fields: PoolField[] = [
    { key: ['perWeek'], unit, per: 'a week', perWeek: (v) => v / h, guessThousands: true },
    { key: ['perYear'], unit, per: 'a year', perWeek: (v) => v / 52 / h, guessThousands: true },
  ];
  if (policy.kind === 'staff') {
    // The FTE, not the hours of one FTE: a small pool is blamed on one field, the one that sizes it.
    fields.push({
      key: ['staff', 'fte'],
      unit: 'FTE',
      per: '',
      perWeek: (v) => (v * policy.hoursPerFteWeek * policy.productiveShare) / h,
      guessThousands: false,
    });
  }
  return fields;
}

type Warn = (node: SourceNode, path: FieldPath, problem: string, allowed: string | null) => void;

/**
 * A value of a field with a scale (decisions or arrivals a week): written like
 * 1.600 and nearer the scale read as thousands; else below 1% of the scale;
 * else, for a `perYear`, about a week's worth.
 */
function checkScaled(
  node: SourceNode,
  path: FieldPath,
  value: number,
  rule: {
    readonly perWeek: (value: number) => number;
    readonly reference: number;
    readonly what: string;
    /** The scale in words, for a warning (built only when one is given). */
    readonly scaleText: () => string;
    readonly warn: Warn;
    /** Also warn when a perYear is about a week's worth. */
    readonly alsoPerYear: boolean;
    /** Whether a tiny value may be thousands written as their count. */
    readonly guessThousands: boolean;
  },
): void {
  const { perWeek, reference, warn } = rule;
  if (checkGrouped(node, path, value, perWeek, reference, warn)) return;
  if (!(value > 0 && reference > 0)) return;
  const decisions = perWeek(value);
  const what = `${plainNumber(value)} ${rule.what}`.trim();
  const written =
    rule.what === 'decisions a week' || rule.what === 'cases a week'
      ? what
      : `${what} (${plainNumber(round(decisions))} decisions a week)`;
  const share = decisions / reference;
  if (share < TINY) {
    const thousands = perWeek(value * 1000) / reference;
    warn(
      node,
      path,
      `${written} is ${percentText(share)} of the scale of the scenario: ${rule.scaleText()}`,
      // Thousands written as their count (1.6 for 1,600): a guess only for a value of 1 or more.
      rule.guessThousands && value >= 1 && thousands > 0.1 && thousands < 10
        ? `did you mean ${plainNumber(value * 1000)}?`
        : 'check the number and its unit',
    );
    return;
  }
  const weekly = decisions * 52;
  if (rule.alsoPerYear && weekly >= reference / 2 && weekly <= reference * 2) {
    warn(
      node,
      path,
      `${written} is about a week's worth of the scale of the scenario: ${rule.scaleText()}`,
      `did you mean perWeek: ${plainNumber(value)}?`,
    );
  }
}

/**
 * A value written like 1.600 (a dot before exactly three digits): a warning
 * when the thousands reading is nearer the scale (`reference`, through
 * `perWeek`) than the decimal one, or always when there is no scale
 * (`reference` 0) and the thousands reading is allowed (`maximum`). Whether
 * it warned.
 */
function checkGrouped(
  node: SourceNode,
  path: FieldPath,
  value: number,
  perWeek: (value: number) => number,
  reference: number,
  warn: Warn,
  maximum: number | null = null,
): boolean {
  if (node.kind !== 'scalar' || node.text === null) return false;
  const meant = groupedNumber(node.text);
  if (meant === null || !node.text.includes('.') || meant === value) return false;
  if (maximum !== null && meant > maximum) return false;
  if (reference > 0) {
    const distance = (v: number) => Math.abs(Math.log(Math.max(perWeek(v), Number.MIN_VALUE) / reference));
    if (distance(meant) >= distance(value)) return false;
  }
  warn(
    node,
    path,
    `${node.text} is read as ${plainNumber(value)} (a dot is a decimal point): did you mean ${plainNumber(meant)}?`,
    `write ${meant} for ${plainNumber(meant)}; write ${String(value)} to keep ${plainNumber(value)}`,
  );
  return true;
}

/** Each number at a path: the value, or each value of a schedule or list there (with `key`: of each item's `key`). */
function numbersAt(
  root: SourceNode,
  path: FieldPath,
  key: string | null = null,
): { node: SourceNode; path: FieldPath; value: number }[] {
  const node = nodeAt(root, path);
  if (node === undefined) return [];
  const found: { node: SourceNode; path: FieldPath; value: number }[] = [];
  const add = (item: SourceNode, at: FieldPath) => {
    if (item.kind === 'scalar' && typeof item.value === 'number' && Number.isFinite(item.value))
      found.push({ node: item, path: at, value: item.value });
  };
  if (node.kind === 'scalar') add(node, path);
  else if (node.kind === 'map') for (const [k, entry] of node.entries) add(entry.value, [...path, k]);
  else
    node.items.forEach((item, i) => {
      if (key === null) add(item, [...path, i]);
      else {
        const inner = nodeAt(item, [key]);
        if (inner !== undefined) add(inner, [...path, i, key]);
      }
    });
  return found;
}

/** Every number of the document with its schema and the nearest unit above it. */
function walkNumbers(
  schema: TSchema,
  node: SourceNode,
  path: FieldPath,
  unit: string,
  visit: (node: SourceNode, path: FieldPath, value: number, number: TSchema, unit: string) => void,
): void {
  const here = typeof schema['x-unit'] === 'string' ? (schema['x-unit'] as string) : unit;
  switch (kindOf(schema)) {
    case 'Number':
    case 'Integer':
      if (node.kind === 'scalar' && typeof node.value === 'number') visit(node, path, node.value, schema, here);
      return;
    case 'Object':
      if (node.kind !== 'map') return;
      for (const [key, entry] of node.entries) {
        const child = (schema.properties as Record<string, TSchema>)[key];
        if (child !== undefined) walkNumbers(child, entry.value, [...path, key], here, visit);
      }
      return;
    case 'Record':
      if (node.kind !== 'map') return;
      for (const [key, entry] of node.entries)
        walkNumbers(recordValueOf(schema), entry.value, [...path, key], here, visit);
      return;
    case 'Array':
      if (node.kind !== 'seq') return;
      for (const [i, item] of node.items.entries())
        walkNumbers(schema.items as TSchema, item, [...path, i], here, visit);
      return;
    case 'Union': {
      const wanted =
        node.kind === 'map' ? ['Object', 'Record'] : node.kind === 'seq' ? ['Array'] : ['Number', 'Integer'];
      const branches = (schema.anyOf as TSchema[]).filter((branch) => wanted.includes(kindOf(branch)));
      // Of several mapping shapes, the one whose keys the mapping uses (an initial backlog entry).
      const branch =
        node.kind === 'map' && branches.length > 1
          ? (branches.find((b) => Object.keys((b.properties ?? {}) as object).some((key) => node.entries.has(key))) ??
            branches[0])
          : branches[0];
      if (branch !== undefined) walkNumbers(branch, node, path, here, visit);
      return;
    }
    default:
      return;
  }
}

/** A share as a percentage: one significant digit below 1% (0.1%), else whole. */
function percentText(share: number): string {
  const percent = share * 100;
  return `${percent < 1 ? plainNumber(Number(percent.toPrecision(1))) : plainNumber(Math.round(percent))}%`;
}

/** Rounded to two decimals, or two significant digits below 1. */
function round(value: number): number {
  return Math.abs(value) >= 1 ? Math.round(value * 100) / 100 : Number(value.toPrecision(2));
}
