import { CaseloadArgumentError, parameterIssue } from '../scenario/errors.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { argScenario, initialBacklogAges } from '../scenario/index.js';
import type {
  CalendarEntry,
  FactorSpec,
  InitialBacklogSpec,
  LaneSpec,
  Scenario,
  UncertaintySpec,
} from '../scenario/types.js';
import { dayNumber, isoDate, weekEndDate, weekEndingBy, weekOf } from '../time/weeks.js';
import type { ActualPeriod, Actuals } from './actuals.js';
import { actualsIssues } from './actuals-issues.js';
import { capacityFrom } from './capacity-from.js';
import { fifoAges } from './fifo-ages.js';
import type { ArrivalSpan } from './fifo-ages.js';
import { laneFigures } from './lane-figures.js';
import { planExpectations } from './plan-expectations.js';
import type { PlanExpectations } from './plan-expectations.js';
import { ratioEstimate } from './ratio-estimate.js';
import type { RatioEstimate, RatioPoint } from './ratio-estimate.js';
import { reforecastStart } from './reforecast-start.js';
import { roundCumulatively } from './round-cumulatively.js';

/** How the re-forecast is set up beyond the plan and the actuals. */
export interface ReforecastScenarioOptions {
  /**
   * Re-estimate the inflow level and the capacity from the last `weeks` weeks
   * of actuals (the CLI's --learn, 13 weeks by default); null to keep the plan's.
   */
  readonly learn: null | { readonly weeks: number };
  /**
   * Open cases by arrival week before the re-forecast's start (weeksAgo 1:
   * the seven days before it), per lane name, as read from a backlog-by-age
   * file: they replace the actual backlog and its first-in-first-out ages for
   * those lanes.
   */
  readonly backlogAges?: Readonly<Record<string, InitialBacklogSpec>>;
}

/** How a lane's starting backlog was found. */
export type StartBacklogSource =
  /** The last period's backlog of the lane. */
  | 'actual'
  /** The lane's part of the last period's total backlog, by the plan's expected lane mix on that date. */
  | 'split'
  /** An earlier period's backlog carried forward with the actual inflow minus decisions since. */
  | 'carried'
  /** The plan's expected backlog before the first period carried forward (no period gives the lane's backlog). */
  | 'plan'
  /** The backlog-by-age file (`backlogAges`). */
  | 'ages';

/** Open cases per lane (by name) and in total. */
export interface LaneCounts {
  readonly total: number;
  readonly byLane: Readonly<Record<string, number>>;
}

/** An estimated factor (actual over the plan's expectation) with its standard error as a cv; see ratioEstimate. */
export type LearnedFactor = RatioEstimate;

/** What --learn took from the actuals. */
export interface Learned {
  /** The weeks asked for. */
  readonly weeks: number;
  /** The days the window covers: the last `weeks` x 7 days up to the last actual date, or fewer when the actuals start later. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
  /** Actual inflow over the plan's expected inflow in the window (its cv replaces the level factor's); null when not known. */
  readonly inflow: LearnedFactor | null;
  /**
   * Actual decisions over the plan's expected decisions: applied to every
   * pool's capacity (its cv replaces capacity productivity's) only when the
   * plan used all its capacity in every week of the window, for only then do
   * decisions measure capacity; null when not known.
   */
  readonly capacity: (LearnedFactor & { readonly capacityBound: boolean; readonly applied: boolean }) | null;
}

/** The scenario of a re-forecast and what it assumed. */
export interface ReforecastSetup {
  /** The new scenario: from the day after the last actual date to the end of the plan's horizon. */
  readonly scenario: Scenario;
  /** The plan re-forecast. */
  readonly plan: Scenario;
  /** The last day of the actuals (the day before the plan's start when there are none). */
  readonly lastActualDate: string;
  /** The re-forecast's start, the day after lastActualDate. */
  readonly start: string;
  readonly horizonWeeks: number;
  /** Whole open cases at the start, per lane and in total. */
  readonly startBacklog: LaneCounts;
  readonly startBacklogFrom: Readonly<Record<string, StartBacklogSource>>;
  /** The plan's expected backlog on the last actual date (its expected-value run), for comparison. */
  readonly planBacklog: LaneCounts;
  /** Null without `learn`. */
  readonly learned: Learned | null;
  /** Every assumption and approximation, in words. */
  readonly assumptions: readonly string[];
}

