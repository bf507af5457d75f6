/**
 * Regenerates the golden English HTML reports in test/io/report/golden/
 * (`npm run golden:report`). Never edit them by hand: change
 * the code, run this, review the diff.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import { GOLDEN_REPORTS, withoutGenerated } from '../test/io/report/golden-reports.js';

const dir = mkdtempSync(join(tmpdir(), 'caseload-report-golden-'));
for (const { file, args } of GOLDEN_REPORTS) {
  const out = join(dir, file);
  let stderr = '';
  const code = await runCli(
    args.map((arg) => (arg === '{out}' ? out : arg)),
    { out: () => {}, err: (text) => (stderr += text) },
  );
  if (code !== 0) throw new Error(`caseload ${args.join(' ')} exited ${code}: ${stderr}`);
  writeFileSync(
    new URL(`../test/io/report/golden/${file}`, import.meta.url),
    withoutGenerated(readFileSync(out, 'utf8')),
  );
  console.log(`wrote test/io/report/golden/${file}`);
}
