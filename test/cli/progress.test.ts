import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../../src/cli/progress.js';
import { sweepCommand } from '../../src/cli/sweep.js';
import { parseSweepGrid } from '../../src/experiment/sweep-grid.js';

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

describe('progress bar and notes', () => {
  it('clear() takes the bar off its line, and the next update draws it again at once', () => {
    const previous = process.env['CI'];
    delete process.env['CI'];
    try {
      let clock = 0;
      const written: string[] = [];
      const bar = progressBar({ out: () => {}, err: (t) => written.push(t), errIsTerminal: true }, 1000, {
        quiet: false,
        now: () => clock,
      });
      bar.clear(); // nothing drawn yet: nothing to clear
      expect(written).toEqual([]);
      clock = 1500;
      bar.update(500);
      bar.clear();
      expect(written.at(-1)).toBe('\r\u001b[K');
      clock = 1510; // within the redraw interval, yet the bar was cleared: drawn again
      bar.update(510);
      expect(written.at(-1)).toContain('510 / 1,000 replications');
    } finally {
      if (previous !== undefined) process.env['CI'] = previous;
    }
  });

  it('sweep clears the bar before each note, so that the two never share a line', async () => {
    const previous = process.env['CI'];
    delete process.env['CI'];
    try {
      let clock = 0;
      const written: string[] = [];
      const grid = parseSweepGrid(['capacity.perWeek=30,35']);
      if (!grid.ok) throw new Error('bad grid');
      await sweepCommand(
        {
          scenario: 'scenarios/baseline-2024.yaml',
          grid: grid.value,
          replications: 400,
          workers: 1,
          shard: null,
          out: null,
          json: true,
          quiet: false,
          // Every reading of the clock is two seconds later: the bar draws at every update.
          now: () => (clock += 2000),
        },
        { out: () => {}, err: (t) => written.push(t), errIsTerminal: true },
      );
      const notes = written.flatMap((text, i) => (text.startsWith('caseload: [') ? [i] : []));
      expect(notes).toHaveLength(2);
      for (const i of notes) {
        // The last write before a note that touched the bar's line cleared it.
        const before = written.slice(0, i).filter((text) => text.startsWith('\r'));
        expect(before.length, `note ${i}`).toBeGreaterThan(0);
        expect(before.at(-1), `note ${i}`).toBe('\r\u001b[K');
      }
    } finally {
      if (previous !== undefined) process.env['CI'] = previous;
    }
  });
});