/** The fewest days of actuals the learning accepts a factor from: one week. */
const FEWEST_LEARNING_DAYS = 7;
/** The highest cv a scenario's factor takes. */
const MAX_CV = 3;

/**
 * The scenario of a re-forecast: the plan run again from the day after the
 * last actual date to the end of its horizon (whole weeks; the last one may
 * run up to six days past it), from the actual backlog with first-in-first-out
 * ages, the plan's expected inflow and its capacity as they stand on that
 * day, and, with `learn`, the inflow level and capacity re-estimated from the
 * last weeks of actuals. docs/reforecast.md gives the rules; every
 * assumption made is in `assumptions`. Problems with the actuals come back as
 * issues at their line; a scenario that is not one throws
 * CaseloadArgumentError.
 *
 * @example reforecastScenario(scenario, actuals, { learn: { weeks: 13 } }).value.scenario.start // '2024-07-01'
 */
export function reforecastScenario(
  scenario: Scenario,
  actuals: Actuals,
  options: ReforecastScenarioOptions,
): Checked<ReforecastSetup> {
  argScenario(scenario, 'scenario');
  const issues = [...actualsIssues(scenario, actuals), ...optionIssues(scenario, options)];
  if (issues.length > 0) return { ok: false, issues };
  const expected = planExpectations(scenario);
  const laneNames = expected.laneNames;
  const shares = scenario.lanes.map((lane) => lane.share);
  const periods = actuals.periods;
  const spans = periods.map((period) => ({ from: dayNumber(period.from)!, to: dayNumber(period.to)! }));
  const start = reforecastStart(scenario, actuals);
  const startDay = dayNumber(start)!;
  const lastDay = startDay - 1;
  const firstDay = spans.length === 0 ? expected.startDay : spans[0]!.from;
  const lastActualDate = isoDate(lastDay);
  if (lastDay >= expected.lastDay)
    return {
      ok: false,
      issues: [
        issueAt(
          actuals,
          periods.at(-1)!,
          'to',
          `reaches the horizon's last day ${isoDate(expected.lastDay)}: no weeks are left to re-forecast`,
        ),
      ],
    };
  const horizonWeeks = Math.ceil((expected.lastDay - lastDay) / 7);
  const assumptions: string[] = [];
  const lastEnd = weekEndDate(start, horizonWeeks - 1);
  const overrun = dayNumber(lastEnd)! - expected.lastDay;
  assumptions.push(
    `Re-forecast from ${start}, the day after the last actual date ${lastActualDate}, for ${horizonWeeks} whole ` +
      `weeks to ${lastEnd}${overrun > 0 ? `, ${overrun} days past the plan's horizon (${isoDate(expected.lastDay)}): the plan's last week continues` : ', the end of the plan'}.`,
  );

  // Each period's inflow and decisions per lane: the lane's own, its part of the total, or the plan's expectation.
  const fellBack = new Set<string>();
  const figures = (measure: 'inflow' | 'decisions', planned: PlanExpectations['arrivals']) =>
    periods.map((period, p) => {
      const { from, to } = spans[p]!;
      const weights = laneNames.map((_, lane) => planned(lane, from, to));
      const value = period[measure];
      const split = value === null ? null : laneFigures(value, laneNames, weights, shares);
      if (split !== null && split.excess > 0)
        assumptions.push(
          `${actuals.file}:${period.line}: the lanes' ${measure} exceed the total by ${round(split.excess)}; the other lanes count 0.`,
        );
      return laneNames.map((name, lane) => {
        const figure = split?.values[lane] ?? null;
        if (figure !== null) return figure;
        fellBack.add(`${measure} of ${name}`);
        return weights[lane]!;
      });
    });
  const inflow = figures('inflow', expected.arrivals);
  const decided = figures('decisions', expected.decisions);

  // The starting backlog per lane: the last period's, or the last one given carried forward with the inflow
  // minus the decisions since (the plan's before the first period when none is given); the backlog-by-age's
  // lanes in place of theirs; what a total leaves split over the other lanes by the plan's mix on the last date.
  const given = options.backlogAges ?? {};
  const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);
  const flowTotal = (p: number) =>
    (periods[p]!.inflow?.total ?? sum(inflow[p]!)) - (periods[p]!.decisions?.total ?? sum(decided[p]!));
  const flowOf = (lane: number, after: number) => {
    let flow = 0;
    for (let p = after + 1; p < periods.length; p++) flow += inflow[p]![lane]! - decided[p]![lane]!;
    return flow;
  };
  let q = periods.length - 1;
  while (q >= 0 && periods[q]!.backlog === null) q--;
  const ownSource: StartBacklogSource = q < 0 ? 'plan' : q === periods.length - 1 ? 'actual' : 'carried';
  const byLane: Record<string, number> = {};
  let total: number | null;
  if (q < 0) {
    laneNames.forEach((name, lane) => {
      byLane[name] = Math.max(0, expected.backlogAt(lane, firstDay - 1) + flowOf(lane, -1));
    });
    total = sum(Object.values(byLane));
  } else {
    const known = periods[q]!.backlog!;
    laneNames.forEach((name, lane) => {
      if (Object.hasOwn(known.byLane, name)) byLane[name] = Math.max(0, known.byLane[name]! + flowOf(lane, q));
    });
    let flow = 0;
    for (let p = q + 1; p < periods.length; p++) flow += flowTotal(p);
    total = known.total === null ? null : Math.max(0, known.total + flow);
  }
  const from: StartBacklogSource[] = laneNames.map((name) =>
    given[name] !== undefined ? 'ages' : Object.hasOwn(byLane, name) ? ownSource : 'split',
  );
  laneNames.forEach((name) => {
    if (given[name] === undefined) return;
    const count = sum(initialBacklogAges(given[name]));
    if (byLane[name] !== undefined && byLane[name] !== count)
      assumptions.push(
        `The backlog-by-age of ${name} counts ${count} open cases where the actuals give ${round(byLane[name])} on ${lastActualDate}: the backlog-by-age is used.`,
      );
    byLane[name] = count;
  });
  const mix = laneNames.map((_, lane) => expected.backlogAt(lane, lastDay));
  const split = laneFigures({ total, byLane }, laneNames, mix, shares);
  if (split.excess > 0)
    assumptions.push(
      `The lanes' backlog on ${lastActualDate} exceeds the total by ${round(split.excess)}; the other lanes start empty.`,
    );
  const open = laneNames.map((name, lane) => {
    const value = split.values[lane];
    if (value !== null && value !== undefined) return value;
    // Neither the lane's own figure nor a total to split: the lane's last own figure carried forward, or the plan's.
    let p = q - 1;
    while (p >= 0 && !Object.hasOwn(periods[p]!.backlog?.byLane ?? {}, name)) p--;
    from[lane] = p < 0 ? 'plan' : 'carried';
    const base = p < 0 ? expected.backlogAt(lane, firstDay - 1) : periods[p]!.backlog!.byLane[name]!;
    return Math.max(0, base + flowOf(lane, p));
  });
  const whole = roundCumulatively(open, Math.round(sum(open)));
  assumptions.push(
    ...startBacklogWords(
      laneNames,
      whole,
      from,
      lastActualDate,
      q >= 0 ? periods[q]!.to : null,
      open.some((n, lane) => n !== whole[lane]),
    ),
  );
  if (fellBack.size > 0)
    assumptions.push(
      `Where a period gives neither a lane's figure nor a total to split (${[...fellBack].join('; ')}), ` +
        "the plan's expected figure of that period is used.",
    );

  // Ages, first in first out (or the backlog-by-age file).
  const initialBacklog: Record<string, InitialBacklogSpec> = {};
  const unexplained: string[] = [];
  laneNames.forEach((name, lane) => {
    const byAge = given[name];
    if (byAge !== undefined) {
      initialBacklog[name] = byAge;
      return;
    }
    const ages = fifoAges(whole[lane]!, arrivalSpans(lane), startDay);
    if (ages.unexplained > 0) unexplained.push(`${name} ${round(ages.unexplained)}`);
    if (ages.counts.length > 0) initialBacklog[name] = { kind: 'byWeeksAgo', counts: ages.counts };
  });
  function* arrivalSpans(lane: number): Generator<ArrivalSpan> {
    for (let p = periods.length - 1; p >= 0; p--)
      yield { fromDay: spans[p]!.from, toDay: spans[p]!.to, count: inflow[p]![lane]! };
    // Between the plan's start and the first period: the plan's expected arrivals, week by week.
    for (let t = Math.floor((firstDay - 1 - expected.startDay) / 7); t >= 0; t--) {
      const fromDay = expected.startDay + 7 * t;
      const toDay = Math.min(fromDay + 6, firstDay - 1);
      yield { fromDay, toDay, count: expected.arrivals(lane, fromDay, toDay) };
    }
    const before = initialBacklogAges(scenario.initialBacklog[laneNames[lane]!]);
    for (let k = 0; k < before.length; k++) {
      const fromDay = expected.startDay - 7 * (k + 1);
      yield { fromDay, toDay: fromDay + 6, count: before[k]! };
    }
  }
  if (Object.keys(given).length < laneNames.length)
    assumptions.push(
      `Ages first in first out: a lane's open cases on ${lastActualDate} are its most recent arrivals, ` +
        `walking back over the actual inflow${firstDay > expected.startDay ? `, the plan's expected inflow before ${isoDate(firstDay)}` : ''}` +
        ` and the plan's own initial backlog before ${scenario.start}; a period's inflow is spread evenly over its days ` +
        'and the weeks are rounded cumulatively to whole cases.',
    );
  if (unexplained.length > 0)
    assumptions.push(
      `More cases are open than arrived in the actuals and the plan's initial backlog together (${unexplained.join(', ')}): ` +
        'they are counted in the oldest week reached.',
    );
  if (scenario.lanes.some((lane) => (lane.withdrawals ?? []).length > 0 || (lane.transfers ?? []).length > 0))
    assumptions.push(
      'The first-in-first-out ages ignore withdrawals and moves between lanes before the start: open cases are taken to be the most recent arrivals of their own lane.',
    );

  // Learning.
  const learned = options.learn === null ? null : learn(options.learn.weeks);
  function learn(weeks: number): Learned | null {
    const windowFrom = Math.max(firstDay, lastDay - 7 * weeks + 1);
    const days = lastDay - windowFrom + 1;
    if (days < FEWEST_LEARNING_DAYS) {
      assumptions.push(
        `Nothing learned: the actuals cover ${Math.max(0, days)} days, fewer than a week; the plan's inflow and capacity are kept.`,
      );
      return null;
    }
    const points = (measure: 'inflow' | 'decisions', planned: PlanExpectations['arrivals']): RatioPoint[] =>
      periods.flatMap((period, p) => {
        const total = period[measure]?.total ?? null;
        const a = Math.max(windowFrom, spans[p]!.from);
        const b = spans[p]!.to;
        if (total === null || a > b) return [];
        const part = (b - a + 1) / (b - spans[p]!.from + 1);
        return [{ actual: total * part, planned: laneNames.reduce((sum, _, lane) => sum + planned(lane, a, b), 0) }];
      });
    const inflowFactor = ratioEstimate(points('inflow', expected.arrivals), true);
    const capacity = ratioEstimate(points('decisions', expected.decisions), false);
    const capacityBound = expected.capacityBound(windowFrom, lastDay);
    return {
      weeks,
      from: isoDate(windowFrom),
      to: lastActualDate,
      days,
      inflow: inflowFactor,
      capacity: capacity === null ? null : { ...capacity, capacityBound, applied: capacityBound },
    };
  }
  const inflowFactor = learned?.inflow?.factor ?? 1;
  const capacityFactor = learned?.capacity?.applied === true ? learned.capacity.factor : 1;
  if (learned !== null) assumptions.push(...learnedWords(learned));

  // The inflow, capacity and calendar from the new start.
  const meanPerWeek = Array.from(
    { length: horizonWeeks },
    (_, w) => expected.meanInflow(startDay + 7 * w, startDay + 7 * w + 6) * inflowFactor,
  );
  assumptions.push(
    `Inflow from ${start}: the plan's expected inflow per day, carried over to the new weeks` +
      `${inflowFactor === 1 ? '' : ` and multiplied by the learned factor ${round(inflowFactor, 3)}`}; lanes keep their shares.`,
  );
  const replayed = scenario.inflow.kind === 'replay' ? scenario.inflow.observedPerWeek.length : 0;
  if (replayed > weekOf(scenario.start, start))
    assumptions.push(
      `The plan replays observed counts up to week ${replayed - 1}; after ${lastActualDate} the re-forecast draws them as Poisson means.`,
    );
  const notes: string[] = [];
  const capacity = capacityFrom(scenario.capacity, scenario.start, start, capacityFactor);
  notes.push(...capacity.notes);
  const lanes: LaneSpec[] = scenario.lanes.map((lane) => {
    if (lane.dedicatedCapacity === null) return lane;
    const own = capacityFrom(lane.dedicatedCapacity, scenario.start, start, capacityFactor);
    notes.push(...own.notes.map((note) => `${lane.name}'s own capacity: ${note}`));
    return { ...lane, dedicatedCapacity: own.spec };
  });
  assumptions.push(
    `Capacity from ${start}: each pool's values in effect that week (its dated changes up to then folded in, later ones kept)` +
      `${capacityFactor === 1 ? '' : `, multiplied by the learned factor ${round(capacityFactor, 3)}`}; ` +
      'the fraction of a decision that capacity carries from week to week starts again at 0 (at most one decision per pool).',
    ...notes.map((note) => `${note[0]!.toUpperCase()}${note.slice(1)}.`),
  );
  const calendar: CalendarEntry[] = scenario.calendar.flatMap((entry) =>
    entry.to < start ? [] : [entry.from < start ? { ...entry, from: start } : entry],
  );
  if (scenario.lanes.some((lane) => (lane.refiling?.probability ?? 0) > 0))
    assumptions.push(
      `Refusals before ${start} that would file again after it are not counted: the re-forecast refiles only its own refusals.`,
    );

  // The target and the uncertainty.
  let target = scenario.target;
  if (target !== null) {
    const week = weekEndingBy(start, target.date);
    if (week < 0) {
      assumptions.push(
        `No target: its date ${target.date} comes before the end of the re-forecast's first week, ${weekEndDate(start, 0)}.`,
      );
      target = null;
    } else
      assumptions.push(
        `The target stays the plan's: at most ${target.backlog} open by ${target.date}, the end of the re-forecast's ` +
          `week ${week} (${weekEndDate(start, week)}), the last whole week ending on or before it.`,
      );
  }
  const uncertainty = learnedUncertainty(scenario.uncertainty, learned);
  if (scenario.uncertainty?.inflow.drift != null && scenario.uncertainty.inflow.drift.sdPerYear > 0)
    assumptions.push(`The inflow drift starts again from the level at ${start}.`);

  const { observed: _past, uncertainty: _planned, ...kept } = scenario;
  const next: Scenario = {
    ...kept,
    name: `${scenario.name} (re-forecast from ${start})`,
    description: `${scenario.name} re-forecast from the actuals of ${actuals.file} up to ${lastActualDate}.`,
    start,
    horizonWeeks,
    inflow: { kind: 'weekly', meanPerWeek },
    capacity: capacity.spec,
    calendar,
    lanes,
    initialBacklog,
    target,
    ...(uncertainty === undefined ? {} : { uncertainty }),
  };
  try {
    argScenario(next, 'scenario');
  } catch (error) {
    if (!(error instanceof CaseloadArgumentError)) throw error;
    // A learned factor far out of range (an almost empty plan against busy actuals) makes values caseload does not run.
    return {
      ok: false,
      issues: [issueAt(actuals, null, '', `gives a re-forecast caseload cannot run: ${error.message}`)],
    };
  }
  const counts = (values: readonly number[]): LaneCounts => ({
    total: values.reduce((sum, n) => sum + n, 0),
    byLane: Object.fromEntries(laneNames.map((name, lane) => [name, values[lane]!])),
  });
  return {
    ok: true,
    value: {
      scenario: next,
      plan: scenario,
      lastActualDate,
      start,
      horizonWeeks,
      startBacklog: counts(whole),
      startBacklogFrom: Object.fromEntries(laneNames.map((name, lane) => [name, from[lane]!])),
      planBacklog: counts(laneNames.map((_, lane) => expected.backlogAt(lane, lastDay))),
      learned,
      assumptions,
    },
  };
}

