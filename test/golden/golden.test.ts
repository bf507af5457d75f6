import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { withGoldenBlock } from './doc-block.js';
import { GOLDEN_RUNS, shownOutput } from './runs.js';

describe('terminal output matches the golden files (regenerate with npm run golden)', () => {
  const doc = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  for (const run of GOLDEN_RUNS) {
    const { file, args } = run;
    it(`caseload ${args.join(' ')}`, async () => {
      const { code, stdout } = await cli(...args);
      expect(code).toBe(0);
      const golden = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(stdout).toBe(golden);
      expect(doc, 'docs/cli.md shows this output').toContain(`<!-- golden:${file}`);
      expect(doc, 'docs/cli.md shows the current output').toBe(withGoldenBlock(doc, file, shownOutput(run, golden)));
    });
  }
});
