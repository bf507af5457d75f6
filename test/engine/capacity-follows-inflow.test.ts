/**
 * Step 2 of the weekly step for a pool that follows the inflow
 * (`inflowPlusMargin`, the "inflow + 10%, between 30 and 40" plan): the
 * week's rate is (1 + margin) x the mean inflow of the trailing weeks,
 * clamped, and the whole decisions it gives are floor(cumulative rate) less
 * those already given, so that fractions carry from week to week and none
 * is made up. Checked number for number against that arithmetic written out
 * here, on random inflows (rounding instead of flooring, or a clamp or a
 * window off by one, changes the units of some week).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createState, resetState } from '../../src/engine/state.js';
import { capacity } from '../../src/engine/step.js';
import { compile, loadScenario } from '../../src/scenario/index.js';
import { runs } from '../fast-check-config.js';

async function plan3040() {
  // Without the uncertainty block: the realised capacity is the plan's, with no productivity factor.
  const loaded = await loadScenario('scenarios/plan-30-40.yaml', { uncertainty: false });
  if (!loaded.ok) throw new Error('plan-30-40.yaml does not load');
  return compile(loaded.value.scenario);
}

/** The units of each week for these inflows, written out: margin 10%, 4 trailing weeks, between 30 and 40. */
function expectedUnits(inflows: readonly number[]): number[] {
  const units: number[] = [];
  let cumulative = 0;
  let given = 0;
  inflows.forEach((_, t) => {
    const window = inflows.slice(Math.max(0, t - 3), t + 1);
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    cumulative += Math.min(40, Math.max(30, 1.1 * mean));
    const whole = Math.floor(cumulative + 1e-9);
    units.push(whole - given);
    given = whole;
  });
  return units;
}

describe('capacity of a pool that follows the inflow', () => {
  it('floors the cumulative rate: inflows 30, 33, 29, 35 give 33, 34, 34, 35 decisions', async () => {
    const plan = await plan3040();
    const state = createState(plan, false);
    resetState(plan, state, 1, 0);
    const units: number[] = [];
    [30, 33, 29, 35].forEach((arrived, t) => {
      state.inflowHistory[t] = arrived;
      capacity(plan, state, t);
      units.push(state.capacity[0]!);
    });
    // 33.0, 34.65, 33.73, 34.93 a week: cumulative 33, 67.65, 101.38, 136.31.
    expect(units).toEqual([33, 34, 34, 35]);
    expect(units).toEqual(expectedUnits([30, 33, 29, 35]));
  });

  it('gives, week by week, the whole decisions of the clamped trailing mean, for random inflows', async () => {
    const plan = await plan3040();
    const state = createState(plan, false);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }), (inflows) => {
        resetState(plan, state, 1, 0);
        const units = inflows.map((arrived, t) => {
          state.inflowHistory[t] = arrived;
          capacity(plan, state, t);
          return state.capacity[0]!;
        });
        expect(units).toEqual(expectedUnits(inflows));
        // Nothing is made up or lost over the weeks: the units add up to the floor of the rates' sum.
        expect(units.reduce((a, b) => a + b, 0)).toBe(expectedUnits(inflows).reduce((a, b) => a + b, 0));
      }),
      { numRuns: runs(200) },
    );
  });
});