/** Problems with the options: the learning window, the backlog-by-age lanes. */
function optionIssues(scenario: Scenario, options: ReforecastScenarioOptions): InputIssue[] {
  const issues: InputIssue[] = [];
  const weeks = options.learn?.weeks;
  if (weeks !== undefined && !(Number.isInteger(weeks) && weeks >= 1))
    issues.push(parameterIssue('learn', 'weeks', `must be a whole number of weeks >= 1, got ${weeks}`, 'e.g. 13'));
  const names = scenario.lanes.map((lane) => lane.name);
  for (const [name, spec] of Object.entries(options.backlogAges ?? {})) {
    if (!names.includes(name))
      issues.push(
        parameterIssue('backlogAges', name, `names no lane of the scenario: "${name}"`, `one of ${names.join(', ')}`),
      );
    else if (
      spec.kind === 'byWeeksAgo' &&
      spec.counts.some(
        (c) => !(Number.isInteger(c.weeksAgo) && c.weeksAgo >= 1 && Number.isInteger(c.count) && c.count >= 0),
      )
    )
      issues.push(
        parameterIssue('backlogAges', name, 'holds a count that is no whole number of cases at a week >= 1', null),
      );
  }
  return issues;
}

function issueAt(actuals: Actuals, period: ActualPeriod | null, field: string, problem: string): InputIssue {
  return { file: actuals.file, line: period?.line ?? null, column: null, field, problem, allowed: null };
}

