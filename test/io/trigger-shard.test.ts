/**
 * A shard of a plan with trigger rules: its tally carries the rules' count
 * and their arrays, reads back as written, and a count edited out of line
 * with its replications is refused.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import type { TallyData } from '../../src/engine/tally.js';
import { tallyProblem } from '../../src/io/shard-content.js';
import { packPlans, readShard, shardJson } from '../../src/io/shard-file.js';
import { singleRun } from '../../src/job/job.js';
import { compile, loadScenario } from '../../src/scenario/index.js';
import { checkedValue, runContext } from '../job/helpers.js';

async function option() {
  const loaded = await loadScenario('scenarios/options-2024/extra-fte-where-needed.yaml');
  if (!loaded.ok) throw new Error('the option does not load');
  return { ...loaded.value.scenario, horizonWeeks: 30, replications: 12 };
}

describe('the shard of a plan with trigger rules', () => {
  it('packs the count of rules and reads back as the tally it was written from', async () => {
    const scenario = await option();
    const data = simulate(compile(scenario), { seed: 2, replications: 12 }).toData();
    expect(data.triggerCount).toBe(1);
    const [packed] = packPlans({ fromPlan: 0, tallies: [data], paired: null });
    expect(packed!.tally.triggerCount).toBe(1);
    const dir = await mkdtemp(join(tmpdir(), 'caseload-trigger-shard-'));
    try {
      const file = join(dir, 'shard-1-of-1.json');
      const part = { fromPlan: 0, toPlan: 1, firstReplication: 0, replications: 12 };
      const slice = { index: 1, count: 1, splits: 'replications' } as const;
      await writeFile(
        file,
        shardJson({ job: singleRun(scenario), slice, part, context: runContext, plans: [packed!] }, 'test'),
      );
      expect(checkedValue(await readShard(file)).data(0, 1).tallies[0]).toEqual(data);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('refuses rule counts that do not fit the replications', async () => {
    const data = simulate(compile(await option()), { seed: 2, replications: 12 }).toData();
    expect(tallyProblem(data, 12)).toBeNull();
    const edited = (change: (copy: TallyData) => void) => {
      const copy = structuredClone(data);
      change(copy);
      return tallyProblem(copy, 12);
    };
    expect(edited((copy) => (copy.workforceTriggerWeeks[3]! += 1))).toEqual({
      at: 'tally.workforceTriggerWeeks',
      problem: 'counts 13 replications of trigger rule 0, not the 12 of its part',
    });
    const fired = data.workforceTriggerFired[0]!;
    const firings = data.workforceTriggerFirings[0]!;
    expect(edited((copy) => (copy.workforceTriggerFired[0] = 13))).toEqual({
      at: 'tally.workforceTriggerFired',
      problem: `trigger rule 0 fired in 13 replications with ${firings} firings, of 12`,
    });
    expect(fired).toBeGreaterThan(0);
    expect(edited((copy) => (copy.workforceTriggerFirings[0] = fired - 1))).toEqual({
      at: 'tally.workforceTriggerFired',
      problem: `trigger rule 0 fired in ${fired} replications with ${fired - 1} firings, of 12`,
    });
  });
});
