/**
 * Benchmarks of the hot loop on scenarios/bench-reference.yaml (`npm run bench`;
 * `npm run bench:ci` for the short version CI runs). Every figure is compared
 * with the naive reference (bench/naive.ts) measured in the same run, because
 * these machines are shared and noisy: ratios hold where absolute times do not.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { replicate, simulate } from '../src/engine/simulate.js';
import { createState, resetState } from '../src/engine/state.js';
import { capacity, decisions, inflow } from '../src/engine/step.js';
import { Tally } from '../src/engine/tally.js';
import { singleRun } from '../src/job/job.js';
import { runJob } from '../src/job/run-job.js';
import { compile, loadScenario } from '../src/scenario/index.js';
import { formatIssue } from '../src/scenario/errors.js';
import { withBacklog1M, withFlows, withHorizon, withInflow10k, withLevelAndProductivity } from './extremes.js';
import { naiveSimulate } from './naive.js';

const ci = process.argv.includes('--ci');
/** CI fails when the engine is less than this many times faster than the naive reference. */
const MIN_SPEEDUP = 20;

// Run from dist/bench/ (built) or bench/ (source): the scenario is in the project's scenarios/.
const loaded = await loadScenario(
  fileURLToPath(
    new URL(
      import.meta.url.includes('/dist/') ? '../../scenarios/bench-reference.yaml' : '../scenarios/bench-reference.yaml',
      import.meta.url,
    ),
  ),
);
if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
const scenario = loaded.value.scenario;
const plan = compile(scenario);
const weeks = plan.horizonWeeks;

// One weekly step: inflow, capacity, decisions and record on a running replication.
const stepTally = new Tally(plan, false);
const stepState = createState(plan, false, stepTally.decisionWeeks);
let stepWeek = weeks;
let stepReplication = 0;
const oneWeek = () => {
  if (stepWeek === weeks) {
    resetState(plan, stepState, 1, stepReplication++);
    stepWeek = 0;
  }
  inflow(plan, stepState, stepWeek);
  capacity(plan, stepState, stepWeek);
  decisions(plan, stepState, stepWeek);
  stepTally.addWeek(stepState, stepWeek);
  stepWeek++;
};

const replicationTally = new Tally(plan, false);
const replicationState = createState(plan, false, replicationTally.decisionWeeks);
let engineReplication = 0;
const oneReplication = () => {
  resetState(plan, replicationState, 1, engineReplication++);
  replicate(plan, replicationState, replicationTally);
};

// The same with an uncertain inflow level and capacity productivity (the issue's "level and capacity factor" row).
const uncertainPlan = compile(withLevelAndProductivity(scenario));
const uncertainTally = new Tally(uncertainPlan, false);
const uncertainState = createState(uncertainPlan, false, uncertainTally.decisionWeeks);
let uncertainReplication = 0;
const oneUncertainReplication = () => {
  resetState(uncertainPlan, uncertainState, 1, uncertainReplication++);
  replicate(uncertainPlan, uncertainState, uncertainTally);
};

// The same with withdrawals, transfers and refiling (the flows issue's row).
const flowsPlan = compile(withFlows(scenario));
const flowsTally = new Tally(flowsPlan, false);
const flowsState = createState(flowsPlan, false, flowsTally.decisionWeeks, flowsTally.movedOutBySlot);
let flowsReplication = 0;
const oneFlowsReplication = () => {
  resetState(flowsPlan, flowsState, 1, flowsReplication++);
  replicate(flowsPlan, flowsState, flowsTally);
};

let naiveReplication = 0;
const oneNaiveReplication = () => {
  naiveSimulate(scenario, 1, 1, naiveReplication++);
};

const UNCERTAIN = 'engine: one replication, level + productivity uncertain';
const FLOWS = 'engine: one replication, withdrawals + transfers + refiling';
const bulkReplications = ci ? 2_000 : 10_000;
const bulkName = `engine: ${bulkReplications.toLocaleString('en-US')} replications`;
const bench = new Bench({ time: ci ? 1000 : 2000, warmupTime: ci ? 200 : 300 });
bench
  .add('engine: one weekly step', oneWeek)
  .add('engine: one replication', oneReplication)
  .add(UNCERTAIN, oneUncertainReplication)
  .add(FLOWS, oneFlowsReplication)
  .add('naive: one replication', oneNaiveReplication);
// A whole run in one call: a few iterations, not a time budget.
const bulkBench = new Bench({ time: 0, iterations: ci ? 3 : 5, warmupIterations: 1 });
bulkBench.add(bulkName, () => {
  simulate(plan, { seed: 1, replications: bulkReplications });
});
await bench.run();
await bulkBench.run();

