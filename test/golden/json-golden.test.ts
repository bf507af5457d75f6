import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { JSON_GOLDEN_RUNS } from './json-runs.js';

describe('seeded results are byte-identical to the recorded JSON (npm run golden:json records them)', () => {
  for (const { file, args } of JSON_GOLDEN_RUNS) {
    it(`caseload ${args.join(' ')}`, async () => {
      const { code, stdout, stderr } = await cli(...args);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(readFileSync(new URL(`json/${file}`, import.meta.url), 'utf8'));
    });
  }
});
