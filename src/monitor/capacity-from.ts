import type { CapacityChange, CapacityPolicy, CapacitySpec } from '../scenario/types.js';
import { weekOf, weekStartDate } from '../time/weeks.js';

/** A capacity pool as it stands on a later start, and what that took. */
export interface CapacityFrom {
  readonly spec: CapacitySpec;
  /** Approximations made, in words (empty when none). */
  readonly notes: readonly string[];
}

/**
 * A pool's capacity as a scenario starting on `newStart` writes it, for a
 * pool that a scenario starting on `start` plans: the dated changes in effect
 * by the week `newStart` falls in become the policy's values; later ones are
 * kept, each dated from the first day of the week it took effect in (so that
 * on a start whole weeks after the old one they take effect in the same
 * weeks). A staff pool's attrition, counted from the start, is taken off its
 * FTE up to that week (its later FTE values too), so that it keeps losing
 * FTE at the same rate from the same level. `factor` scales what the pool
 * delivers: perWeek, perYear, FTE and attrition, the bounds of inflow plus
 * margin and its factor on the inflow (1 + margin).
 *
 * @example capacityFrom({ unit: 'decisions', policy: { kind: 'perWeek', perWeek: 30 }, changes: [{ from: '2024-03-01', field: 'perWeek', value: 35 }] }, '2024-01-01', '2024-04-01', 1).spec.policy // { kind: 'perWeek', perWeek: 35 }
 */
export function capacityFrom(spec: CapacitySpec, start: string, newStart: string, factor: number): CapacityFrom {
  const week = weekOf(start, newStart);
  const notes: string[] = [];
  const values: Record<string, number> = { ...(spec.policy as unknown as Record<string, number>) };
  const later: CapacityChange[] = [];
  for (const change of spec.changes ?? []) {
    const from = Math.max(0, weekOf(start, change.from));
    if (from <= week) values[change.field] = change.value;
    else later.push({ ...change, from: weekStartDate(start, from) });
  }
  const policy = spec.policy;
  const scaled = (field: CapacityChange['field'], value: number) =>
    field === 'perWeek' || field === 'perYear' || field === 'fte' ? value * factor : value;
  let newPolicy: CapacityPolicy;
  let attritionDone = 0;
  switch (policy.kind) {
    case 'perWeek':
      newPolicy = { kind: 'perWeek', perWeek: values['perWeek']! * factor };
      break;
    case 'perYear':
      newPolicy = { kind: 'perYear', perYear: values['perYear']! * factor };
      break;
    case 'inflowPlusMargin':
      newPolicy = {
        kind: 'inflowPlusMargin',
        margin: factor * (1 + policy.margin) - 1,
        trailingWeeks: policy.trailingWeeks,
        min: policy.min * factor,
        max: policy.max * factor,
      };
      break;
    case 'staff': {
      const attrition = policy.attritionPerQuarter ?? 0;
      attritionDone = (attrition * week) / 13;
      const rampUp = policy.rampUpWeeks ?? 0;
      const ramping = (spec.changes ?? []).filter((change) => {
        const from = Math.max(0, weekOf(start, change.from));
        return change.field === 'fte' && from >= 1 && from <= week && from + rampUp - 1 > week;
      });
      if (ramping.length > 0)
        notes.push(
          `staff hired from ${ramping.map((change) => change.from).join(', ')} still ramp up at ${newStart}: ` +
            'the re-forecast counts them at full productivity',
        );
      newPolicy = {
        ...policy,
        fte: Math.max(0, values['fte']! - attritionDone) * factor,
        hoursPerFteWeek: values['hoursPerFteWeek']!,
        productiveShare: values['productiveShare']!,
        ...(policy.attritionPerQuarter === undefined ? {} : { attritionPerQuarter: attrition * factor }),
      };
      break;
    }
  }
  const changes = later.map((change) => ({
    ...change,
    value: scaled(change.field, change.field === 'fte' ? Math.max(0, change.value - attritionDone) : change.value),
  }));
  if (policy.kind === 'inflowPlusMargin')
    notes.push(
      `inflow plus margin follows the trailing ${policy.trailingWeeks} weeks of inflow: from ${newStart} it ` +
        'counts only the weeks since then, not the actual inflow before',
    );
  return {
    spec: {
      unit: spec.unit,
      policy: newPolicy,
      ...(changes.length === 0 ? {} : { changes }),
      ...(spec.conversion === undefined ? {} : { conversion: spec.conversion }),
    },
    notes,
  };
}
