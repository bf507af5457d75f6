// Compare a base and options with common random numbers: the change of the
// end backlog is measured replication by replication.
import { compareOptions, formatIssue, loadScenario } from '../src/index.js';

const files = ['scenarios/options-2024/plan-2024.yaml', 'scenarios/options-2024/extra-triage-fte.yaml'];
const options = [];
for (const file of files) {
  const loaded = await loadScenario(file);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  options.push({ label: loaded.value.scenario.name, scenario: loaded.value.scenario });
}
const compared = await compareOptions(options, { seed: 7, replications: 300 });
for (const option of compared) {
  const change = option.endBacklog?.interval();
  console.log(
    option.label,
    option.summary.endBacklog.total.mean,
    change === undefined
      ? '(base)'
      : `change ${change.mean.toFixed(1)} [${change.low.toFixed(1)}, ${change.high.toFixed(1)}]`,
  );
}
