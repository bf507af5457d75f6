import { dayNumber, isoDate, weekdayOf } from '../../time/weeks.js';
import type { InputIssue } from '../errors.js';
import { issueAtOrigin, nodeAt } from '../read/source-node.js';
import type { Origin, SourceNode } from '../read/source-node.js';
import { DEFAULT_WORK_WEEK, WEEKDAYS } from '../schema/schema.js';
import type { Scenario } from '../types.js';

/**
 * A warning for each pair of calendar periods that cover the same working
 * days within the horizon: on such a day the lowest scale applies (not the
 * product of the scales), which is rarely what two overlapping periods were
 * written to say: a holiday listed both in the scenario and in a calendar
 * file, or a holiday inside a summer period. Each warning is at the later
 * period and names the earlier one with its file and line. Overlaps on days
 * off or outside the horizon change nothing and are not warned about.
 *
 * `node` is the checked document (LoadedScenario.node), whose `calendar`
 * list holds the scenario's periods in the order of `scenario.calendar`.
 *
 * The pairs are found by a sweep over the periods sorted by their first
 * working day (n log n, not a test of every pair: 200,000 periods load in
 * a second), and the first SHOWN of them are warned about one by one; more
 * are counted in one warning at `calendar` (up to FOUND_AT_MOST, where the
 * sweep stops).
 *
 * @example calendarOverlaps(loaded.scenario, loaded.node, 'scenarios/x.yaml') // [] when no two periods share a working day
 */
export function calendarOverlaps(scenario: Scenario, node: SourceNode, scenarioFile: string): InputIssue[] {
  const calendar = scenario.calendar;
  if (calendar.length < 2) return [];
  const first = dayNumber(scenario.start)!;
  const last = first + 7 * scenario.horizonWeeks - 1;
  const workWeek = scenario.workWeek ?? DEFAULT_WORK_WEEK;
  const working = WEEKDAYS.map((day) => (workWeek as readonly string[]).includes(day));
  const found = overlappingPairs(calendar, first, last, working);
  const pairs = found.pairs.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  const issues: InputIssue[] = [];
  const originOf = (index: number): Origin =>
    nodeAt(node, ['calendar', index])?.at ?? { kind: 'file', file: scenarioFile, line: null, column: null };
  for (const [i, j] of pairs.slice(0, SHOWN)) {
    const later = calendar[j]!;
    const earlier = calendar[i]!;
    const from = Math.max(dayNumber(earlier.from)!, dayNumber(later.from)!, first);
    const to = Math.min(dayNumber(earlier.to)!, dayNumber(later.to)!, last);
    const shared = workingDays(from, to, working);
    if (shared === null) continue;
    const when =
      shared.count === 1
        ? `1 working day, ${isoDate(shared.first)}`
        : `${shared.count} working days from ${isoDate(shared.first)} to ${isoDate(shared.last)}`;
    const lower = Math.min(earlier.scale, later.scale);
    const product = Number((earlier.scale * later.scale).toPrecision(12));
    const effect =
      earlier.scale === later.scale
        ? `both scale them by ${lower}, and a day counts once`
        : `there the lower scale, ${lower}, applies${product === lower ? '' : `, not their product ${product}`}`;
    issues.push(
      issueAtOrigin(
        originOf(j),
        scenarioFile,
        `calendar[${j}]`,
        `${named(later.label)}overlaps calendar[${i}] ${named(earlier.label)}(${where(originOf(i), scenarioFile)}) on ${when}: ${effect}`,
        ALLOWED,
      ),
    );
  }
  if (pairs.length > SHOWN) {
    const more = pairs.length - SHOWN;
    issues.push(
      issueAtOrigin(
        nodeAt(node, ['calendar'])?.at ?? { kind: 'file', file: scenarioFile, line: null, column: null },
        scenarioFile,
        'calendar',
        `${found.complete ? more.toLocaleString('en-US') : `more than ${more.toLocaleString('en-US')}`} more pairs of periods share working days besides the ${SHOWN} above`,
        ALLOWED,
      ),
    );
  }
  return issues;
}

const ALLOWED = 'periods that do not overlap: split the longer one around the shorter, or drop a duplicate';

/** Overlapping pairs warned about one by one. */
const SHOWN = 50;

/** Overlapping pairs found at most: the sweep stops there, so that a calendar of thousands of copies of one period costs no more. */
const FOUND_AT_MOST = 10_000;

/**
 * The pairs [earlier, later] (by their index in the calendar) of periods that
 * share a working day within the days `first` to `last`, up to FOUND_AT_MOST
 * (`complete` false when there are more). Each period is cut to its first
 * and last working day within those days; two periods so cut that meet share
 * a working day (the later start is one), so a sweep over them sorted by
 * their start, keeping those not yet ended, finds every pair once.
 */
function overlappingPairs(
  calendar: Scenario['calendar'],
  first: number,
  last: number,
  working: readonly boolean[],
): { pairs: [number, number][]; complete: boolean } {
  const spans: { index: number; from: number; to: number }[] = [];
  calendar.forEach((entry, index) => {
    let from = Math.max(dayNumber(entry.from)!, first);
    let to = Math.min(dayNumber(entry.to)!, last);
    // A work week has at least one working day, so each loop steps at most six days.
    while (from <= to && !working[weekdayOf(from)]!) from++;
    while (to >= from && !working[weekdayOf(to)]!) to--;
    if (from <= to) spans.push({ index, from, to });
  });
  spans.sort((x, y) => x.from - y.from || x.index - y.index);
  const pairs: [number, number][] = [];
  let open: typeof spans = [];
  for (const span of spans) {
    open = open.filter((other) => other.to >= span.from);
    for (const other of open) {
      if (pairs.length === FOUND_AT_MOST) return { pairs, complete: false };
      pairs.push(other.index < span.index ? [other.index, span.index] : [span.index, other.index]);
    }
    open.push(span);
  }
  return { pairs, complete: true };
}

/** The working days from day `from` to day `to` (inclusive): how many, the first and the last; null when none. */
function workingDays(
  from: number,
  to: number,
  working: readonly boolean[],
): { count: number; first: number; last: number } | null {
  if (to < from) return null;
  let first = from;
  while (first <= to && first < from + 7 && !working[weekdayOf(first)]!) first++;
  if (first > to || !working[weekdayOf(first)]!) return null;
  let last = to;
  while (!working[weekdayOf(last)]!) last--;
  // Whole weeks hold every working day once; the days left over are fewer than seven.
  const length = to - from + 1;
  const perWeek = working.filter(Boolean).length;
  let count = Math.floor(length / 7) * perWeek;
  for (let day = from + 7 * Math.floor(length / 7); day <= to; day++) if (working[weekdayOf(day)]!) count++;
  return { count, first, last };
}

/** A period's label in quotes and a space, or nothing. */
function named(label: string | null): string {
  return label === null ? '' : `${JSON.stringify(label)} `;
}

/** Where a period was written, as an issue names a place: file:line:col, or the setting that gave it. */
function where(at: Origin, scenarioFile: string): string {
  if (at.kind === 'flag') return at.flag;
  if (at.line === null) return at.file === '' ? scenarioFile : at.file;
  return `${at.file}:${at.line}${at.column === null ? '' : `:${at.column}`}`;
}
