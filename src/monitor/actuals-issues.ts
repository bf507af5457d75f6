import type { InputIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { dayNumber, isoDate, weekEndDate } from '../time/weeks.js';
import type { Actuals, ActualValue } from './actuals.js';

/**
 * What the re-forecast cannot use in an actuals file, each problem at its
 * line: periods that are not real, in order and contiguous within the
 * scenario's horizon (weeks of the scenario's grid when the file counts
 * weeks), figures that are not counts >= 0, lanes the scenario does not have.
 * The CSV reader checks the same; these are the re-forecast's own
 * assumptions, checked where it makes them.
 *
 * @example actualsIssues(scenario, { file: 'a.csv', period: 'week', periods: [] }) // []
 */
export function actualsIssues(scenario: Scenario, actuals: Actuals): InputIssue[] {
  const issues: InputIssue[] = [];
  const startDay = dayNumber(scenario.start)!;
  const lastDay = dayNumber(weekEndDate(scenario.start, scenario.horizonWeeks - 1))!;
  const lanes = new Set(scenario.lanes.map((lane) => lane.name));
  let previousTo: number | null = null;
  actuals.periods.forEach((period, i) => {
    const at = (field: string, problem: string, allowed: string | null = null) =>
      issues.push({ file: actuals.file, line: period.line, column: null, field, problem, allowed });
    const from = dayNumber(period.from);
    const to = dayNumber(period.to);
    if (from === null || to === null || from > to) {
      at('from', `${period.from} to ${period.to} is no span of days`, 'a first and a last day YYYY-MM-DD, in order');
      previousTo = null;
      return;
    }
    if (previousTo !== null && from !== previousTo + 1)
      at('from', `starts on ${period.from}, not the day after the period before`, isoDate(previousTo + 1));
    if (i === 0 && from < startDay)
      at('from', `${period.from} is before the scenario's start ${scenario.start}`, `a period from ${scenario.start}`);
    if (to > lastDay)
      at(
        'to',
        `${period.to} is after the horizon's last day ${isoDate(lastDay)}`,
        `a period up to ${isoDate(lastDay)}`,
      );
    if (actuals.period === 'week' && ((from - startDay) % 7 !== 0 || to !== from + 6))
      at(
        'from',
        `${period.from} to ${period.to} is not a week of the scenario (weeks run 7 days from ${scenario.start})`,
        'a week starting on the start plus a multiple of 7 days',
      );
    for (const measure of ['inflow', 'decisions', 'backlog'] as const) valueIssues(period[measure], measure, lanes, at);
    previousTo = to;
  });
  return issues;
}

function valueIssues(
  value: ActualValue | null,
  measure: string,
  lanes: ReadonlySet<string>,
  at: (field: string, problem: string, allowed?: string | null) => void,
): void {
  if (value === null) return;
  const count = (x: number) => Number.isFinite(x) && x >= 0;
  if (value.total !== null && !count(value.total))
    at(measure, `must be a count >= 0, got ${value.total}`, 'a number of cases >= 0');
  for (const [lane, x] of Object.entries(value.byLane)) {
    if (!lanes.has(lane))
      at(`${measure}.${lane}`, `names no lane of the scenario: "${lane}"`, `one of ${[...lanes].join(', ')}`);
    else if (!count(x)) at(`${measure}.${lane}`, `must be a count >= 0, got ${x}`, 'a number of cases >= 0');
  }
}
