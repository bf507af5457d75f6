/**
 * findTargetInScenario searches a scenario built in code as findTarget
 * searches a file: the same request on the baseline's file and on its loaded
 * scenario gives the same answer.
 */
import { describe, expect, it } from 'vitest';
import { findTarget, findTargetInScenario } from '../../src/experiment/find-target.js';
import type { ScenarioTargetRequest, TargetResult } from '../../src/experiment/find-target.js';
import { CaseloadArgumentError, formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const REQUEST: ScenarioTargetRequest = {
  backlog: 1100,
  date: '2024-12-31',
  confidence: 0.9,
  replications: 200,
  seed: 11,
  uncertainty: false,
};

async function baseline(): Promise<Scenario> {
  const loaded = await loadScenario(BASELINE);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value.scenario;
}

function value(result: Awaited<ReturnType<typeof findTarget>>): TargetResult {
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

describe('findTargetInScenario', () => {
  for (const lever of ['perWeek', 'fte'] as const)
    it(`gives findTarget's answer on the file for lever ${lever}, but for the file's name`, async () => {
      const onFile = value(await findTarget({ ...REQUEST, file: BASELINE, lever }));
      const inScenario = value(await findTargetInScenario(await baseline(), { ...REQUEST, lever }));
      expect(inScenario).toEqual({ ...onFile, file: 'Baseline 2024' });
      expect(onFile.value).not.toBeNull();
    });

  it("gives findTarget's answer on the file for a staff pool's FTE", async () => {
    const file = 'scenarios/shared-staff.yaml';
    const loaded = await loadScenario(file);
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    // Its total backlog, 2,340 at the start, back to 2,200 by the end of 2024.
    const request = { ...REQUEST, lever: 'fte' as const, backlog: 2200 };
    const onFile = value(await findTarget({ ...request, file }));
    expect(onFile.field).toBe('capacity.staff.fte');
    expect(value(await findTargetInScenario(loaded.value.scenario, request))).toEqual({
      ...onFile,
      file: loaded.value.scenario.name,
    });
  });

  it('keeps the uncertainty block unless asked to leave it out, as the file does', async () => {
    const { uncertainty: _, ...request } = REQUEST;
    const onFile = value(await findTarget({ ...request, file: BASELINE }));
    expect(value(await findTargetInScenario(await baseline(), request)).evaluations).toEqual(onFile.evaluations);
  });

  it('reports an FTE that changes on dated weeks as no lever, and problems with the request as issues', async () => {
    const bench = benchReference();
    const staff = benchReference({
      lanes: bench.lanes.map((lane) => ({ ...lane, hoursPerDecision: 10 })),
      capacity: {
        unit: 'hours',
        policy: { kind: 'staff', fte: 20, hoursPerFteWeek: 36, productiveShare: 0.6 },
        changes: [{ from: '2024-06-03', field: 'fte', value: 22 }],
      },
    });
    const result = await findTargetInScenario(staff, { lever: 'fte', confidence: 2 });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'confidence: must be between 0 and 1, got 2 (a probability in (0, 1), e.g. 0.9)',
      'lever: fte: the FTE of this scenario change on dated weeks: a lever sets one value (perWeek, which sets the capacity for the whole horizon)',
    ]);
  });

  it('throws for a request that names a file or a lever it does not take', async () => {
    const bench = benchReference();
    await expect(findTargetInScenario(bench, { file: 'x.yaml' } as ScenarioTargetRequest)).rejects.toThrow(
      CaseloadArgumentError,
    );
    await expect(
      findTargetInScenario(bench, { lever: 'lanes.regular.share' } as unknown as ScenarioTargetRequest),
    ).rejects.toThrow(CaseloadArgumentError);
  });
});
