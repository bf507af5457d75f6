import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekStart } from '../../src/engine/flows.js';
import { BLOCK_BITS } from '../../src/engine/plan.js';
import type { Plan } from '../../src/engine/plan.js';
import { createState, resetState } from '../../src/engine/state.js';
import type { ReplicationState } from '../../src/engine/state.js';
import { capacity, decisions, inflow, outcome } from '../../src/engine/step.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { runs } from '../fast-check-config.js';
import { arbitraryScenario } from './arbitrary-scenario.js';

/**
 * Random scenarios with every flow (withdrawals, transfers at the decision step and after a waiting time,
 * refiling) in which some lane has a positive withdrawal hazard: only then does a stochastic run keep block sums.
 * A scenario without one gets bands on its first lane (a hazard of 0.2 up to age 3, 0.05 from there).
 */
const withWithdrawals = arbitraryScenario().map((scenario): Scenario => {
  if (scenario.lanes.some((lane) => (lane.withdrawals ?? []).some((band) => band.hazard > 0))) return scenario;
  const [first, ...rest] = scenario.lanes;
  const bands = [
    { fromWeeks: 0, hazard: 0.2 },
    { fromWeeks: 3, hazard: 0.05 },
  ];
  return { ...scenario, lanes: [{ ...first!, withdrawals: bands }, ...rest] };
});

/** The open cases of each lane per block of 2^BLOCK_BITS arrival slots, summed from the cohorts. */
function blockSums(plan: Plan, state: ReplicationState): Float64Array {
  const sums = new Float64Array(plan.laneCount * state.blocksPerLane);
  for (let lane = 0; lane < plan.laneCount; lane++)
    for (let slot = 0; slot < plan.cohortSlots; slot++)
      sums[lane * state.blocksPerLane + (slot >> BLOCK_BITS)]! += state.cohorts[lane * plan.cohortSlots + slot]!;
  return sums;
}

/**
 * What the withdrawal walk relies on: the block sums equal the cohorts' (exactly: whole cases), the backlog is the
 * sum of the cohorts, no cohort is negative or fractional, and no case is open in a slot before the lane's head.
 */
function expectConsistent(plan: Plan, state: ReplicationState, where: string): void {
  const blocks = state.blocks;
  if (blocks === null) throw new Error('premise broken: a stochastic run with withdrawals keeps block sums');
  const expected = blockSums(plan, state);
  for (let i = 0; i < expected.length; i++) {
    if (blocks[i] !== expected[i]) {
      const lane = Math.floor(i / state.blocksPerLane);
      const block = i % state.blocksPerLane;
      throw new Error(`${where}: lane ${lane} block ${block} keeps ${blocks[i]}, its cohorts hold ${expected[i]}`);
    }
  }
  for (let lane = 0; lane < plan.laneCount; lane++) {
    let open = 0;
    for (let slot = 0; slot < plan.cohortSlots; slot++) {
      const cases = state.cohorts[lane * plan.cohortSlots + slot]!;
      if (cases < 0 || !Number.isInteger(cases)) throw new Error(`${where}: lane ${lane} slot ${slot} holds ${cases}`);
      if (cases > 0 && slot < state.head[lane]!)
        throw new Error(`${where}: lane ${lane} slot ${slot} holds ${cases} before the head ${state.head[lane]}`);
      open += cases;
    }
    if (open !== state.backlog[lane])
      throw new Error(`${where}: lane ${lane} backlog ${state.backlog[lane]}, cohorts ${open}`);
  }
}

describe('block sums of the cohorts (ReplicationState.blocks) on random scenarios with every flow', () => {
  it('after every step of every week of a stochastic replication, the block sums are those of the cohorts', () => {
    fc.assert(
      fc.property(withWithdrawals, fc.nat(1000), (scenario, replication) => {
        const plan = compile(scenario);
        const state = createState(plan, false);
        resetState(plan, state, scenario.seed, replication);
        expectConsistent(plan, state, 'at the start');
        // The week as simulate.ts replicate() runs it; compared with traceReplication below, so this is that loop.
        const backlogs: number[][] = [];
        for (let t = 0; t < plan.horizonWeeks; t++) {
          weekStart(plan, state, t);
          expectConsistent(plan, state, `week ${t}, after withdrawals and moves after waiting`);
          inflow(plan, state, t);
          expectConsistent(plan, state, `week ${t}, after the inflow`);
          capacity(plan, state, t);
          decisions(plan, state, t);
          expectConsistent(plan, state, `week ${t}, after the decisions, moves at the decision step and refiling`);
          backlogs.push(Array.from(state.backlog));
        }
        outcome(plan, state);
        const trace = traceReplication(plan, { seed: scenario.seed, replication });
        expect(backlogs).toEqual(trace.weeks.map((week) => week.backlogEnd));
      }),
      { numRuns: runs(400) },
    );
  });

  it('the generator reaches what the property is about: blocks skipped whole, every flow, cases moved in', () => {
    const samples = fc.sample(withWithdrawals, { numRuns: 400, seed: 11 });
    const plans = samples.map((scenario) => ({ scenario, plan: compile(scenario) }));
    const count = (test: (entry: { scenario: Scenario; plan: Plan }) => boolean) => plans.filter(test).length;
    const coverage = {
      // More than two blocks of slots in a lane, so the walk can pass a whole one.
      manyBlocks: count(({ plan }) => plan.cohortSlots > 3 << BLOCK_BITS),
      twoBands: count(({ plan }) => plan.withdrawalBandFrom.some((from) => from.length > 1)),
      atDecision: count(({ plan }) => plan.transfers?.total.some((p) => p > 0) === true),
      afterWaiting: count(({ plan }) => (plan.transfers?.waiting.length ?? 0) > 0),
      refiling: count(({ plan }) => plan.refiling !== null),
    };
    for (const [name, n] of Object.entries(coverage)) expect(n, name).toBeGreaterThanOrEqual(20);
  });
});
