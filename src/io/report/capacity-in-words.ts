import type { CapacitySpec, Scenario } from '../../scenario/types.js';
import type { ReportWords } from './report-words.js';

/**
 * All of a scenario's capacity in a few words in the report's language: the
 * shared pool, then each lane's own, as describeScenarioCapacity writes it in
 * English (`1,600 decisions a year + incomplete: 1 FTE (21.6 h a week)`).
 *
 * @example capacityInWords(extraTriageFte, reportWords('nl')) // '1.600 beslissingen per jaar + incomplete: 1 fte (21,6 u per week)'
 */
export function capacityInWords(scenario: Pick<Scenario, 'capacity' | 'lanes'>, w: ReportWords): string {
  const dedicated = scenario.lanes
    .filter((lane) => lane.dedicatedCapacity !== null)
    .map((lane) => w.say('capacityLane', { lane: lane.name, capacity: poolInWords(lane.dedicatedCapacity!, w) }));
  return [poolInWords(scenario.capacity, w), ...dedicated].join(' + ');
}

function poolInWords(spec: CapacitySpec, w: ReportWords): string {
  const dates = [...new Set((spec.changes ?? []).map((change) => change.from))];
  const n = (value: number) => w.number(value, 1).replace(/[.,]0$/, '');
  const rules = (spec.triggers ?? []).map(
    (rule) =>
      w.say('capacityTrigger', { fte: n(rule.fte), lanes: rule.lanes.join(' + '), above: n(rule.above) }) +
      (rule.forWeeks > 1 ? w.say('capacityTriggerWeeks', { weeks: rule.forWeeks }) : ''),
  );
  return (
    policyInWords(spec, w) +
    (dates.length === 0 ? '' : w.say('capacityChanging', { dates: dates.join(', ') })) +
    rules.join('')
  );
}

function policyInWords(spec: CapacitySpec, w: ReportWords): string {
  const policy = spec.policy;
  // At most one decimal, none when it is 0: 1,600 and 21.6.
  const n = (value: number) => w.number(value, 1).replace(/[.,]0$/, '');
  const unit = w.say(spec.unit === 'hours' ? 'unitHours' : 'unitDecisions');
  switch (policy.kind) {
    case 'perWeek':
      return w.say('capacityPerWeek', { count: n(policy.perWeek), unit });
    case 'perYear':
      return w.say('capacityPerYear', { count: n(policy.perYear), unit });
    case 'inflowPlusMargin': {
      const margin = `${policy.margin >= 0 ? '+' : '-'} ${n(Math.abs(policy.margin) * 100)}%`;
      const values = { margin, min: n(policy.min), max: n(policy.max) };
      return (
        w.say(policy.max >= 1e9 ? 'capacityInflow' : 'capacityInflowMax', values) +
        (policy.lanes === undefined ? '' : w.say('capacityFollows', { lanes: policy.lanes.join(' + ') })) +
        (policy.delayWeeks ? w.say('capacityDelay', { weeks: policy.delayWeeks }) : '')
      );
    }
    case 'staff': {
      const hours = n(policy.fte * policy.hoursPerFteWeek * policy.productiveShare);
      return [
        w.say('capacityStaff', { fte: n(policy.fte), hours }),
        policy.rampUpWeeks ? w.say('capacityRampUp', { weeks: policy.rampUpWeeks }) : '',
        policy.attritionPerQuarter ? w.say('capacityAttrition', { fte: n(policy.attritionPerQuarter) }) : '',
      ].join('');
    }
  }
}
