import type { LaneSpec, Scenario, UncertaintySpec } from '../../src/scenario/types.js';

/** bench-reference.yaml as a resolved scenario, built in code so engine tests do not depend on the loader. */
export function benchReference(overrides: Partial<Scenario> = {}): Scenario {
  const lane = (name: string, share: number, priority: number, minWaitWeeks: number, grantRate: number) => ({
    name,
    share,
    priority,
    minWaitWeeks,
    grantRate,
    hoursPerDecision: null,
    dedicatedCapacity: null,
  });
  return {
    name: 'bench-reference',
    description: null,
    start: '2024-01-01',
    horizonWeeks: 52,
    seed: 1,
    replications: 1000,
    inflow: { kind: 'constant', meanPerWeek: 25 },
    capacity: { unit: 'decisions', policy: { kind: 'perYear', perYear: 1600 } },
    calendar: [],
    lanes: [
      lane('incomplete', 0.14, 1, 8, 0),
      lane('hearing-free', 0.03, 2, 2, 0.3),
      lane('safe-country', 0.1, 3, 4, 0.02),
      lane('regular', 0.73, 4, 1, 0.4),
    ],
    initialBacklog: {
      incomplete: { kind: 'spread', count: 60, spreadWeeks: 50 },
      'hearing-free': { kind: 'spread', count: 20, spreadWeeks: 50 },
      'safe-country': { kind: 'spread', count: 60, spreadWeeks: 50 },
      regular: { kind: 'spread', count: 1300, spreadWeeks: 50 },
    },
    target: { backlog: 1100, date: '2024-12-31' },
    ...overrides,
  };
}

/** A lane for engine tests: share 0, served first, eligible at once, no grants, no pool of its own; `fields` override. */
export function testLane(name: string, fields: Partial<LaneSpec> = {}): LaneSpec {
  return {
    name,
    share: 0,
    priority: 1,
    minWaitWeeks: 0,
    grantRate: 0,
    hoursPerDecision: null,
    dedicatedCapacity: null,
    ...fields,
  };
}

/** An uncertainty block with every source off: the plain Poisson inflow and the planned capacity. */
export const NO_UNCERTAINTY: UncertaintySpec = {
  inflow: { level: null, drift: null, overdispersion: null },
  capacity: { productivity: null, weekly: null },
  shares: null,
  grantRates: null,
  source: null,
};