/** Median latency: robust to the pauses a shared machine inserts. */
const medianMs = (name: string): number => {
  const task = bench.getTask(name) ?? bulkBench.getTask(name);
  const result = task?.result;
  if (result === undefined || result.state !== 'completed') throw new Error(`benchmark ${name} did not complete`);
  return result.latency.p50;
};
const ns = (ms: number) => ms * 1e6;
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const step = ns(medianMs('engine: one weekly step'));
const replication = ns(medianMs('engine: one replication'));
const naive = ns(medianMs('naive: one replication'));
const uncertain = ns(medianMs(UNCERTAIN));
const flows = ns(medianMs(FLOWS));
const bulk = ns(medianMs(bulkName));
// The gate's ratio: engine and naive timed in alternating rounds, so a slow spell of the
// machine hits both; the median round decides.
const rounds = ci ? 9 : 7;
const ratios: number[] = [];
for (let round = 0; round < rounds; round++) {
  let started = performance.now();
  simulate(plan, { seed: 1, replications: 1_000, firstReplication: round * 1_000 });
  const enginePerReplication = (performance.now() - started) / 1_000;
  started = performance.now();
  naiveSimulate(scenario, 1, 40, round * 40);
  const naivePerReplication = (performance.now() - started) / 40;
  ratios.push(naivePerReplication / enginePerReplication);
}
ratios.sort((a, b) => a - b);
const speedup = ratios[Math.floor(rounds / 2)]!;
// The cost of uncertainty, the same way: plain and uncertain replications in alternating rounds.
const costs: number[] = [];
for (let round = 0; round < rounds; round++) {
  let started = performance.now();
  simulate(plan, { seed: 1, replications: 1_000, firstReplication: round * 1_000 });
  const plain = performance.now() - started;
  started = performance.now();
  simulate(uncertainPlan, { seed: 1, replications: 1_000, firstReplication: round * 1_000 });
  costs.push((performance.now() - started) / plain);
}
costs.sort((a, b) => a - b);
const uncertaintyCost = costs[Math.floor(rounds / 2)]!;
const flowCosts: number[] = [];
for (let round = 0; round < rounds; round++) {
  let started = performance.now();
  simulate(plan, { seed: 1, replications: 1_000, firstReplication: round * 1_000 });
  const plain = performance.now() - started;
  started = performance.now();
  simulate(flowsPlan, { seed: 1, replications: 1_000, firstReplication: round * 1_000 });
  flowCosts.push((performance.now() - started) / plain);
}
flowCosts.sort((a, b) => a - b);
const flowCost = flowCosts[Math.floor(rounds / 2)]!;

