/**
 * Deterministic mode against the mean of many replications, where theory says
 * they must agree, on random scenarios. Tolerances come from the replications:
 * a z-score bound on the standard error (observed, or Poisson's for arrivals),
 * with z chosen so that all comparisons of a test together fail by chance
 * with probability below 1e-4 (Bonferroni).
 */
import fc from 'fast-check';
import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import { capacity, decisions, inflow } from '../../src/engine/step.js';
import type { Plan } from '../../src/engine/plan.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { arbitraryScenario } from './arbitrary-scenario.js';
import { runs } from '../fast-check-config.js';

const REPLICATIONS = 200;
const RUNS = 40;

/** The z beyond which `comparisons` normal comparisons all together stray with probability at most 1e-4. */
const zFor = (comparisons: number) => probit(1 - 1e-4 / (2 * comparisons));

/**
 * Every pool stays binding when each lane with cases holds far more old,
 * eligible cases than all capacity of the horizon (at most 80 x 1.5 a week per
 * pool): then each week's decisions are the pools' capacities, whatever the
 * draws, and the backlog is linear in the arrivals. Lanes with no cases at
 * all stay (without a dedicated pool, which could not be binding).
 */
const saturated = arbitraryScenario({
  unit: 'decisions',
  inflowFollowing: false,
  uncertainty: false,
  flows: false,
}).map(
  (scenario): Scenario => ({
    ...scenario,
    lanes: scenario.lanes.map((lane) =>
      lane.share === 0 && scenario.initialBacklog[lane.name] === undefined
        ? { ...lane, dedicatedCapacity: null }
        : lane,
    ),
    initialBacklog: Object.fromEntries(
      scenario.lanes
        .filter((lane) => !(lane.share === 0 && scenario.initialBacklog[lane.name] === undefined))
        .map((lane) => [
          lane.name,
          { kind: 'byWeeksAgo' as const, counts: [{ weeksAgo: 10, count: 2 * 130 * scenario.horizonWeeks }] },
        ]),
    ),
  }),
);

/** Sum and sum of squares over replications of the end-of-week backlog per week and series (lanes, then total); checks every pool was binding. */
function moments(plan: Plan, seed: number): { sum: Float64Array; squares: Float64Array } {
  const series = plan.laneCount + 1;
  const sum = new Float64Array(plan.horizonWeeks * series);
  const squares = new Float64Array(plan.horizonWeeks * series);
  const state = createState(plan, false);
  for (let r = 0; r < REPLICATIONS; r++) {
    resetState(plan, state, seed, r);
    for (let t = 0; t < plan.horizonWeeks; t++) {
      inflow(plan, state, t);
      capacity(plan, state, t);
      decisions(plan, state, t);
      for (let p = 0; p < plan.pools.length; p++) {
        if (state.available[p] !== 0)
          throw new Error(`premise broken: pool ${p} idle in week ${t} of replication ${r}`);
      }
      let total = 0;
      for (let s = 0; s < series; s++) {
        const value = s < plan.laneCount ? state.backlog[s]! : total;
        total += s < plan.laneCount ? value : 0;
        sum[t * series + s]! += value;
        squares[t * series + s]! += value * value;
      }
    }
  }
  return { sum, squares };
}

describe('deterministic mode is the mean of the replications where theory says so', () => {
  it('with every pool binding in every week and replication, the mean backlog per lane and in total equals the deterministic path', () => {
    // Compared at the middle and the last week, per lane and in total: at most 2 x 6 series per run.
    const z = zFor(RUNS * 2 * 6);
    fc.assert(
      fc.property(saturated, (scenario) => {
        const plan = compile(scenario);
        const expected = simulateDeterministic(plan).expectedBacklog!;
        const { sum, squares } = moments(plan, scenario.seed);
        const series = plan.laneCount + 1;
        // Arrivals so far per series: Poisson, so also their variance.
        const arrived = new Float64Array(plan.horizonWeeks * series);
        for (let t = 0; t < plan.horizonWeeks; t++) {
          for (let lane = 0; lane < plan.laneCount; lane++) {
            const mean = plan.inflowMean[t * plan.laneCount + lane]!;
            const before = t === 0 ? 0 : arrived[(t - 1) * series + lane]!;
            arrived[t * series + lane] = before + mean;
            arrived[t * series + plan.laneCount]! += before + mean;
          }
        }
        for (const t of new Set([Math.floor((plan.horizonWeeks - 1) / 2), plan.horizonWeeks - 1])) {
          for (let s = 0; s < series; s++) {
            const i = t * series + s;
            const mean = sum[i]! / REPLICATIONS;
            const observedVariance = Math.max(0, (squares[i]! - REPLICATIONS * mean * mean) / (REPLICATIONS - 1));
            // The observed variance; Poisson's when larger, for rare arrivals that no replication drew (observed variance 0).
            const standardError = Math.sqrt(Math.max(observedVariance, arrived[i]!) / REPLICATIONS);
            // No spread (no inflow): the paths are all the deterministic one, up to rounding.
            const tolerance = z * standardError + 1e-9 * Math.max(1, Math.abs(expected[i]!));
            if (Math.abs(mean - expected[i]!) > tolerance) {
              throw new Error(
                `week ${t} series ${s}: mean ${mean}, deterministic ${expected[i]}, tolerance ${tolerance}`,
              );
            }
          }
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });

  it('mean arrivals per lane equal the inflow mean x share, within the Poisson standard error; deterministic arrivals equal it exactly', () => {
    const z = zFor(RUNS * 5);
    fc.assert(
      // Without uncertainty blocks: the tolerance is the Poisson standard error (the blocks' means are tested in uncertainty.test.ts).
      fc.property(arbitraryScenario({ uncertainty: false, flows: false }), (scenario) => {
        const plan = compile(scenario);
        const tally = simulate(plan, { seed: scenario.seed, replications: REPLICATIONS });
        const deterministic = simulateDeterministic(plan);
        for (let lane = 0; lane < plan.laneCount; lane++) {
          let mean = 0;
          let observed = 0;
          for (let t = 0; t < plan.horizonWeeks; t++) {
            const i = t * plan.laneCount + lane;
            mean += plan.inflowMean[i]!;
            observed += tally.arrivalsSum[i]!;
            expect(deterministic.arrivalsSum[i]).toBe(plan.inflowMean[i]);
          }
          // The horizon's arrivals of a replication are Poisson with the summed mean: variance = mean.
          const tolerance = z * Math.sqrt(mean / REPLICATIONS) + 1e-9;
          if (Math.abs(observed / REPLICATIONS - mean) > tolerance) {
            throw new Error(
              `lane ${plan.laneNames[lane]}: mean arrivals ${observed / REPLICATIONS}, expected ${mean} +/- ${tolerance}`,
            );
          }
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });
});
