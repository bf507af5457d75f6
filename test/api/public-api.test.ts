import { describe, expect, it } from 'vitest';
import {
  buildReport,
  formatIssue,
  loadScenario,
  readValueNotes,
  renderReport,
  runScenario,
  scenarioValues,
} from '../../src/index.js';
import type { RunSummary } from '../../src/index.js';

describe('the public API', () => {
  it('loads, runs and summarises a scenario from code', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 100 });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const summary: RunSummary = (await runScenario(loaded.value.scenario)).summary;
    expect(summary.reps).toBe(100);
    expect(summary.deterministicEndBacklog.total).toBe(1140);
  });

  it('builds the HTML report from code', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 50 });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const result = await runScenario(loaded.value.scenario);
    const html = renderReport(
      buildReport({
        file: 'scenarios/baseline-2024.yaml',
        run: { scenario: loaded.value.scenario, ...result },
        assumptions: await readValueNotes(scenarioValues(loaded.value.node)),
        provenance: {
          caseloadVersion: 'test',
          scenarioHash: loaded.value.hash,
          files: loaded.value.files,
          seed: 2024,
          replications: 50,
          deterministic: false,
        },
        generated: '2026-01-01T00:00:00Z',
      }),
    );
    expect(html).toContain('data-chart="fan"');
    expect(html).toContain('2026-01-01T00:00:00Z');
  });
});
