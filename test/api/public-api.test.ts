import { describe, expect, it } from 'vitest';
import { formatIssue, loadScenario, runScenario } from '../../src/index.js';
import type { RunSummary } from '../../src/index.js';

describe('the public API', () => {
  it('loads, runs and summarises a scenario from code', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 100 });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const summary: RunSummary = (await runScenario(loaded.value.scenario)).summary;
    expect(summary.reps).toBe(100);
    expect(summary.deterministicEndBacklog.total).toBe(1140);
  });
});
