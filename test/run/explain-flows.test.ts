import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from '../cli/helpers.js';

/** The 2024 plan's uncertainty with grant rates added, with or without refused regular applicants filing again. */
const scenario = (refiling: boolean) => `extends: ${ROOT}scenarios/options-2024/plan-2024.yaml
uncertainty:
  grantRates: { concentration: 4 }
${refiling ? 'lanes:\n  regular:\n    refiling: { probability: 0.5, delayWeeks: { mean: 4 } }\n' : ''}`;

describe('where the band comes from, with flows', () => {
  it('grant rates are a source of the backlog variance only where refusals file again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-explain-'));
    try {
      const shares = async (refiling: boolean) => {
        const file = join(dir, `${refiling}.yaml`);
        await writeFile(file, scenario(refiling));
        const result = await cli('run', file, '--reps', '400', '--quiet', '--json');
        expect(result.code).toBe(0);
        const u = JSON.parse(result.stdout).uncertainty;
        return {
          shares: u.variance.shares as { source: string; label: string; share: number }[],
          notShown: u.sensitivity.notShown as string[],
        };
      };
      const without = await shares(false);
      expect(without.shares.map((s) => s.source)).not.toContain('grantRates');
      expect(without.shares.find((s) => s.source === 'poisson')!.label).toBe('Poisson noise of weekly arrivals');
      expect(without.notShown).toContain('grant rates (they move grants, not the backlog)');
      const withRefiling = await shares(true);
      const grant = withRefiling.shares.find((s) => s.source === 'grantRates');
      // Half the regular refusals return within weeks, and the refused share 1 - g varies by replication
      // (beta, concentration 4: sd of g about 0.22): the end backlog moves with it.
      expect(grant?.share).toBeGreaterThan(0.01);
      expect(withRefiling.shares.find((s) => s.source === 'poisson')!.label).toBe(
        'Poisson noise of arrivals, chance in the flows',
      );
      expect(withRefiling.notShown).toContain('grant rates (a split by lane)');
      expect(withRefiling.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 9);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
