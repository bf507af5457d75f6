import {
  addDays,
  addDaysUpToLast,
  dayNumber,
  LAST_DATE,
  weekEndDate,
  weekEndingBy,
  weeksUntilLastDate,
} from '../../time/weeks.js';
import type { InputIssue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { fieldName, issueAtOrigin, nodeAt } from '../read/source-node.js';
import type { FieldPath, Origin, SourceNode } from '../read/source-node.js';

const SHARE_TOLERANCE = 1e-9;

/**
 * The rules that tie fields together, checked after the schema: the lanes'
 * shares sum to 1; lanes named in the initial backlog exist; the weekly
 * inflow covers the horizon; the target date lies within it; lanes have
 * hoursPerDecision where a pool counts hours; calendar periods do not end
 * before they begin; a pool's unit fits its policy; inflowPlusMargin's max is
 * at least its min; the horizon ends by 9999-12-31; a schedule of dated values gives the value at the start. A rule is skipped where the schema already found a
 * problem in its inputs (`flagged`), so that one mistake gives one message.
 * A rule broken by a value set from outside the files (an override, a
 * `--set`, a lever) names that setting, not the file's line.
 *
 * @example checkCrossFields(root, 'scenarios/x.yaml', schemaCheck.flagged)
 */
export function checkCrossFields(root: SourceNode, scenarioFile: string, flagged: readonly FieldPath[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (at: Origin, path: FieldPath, problem: string, allowed: string | null) => {
    issues.push(issueAtOrigin(at, scenarioFile, fieldName(path), problem, allowed));
  };
  const valid = (path: FieldPath) => !flagged.some((bad) => isPrefix(bad, path) || isPrefix(path, bad));
  /** The node at a path, when it is there and the schema found nothing wrong with it. */
  const get = (path: FieldPath): SourceNode | undefined => (valid(path) ? nodeAt(root, path) : undefined);
  const number = (path: FieldPath) => scalar(get(path), 'number');
  const text = (path: FieldPath) => scalar(get(path), 'string');

  /** The numbers of a mapping sum to 1, or an issue at the setting that broke it, else at the mapping. */
  const sumsToOne = (mapping: SourceNode & { kind: 'map' }, path: FieldPath, what: string) => {
    const values = [...mapping.entries.values()].map((entry) => entry.value);
    const total = values.reduce(
      (sum, v) => sum + (v.kind === 'scalar' && typeof v.value === 'number' ? v.value : 0),
      0,
    );
    if (Math.abs(total - 1) <= SHARE_TOLERANCE) return;
    const sum = Number(total.toPrecision(12));
    const flag = setBy(values);
    if (flag !== null)
      report(flag, path, `makes the ${what} of ${fieldName(path)} sum to ${sum}`, 'they must sum to 1');
    else report(mapping.at, path, `${what} sum to ${sum}`, 'they must sum to 1');
  };

  const lanes = nodeAt(root, ['lanes']);
  const laneNames = lanes?.kind === 'map' ? [...lanes.entries.keys()] : [];

  // Withdrawals by age start at age 0: every open case has a hazard.
  for (const name of laneNames) {
    const byAge = get(['lanes', name, 'withdrawals', 'byAge']);
    if (byAge?.kind === 'map' && !byAge.entries.has('0'))
      report(
        byAge.at,
        ['lanes', name, 'withdrawals', 'byAge'],
        `starts at age ${[...byAge.entries.keys()].map(Number).sort((a, b) => a - b)[0]}, not 0`,
        'a hazard from age 0 (use 0 for none before the first band)',
      );
  }

  // Refiling: a delay table's probabilities and the target lanes' shares each sum to 1; the lanes exist.
  for (const name of laneNames) {
    const table = get(['lanes', name, 'refiling', 'delayTable']);
    if (table?.kind === 'map') {
      sumsToOne(table, ['lanes', name, 'refiling', 'delayTable'], 'probabilities');
    }
    const targets = get(['lanes', name, 'refiling', 'lanes']);
    if (targets?.kind === 'map') {
      for (const [target, entry] of targets.entries)
        if (!laneNames.includes(target))
          report(
            entry.keyAt,
            ['lanes', name, 'refiling', 'lanes', target],
            noLane(target, laneNames),
            `one of ${laneNames.join(', ')}`,
          );
      sumsToOne(targets, ['lanes', name, 'refiling', 'lanes'], 'shares');
    }
  }

  // Transfers go to another lane that exists; a lane's probabilities at the decision step sum to at
  // most 1, and so do those at each waiting time; transfers at the decision step form no cycle (one
  // after a waiting time happens once, at one age, so it cannot move a case forever).
  const movesTo = new Map<string, string[]>();
  for (const name of laneNames) {
    const list = get(['lanes', name, 'transfers']);
    if (list?.kind !== 'seq') continue;
    const sums = new Map<number | null, number>();
    const targets: string[] = [];
    list.items.forEach((item, i) => {
      const to = text(['lanes', name, 'transfers', i, 'to']);
      const p = number(['lanes', name, 'transfers', i, 'probability']);
      const after = number(['lanes', name, 'transfers', i, 'afterWeeks']) ?? null;
      if (p !== undefined) sums.set(after, (sums.get(after) ?? 0) + p);
      if (to === undefined) return;
      const at = nodeAt(item, ['to'])?.at ?? item.at;
      if (to === name) report(at, ['lanes', name, 'transfers', i, 'to'], 'is the lane itself', 'another lane');
      else if (!laneNames.includes(to))
        report(at, ['lanes', name, 'transfers', i, 'to'], noLane(to, laneNames), `one of ${laneNames.join(', ')}`);
      else if (after === null) targets.push(to);
    });
    for (const [after, sum] of sums)
      if (sum > 1 + SHARE_TOLERANCE)
        report(
          list.at,
          ['lanes', name, 'transfers'],
          `probabilities ${after === null ? 'at the decision step' : `after ${after} weeks`} sum to ${Number(sum.toPrecision(12))}`,
          'at most 1',
        );
    movesTo.set(name, targets);
  }
  const cycle = transferCycle(movesTo);
  if (cycle !== null) {
    const first = nodeAt(root, ['lanes', cycle[0]!, 'transfers']);
    report(
      first?.at ?? root.at,
      ['lanes', cycle[0]!, 'transfers'],
      `at the decision step form a cycle: ${[...cycle, cycle[0]!].join(' -> ')}`,
      'transfers at the decision step that end in a lane that decides (a case moves at most once through each lane); a move after a waiting time (afterWeeks) may close a loop',
    );
  }

  // Shares of the lanes sum to 1.
  if (lanes?.kind === 'map' && laneNames.length > 0) {
    const shares = laneNames.map((name) => number(['lanes', name, 'share']));
    if (shares.every((share) => share !== undefined)) {
      const sum = Number(shares.reduce((total, share) => total + share, 0).toPrecision(12));
      // A share set from outside the file (`--set lanes.regular.share=0.9`) is where the wrong sum came from.
      const flag = setBy(laneNames.map((name) => nodeAt(root, ['lanes', name, 'share'])));
      if (Math.abs(sum - 1) > SHARE_TOLERANCE && flag !== null)
        report(flag, ['lanes'], `makes the shares of the lanes sum to ${sum}`, 'they must sum to 1');
      else if (Math.abs(sum - 1) > SHARE_TOLERANCE)
        report(lanes.at, ['lanes'], `shares of the lanes sum to ${sum}`, 'they must sum to 1');
    }
  }

  // Lanes named in the initial backlog exist.
  const backlogLanes = nodeAt(root, ['initialBacklog', 'lanes']);
  if (lanes?.kind === 'map' && laneNames.length > 0 && backlogLanes?.kind === 'map') {
    for (const [name, entry] of backlogLanes.entries) {
      if (!lanes.entries.has(name)) {
        report(
          entry.keyAt,
          ['initialBacklog', 'lanes', name],
          `no lane named "${name}"`,
          `one of: ${laneNames.join(', ')}`,
        );
      }
    }
  }

  // The weekly inflow covers the horizon.
  const horizonNode = get(['horizonWeeks']);
  const horizon = scalar(horizonNode, 'number');
  const weeklyMeans = get(['inflow', 'weeklyMeans']);
  if (
    horizonNode !== undefined &&
    horizon !== undefined &&
    weeklyMeans?.kind === 'seq' &&
    weeklyMeans.items.length < horizon
  ) {
    const count = weeklyMeans.items.length;
    if (horizonNode.at.kind === 'flag') {
      report(
        horizonNode.at,
        ['horizonWeeks'],
        `is ${horizon} weeks, but inflow.weeklyMeans has only ${count} values`,
        `at most ${count} weeks`,
      );
    } else {
      report(
        weeklyMeans.at,
        ['inflow', 'weeklyMeans'],
        `has ${count} values, fewer than the ${horizon} weeks of horizonWeeks`,
        'a value for every week of the horizon',
      );
    }
  }

  // The horizon ends by the last date caseload reads: a week past 9999 has no date YYYY-MM-DD.
  const startNode = get(['start']);
  const start = scalar(startNode, 'string');
  let datedHorizon = false;
  if (startNode !== undefined && start !== undefined && horizonNode !== undefined && horizon !== undefined) {
    const most = weeksUntilLastDate(start);
    datedHorizon = horizon <= most;
    if (most < 1) {
      report(
        startNode.at,
        ['start'],
        `${start} leaves no whole week before ${LAST_DATE}, the last date caseload reads`,
        `a start on or before ${addDays(LAST_DATE, -6)}`,
      );
    } else if (!datedHorizon && startNode.at.kind === 'flag' && horizonNode.at.kind !== 'flag') {
      report(
        startNode.at,
        ['start'],
        `makes the horizon of ${horizon} weeks run past ${LAST_DATE}, the last date caseload reads`,
        `a start on or before ${addDays(LAST_DATE, 1 - 7 * horizon)}`,
      );
    } else if (!datedHorizon) {
      report(
        horizonNode.at,
        ['horizonWeeks'],
        `${horizon} weeks from the start ${start} run past ${LAST_DATE}, the last date caseload reads`,
        `at most ${most} weeks from this start`,
      );
    }
  }

  // The target date lies within the horizon.
  const targetDateNode = get(['target', 'date']);
  const targetDate = scalar(targetDateNode, 'string');
  if (
    start !== undefined &&
    horizonNode !== undefined &&
    horizon !== undefined &&
    datedHorizon &&
    targetDateNode !== undefined &&
    targetDate !== undefined
  ) {
    // The week whose end-of-week backlog counts: the last whole week ending on or before the date.
    const week = weekEndingBy(start, targetDate);
    const weekEnd = (t: number) => weekEndDate(start, t);
    const first = weekEnd(0);
    const last = addDaysUpToLast(weekEnd(horizon - 1), 6);
    const startFlag = startNode?.at.kind === 'flag' && targetDateNode.at.kind !== 'flag' ? startNode.at : null;
    if (week > horizon - 1 && horizonNode.at.kind === 'flag') {
      report(
        horizonNode.at,
        ['horizonWeeks'],
        `is ${horizon} weeks, ending on ${weekEnd(horizon - 1)}, before target.date ${targetDate}`,
        `at least ${week + 1} weeks for this scenario's target`,
      );
    } else if ((week > horizon - 1 || week < 0) && startFlag !== null) {
      report(
        startFlag,
        ['start'],
        week < 0
          ? `makes target.date ${targetDate} fall before the end of the first week, ${first}`
          : `makes target.date ${targetDate} fall after the horizon, whose last week ends on ${weekEnd(horizon - 1)}`,
        // Weeks end on start + 6, start + 13, ...: the target's week is one of the horizon's from these starts.
        `a start from ${addDays(targetDate, -7 * horizon - 5)} to ${addDays(targetDate, -6)}`,
      );
    } else if (week > horizon - 1) {
      report(
        targetDateNode.at,
        ['target', 'date'],
        `${targetDate} is after the horizon, whose last week ends on ${weekEnd(horizon - 1)}`,
        `a date from ${first} to ${last}`,
      );
    } else if (week < 0) {
      report(
        targetDateNode.at,
        ['target', 'date'],
        `${targetDate} is before the end of the first week, ${first}`,
        `a date from ${first} to ${last}`,
      );
    }
  }

  // Units of the pools.
  const unitOf = (path: FieldPath): 'decisions' | 'hours' | undefined => {
    const pool = nodeAt(root, path);
    if (pool?.kind !== 'map' || !valid([...path, 'unit'])) return undefined;
    const unit = scalar(pool.entries.get('unit')?.value, 'string');
    if (unit === 'decisions' || unit === 'hours') return unit;
    return pool.entries.has('staff') ? 'hours' : 'decisions';
  };
  const checkPool = (path: FieldPath) => {
    const pool = nodeAt(root, path);
    const unitNode = get([...path, 'unit']);
    const unit = scalar(unitNode, 'string');
    if (pool?.kind !== 'map' || unitNode === undefined || unit === undefined) return;
    if (unit === 'decisions' && pool.entries.has('staff')) {
      report(
        unitNode.at,
        [...path, 'unit'],
        'must be "hours" for a staff capacity, got "decisions"',
        'hours, or leave unit out',
      );
    }
    if (unit === 'hours' && pool.entries.has('inflowPlusMargin')) {
      report(
        unitNode.at,
        [...path, 'unit'],
        'must be "decisions" for inflowPlusMargin, got "hours"',
        'decisions, or leave unit out',
      );
    }
  };
  const checkMargin = (path: FieldPath) => {
    const minNode = nodeAt(root, [...path, 'inflowPlusMargin', 'min']);
    const minimum = minNode === undefined ? 0 : number([...path, 'inflowPlusMargin', 'min']);
    const maxNode = get([...path, 'inflowPlusMargin', 'max']);
    const maximum = scalar(maxNode, 'number');
    if (minimum === undefined || maxNode === undefined || maximum === undefined || maximum >= minimum) return;
    if (minNode?.at.kind === 'flag' && maxNode.at.kind !== 'flag') {
      report(
        minNode.at,
        [...path, 'inflowPlusMargin', 'min'],
        `must be at most max = ${maximum}, got ${minimum}`,
        'a number <= max',
      );
    } else {
      report(
        maxNode.at,
        [...path, 'inflowPlusMargin', 'max'],
        `must be at least min = ${minimum}, got ${maximum}`,
        'a number >= min',
      );
    }
  };
  checkPool(['capacity']);
  checkMargin(['capacity']);
  const sharedUnit = unitOf(['capacity']);
  for (const name of laneNames) {
    const lane = nodeAt(root, ['lanes', name]);
    if (lane?.kind !== 'map') continue;
    const ownPath = ['lanes', name, 'capacity'];
    const own = lane.entries.has('capacity');
    if (own) {
      checkPool(ownPath);
      checkMargin(ownPath);
    }
    const ownUnit = own ? unitOf(ownPath) : undefined;
    if ((sharedUnit === 'hours' || ownUnit === 'hours') && !lane.entries.has('hoursPerDecision')) {
      const why = sharedUnit === 'hours' ? 'the shared capacity counts hours' : "this lane's capacity counts hours";
      report(lane.at, ['lanes', name, 'hoursPerDecision'], `is missing; it is needed because ${why}`, 'a number > 0');
    }
  }

  // Calendar periods do not end before they begin.
  const calendar = nodeAt(root, ['calendar']);
  if (calendar?.kind === 'seq') {
    calendar.items.forEach((_, index) => {
      const from = text(['calendar', index, 'from']);
      const toNode = get(['calendar', index, 'to']);
      const to = scalar(toNode, 'string');
      if (from !== undefined && toNode !== undefined && to !== undefined && dayNumber(to)! < dayNumber(from)!) {
        report(
          toNode.at,
          ['calendar', index, 'to'],
          `must not be before from, got ${to}`,
          `a date on or after ${from}`,
        );
      }
    });
  }
  // Observed lead times name lanes that exist.
  const observedLanes = get(['observed', 'leadTimeDays']);
  if (observedLanes?.kind === 'map') {
    for (const [name, entry] of observedLanes.entries) {
      if (!laneNames.includes(name))
        report(
          entry.keyAt,
          ['observed', 'leadTimeDays', name],
          `no lane named "${name}"`,
          `one of: ${laneNames.join(', ')}`,
        );
    }
  }

  // A schedule of dated values gives the value at the start.
  const startText = text(['start']);
  const startFlag = startNode?.at.kind === 'flag' ? startNode.at : null;
  if (startText !== undefined) {
    const pools: FieldPath[] = [['capacity'], ...laneNames.map((name) => ['lanes', name, 'capacity'])];
    const scheduled: FieldPath[] = [
      ['inflow', 'meanPerWeek'],
      ...pools.flatMap((pool) =>
        [['perWeek'], ['perYear'], ['staff', 'fte'], ['staff', 'hoursPerFteWeek'], ['staff', 'productiveShare']].map(
          (field) => [...pool, ...field],
        ),
      ),
    ];
    for (const path of scheduled) {
      const schedule = get(path);
      if (schedule?.kind !== 'map') continue;
      const first = [...schedule.entries.keys()].sort()[0];
      if (first !== undefined && first > startText && startFlag !== null && schedule.at.kind !== 'flag') {
        report(
          startFlag,
          ['start'],
          `makes the start ${startText} come before the first date ${first} of ${fieldName(path)}`,
          `a start on or after ${first}`,
        );
      } else if (first !== undefined && first > startText) {
        report(
          schedule.at,
          path,
          `has no value at the start: its first date ${first} is after the start ${startText}`,
          `a first date on or before ${startText}`,
        );
      }
    }
  }

  return issues;
}

/** "names no lane", with the lane it most likely means. */
function noLane(name: string, laneNames: readonly string[]): string {
  const guess = didYouMean(name, laneNames);
  return `names no lane: "${name}"${guess === null ? '' : `; did you mean "${guess}"?`}`;
}

/** A cycle in the transfer graph (lanes in order), or null: depth-first search with colours. */
function transferCycle(movesTo: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (lane: string): string[] | null => {
    if (state.get(lane) === 'done') return null;
    if (state.get(lane) === 'open') return path.slice(path.indexOf(lane));
    state.set(lane, 'open');
    path.push(lane);
    for (const next of movesTo.get(lane) ?? []) {
      const found = visit(next);
      if (found !== null) return found;
    }
    path.pop();
    state.set(lane, 'done');
    return null;
  };
  for (const lane of movesTo.keys()) {
    const found = visit(lane);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The origin of the first of the values set from outside the files (an
 * override, a `--set`), or null when the files wrote them all: a rule broken
 * by such a value names it, not the file's line, as where the wrong value
 * came from.
 */
function setBy(nodes: readonly (SourceNode | undefined)[]): Origin | null {
  return nodes.find((node) => node?.at.kind === 'flag')?.at ?? null;
}

function scalar(node: SourceNode | undefined, type: 'number'): number | undefined;
function scalar(node: SourceNode | undefined, type: 'string'): string | undefined;
function scalar(node: SourceNode | undefined, type: 'number' | 'string'): number | string | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== type) return undefined;
  return node.value as number | string;
}

function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}
