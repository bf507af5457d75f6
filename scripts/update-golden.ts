/**
 * Regenerates the golden terminal outputs in test/golden/ and their copies in
 * the README (`npm run golden`). Golden files are never edited by hand: change
 * the code, run this, review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../src/cli/main.js';
import { withGoldenBlock } from '../test/golden/readme-block.js';
import { GOLDEN_RUNS } from '../test/golden/runs.js';

const readmeFile = new URL('../README.md', import.meta.url);
let readme = readFileSync(readmeFile, 'utf8');
for (const { file, args } of GOLDEN_RUNS) {
  let stdout = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: () => {} });
  if (code !== 0) throw new Error(`caseload ${args.join(' ')} exited ${code}`);
  writeFileSync(new URL(`../test/golden/${file}`, import.meta.url), stdout);
  readme = withGoldenBlock(readme, file, stdout);
  console.log(`wrote test/golden/${file}`);
}
writeFileSync(readmeFile, readme);
