import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const NOT_REGULAR =
  'it is not a regular file (a FIFO or pipe): caseload reads scenario files, calendars, CSV data and shards from regular files';

/**
 * Runs the built bin in `cwd` and reports how it ended. The timeout (then
 * SIGKILL) stands in for the user who waits: a run that reads a FIFO used to
 * wait forever, deaf to Ctrl-C and SIGTERM.
 */
function spawnIn(
  cwd: string,
  args: readonly string[],
  stdio: ('pipe' | 'ignore')[] = ['ignore', 'pipe', 'pipe'],
): { code: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [`${ROOT}bin/caseload.js`, ...args], {
    cwd,
    encoding: 'utf8',
    stdio,
    timeout: 15_000,
    killSignal: 'SIGKILL',
  });
  return { code: result.status, stderr: result.stderr ?? '' };
}

/** A temporary folder with a FIFO (named pipe) in it for each of `names`. */
function withFifos(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-fifo-'));
  for (const name of names) execFileSync('mkfifo', [join(dir, name)]);
  return dir;
}

const BASELINE = join(ROOT, 'scenarios/baseline-2024.yaml');

describe.skipIf(process.platform === 'win32')('input files that are not regular files', () => {
  it('a FIFO as the scenario is refused at once (it used to wait for a writer forever)', () => {
    const dir = withFifos('p.yaml');
    const { code, stderr } = spawnIn(dir, ['run', 'p.yaml']);
    expect(stderr).toBe(`p.yaml: cannot read the scenario file: ${NOT_REGULAR}\n`);
    expect(code).toBe(2);
  });

  it.skipIf(!existsSync('/bin/bash'))('a pipe as the scenario (caseload run <(sleep 20)) is refused at once', () => {
    const bin = `${ROOT}bin/caseload.js`;
    // The sleep writes nothing and holds the pipe open; its stdin and stderr are not this test's pipes.
    const result = spawnSync(
      '/bin/bash',
      ['-c', `exec "${process.execPath}" "${bin}" run <(exec sleep 20 </dev/null 2>/dev/null)`],
      { cwd: ROOT, encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' },
    );
    expect(result.stderr).toMatch(
      /^\/dev\/fd\/\d+: cannot read the scenario file: it is not a regular file \(a FIFO or pipe\)/,
    );
    expect(result.status).toBe(2);
  });

  it('a socket as the scenario is refused at once', () => {
    // fd 3 of the child is a socket this process holds open and never writes to.
    const { code, stderr } = spawnIn(ROOT, ['run', '/dev/fd/3'], ['ignore', 'pipe', 'pipe', 'pipe']);
    expect(stderr).toBe(
      '/dev/fd/3: cannot read the scenario file: it is not a regular file (a socket): caseload reads scenario files, calendars, CSV data and shards from regular files\n',
    );
    expect(code).toBe(2);
  });

  it('a base file that is a FIFO is refused at the extends naming it', () => {
    const dir = withFifos('base.yaml');
    writeFileSync(join(dir, 'x.yaml'), 'name: X\nextends: base.yaml\n');
    const { code, stderr } = spawnIn(dir, ['validate', 'x.yaml']);
    expect(stderr).toBe(
      `x.yaml:2:1: extends: cannot read the base file base.yaml: ${NOT_REGULAR} (a path relative to the file that extends it)\n`,
    );
    expect(code).toBe(2);
  });

  it('a calendar file that is a FIFO is refused at its place in calendars', () => {
    const dir = withFifos('holidays.yaml');
    writeFileSync(join(dir, 'x.yaml'), `extends: ${BASELINE}\ncalendars: [holidays.yaml]\n`);
    const { code, stderr } = spawnIn(dir, ['run', 'x.yaml']);
    expect(stderr).toBe(
      `x.yaml:2:13: calendars[0]: cannot read the calendar file "holidays.yaml": ${NOT_REGULAR} (a list of calendar files, each a YAML list of { from, to, scale, label } or a mapping with such a calendar: list)\n`,
    );
    expect(code).toBe(2);
  });

  it('a CSV data file that is a FIFO is refused at the file key naming it', () => {
    const dir = withFifos('in.csv');
    const base = join(ROOT, 'scenarios/backtest-2023-observed-inflow.yaml');
    writeFileSync(join(dir, 'x.yaml'), `extends: ${base}\ninflow:\n  observed:\n    file: in.csv\n`);
    const { code, stderr } = spawnIn(dir, ['run', 'x.yaml']);
    expect(stderr).toBe(
      `x.yaml:4:11: inflow.observed.file: cannot read the CSV file in.csv: ${NOT_REGULAR} (a CSV file, relative to the scenario file)\n`,
    );
    expect(code).toBe(2);
  });

  it('a history CSV that is a FIFO is refused', () => {
    const dir = withFifos('h.csv');
    const { code, stderr } = spawnIn(dir, ['uncertainty', 'h.csv']);
    expect(stderr).toBe(`h.csv: cannot be read: ${NOT_REGULAR} (a history CSV file)\n`);
    expect(code).toBe(2);
  });

  it.skipIf(!existsSync('/dev/zero'))('a device (/dev/zero) as the scenario is refused before it is read', () => {
    const { code, stderr } = spawnIn(ROOT, ['run', '/dev/zero']);
    expect(stderr).toBe(
      '/dev/zero: cannot read the scenario file: it is not a regular file (a device): caseload reads scenario files, calendars, CSV data and shards from regular files\n',
    );
    expect(code).toBe(2);
  });
});

describe('input files over the size cap', () => {
  it('a scenario file over 20 MB is refused with its size, before it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-size-'));
    writeFileSync(join(dir, 'big.yaml'), '');
    truncateSync(join(dir, 'big.yaml'), 25_300_000); // sparse: no disk used
    const { code, stderr } = spawnIn(dir, ['validate', 'big.yaml']);
    expect(stderr).toBe(
      'big.yaml: cannot read the scenario file: it is 25.3 MB, more than the 20 MB caseload reads from a scenario or calendar file\n',
    );
    expect(code).toBe(2);
  });

  it('a CSV file over 200 MB is refused with its size, before it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-size-'));
    writeFileSync(join(dir, 'h.csv'), '');
    truncateSync(join(dir, 'h.csv'), 640_000_000);
    const { code, stderr } = spawnIn(dir, ['score', 'h.csv']);
    expect(stderr).toBe(
      'h.csv: cannot be read: it is 640 MB, more than the 200 MB caseload reads from a CSV file (a history CSV file)\n',
    );
    expect(code).toBe(2);
  });
});

describe.skipIf(process.platform === 'win32')('a shard that is not a regular file', () => {
  it('merge refuses a FIFO named as a shard at once (it used to wait for a writer forever)', () => {
    const dir = withFifos('shard.json');
    const { code, stderr } = spawnIn(dir, ['merge', 'shard.json']);
    expect(stderr).toBe(
      'shard.json: cannot read the shard: it is not a regular file (a FIFO or pipe): caseload reads scenario files, calendars, CSV data and shards from regular files\n',
    );
    expect(code).toBe(2);
  });
});
