// The smallest capacity that reaches a backlog by a date with a confidence.
import { findTarget, formatIssue } from '../src/index.js';

const answer = await findTarget({
  file: 'scenarios/baseline-2024.yaml',
  lever: 'perWeek', // or 'fte' on a staff pool, or a field path such as 'lanes.regular.minWaitWeeks'
  backlog: 1100,
  date: '2024-12-31',
  confidence: 0.9,
  replications: 300,
});
if (!answer.ok) throw new Error(answer.issues.map(formatIssue).join('\n'));
console.log(`${answer.value.field} = ${answer.value.value} ${answer.value.unit}, P = ${answer.value.probability}`);
