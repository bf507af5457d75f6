/**
 * Records the `--json` output of every command in test/golden/json-runs.ts into
 * test/golden/json/ (`npm run golden:json`). Run it only when a change is meant
 * to move results, and say which and why in the commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { runCli } from '../src/cli/main.js';
import { JSON_GOLDEN_RUNS } from '../test/golden/json-runs.js';

const folder = new URL('../test/golden/json/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const { file, args } of JSON_GOLDEN_RUNS) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`caseload ${args.join(' ')} exited ${code}: ${stderr}`);
  writeFileSync(new URL(file, folder), stdout);
  console.log(`wrote test/golden/json/${file}`);
}
