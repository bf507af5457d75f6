import { addDays, weekEndDate, weekOf } from '../time/weeks.js';
import type { CapacityChange, CapacitySpec, Scenario } from '../scenario/types.js';

/**
 * What a run longer than a scenario's own horizon assumes for the weeks
 * after it, in words. A longer horizon plays the scenario on as written
 * (scenario/compile/): a constant inflow stays, a capacity schedule keeps its
 * last value (and changes dated later take effect), attrition keeps taking
 * staff, trigger rules go on watching the backlog, the calendar's periods
 * apply where they fall and none after its last,
 * the factors drawn per replication stay and the weekly noise and the
 * inflow drift go on.
 *
 * @example assumptionsPastHorizon(scenario, 52, 104)[0] // 'inflow: 25 a week (inflow.meanPerWeek), as in the scenario'
 */
export function assumptionsPastHorizon(scenario: Scenario, scenarioWeeks: number, runWeeks: number): string[] {
  const last = scenarioWeeks - 1;
  const lastRun = runWeeks - 1;
  const lines = [inflowPast(scenario, last, lastRun)];
  lines.push(...capacityPast('capacity', 'capacity', scenario.capacity, scenario.start, last, lastRun));
  for (const lane of scenario.lanes)
    if (lane.dedicatedCapacity !== null)
      lines.push(
        ...capacityPast(
          `capacity of lane ${lane.name}`,
          `lanes.${lane.name}.dedicatedCapacity`,
          lane.dedicatedCapacity,
          scenario.start,
          last,
          lastRun,
        ),
      );
  lines.push(calendarPast(scenario, last, lastRun));
  const uncertainty = uncertaintyPast(scenario);
  if (uncertainty !== null) lines.push(uncertainty);
  const flows = scenario.lanes.some(
    (lane) =>
      (lane.withdrawals ?? []).length > 0 || (lane.transfers ?? []).length > 0 || (lane.refiling ?? null) !== null,
  );
  lines.push(
    `lanes: shares, priorities, minimum waits and grant rates${flows ? ', withdrawals, moves between lanes and refiling' : ''} as in the scenario`,
  );
  return lines;
}

const n = (value: number, decimals = 1) => value.toLocaleString('en-US', { maximumFractionDigits: decimals });

