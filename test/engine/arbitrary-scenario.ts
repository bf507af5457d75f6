import fc from 'fast-check';
import type { CapacitySpec, LaneSpec, Scenario, TriggerRule, UncertaintySpec } from '../../src/scenario/types.js';
import { WEEKDAYS } from '../../src/scenario/schema/schema.js';

const capacityPolicy = (unit: 'decisions' | 'hours', options: ArbitraryScenarioOptions): fc.Arbitrary<CapacitySpec> =>
  fc
    .oneof(
      // A capacity of exactly 0 (a pool that never decides) is an edge case of its own.
      fc.constant({ kind: 'perWeek' as const, perWeek: 0 }),
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
        : options.inflowFollowing === false
          ? []
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
    )
    .map((policy) => ({ unit, policy }));

/** What arbitraryScenario may vary; every field defaults to "anything valid". */
export interface ArbitraryScenarioOptions {
  /** The unit of every pool. */
  readonly unit?: 'decisions' | 'hours';
  /** false: no dedicated pools. */
  readonly dedicated?: boolean;
  /** false: no capacity that follows the inflow (its clamp makes capacity a non-linear function of the draws). */
  readonly inflowFollowing?: boolean;
  /** false: no uncertainty block. */
  readonly uncertainty?: boolean;
  /** false: no flows between lanes or out of the backlog (withdrawals, transfers, refiling). */
  readonly flows?: boolean;
  /** false: no transfers after a waiting time (afterWeeks); only with flows. */
  readonly waiting?: boolean;
  /**
   * true: capacity rules besides (withCapacityRules): inflowPlusMargin pools follow some lanes with a delay, and
   * pools get trigger rules (and a conversion where they need one). Off by default, so that the scenarios drawn
   * without it are the ones drawn before it existed.
   */
  readonly capacityRules?: boolean;
}

const factor = fc.option(
  fc.record({
    cv: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.5, noNaN: true })),
    distribution: fc.constantFrom('lognormal' as const, 'gamma' as const),
  }),
);
const noise = fc.option(fc.record({ cv: fc.double({ min: 0, max: 1, noNaN: true }) }));
const concentration = fc.option(fc.record({ concentration: fc.double({ min: 0.5, max: 1000, noNaN: true }) }));

/** Random uncertainty blocks: every source on or off, cvs of 0 included, both factor distributions. */
export function arbitraryUncertainty(): fc.Arbitrary<UncertaintySpec> {
  return fc.record({
    inflow: fc.record({
      level: factor,
      drift: fc.option(fc.record({ sdPerYear: fc.double({ min: 0, max: 1, noNaN: true }) })),
      overdispersion: noise,
    }),
    capacity: fc.record({ productivity: factor, weekly: noise }),
    shares: concentration,
    grantRates: concentration,
    source: fc.constant(null),
  });
}

/**
 * Random valid scenarios: 1-5 lanes with random shares (0 and 1 included, and
 * lanes with no cases at all: share 0 and no initial backlog), priorities,
 * waits (0 included), grant rates, dedicated pools, capacity policies in
 * decisions or hours (capacities of 0 included), a calendar (closed weeks,
 * scale 0, included) and an initial backlog with ages.
 */
export function arbitraryScenario(options: ArbitraryScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const scenarios = arbitraryBaseScenario(options);
  return options.capacityRules === true ? scenarios.chain(withCapacityRules) : scenarios;
}

