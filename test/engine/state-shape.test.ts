/**
 * The arrays of a replication's state (state.ts) that a caller may leave to
 * createState: a trace or a test gets arrays of the tally's sizes.
 */
import { describe, expect, it } from 'vitest';
import { createState } from '../../src/engine/state.js';
import { Tally } from '../../src/engine/tally.js';
import { compile } from '../../src/scenario/index.js';
import { benchReference } from './bench-reference.js';

describe('the arrays createState makes when the caller gives none', () => {
  it('decision weeks and moved-out counts have the lengths of a tally of the same plan, in both modes', () => {
    const plan = compile(benchReference({ horizonWeeks: 7 }));
    for (const deterministic of [true, false]) {
      const state = createState(plan, deterministic);
      const tally = new Tally(plan, deterministic);
      expect(state.decisionWeeks).toHaveLength(tally.decisionWeeks.length);
      expect(state.movedOutBySlot).toHaveLength(tally.movedOutBySlot.length);
      expect(state.movedOutBySlot).toHaveLength(plan.laneCount * plan.cohortSlots);
      expect(state.decisionWeeks).toHaveLength(plan.laneCount * plan.cohortSlots * (plan.horizonWeeks + 1));
    }
  });
});
