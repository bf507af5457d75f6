import fc from 'fast-check';
import type { CapacitySpec, LaneSpec, Scenario } from '../../src/scenario/types.js';

const capacityPolicy = (unit: 'decisions' | 'hours'): fc.Arbitrary<CapacitySpec> =>
  fc.oneof(
    fc.record({ kind: fc.constant('perWeek' as const), perWeek: fc.double({ min: 0, max: 80, noNaN: true }) }),
    fc.record({ kind: fc.constant('perYear' as const), perYear: fc.integer({ min: 0, max: 4000 }) }),
    ...(unit === 'hours'
      ? [
          fc.record({
            kind: fc.constant('staff' as const),
            fte: fc.double({ min: 0, max: 20, noNaN: true }),
            hoursPerFteWeek: fc.double({ min: 1, max: 40, noNaN: true }),
            productiveShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
          }),
        ]
      : [
          fc
            .record({
              kind: fc.constant('inflowPlusMargin' as const),
              margin: fc.double({ min: -0.5, max: 1, noNaN: true }),
              trailingWeeks: fc.integer({ min: 1, max: 8 }),
              min: fc.integer({ min: 0, max: 30 }),
              span: fc.integer({ min: 0, max: 40 }),
            })
            .map(({ span, ...rule }) => ({ ...rule, max: rule.min + span })),
        ]),
  ).map((policy) => ({ unit, policy }));

/**
 * Random valid scenarios: 1-5 lanes with random shares (including 0 and 1),
 * priorities, waits, grant rates, dedicated pools, capacity policies in
 * decisions or hours, a calendar and an initial backlog with ages.
 */
export function arbitraryScenario(options: { unit?: 'decisions' | 'hours'; dedicated?: boolean } = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      unit: options.unit !== undefined ? fc.constant(options.unit) : fc.constantFrom('decisions' as const, 'hours' as const),
      weights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 5 }).filter((w) => w.some((x) => x > 0)),
      horizonWeeks: fc.integer({ min: 1, max: 40 }),
      meanPerWeek: fc.double({ min: 0, max: 60, noNaN: true }),
      weekly: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    })
    .chain(({ unit, weights, horizonWeeks, meanPerWeek, weekly, seed }) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const lane = (i: number): fc.Arbitrary<LaneSpec> =>
        fc.record({
          name: fc.constant(`lane${i}`),
          share: fc.constant(weights[i]! / total),
          priority: fc.integer({ min: 1, max: 4 }),
          minWaitWeeks: fc.integer({ min: 0, max: 6 }),
          grantRate: fc.double({ min: 0, max: 1, noNaN: true }),
          hoursPerDecision: fc.double({ min: 0.5, max: 12, noNaN: true }),
          dedicatedCapacity: options.dedicated === false ? fc.constant(null) : fc.option(capacityPolicy(unit), { freq: 3 }),
        });
      return fc.record({
        lanes: fc.tuple(...weights.map((_, i) => lane(i))),
        capacity: capacityPolicy(unit),
        weeklyMeans: fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: horizonWeeks, maxLength: horizonWeeks }),
        backlog: fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('spread' as const), count: fc.integer({ min: 0, max: 300 }), spreadWeeks: fc.integer({ min: 1, max: 60 }) }),
            fc.record({
              kind: fc.constant('byWeeksAgo' as const),
              counts: fc.array(fc.record({ weeksAgo: fc.integer({ min: 1, max: 30 }), count: fc.integer({ min: 0, max: 50 }) }), { maxLength: 5 }),
            }),
          ),
          { minLength: weights.length, maxLength: weights.length },
        ),
        calendar: fc.array(
          fc.record({ fromDay: fc.integer({ min: 0, max: 300 }), days: fc.integer({ min: 0, max: 30 }), scale: fc.double({ min: 0, max: 1.5, noNaN: true }) }),
          { maxLength: 2 },
        ),
      }).map(({ lanes, capacity, weeklyMeans, backlog, calendar }): Scenario => ({
        name: 'random',
        description: null,
        start: '2024-01-01',
        horizonWeeks,
        seed,
        replications: 1,
        inflow: weekly ? { kind: 'weekly', meanPerWeek: weeklyMeans } : { kind: 'constant', meanPerWeek },
        capacity,
        calendar: calendar.map(({ fromDay, days, scale }) => ({
          from: dayToIso(fromDay),
          to: dayToIso(fromDay + days),
          scale,
          label: null,
        })),
        lanes,
        initialBacklog: Object.fromEntries(lanes.map((l, i) => [l.name, backlog[i]!])),
        target: null,
      }));
    });
}

function dayToIso(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
}
