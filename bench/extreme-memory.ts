/**
 * Peak memory of an extreme run, in a process of its own so that nothing else
 * inflates it: 10 years (520 weeks), 10,000 arrivals a week against the
 * reference's 1,600 decisions a year, 1,000,000 open cases growing to about
 * 6,200,000 (the widest spread of backlogs over replications, so the largest
 * histograms), 200 replications (or argv[2]), run and summarised as the CLI does.
 * `node dist/bench/extreme-memory.js [replications]`; bench.ts runs it.
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/run/run-scenario.js';
import { formatIssue } from '../src/scenario/errors.js';
import { loadScenario } from '../src/scenario/index.js';
import { withBacklog1M, withHorizon } from './extremes.js';

const replications = Number(process.argv[2] ?? 200);
const loaded = await loadScenario(
  fileURLToPath(
    new URL(
      import.meta.url.includes('/dist/') ? '../../scenarios/bench-reference.yaml' : '../scenarios/bench-reference.yaml',
      import.meta.url,
    ),
  ),
);
if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
const scenario = {
  ...withHorizon(withBacklog1M(loaded.value.scenario), 520),
  inflow: { kind: 'constant' as const, meanPerWeek: 10_000 },
  replications,
  target: null,
};
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const before = process.memoryUsage().rss;
const started = performance.now();
const result = await runScenario(scenario, { workers: 1 });
const ms = performance.now() - started;
let histogramBytes = 0;
for (const h of result.tally.backlog ?? []) histogramBytes += h.byteLength;
const end = result.summary.endBacklog.total;
console.log(
  `extreme run (520 weeks, 10,000 a week, 1,600 decisions a year, 1,000,000 open, ${replications} replications, 1 worker): ${ms.toFixed(0)} ms; ` +
    `end backlog mean ${end.mean.toFixed(0)} (deterministic ${result.summary.deterministicEndBacklog.total.toFixed(0)}); ` +
    `RSS ${mb(before)} MB before, peak ${mb(process.resourceUsage().maxRSS * 1024)} MB; ` +
    `histograms ${mb(histogramBytes)} MB, decision weeks ${mb(result.tally.decisionWeeks.byteLength)} MB`,
);
