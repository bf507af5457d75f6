// An argument a function cannot take throws CaseloadArgumentError, naming the
// parameter (or the field inside it), what is wrong and what is allowed.
import { CaseloadArgumentError, formatIssue, loadScenario, runScenario } from '../src/index.js';

const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 200 });
if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
const scenario = loaded.value.scenario;

// A scenario changed by hand is checked field by field before it runs.
try {
  await runScenario({ ...scenario, horizonWeeks: 0 });
} catch (error) {
  if (!(error instanceof CaseloadArgumentError)) throw error;
  console.log(error.parameter); // 'scenario.horizonWeeks'
  console.log(error.message); // 'scenario.horizonWeeks: must be at least 1, got 0 (an integer in [1, 5200])'
}

// So is every option.
try {
  await runScenario(scenario, { workers: -1 });
} catch (error) {
  if (!(error instanceof CaseloadArgumentError)) throw error;
  console.log(`${error.parameter}: ${error.problem}; allowed: ${error.allowed}`); // options.workers: must be at least 1, got -1; allowed: an integer in [1, 256]
}

// A value the input rules refuse is still an issue, as the same value in the file would be.
const bad = await loadScenario('scenarios/baseline-2024.yaml', { replications: 2.5 });
if (!bad.ok) console.log(bad.issues.map(formatIssue)); // ['scenarios/baseline-2024.yaml: replications: must be a whole number, got 2.5 (...)']
