/**
 * The extreme workloads of the benchmarks: bench-reference with 10,000
 * arrivals a week, 1,000,000 open cases, or a 10-year horizon, built from the
 * loaded reference scenario so that only the named factor changes.
 */
import type { Scenario } from '../src/scenario/types.js';

/** Inflow x 400 (25 -> 10,000 a week), capacity x 400 with it, so the queue behaves as in the reference. */
export function withInflow10k(reference: Scenario): Scenario {
  const policy = reference.capacity.policy;
  if (policy.kind !== 'perYear' || reference.inflow.kind !== 'constant')
    throw new Error('bench-reference has a constant inflow and a perYear capacity');
  const factor = 10_000 / reference.inflow.meanPerWeek;
  return {
    ...reference,
    inflow: { kind: 'constant', meanPerWeek: 10_000 },
    capacity: { ...reference.capacity, policy: { kind: 'perYear', perYear: policy.perYear * factor } },
  };
}

/** 1,000,000 open cases at the start instead of 1,440: the regular lane gets the difference. */
export function withBacklog1M(reference: Scenario): Scenario {
  let others = 0;
  for (const [name, spec] of Object.entries(reference.initialBacklog)) {
    if (name !== 'regular')
      others += spec.kind === 'spread' ? spec.count : spec.counts.reduce((s, c) => s + c.count, 0);
  }
  const regular = reference.initialBacklog.regular;
  if (regular?.kind !== 'spread') throw new Error('bench-reference spreads its regular backlog');
  return {
    ...reference,
    initialBacklog: { ...reference.initialBacklog, regular: { ...regular, count: 1_000_000 - others } },
  };
}

/** A horizon of 520 weeks (10 years) instead of 52; the target, if any, stays in the first year. */
export function withHorizon(reference: Scenario, horizonWeeks: number): Scenario {
  return { ...reference, horizonWeeks };
}

/** An uncertain inflow level (lognormal, cv 0.1) and capacity productivity (lognormal, cv 0.05): nothing else changes. */
export function withLevelAndProductivity(reference: Scenario): Scenario {
  return {
    ...reference,
    uncertainty: {
      inflow: { level: { cv: 0.1, distribution: 'lognormal' }, drift: null, overdispersion: null },
      capacity: { productivity: { cv: 0.05, distribution: 'lognormal' }, weekly: null },
      shares: null,
      grantRates: null,
      source: null,
    },
  };
}

/**
 * All three flows on the reference lanes: hearing-free and safe-country cases move to regular at
 * their decision step (20% and 10%), 30% of regular refusals file again after 13 or 26 weeks, and
 * every open case withdraws with a weekly hazard of 0.2%.
 */
export function withFlows(reference: Scenario): Scenario {
  const delay = new Array<number>(26).fill(0);
  delay[12] = 0.5;
  delay[25] = 0.5;
  return {
    ...reference,
    lanes: reference.lanes.map((lane) => ({
      ...lane,
      withdrawals: [{ fromWeeks: 0, hazard: 0.002 }],
      ...(lane.name === 'hearing-free' ? { transfers: [{ to: 'regular', probability: 0.2 }] } : {}),
      ...(lane.name === 'safe-country' ? { transfers: [{ to: 'regular', probability: 0.1 }] } : {}),
      ...(lane.name === 'regular' ? { refiling: { probability: 0.3, delay, lanes: null } } : {}),
    })),
  };
}