/** The starting backlog in words: its total, each lane's count, and where each came from. */
function startBacklogWords(
  laneNames: readonly string[],
  whole: readonly number[],
  from: readonly StartBacklogSource[],
  date: string,
  carriedFrom: string | null,
  rounded: boolean,
): string[] {
  const total = whole.reduce((sum, n) => sum + n, 0);
  const lanes = laneNames.map((name, lane) => `${name} ${whole[lane]}`).join(', ');
  const words = [`Starting backlog ${total} on ${date} (${lanes}).`];
  const which = (source: StartBacklogSource) => laneNames.filter((_, lane) => from[lane] === source).join(', ');
  if (which('carried') !== '' || (which('split') !== '' && carriedFrom !== null && carriedFrom !== date))
    words.push(
      `The last period gives no backlog: the backlog of ${carriedFrom} is carried forward with the actual inflow minus decisions since.`,
    );
  if (which('split') !== '')
    words.push(
      `The total backlog is split over ${which('split')} by the plan's expected lane mix on ${date} (its expected-value run).`,
    );
  if (which('plan') !== '')
    words.push(
      `No period gives the backlog of ${which('plan')}: the plan's expected backlog before the first period is carried forward with the actual inflow minus decisions.`,
    );
  if (which('ages') !== '')
    words.push(`The backlog of ${which('ages')} and its ages come from the backlog-by-age file.`);
  if (rounded) words.push('Lane backlogs are rounded cumulatively to whole cases, keeping the total.');
  return words;
}

