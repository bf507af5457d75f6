import type { CapacitySpec, Scenario } from '../scenario/types.js';

/** Staff behind a scenario's capacity, where it is counted in staff. */
export interface StaffFigures {
  /** FTE over the shared pool and every dedicated pool with a staff policy. */
  readonly fte: number;
  /** Productive hours per week of that staff. */
  readonly hoursPerWeek: number;
}

/**
 * A capacity policy in a few words, for tables: `1,600 a year`, `30 a week`,
 * `inflow + 10% in [30, 40]`, `12 FTE (259 h/week)`.
 *
 * @example describeCapacity({ unit: 'decisions', policy: { kind: 'perWeek', perWeek: 30 } }) // '30 decisions a week'
 */
export function describeCapacity(spec: CapacitySpec): string {
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
      return `inflow ${margin}, at least ${n(policy.min)}${max} a week`;
    }
    case 'staff':
      return `${n(policy.fte)} FTE (${n(policy.fte * policy.hoursPerFteWeek * policy.productiveShare)} h a week)`;
  }
}

/**
 * The staff of a scenario: FTE and productive hours per week over its pools
 * that are counted in staff; null when no pool is.
 *
 * @example staffFigures(scenario) // { fte: 12, hoursPerWeek: 259.2 }
 */
export function staffFigures(scenario: Scenario): StaffFigures | null {
  const pools = [scenario.capacity, ...scenario.lanes.flatMap((lane) => (lane.dedicatedCapacity === null ? [] : [lane.dedicatedCapacity]))];
  let fte = 0;
  let hoursPerWeek = 0;
  let any = false;
  for (const { policy } of pools) {
    if (policy.kind !== 'staff') continue;
    any = true;
    fte += policy.fte;
    hoursPerWeek += policy.fte * policy.hoursPerFteWeek * policy.productiveShare;
  }
  return any ? { fte, hoursPerWeek } : null;
}
