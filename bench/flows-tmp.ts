import { simulate } from '../src/engine/simulate.js';
import { compile, loadScenario } from '../src/scenario/index.js';
import type { Scenario } from '../src/scenario/types.js';
import { withFlows } from './extremes.js';
const loaded = await loadScenario('scenarios/bench-reference.yaml');
if (!loaded.ok) throw new Error('x');
const sc = loaded.value.scenario;
const all = withFlows(sc);
const only = (keep: 'withdrawals' | 'transfers' | 'refiling'): Scenario => ({
  ...all,
  lanes: all.lanes.map((l) => ({
    ...l,
    withdrawals: keep === 'withdrawals' ? l.withdrawals : null,
    transfers: keep === 'transfers' ? l.transfers : [],
    refiling: keep === 'refiling' ? l.refiling : null,
  })),
});
const plan = compile(sc);
for (const [name, s] of [
  ['all', all],
  ['withdrawals', only('withdrawals')],
  ['transfers', only('transfers')],
  ['refiling', only('refiling')],
] as const) {
  const f = compile(s);
  const costs: number[] = [];
  for (let round = 0; round < 7; round++) {
    let t0 = performance.now();
    simulate(plan, { seed: 1, replications: 2000, firstReplication: round * 2000 });
    const a = performance.now() - t0;
    t0 = performance.now();
    simulate(f, { seed: 1, replications: 2000, firstReplication: round * 2000 });
    costs.push((performance.now() - t0) / a);
  }
  console.log(name, costs.sort()[3]!.toFixed(2));
}