function inflowPast(scenario: Scenario, last: number, lastRun: number): string {
  const inflow = scenario.inflow;
  switch (inflow.kind) {
    case 'constant':
      return `inflow: ${n(inflow.meanPerWeek)} a week (inflow.meanPerWeek), as in the scenario`;
    case 'scheduled': {
      const lastChange = inflow.changes.at(-1)!;
      return `inflow: the schedule of inflow.meanPerWeek, whose last value holds to the end: ${n(lastChange.meanPerWeek)} a week from ${lastChange.from}`;
    }
    case 'weekly':
      return `inflow: the weekly means of inflow.weeklyMeans, which give ${inflow.meanPerWeek.length} weeks; weeks ${last + 1} to ${lastRun} take theirs (${n(mean(inflow.meanPerWeek.slice(last + 1, lastRun + 1)))} a week on average)`;
    case 'replay': {
      const observed = inflow.observedPerWeek.length;
      const from = Math.max(observed, last + 1);
      const trend = inflow.futureTrendPerWeek ?? 0;
      const at = (t: number) => Math.max(0, inflow.futureMeanPerWeek + trend * (t - observed));
      const trendText =
        trend === 0
          ? ''
          : `, moving by ${n(trend, 2)} a week (the data's trend): ${n(at(from))} in week ${from}, ${n(at(lastRun))} in week ${lastRun}`;
      const months = inflow.futureMonthFactors === undefined ? '' : ", with the data's month factors";
      const replayed =
        observed > last + 1 ? `the observed counts to week ${observed - 1}, then ` : 'after the observed data, ';
      const lastChange = inflow.futureChanges?.at(-1);
      if (lastChange !== undefined)
        return `inflow: ${replayed}the schedule of futureMeanPerWeek, whose last value holds to the end: ${n(lastChange.meanPerWeek)} a week from ${lastChange.from}`;
      return `inflow: ${replayed}a Poisson mean of ${n(inflow.futureMeanPerWeek)} a week (futureMeanPerWeek)${trendText}${months}`;
    }
  }
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** A scheduled field's value in week t: its initial value, then each change from the week its date falls in (as compile does). */
function valueAt(
  initial: number,
  field: CapacityChange['field'],
  changes: readonly CapacityChange[],
  start: string,
  t: number,
): number {
  let value = initial;
  for (const change of changes)
    if (change.field === field && Math.max(0, weekOf(start, change.from)) <= t) value = change.value;
  return value;
}

function capacityPast(
  label: string,
  field: string,
  spec: CapacitySpec,
  start: string,
  last: number,
  lastRun: number,
): string[] {
  const rules = spec.triggers ?? [];
  const watching =
    rules.length === 0
      ? []
      : [
          `${label}: its trigger rules (${rules.map((rule) => rule.name).join(', ')}) go on watching the backlog (${field}.triggers)`,
        ];
  return [...policyPast(label, field, spec, start, last, lastRun), ...watching];
}

function policyPast(
  label: string,
  field: string,
  spec: CapacitySpec,
  start: string,
  last: number,
  lastRun: number,
): string[] {
  const changes = spec.changes ?? [];
  const scheduled = (name: CapacityChange['field']) => changes.some((change) => change.field === name);
  const later = changes.filter((change) => {
    const week = weekOf(start, change.from);
    return week > last && week <= lastRun;
  });
  const laterText =
    later.length === 0
      ? ''
      : `; changes dated after the scenario's horizon take effect: ${later.map((c) => `${c.field} ${n(c.value, 2)} from ${c.from}`).join(', ')}`;
  // The value every week after the scenario: a schedule's value of its last week, held.
  const held = (name: CapacityChange['field']) =>
    scheduled(name) ? `, the value of its schedule in the scenario's last week, held` : ', as in the scenario';
  const policy = spec.policy;
  const unit = spec.unit;
  switch (policy.kind) {
    case 'perWeek':
      return [
        `${label}: ${n(valueAt(policy.perWeek, 'perWeek', changes, start, last))} ${unit} a week (${field}.perWeek${held('perWeek')})${laterText}`,
      ];
    case 'perYear': {
      const perYear = valueAt(policy.perYear, 'perYear', changes, start, last);
      return [
        `${label}: ${n(perYear)} ${unit} a year, ${n(perYear / 52)} a week (${field}.perYear${held('perYear')})${laterText}`,
      ];
    }
    case 'inflowPlusMargin':
      return [`${label}: follows the inflow, as in the scenario (${field}.inflowPlusMargin)`];
    case 'staff': {
      const fte = valueAt(policy.fte, 'fte', changes, start, last);
      const hours = valueAt(policy.hoursPerFteWeek, 'hoursPerFteWeek', changes, start, last);
      const share = valueAt(policy.productiveShare, 'productiveShare', changes, start, last);
      const anyScheduled = scheduled('fte') || scheduled('hoursPerFteWeek') || scheduled('productiveShare');
      const lines = [
        `${label}: ${n(fte)} FTE, ${n(hours)} hours per FTE-week, productive share ${n(share, 3)} (${field}.staff${anyScheduled ? ", the values of the scenario's last week, held" : ', as in the scenario'})${laterText}`,
      ];
      const attrition = policy.attritionPerQuarter ?? 0;
      if (attrition > 0) {
        const paid = (t: number) => Math.max(0, valueAt(policy.fte, 'fte', changes, start, t) - (attrition * t) / 13);
        lines.push(
          `${label}: attrition goes on, ${n(attrition, 2)} FTE a quarter (${field}.staff.attritionPerQuarter): ${n(paid(last))} FTE paid in week ${last}, ${n(paid(lastRun))} in week ${lastRun}`,
        );
      }
      return lines;
    }
  }
}

function calendarPast(scenario: Scenario, last: number, lastRun: number): string {
  const end = weekEndDate(scenario.start, last);
  const runEnd = weekEndDate(scenario.start, lastRun);
  const calendar = scenario.calendar;
  if (calendar.length === 0) return 'calendar: none, as in the scenario: every week has its full capacity';
  // ISO dates sort as text: the last period's end is the greatest.
  const lastTo = calendar.map((entry) => entry.to).sort()[calendar.length - 1]!;
  const later = calendar.filter((entry) => entry.to > end && entry.from <= runEnd).length;
  if (lastTo <= end)
    return `calendar: its last period ends on ${lastTo}; no holidays or reduced weeks after the scenario's horizon: every week from ${addDays(end, 1)} has its full capacity`;
  if (lastTo < runEnd)
    return `calendar: its ${later} period${later === 1 ? '' : 's'} after the scenario's horizon apply, the last ending on ${lastTo}; every week after that has its full capacity`;
  return `calendar: its ${later} period${later === 1 ? '' : 's'} after the scenario's horizon apply`;
}

function uncertaintyPast(scenario: Scenario): string | null {
  const u = scenario.uncertainty;
  if (u === undefined) return null;
  const drawn: string[] = [];
  if (u.inflow.level !== null && u.inflow.level.cv > 0) drawn.push('the inflow level');
  if (u.capacity.productivity !== null && u.capacity.productivity.cv > 0) drawn.push('the capacity productivity');
  if (u.shares !== null) drawn.push('the lane shares');
  if (u.grantRates !== null) drawn.push('the grant rates');
  const going: string[] = [];
  if (u.inflow.drift !== null && u.inflow.drift.sdPerYear > 0)
    going.push('the inflow drift goes on as a random walk, so the band keeps widening');
  if (u.inflow.overdispersion !== null && u.inflow.overdispersion.cv > 0)
    going.push('the weekly overdispersion of the inflow goes on');
  if (u.capacity.weekly !== null && u.capacity.weekly.cv > 0) going.push('the week-to-week capacity noise goes on');
  const parts = [
    ...(drawn.length === 0 ? [] : [`${joinWords(drawn)} drawn for each replication stay as drawn`]),
    ...going,
  ];
  return parts.length === 0 ? null : `uncertainty: ${parts.join('; ')}`;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
