import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

describe('overlapping calendar periods', () => {
  it('warn on stderr with both locations and run; with --strict they are an error, exit 2, nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-overlap-'));
    try {
      const file = join(dir, 'overlap.yaml');
      await writeFile(
        file,
        `extends: ${ROOT}scenarios/baseline-2024.yaml
calendar:
  - { from: 2024-07-01, to: 2024-08-31, scale: 0.7, label: summer }
  - { from: 2024-07-25, to: 2024-07-26, scale: 0, label: a holiday }
`,
      );
      const run = await cli('run', file, '--reps', '20', '--quiet');
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        `warning: ${file}:4:5: calendar[1]: "a holiday" overlaps calendar[0] "summer" (${file}:3:5) on 2 working days`,
      );
      expect(run.stderr).toContain('the lower scale, 0, applies');
      const out = join(dir, 'out');
      const strict = await cli('run', file, '--reps', '20', '--quiet', '--strict', '--out', out);
      expect(strict.code).toBe(2);
      expect(strict.stderr).toContain(`${file}:4:5: calendar[1]: "a holiday" overlaps`);
      expect(existsSync(out)).toBe(false);
      // The shipped holiday calendar has no overlaps.
      const shipped = await cli('run', `${ROOT}scenarios/baseline-2024-holidays.yaml`, '--reps', '20', '--quiet');
      expect(shipped.stderr).not.toContain('warning:');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
