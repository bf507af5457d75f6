// Load a scenario file through every stage (extends, calendars, checks,
// defaults), or get every problem with its file, line and column.
import { formatIssue, InputError, loadScenario, validateScenario } from '../src/index.js';

const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 200, seed: 7 });
// InputError carries the issues up to where they are printed (its message is every issue, one a line).
if (!loaded.ok) throw new InputError(loaded.issues);
console.log(loaded.value.scenario.name, loaded.value.scenario.replications, loaded.value.files);
// Values that load but are likely meant otherwise (perYear: 1.600 read as 1.6): the CLI prints them as warnings.
for (const warning of loaded.value.warnings) console.warn(`warning: ${formatIssue(warning)}`);

// validateScenario also checks each variant of a file, as `caseload validate` does.
const checked = await validateScenario('scenarios/options-2024/variants.yaml');
if (checked.ok) console.log('valid, with variants', checked.value.variants.join(', '));

// A bad value is an issue (a value, not an exception) naming the parameter.
const bad = await loadScenario('scenarios/baseline-2024.yaml', { replications: 0 });
if (!bad.ok) console.log(bad.issues.map(formatIssue)); // ['scenarios/baseline-2024.yaml: replications: must be at least 1, ...']
