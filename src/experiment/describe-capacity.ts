import type { CapacitySpec, Scenario } from '../scenario/types.js';

/**
 * A capacity policy in a few words, for tables: `1,600 a year`, `30 a week`,
 * `inflow + 10% in [30, 40]`, `12 FTE (259 h/week)`; trigger rules as
 * `, +1 FTE while incomplete above 35 for 4 weeks`.
 *
 * @example describeCapacity({ unit: 'decisions', policy: { kind: 'perWeek', perWeek: 30 } }) // '30 decisions a week'
 */
export function describeCapacity(spec: CapacitySpec): string {
  const changes = spec.changes ?? [];
  const dates = [...new Set(changes.map((change) => change.from))];
  const later = dates.length === 0 ? '' : `, changing from ${dates.join(', ')}`;
  const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const rules = (spec.triggers ?? []).map(
    (rule) =>
      `, +${n(rule.fte)} FTE while ${rule.lanes.join(' + ')} above ${n(rule.above)}` +
      (rule.forWeeks > 1 ? ` for ${rule.forWeeks} weeks` : ''),
  );
  return describePolicy(spec) + later + rules.join('');
}

/**
 * All of a scenario's capacity in a few words: the shared pool, then each
 * lane's dedicated pool, e.g. `1,600 decisions a year + incomplete: 1 FTE (21.6 h a week)`.
 *
 * @example describeScenarioCapacity(extraTriageFte) // '1,600 decisions a year + incomplete: 1 FTE (21.6 h a week)'
 */
export function describeScenarioCapacity(scenario: Pick<Scenario, 'capacity' | 'lanes'>): string {
  const dedicated = scenario.lanes
    .filter((lane) => lane.dedicatedCapacity !== null)
    .map((lane) => `${lane.name}: ${describeCapacity(lane.dedicatedCapacity!)}`);
  return [describeCapacity(scenario.capacity), ...dedicated].join(' + ');
}

function describePolicy(spec: CapacitySpec): string {
  const policy = spec.policy;
  const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  switch (policy.kind) {
    case 'perWeek':
      return `${n(policy.perWeek)} ${spec.unit} a week`;
    case 'perYear':
      return `${n(policy.perYear)} ${spec.unit} a year`;
    case 'inflowPlusMargin': {
      const margin = `${policy.margin >= 0 ? '+' : '-'} ${n(Math.abs(policy.margin) * 100)}%`;
      const max = policy.max >= 1e9 ? '' : `, at most ${n(policy.max)}`;
      const lanes = policy.lanes === undefined ? 'inflow' : `inflow of ${policy.lanes.join(' + ')}`;
      const delay = policy.delayWeeks ? `, ${policy.delayWeeks} weeks late` : '';
      return `${lanes} ${margin}${delay}, at least ${n(policy.min)}${max} a week`;
    }
    case 'staff': {
      const hours = n(policy.fte * policy.hoursPerFteWeek * policy.productiveShare);
      const rampUp = policy.rampUpWeeks ? `, ramp-up ${policy.rampUpWeeks} weeks` : '';
      const attrition = policy.attritionPerQuarter ? `, losing ${n(policy.attritionPerQuarter)} FTE a quarter` : '';
      return `${n(policy.fte)} FTE (${hours} h a week)${rampUp}${attrition}`;
    }
  }
}
