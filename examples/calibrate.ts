// Fit free parameters of a scenario to its `observed:` figures.
import { calibrate, formatIssue } from '../src/index.js';

const fit = await calibrate({
  file: 'scenarios/backtest-2023.yaml',
  fit: ['lanes.regular.minWaitWeeks'],
  replications: 100,
  rounds: 1,
});
if (!fit.ok) throw new Error(fit.issues.map(formatIssue).join('\n'));
for (const p of fit.value.parameters) console.log(p.path, p.before, '->', p.after);
console.log('loss', fit.value.before.loss, '->', fit.value.after.loss, 'settings', fit.value.settings);