/** The scenarios of arbitraryScenario before any capacity rule. */
function arbitraryBaseScenario(options: ArbitraryScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .record({
      unit:
        options.unit !== undefined
          ? fc.constant(options.unit)
          : fc.constantFrom('decisions' as const, 'hours' as const),
      // Zero weights often, so that shares of 0 and of exactly 1 (one non-zero weight) are common.
      weights: fc
        .array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })), { minLength: 1, maxLength: 5 })
        .filter((w) => w.some((x) => x > 0)),
      horizonWeeks: fc.integer({ min: 1, max: 40 }),
      meanPerWeek: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 60, noNaN: true })),
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
          dedicatedCapacity:
            options.dedicated === false ? fc.constant(null) : fc.option(capacityPolicy(unit, options), { freq: 3 }),
          // At the decision step, moves only to later lanes in the file: never a cycle. After a waiting time, to any
          // other lane (loops included, with each other and with the moves at the decision step), probability 1
          // included; those of one age are scaled down to sum to 1 when they sum to more.
          transfers:
            options.flows === false
              ? fc.constant([])
              : fc
                  .tuple(
                    i === weights.length - 1
                      ? fc.constant([])
                      : fc.array(
                          fc.record({
                            to: fc.integer({ min: i + 1, max: weights.length - 1 }).map((j) => `lane${j}`),
                            probability: fc.double({ min: 0, max: 0.45, noNaN: true }),
                          }),
                          { maxLength: 2 },
                        ),
                    options.waiting === false || weights.length === 1
                      ? fc.constant([])
                      : fc.array(
                          fc.record({
                            // Any lane but this one.
                            to: fc.integer({ min: 0, max: weights.length - 2 }).map((j) => `lane${j >= i ? j + 1 : j}`),
                            probability: fc.oneof(
                              { arbitrary: fc.constant(1), weight: 1 },
                              { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 3 },
                            ),
                            afterWeeks: fc.integer({ min: 1, max: 10 }),
                          }),
                          { maxLength: 3 },
                        ),
                  )
                  .map(([atDecision, afterWaiting]) => [...atDecision, ...atMostOnePerAge(afterWaiting)]),
          refiling:
            options.flows === false
              ? fc.constant(null)
              : fc.option(
                  fc.record({
                    probability: fc.double({ min: 0, max: 1, noNaN: true }),
                    delay: fc
                      .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 })
                      .filter((weights) => weights.some((w) => w > 0))
                      .map((weights) => {
                        const total = weights.reduce((a, b) => a + b, 0);
                        return weights.map((w) => w / total);
                      }),
                    lanes: fc.constant(null),
                  }),
                  { freq: 3 },
                ),
          withdrawals:
            options.flows === false
              ? fc.constant(null)
              : fc.option(
                  fc
                    .array(
                      fc.record({
                        fromWeeks: fc.integer({ min: 1, max: 30 }),
                        hazard: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
                      }),
                      { maxLength: 2 },
                    )
                    .chain((later) =>
                      fc
                        .double({ min: 0, max: 0.5, noNaN: true })
                        .map((first) =>
                          [{ fromWeeks: 0, hazard: first }, ...later]
                            .sort((a, b) => a.fromWeeks - b.fromWeeks)
                            .filter((band, i, all) => i === 0 || band.fromWeeks !== all[i - 1]!.fromWeeks),
                        ),
                    ),
                  { freq: 3 },
                ),
        });
      return fc
        .record({
          lanes: fc.tuple(...weights.map((_, i) => lane(i))),
          capacity: capacityPolicy(unit, options),
          weeklyMeans: fc.array(fc.double({ min: 0, max: 60, noNaN: true }), {
            minLength: horizonWeeks,
            maxLength: horizonWeeks,
          }),
          backlog: fc.array(
            fc.oneof(
              // No entry: the lane starts empty.
              fc.constant(null),
              fc.record({
                kind: fc.constant('spread' as const),
                count: fc.integer({ min: 0, max: 300 }),
                spreadWeeks: fc.integer({ min: 1, max: 60 }),
              }),
              fc.record({
                kind: fc.constant('byWeeksAgo' as const),
                counts: fc.array(
                  fc.record({ weeksAgo: fc.integer({ min: 1, max: 30 }), count: fc.integer({ min: 0, max: 50 }) }),
                  { maxLength: 5 },
                ),
              }),
            ),
            { minLength: weights.length, maxLength: weights.length },
          ),
          uncertainty:
            options.uncertainty === false ? fc.constant(null) : fc.option(arbitraryUncertainty(), { freq: 2 }),
          calendar: fc.array(
            fc.record({
              fromDay: fc.integer({ min: 0, max: 300 }),
              days: fc.integer({ min: 0, max: 30 }),
              scale: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.5, noNaN: true })),
            }),
            { maxLength: 2 },
          ),
          // A work week other than Monday to Friday now and then (the calendar counts its days).
          workWeek: fc.oneof(
            { arbitrary: fc.constant(null), weight: 3 },
            { arbitrary: fc.subarray([...WEEKDAYS], { minLength: 1 }), weight: 1 },
          ),
        })
        .map(
          ({ lanes, capacity, weeklyMeans, backlog, calendar, workWeek, uncertainty }): Scenario => ({
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
            ...(workWeek === null ? {} : { workWeek }),
            lanes,
            initialBacklog: Object.fromEntries(
              lanes.flatMap((l, i) => (backlog[i] === null ? [] : [[l.name, backlog[i]!]])),
            ),
            target: null,
            ...(uncertainty === null ? {} : { uncertainty }),
          }),
        );
    });
}

