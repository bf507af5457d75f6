import { describe, expect, it } from 'vitest';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { naiveSimulate } from '../../bench/naive.js';
import { simulate } from '../../src/engine/simulate.js';
import { compile } from '../../src/scenario/index.js';
import { leadTimeDays } from '../../src/stats/lead-time.js';
import { benchReference } from '../engine/bench-reference.js';

/**
 * The naive reference in bench/ must simulate the same model as the engine,
 * or the benchmark's ratio means nothing: same distribution of the end
 * backlog (two-sample Kolmogorov-Smirnov) and of lead times.
 */
describe('the naive benchmark reference agrees with the engine on bench-reference', () => {
  const scenario = benchReference({ target: null });
  const plan = compile(scenario);
  const engineReps = 4000;
  const naiveReps = 1500;
  const tally = simulate(plan, { seed: 1, replications: engineReps });
  const naive = naiveSimulate(scenario, 2, naiveReps);
  const last = (plan.horizonWeeks - 1) * (plan.laneCount + 1) + plan.laneCount;
  const engineEnd = tally.backlog![last]!;

  it('end backlog: same distribution (two-sample KS at the 0.001 level)', () => {
    const sorted = [...naive.endBacklog].sort((a, b) => a - b);
    let d = 0;
    for (const value of new Set(sorted)) {
      const naiveCdf = sorted.filter((v) => v <= value).length / naiveReps;
      d = Math.max(d, Math.abs(naiveCdf - engineEnd.fractionAtMost(value)));
    }
    const critical = 1.95 * Math.sqrt((engineReps + naiveReps) / (engineReps * naiveReps));
    expect(d).toBeLessThan(critical);
  });

  it('end backlog: same mean within 4 standard errors', () => {
    const sd = sampleStandardDeviation(naive.endBacklog);
    const se = sd * Math.sqrt(1 / engineReps + 1 / naiveReps);
    expect(Math.abs(engineEnd.mean() - mean(naive.endBacklog))).toBeLessThan(4 * se);
  });

  it('lead times: same mean within 4 standard errors, same P50 and P90 within a week', () => {
    const engineLead = leadTimeDays(sumLanes(tally.leadWeeks, plan.laneCount, plan.cohortSlots), engineReps);
    const naiveDays = naive.leadWeeks.map((w) => 7 * w);
    // Per-replication mean lead times vary far less than single cases; use the case SD over sqrt(cases per run) conservatively.
    const perRun = naive.leadWeeks.length / naiveReps;
    const se = (sampleStandardDeviation(naiveDays) / Math.sqrt(perRun)) * Math.sqrt(1 / engineReps + 1 / naiveReps);
    expect(Math.abs(engineLead.mean - mean(naiveDays))).toBeLessThan(4 * se + 0.5);
    const sorted = [...naiveDays].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.ceil(p * sorted.length) - 1]!;
    expect(Math.abs(engineLead.p50 - at(0.5))).toBeLessThanOrEqual(7);
    expect(Math.abs(engineLead.p90 - at(0.9))).toBeLessThanOrEqual(7);
  });

  it('decisions and grants per replication agree', () => {
    expect(naive.decisions / naiveReps).toBe(1600);
    let decided = 0;
    for (let t = 0; t < plan.horizonWeeks; t++)
      for (let lane = 0; lane < plan.laneCount; lane++) decided += tally.decisionsSum(t, lane);
    expect(decided / engineReps).toBe(1600);
    const grantsEngine = Array.from(tally.grantsSum).reduce((a, b) => a + b, 0) / engineReps;
    const grantsNaive = naive.grants / naiveReps;
    // Grants per run: binomial-ish spread about sqrt(1600 x 0.3 x 0.7) plus the lane mix; 4 SE.
    expect(Math.abs(grantsEngine - grantsNaive)).toBeLessThan(4 * 25 * Math.sqrt(1 / engineReps + 1 / naiveReps));
  });
});

function sumLanes(leadWeeks: Float64Array, lanes: number, slots: number): Float64Array {
  const all = new Float64Array(slots);
  for (let lane = 0; lane < lanes; lane++) for (let w = 0; w < slots; w++) all[w]! += leadWeeks[lane * slots + w]!;
  return all;
}
