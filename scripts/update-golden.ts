/**
 * Regenerates the golden terminal outputs in test/golden/ and their copies in
 * docs/cli.md (`npm run golden`). Golden files are never edited by hand: change
 * the code, run this, review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../src/cli/main.js';
import { withGoldenBlock } from '../test/golden/doc-block.js';
import { GOLDEN_RUNS, shownOutput } from '../test/golden/runs.js';

const docFile = new URL('../docs/cli.md', import.meta.url);
let doc = readFileSync(docFile, 'utf8');
for (const run of GOLDEN_RUNS) {
  const { file, args } = run;
  let stdout = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: () => {} });
  if (code !== 0) throw new Error(`caseload ${args.join(' ')} exited ${code}`);
  writeFileSync(new URL(`../test/golden/${file}`, import.meta.url), stdout);
  doc = withGoldenBlock(doc, file, shownOutput(run, stdout));
  console.log(`wrote test/golden/${file}`);
}
writeFileSync(docFile, doc);