/**
 * A scenario with capacity rules added: each pool that follows the inflow may
 * follow a subset of the lanes (all of them included) with a delay of 0 to 6
 * weeks; each pool gets 0 to 2 trigger rules on random lanes (thresholds of 0
 * included, below at most above, 1 to 5 weeks, delays of 0 to 6 weeks), and
 * a pool with rules but without staff a conversion to staff.
 */
function withCapacityRules(scenario: Scenario): fc.Arbitrary<Scenario> {
  const names = scenario.lanes.map((lane) => lane.name);
  const rule = (name: string): fc.Arbitrary<TriggerRule> =>
    fc
      .record({
        lanes: fc.subarray(names, { minLength: 1 }),
        above: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200, noNaN: true })),
        belowShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
        forWeeks: fc.integer({ min: 1, max: 5 }),
        fte: fc.double({ min: 0.1, max: 5, noNaN: true }),
        delayWeeks: fc.integer({ min: 0, max: 6 }),
      })
      .map(({ belowShare, ...r }) => ({ ...r, name, below: r.above * belowShare }));
  const pool = (spec: CapacitySpec, label: string): fc.Arbitrary<CapacitySpec> =>
    fc
      .record({
        follows: fc.option(
          fc.record({ lanes: fc.subarray(names, { minLength: 1 }), delayWeeks: fc.integer({ min: 0, max: 6 }) }),
        ),
        rules: fc
          .integer({ min: 0, max: 2 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rule(`${label}-${i}`)))),
        conversion: fc.record({
          hoursPerFteWeek: fc.double({ min: 1, max: 40, noNaN: true }),
          productiveShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
          costPerFteYear: fc.constant(null),
        }),
      })
      .map(({ follows, rules, conversion }) => {
        const policy =
          spec.policy.kind === 'inflowPlusMargin' && follows !== null ? { ...spec.policy, ...follows } : spec.policy;
        if (rules.length === 0) return { ...spec, policy };
        const staffed = spec.policy.kind === 'staff' ? {} : { conversion };
        return { ...spec, policy, ...staffed, triggers: rules };
      });
  return fc
    .record({
      capacity: pool(scenario.capacity, 'shared'),
      lanes: fc.tuple(
        ...scenario.lanes.map((lane) =>
          lane.dedicatedCapacity === null
            ? fc.constant(lane)
            : pool(lane.dedicatedCapacity, lane.name).map((own) => ({ ...lane, dedicatedCapacity: own })),
        ),
      ),
    })
    .map(({ capacity, lanes }) => ({ ...scenario, capacity, lanes }));
}

/** Moves after a waiting time with the probabilities of each age scaled to sum to at most 1. */
function atMostOnePerAge<T extends { probability: number; afterWeeks: number }>(moves: readonly T[]): T[] {
  const sums = new Map<number, number>();
  for (const move of moves) sums.set(move.afterWeeks, (sums.get(move.afterWeeks) ?? 0) + move.probability);
  return moves.map((move) => {
    const sum = sums.get(move.afterWeeks)!;
    return sum > 1 ? { ...move, probability: move.probability / sum } : move;
  });
}

function dayToIso(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
}