const rows: [string, string, string, string][] = [
  ['benchmark (median)', 'ns per op', 'ns per replication-week', 'replications per s'],
  ['engine: one weekly step', fmt(step), fmt(step), fmt(1e9 / (step * weeks))],
  ['engine: one replication', fmt(replication), fmt(replication / weeks), fmt(1e9 / replication)],
  [UNCERTAIN, fmt(uncertain), fmt(uncertain / weeks), fmt(1e9 / uncertain)],
  [FLOWS, fmt(flows), fmt(flows / weeks), fmt(1e9 / flows)],
  [
    `engine: ${fmt(bulkReplications)} replications`,
    fmt(bulk),
    fmt(bulk / (bulkReplications * weeks)),
    fmt((1e9 * bulkReplications) / bulk),
  ],
  ['naive: one replication', fmt(naive), fmt(naive / weeks), fmt(1e9 / naive)],
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(
  `bench-reference: ${weeks} weeks, ${plan.laneCount} lanes; node ${process.version}, ${availableParallelism()} cores`,
);
for (const row of rows)
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
console.log(
  `uncertain / plain: ${fmt(uncertaintyCost, 2)}x per replication (median of ${rounds} alternating rounds: ${costs.map((r) => fmt(r, 2)).join(', ')}; at most 1.3x wanted)`,
);
console.log(
  `flows / plain: ${fmt(flowCost, 2)}x per replication (median of ${rounds} alternating rounds: ${flowCosts.map((r) => fmt(r, 2)).join(', ')}; at most 1.5x wanted)`,
);
console.log(
  `engine / naive: ${fmt(speedup, 1)}x faster per replication (median of ${rounds} alternating rounds: ${ratios.map((r) => fmt(r, 1)).join(', ')})`,
);

if (!ci) {
  // Cost per replication-week at other horizons and replication counts: flat when the cost is linear in both.
  const perReplicationWeek = (horizonWeeks: number, replications: number) => {
    const longer = compile({ ...scenario, horizonWeeks });
    simulate(longer, { seed: 1, replications: Math.min(replications, 2_000) });
    const started = performance.now();
    simulate(longer, { seed: 1, replications });
    return ((performance.now() - started) * 1e6) / (replications * horizonWeeks);
  };
  const linear = [
    [52, 5_000],
    [52, 20_000],
    [260, 5_000],
    [520, 5_000],
  ].map(([h, r]) => `${h} weeks x ${fmt(r!)} reps: ${fmt(perReplicationWeek(h!, r!))}`);
  console.log(`ns per replication-week by horizon and replications: ${linear.join('; ')}`);

  // Extremes: the cost per replication-week must not grow with the inflow, the backlog or the horizon.
  // Each case runs about the same number of replication-weeks, in alternating rounds with the reference,
  // so that a slow spell of the machine hits all; the ratio to the reference is the median of the rounds'.
  const extremes: [string, ReturnType<typeof compile>][] = [
    ['reference: 25 a week, 1,440 open, 52 weeks', plan],
    ['inflow 10,000 a week (capacity x 400)', compile(withInflow10k(scenario))],
    ['backlog 1,000,000 open', compile(withBacklog1M(scenario))],
    ['horizon 520 weeks', compile(withHorizon(scenario, 520))],
    ['all three at once', compile(withHorizon(withBacklog1M(withInflow10k(scenario)), 520))],
  ];
  const replicationWeeks = 520_000;
  const extremeRounds = 5;
  const perRound = extremes.map(() => [] as number[]);
  extremes.forEach(([, p]) => {
    simulate(p, { seed: 1, replications: Math.round(20_000 / p.horizonWeeks) });
  });
  for (let round = 0; round < extremeRounds; round++) {
    extremes.forEach(([, p], i) => {
      const reps = Math.round(replicationWeeks / p.horizonWeeks);
      const started = performance.now();
      simulate(p, { seed: 1, replications: reps, firstReplication: round * reps });
      perRound[i]!.push(((performance.now() - started) * 1e6) / (reps * p.horizonWeeks));
    });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const extremeRows: [string, string, string][] = [
    [`extreme (median of ${extremeRounds} rounds)`, 'ns per replication-week', 'x reference'],
  ];
  extremes.forEach(([name], i) => {
    const ratio = median(perRound[i]!.map((v, round) => v / perRound[0]![round]!));
    extremeRows.push([name, fmt(median(perRound[i]!)), fmt(ratio, 2)]);
  });
  const extremeWidths = extremeRows[0]!.map((_, i) => Math.max(...extremeRows.map((r) => r[i]!.length)));
  for (const row of extremeRows)
    console.log(
      row.map((cell, i) => (i === 0 ? cell.padEnd(extremeWidths[i]!) : cell.padStart(extremeWidths[i]!))).join('  '),
    );

  // Peak memory of a 10-year run with 1,000,000 open and 10,000 a week, in a fresh process.
  const memoryScript = fileURLToPath(new URL('./extreme-memory.js', import.meta.url));
  if (import.meta.url.includes('/dist/'))
    console.log(execFileSync(process.execPath, [memoryScript, '200'], { encoding: 'utf8' }).trim());

  // Workers: 100,000 replications on 1 and on 2 threads, wall time; the tallies must be identical.
  const reps = 100_000;
  const time = async (workers: number) => {
    const started = performance.now();
    const tally = (await runJob({ ...singleRun(scenario), seed: 1, replications: reps }, undefined, { workers })).tally(
      0,
    );
    return { ms: performance.now() - started, tally };
  };
  const one = await time(1);
  const two = await time(2);
  const same = JSON.stringify(one.tally.toData().backlog) === JSON.stringify(two.tally.toData().backlog);
  console.log(
    `${fmt(reps)} replications: 1 worker ${fmt(one.ms)} ms, 2 workers ${fmt(two.ms)} ms: ${fmt(one.ms / two.ms, 2)}x; results identical: ${same ? 'yes' : 'NO'}`,
  );
}
console.log(`peak memory (max RSS): ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);

if (ci && speedup < MIN_SPEEDUP) {
  console.error(
    `bench:ci: the engine is only ${fmt(speedup, 1)}x faster than the naive reference (at least ${MIN_SPEEDUP}x required)`,
  );
  process.exitCode = 1;
}
