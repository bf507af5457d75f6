/** Capacity rules in the report's words, English and Dutch: the lanes followed, the delay, each trigger rule. */
import { describe, expect, it } from 'vitest';
import { capacityInWords } from '../../src/io/report/capacity-in-words.js';
import { reportWords } from '../../src/io/report/report-words.js';
import type { CapacitySpec, LaneSpec } from '../../src/scenario/types.js';

const rule = { name: 'r', lanes: ['incomplete'], above: 1234.5, below: 28, forWeeks: 4, fte: 1.5, delayWeeks: 4 };
const staff: CapacitySpec = {
  unit: 'hours',
  policy: { kind: 'staff', fte: 0, hoursPerFteWeek: 36, productiveShare: 0.6 },
  triggers: [rule, { ...rule, lanes: ['a', 'b'], above: 35, forWeeks: 1, fte: 1 }],
};
const following: CapacitySpec = {
  unit: 'decisions',
  policy: {
    kind: 'inflowPlusMargin',
    margin: 0.1,
    trailingWeeks: 4,
    min: 0,
    max: 1e9,
    lanes: ['a', 'b'],
    delayWeeks: 3,
  },
};
const lane = (dedicatedCapacity: CapacitySpec | null): LaneSpec => ({
  name: 'incomplete',
  share: 1,
  priority: 1,
  minWaitWeeks: 1,
  grantRate: 0,
  hoursPerDecision: 4,
  dedicatedCapacity,
});

describe('capacityInWords of capacity rules', () => {
  it('in English', () => {
    expect(capacityInWords({ capacity: following, lanes: [lane(staff)] }, reportWords('en'))).toBe(
      'inflow + 10%, at least 0 a week (the inflow of a + b), 3 weeks late + incomplete: 0 FTE (0 h a week), +1.5 FTE while incomplete above 1,234.5 for 4 weeks, +1 FTE while a + b above 35',
    );
  });

  it('in Dutch', () => {
    expect(capacityInWords({ capacity: following, lanes: [lane(staff)] }, reportWords('nl'))).toBe(
      'instroom + 10%, minstens 0 per week (de instroom van a + b), 3 weken later + incomplete: 0 fte (0 u per week), +1,5 fte zolang incomplete boven 1.234,5 gedurende 4 weken, +1 fte zolang a + b boven 35',
    );
  });

  it('without rules, as before', () => {
    const plain: CapacitySpec = {
      ...following,
      policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 4, min: 0, max: 1e9 },
    };
    expect(capacityInWords({ capacity: plain, lanes: [lane(null)] }, reportWords('en'))).toBe(
      'inflow + 10%, at least 0 a week',
    );
  });
});
