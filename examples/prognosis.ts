// When will a case filed on a date be decided? P50 and P90 per lane.
import { formatIssue, loadScenario, prognosis, prognosisRows, runScenario } from '../src/index.js';

const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 300, horizonWeeks: 156 });
if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
const run = await runScenario(loaded.value.scenario);
const answer = prognosis(loaded.value.scenario, run.plan, run.tally, { filed: '2024-03-05', lane: 'regular' });
if (!answer.ok) throw new Error(answer.issues.map(formatIssue).join('\n'));
for (const lane of answer.value.lanes) console.log(lane.lane, lane.p50?.date, lane.p90?.date);

// The same for every filing week and lane at once: the rows of prognosis.csv.
const rows = prognosisRows(loaded.value.scenario, run.plan, run.tally);
console.log(rows.length, rows[0]);