/** What --learn found, in words, with its formulas. */
function learnedWords(learned: Learned): string[] {
  const words = [
    `Learned from ${learned.from} to ${learned.to} (${learned.days} days${learned.days < 7 * learned.weeks ? `, fewer than the ${learned.weeks} weeks asked: the actuals start later` : ''}); months count by their days in the window.`,
  ];
  const cv = (f: LearnedFactor) => (f.cv === null ? 'no cv from one period' : `cv ${round(f.cv, 3)}`);
  const inflow = learned.inflow;
  words.push(
    inflow === null
      ? "Inflow not learned: the plan expected no inflow in the window, or no period gives a total; the plan's is kept."
      : `Inflow factor ${round(inflow.factor, 3)} = actual ${round(inflow.actual)} / planned ${round(inflow.planned)} ` +
          `over ${inflow.points} periods (${cv(inflow)}, the standard error of the ratio, at least Poisson's); it replaces the inflow level factor's cv.`,
  );
  const capacity = learned.capacity;
  if (capacity === null)
    words.push(
      "Capacity not learned: the plan expected no decisions in the window, or no period gives a total; the plan's is kept.",
    );
  else if (!capacity.applied)
    words.push(
      `Capacity not scaled: the plan did not use all its capacity in every week of the window, so decisions ` +
        `(factor ${round(capacity.factor, 3)} = ${round(capacity.actual)} / ${round(capacity.planned)}) measure the cases available, not the capacity.`,
    );
  else
    words.push(
      `Capacity factor ${round(capacity.factor, 3)} = actual decisions ${round(capacity.actual)} / planned ${round(capacity.planned)} ` +
        `(the plan used all its capacity in the window; ${cv(capacity)}): every pool's capacity is multiplied by it` +
        `${capacity.cv === null ? '' : ', and its cv replaces capacity productivity'}.`,
    );
  return words;
}

