import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { GOLDEN_RUNS } from './runs.js';

describe('terminal output matches the golden files (regenerate with npm run golden)', () => {
  for (const { file, args } of GOLDEN_RUNS) {
    it(`caseload ${args.join(' ')}`, async () => {
      const { code, stdout } = await cli(...args);
      expect(code).toBe(0);
      expect(stdout).toBe(readFileSync(new URL(file, import.meta.url), 'utf8'));
    });
  }
});
