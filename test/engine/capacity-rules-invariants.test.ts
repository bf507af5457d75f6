/**
 * The model's invariants with capacity rules (inflowPlusMargin that follows
 * lanes with a delay, trigger rules) on random scenarios: arbitraryScenario
 * with `capacityRules`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { SUMMED_ARRAYS } from '../../src/engine/tally.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { CapacitySpec, Scenario } from '../../src/scenario/types.js';
import { runs } from '../fast-check-config.js';
import { arbitraryScenario } from './arbitrary-scenario.js';

const RUNS = 200;
const withRules = arbitraryScenario({ capacityRules: true });

/** The scenario with every pool's trigger rules changed by `change`. */
function mapRules(scenario: Scenario, change: (spec: CapacitySpec) => CapacitySpec): Scenario {
  return {
    ...scenario,
    capacity: change(scenario.capacity),
    lanes: scenario.lanes.map((lane) =>
      lane.dedicatedCapacity === null ? lane : { ...lane, dedicatedCapacity: change(lane.dedicatedCapacity) },
    ),
  };
}

describe('model invariants with capacity rules, on random scenarios', () => {
  it('the generator gives pools that follow some lanes with a delay, and pools with trigger rules', () => {
    const samples = fc.sample(withRules, { numRuns: 300, seed: 7 });
    const pools = samples.flatMap((s) => [s.capacity, ...s.lanes.flatMap((l) => l.dedicatedCapacity ?? [])]);
    const following = pools.flatMap((p) => (p.policy.kind === 'inflowPlusMargin' ? [p.policy] : []));
    expect(following.some((p) => p.lanes !== undefined && (p.delayWeeks ?? 0) > 0)).toBe(true);
    expect(pools.some((p) => (p.triggers?.length ?? 0) === 2)).toBe(true);
    expect(pools.some((p) => p.policy.kind === 'staff' && (p.triggers?.length ?? 0) > 0)).toBe(true);
  });

  it('conservation per lane and in total every week, in both modes; no backlog is ever negative', () => {
    fc.assert(
      fc.property(withRules, fc.boolean(), fc.nat(1000), (scenario, deterministic, replication) => {
        const trace = traceReplication(compile(scenario), { seed: scenario.seed, replication, deterministic });
        for (const week of trace.weeks) {
          week.backlogEnd.forEach((open, lane) => {
            const expected =
              week.backlogStart[lane]! +
              week.arrivals[lane]! +
              week.transferredIn[lane]! -
              week.decisions[lane]! -
              week.transferredOut[lane]! -
              week.withdrawn[lane]!;
            expect(open).toBeCloseTo(expected, 9);
            expect(open).toBeGreaterThanOrEqual(0);
          });
          for (const units of week.capacity) expect(units).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });

  it('a tally of all replications is the merge of the tallies of any split, exactly; its rule counts are consistent', () => {
    fc.assert(
      fc.property(withRules, fc.integer({ min: 1, max: 7 }), (scenario, cut) => {
        const plan = compile(scenario);
        const all = simulate(plan, { seed: scenario.seed, replications: 8 });
        const merged = simulate(plan, { seed: scenario.seed, replications: cut });
        merged.merge(simulate(plan, { seed: scenario.seed, replications: 8 - cut, firstReplication: cut }));
        expect(merged.toData()).toEqual(all.toData());
        const columns = plan.horizonWeeks + 1;
        plan.triggers.forEach((_, r) => {
          const fired = all.workforceTriggerFired[r]!;
          expect(fired).toBeLessThanOrEqual(8);
          expect(all.workforceTriggerFirings[r]!).toBeGreaterThanOrEqual(fired);
          const weeks = all.workforceTriggerWeeks.subarray(r * columns, (r + 1) * columns);
          expect(weeks.reduce((sum, n) => sum + n, 0)).toBe(8);
          // Replications without a firing have no week worked.
          expect(weeks[0]!).toBeGreaterThanOrEqual(8 - fired);
        });
      }),
      { numRuns: runs(RUNS / 2) },
    );
  });

  it('rules that never fire change nothing: the same results as without them, in both modes', () => {
    fc.assert(
      fc.property(withRules, (scenario) => {
        const never = compile(
          mapRules(scenario, (spec) =>
            spec.triggers === undefined
              ? spec
              : { ...spec, triggers: spec.triggers.map((rule) => ({ ...rule, above: 1e9, below: 0 })) },
          ),
        );
        const none = compile(mapRules(scenario, ({ triggers: _, ...spec }) => spec));
        const a = simulate(never, { seed: scenario.seed, replications: 3 }).toData();
        const b = simulate(none, { seed: scenario.seed, replications: 3 }).toData();
        for (const { name } of SUMMED_ARRAYS)
          if (!name.startsWith('workforceTrigger')) expect(a[name]).toEqual(b[name]);
        expect(a.backlog).toEqual(b.backlog);
        expect(simulateDeterministic(never).expectedBacklog).toEqual(simulateDeterministic(none).expectedBacklog);
      }),
      { numRuns: runs(RUNS / 2) },
    );
  });
});
