// Run a scenario once per combination of settings, all with the same seed.
import { formatIssue, parseSweepGrid, runSweep } from '../src/index.js';

const grid = parseSweepGrid(['capacity.perYear=1500,1600,1700', 'inflow.meanPerWeek=23..27:2']);
if (!grid.ok) throw new Error(grid.issues.map(formatIssue).join('\n'));
const sweep = await runSweep('scenarios/baseline-2024.yaml', grid.value, { replications: 100 });
if (!sweep.ok) throw new Error(sweep.issues.map(formatIssue).join('\n'));
for (const row of sweep.value.rows) console.log(row.values, row.summary.endBacklog.total.p50);
