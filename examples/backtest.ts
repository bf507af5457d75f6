// Compare a run with the published figures of its `observed:` block; mark those its inputs fix.
import { backtestRows, formatIssue, loadScenario, runScenario, scenarioIdentities } from '../src/index.js';

const loaded = await loadScenario('scenarios/backtest-2023.yaml', { replications: 300 });
if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
const observed = loaded.value.scenario.observed;
if (observed === undefined) throw new Error('the scenario has no observed: block');
const { summary, plan } = await runScenario(loaded.value.scenario);
for (const row of backtestRows(summary, observed, scenarioIdentities(plan)))
  console.log(row.metric, row.observed, row.simulated, row.relativeError, row.fixedBy === null ? '' : 'fixed');
