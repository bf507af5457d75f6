import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { GOLDEN_REPORTS, withoutGenerated } from './golden-reports.js';

describe('the English HTML report', () => {
  it.each(GOLDEN_REPORTS)(
    'is byte for byte the golden $file but for its generation time (regenerate: npm run golden:report)',
    async ({ file, args }) => {
      const out = join(await mkdtemp(join(tmpdir(), 'caseload-report-golden-')), file);
      let stderr = '';
      const code = await runCli(
        args.map((arg) => (arg === '{out}' ? out : arg)),
        { out: () => {}, err: (text) => (stderr += text) },
      );
      expect(code, stderr).toBe(0);
      const html = await readFile(out, 'utf8');
      // The generation time is there, and is the only line the golden file does not keep.
      expect(html).toMatch(/<dt>generated<\/dt><dd>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/dd>/);
      expect(withoutGenerated(html)).toBe(await readFile(new URL(`golden/${file}`, import.meta.url), 'utf8'));
    },
  );
});
