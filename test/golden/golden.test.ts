import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { withGoldenBlock } from './readme-block.js';
import { GOLDEN_RUNS } from './runs.js';

describe('terminal output matches the golden files (regenerate with npm run golden)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const { file, args } of GOLDEN_RUNS) {
    it(`caseload ${args.join(' ')}`, async () => {
      const { code, stdout } = await cli(...args);
      expect(code).toBe(0);
      const golden = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(stdout).toBe(golden);
      expect(readme, 'the README shows the current output').toBe(withGoldenBlock(readme, file, golden));
    });
  }
});
