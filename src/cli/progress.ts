import type { CliIo } from './io.js';

/** Runs shorter than this never show a bar. */
const SHOW_AFTER_MS = 1000;
/** Redraw at most this often. */
const REDRAW_MS = 100;

/**
 * One line of progress: a bar, replications done of the total, the rate and
 * the time left.
 *
 * @example progressLine(40_000, 100_000, 2_000) // '[########            ]  40,000 / 100,000 replications  20,000/s  3 s left'
 */
export function progressLine(done: number, total: number, elapsedMs: number, width = 20): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? Math.ceil((total - done) / rate) : Number.NaN;
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const eta = Number.isNaN(left)
    ? ''
    : `  ${left < 60 ? `${left} s` : `${Math.floor(left / 60)} min ${left % 60} s`} left`;
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]  ${n(done)} / ${n(total)} replications  ${n(rate)}/s${eta}`;
}

/**
 * A progress callback for a long run: draws a bar on stderr when stderr is a
 * terminal, not in CI, not with --quiet, and only once the run has taken
 * more than a second. Call `finish()` to clear the line, and `clear()`
 * before writing a note on stderr while the bar may be drawn: the line is
 * cleared and the next update draws the bar again, under the note.
 */
export function progressBar(
  io: CliIo,
  total: number,
  options: { quiet: boolean; now?: () => number },
): { update: (done: number) => void; clear: () => void; finish: () => void } {
  const enabled = io.errIsTerminal === true && !options.quiet && process.env['CI'] === undefined;
  const now = options.now ?? (() => Date.now());
  const started = now();
  let drawn = false;
  let lastDraw = 0;
  return {
    update(done: number) {
      if (!enabled) return;
      const t = now();
      if (t - started < SHOW_AFTER_MS || (t - lastDraw < REDRAW_MS && done < total)) return;
      lastDraw = t;
      drawn = true;
      io.err(`\r${progressLine(done, total, t - started)}\u001b[K`);
    },
    clear() {
      if (drawn) io.err('\r\u001b[K');
      drawn = false;
      lastDraw = 0;
    },
    finish() {
      if (drawn) io.err('\r\u001b[K');
    },
  };
}
