/**
 * Regenerates the golden terminal outputs in test/golden/ (`npm run golden`).
 * Golden files are never edited by hand: change the code, run this, review the diff.
 */
import { writeFileSync } from 'node:fs';
import { runCli } from '../src/cli/main.js';
import { GOLDEN_RUNS } from '../test/golden/runs.js';

for (const { file, args } of GOLDEN_RUNS) {
  let stdout = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: () => {} });
  if (code !== 0) throw new Error(`caseload ${args.join(' ')} exited ${code}`);
  writeFileSync(new URL(`../test/golden/${file}`, import.meta.url), stdout);
  console.log(`wrote test/golden/${file}`);
}
