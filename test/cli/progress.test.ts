import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../../src/cli/progress.js';

describe('progress on stderr', () => {
  it('shows replications done, the rate and the time left', () => {
    expect(progressLine(40_000, 100_000, 2_000)).toBe(
      '[########            ]  40,000 / 100,000 replications  20,000/s  3 s left',
    );
    expect(progressLine(100_000, 100_000, 4_000)).toMatch(
      /^\[#{20}\] {2}100,000 \/ 100,000 replications {2}25,000\/s {2}0 s left$/,
    );
  });

  it('draws only on a terminal, after a second, and not with --quiet', () => {
    const previous = process.env['CI'];
    delete process.env['CI'];
    try {
      let clock = 0;
      const written: string[] = [];
      const io = { out: () => {}, err: (t: string) => written.push(t), errIsTerminal: true };
      const bar = progressBar(io, 1000, { quiet: false, now: () => clock });
      bar.update(100);
      expect(written).toEqual([]);
      clock = 1500;
      bar.update(500);
      expect(written).toHaveLength(1);
      expect(written[0]).toContain('500 / 1,000 replications');
      bar.finish();
      expect(written.at(-1)).toBe('\r\u001b[K');

      const quiet: string[] = [];
      const quietBar = progressBar({ ...io, err: (t: string) => quiet.push(t) }, 1000, {
        quiet: true,
        now: () => clock,
      });
      clock = 5000;
      quietBar.update(900);
      const pipe: string[] = [];
      const pipeBar = progressBar({ ...io, err: (t: string) => pipe.push(t), errIsTerminal: false }, 1000, {
        quiet: false,
        now: () => clock,
      });
      clock = 9000;
      pipeBar.update(900);
      expect([quiet, pipe]).toEqual([[], []]);
    } finally {
      if (previous !== undefined) process.env['CI'] = previous;
    }
  });
});