/** The plan's uncertainty with the learned level and productivity cvs in place of its own; absent when neither has any. */
function learnedUncertainty(
  planned: UncertaintySpec | undefined,
  learned: Learned | null,
): UncertaintySpec | undefined {
  const level = learned?.inflow?.cv ?? null;
  const productivity = learned?.capacity?.applied === true ? learned.capacity.cv : null;
  if (level === null && productivity === null) return planned;
  const factor = (cv: number | null, own: FactorSpec | null | undefined): FactorSpec | null =>
    cv === null ? (own ?? null) : { cv: Math.min(MAX_CV, cv), distribution: own?.distribution ?? 'lognormal' };
  const learnedFrom = `learned from the actuals ${learned!.from} to ${learned!.to}: ${[
    level === null ? null : 'inflow level',
    productivity === null ? null : 'capacity productivity',
  ]
    .filter((x) => x !== null)
    .join(' and ')}`;
  return {
    inflow: {
      level: factor(level, planned?.inflow.level),
      drift: planned?.inflow.drift ?? null,
      overdispersion: planned?.inflow.overdispersion ?? null,
    },
    capacity: {
      productivity: factor(productivity, planned?.capacity.productivity),
      weekly: planned?.capacity.weekly ?? null,
    },
    shares: planned?.shares ?? null,
    grantRates: planned?.grantRates ?? null,
    source: planned?.source == null ? learnedFrom : `${planned.source}; ${learnedFrom}`,
  };
}

/** A figure for words: at most `digits` decimals, no trailing zeros. */
function round(x: number, digits = 1): string {
  return String(Number(x.toFixed(digits)));
}
