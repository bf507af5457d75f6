import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('compare with a variant as the base', () => {
  it('compares it with the other variants of its file', async () => {
    const { code, stdout, stderr } = await cli(
      'compare',
      'scenarios/options-2024/variants.yaml#35-per-week',
      '--reps',
      '50',
      '--workers',
      '1',
      '--quiet',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = (JSON.parse(stdout) as { options: { file: string }[] }).options.map((option) => option.file);
    expect(files).toEqual([
      'scenarios/options-2024/variants.yaml#35-per-week',
      'scenarios/options-2024/variants.yaml#30-per-week',
      'scenarios/options-2024/variants.yaml#40-per-week',
      'scenarios/options-2024/variants.yaml#capacity-follows-inflow',
      'scenarios/options-2024/variants.yaml#inflow-rises-10',
    ]);
  });
});
