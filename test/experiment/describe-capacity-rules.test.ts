/** Capacity rules in the few words of describeCapacity: the lanes followed, the delay, and each trigger rule. */
import { describe, expect, it } from 'vitest';
import { describeCapacity } from '../../src/experiment/describe-capacity.js';

describe('describeCapacity of capacity rules', () => {
  it('names the lanes an inflowPlusMargin follows and its delay', () => {
    expect(
      describeCapacity({
        unit: 'decisions',
        policy: {
          kind: 'inflowPlusMargin',
          margin: 0.1,
          trailingWeeks: 4,
          min: 2,
          max: 1e9,
          lanes: ['a', 'b'],
          delayWeeks: 3,
        },
      }),
    ).toBe('inflow of a + b + 10%, 3 weeks late, at least 2 a week');
    expect(
      describeCapacity({
        unit: 'decisions',
        policy: { kind: 'inflowPlusMargin', margin: -0.05, trailingWeeks: 4, min: 0, max: 40, delayWeeks: 0 },
      }),
    ).toBe('inflow - 5%, at least 0, at most 40 a week');
  });

  it('adds each trigger rule', () => {
    const rule = { name: 'r', lanes: ['incomplete'], above: 35, below: 28, forWeeks: 4, fte: 1, delayWeeks: 4 };
    expect(
      describeCapacity({
        unit: 'hours',
        policy: { kind: 'staff', fte: 0, hoursPerFteWeek: 36, productiveShare: 0.6 },
        triggers: [rule, { ...rule, lanes: ['a', 'b'], above: 1234.5, forWeeks: 1, fte: 0.25 }],
      }),
    ).toBe('0 FTE (0 h a week), +1 FTE while incomplete above 35 for 4 weeks, +0.3 FTE while a + b above 1,234.5');
  });
});
