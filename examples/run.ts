// Run a scenario: replications over worker threads, summarised.
import { formatIssue, loadScenario, runScenario } from '../src/index.js';

const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 500 });
if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
const { summary, weekly } = await runScenario(loaded.value.scenario, { workers: 1 });

const end = summary.endBacklog.total;
console.log(`end of 2024: median ${end.p50}, 90% between ${end.p5} and ${end.p95}`);
console.log(`expected-value line: ${summary.deterministicEndBacklog.total}`); // 1140
console.log(`P(backlog <= ${summary.target?.backlog} by ${summary.target?.date}): ${summary.target?.probability}`);
console.log(`regular lane, lead time P90: ${summary.leadTimeDays.byLane['regular']?.p90} days`);
console.log(`${weekly.length} weekly rows, first: ${JSON.stringify(weekly[0])}`);

// Expected values instead of draws: one path, fractional cases.
const deterministic = await runScenario(loaded.value.scenario, { deterministic: true });
console.log(deterministic.summary.endBacklog.total.mean); // 1140
