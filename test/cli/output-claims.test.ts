import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-claims-'));
const quick = ['--reps', '20', '--workers', '1'];
const RESULT = ['prognosis.csv', 'scenario.json', 'summary.json', 'weekly.csv'];

/** Starts the built bin in the background; `ended` gives its exit code (or the signal that ended it). */
function start(args: readonly string[]): { child: ChildProcess; ended: Promise<number | string | null> } {
  const child = spawn(process.execPath, [`${ROOT}bin/caseload.js`, ...args], { cwd: ROOT, stdio: 'ignore' });
  const ended = new Promise<number | string | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal)),
  );
  return { child, ended };
}

/** Waits until `ready` holds, checking every 20 ms; fails after `ms`. */
async function waitFor(ready: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A process id that ran on this host and has ended. */
function endedPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const lockOf = (dir: string, name: string) => join(dir, `.${name}.caseload-lock`);

describe('two commands writing the same files', () => {
  it('a second run into the --out of a run still going is refused, naming it and its lock file; the first result is kept', async () => {
    const out = join(await tempDir(), 'out');
    const first = start([
      'run',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '3000',
      '--workers',
      '1',
      '--seed',
      '7',
      '--out',
      out,
      '--quiet',
    ]);
    // The files are claimed before the run: the last lock is there before any replication.
    await waitFor(() => existsSync(lockOf(out, 'scenario.json')));
    const second = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--seed', '8', '--out', out, '--force');
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `--out: "${join(out, 'weekly.csv')}" is being written by another caseload command (pid ${first.child.pid} on ${hostname()}, started ` +
        `${JSON.parse(await readFile(lockOf(out, 'weekly.csv'), 'utf8')).started}) (wait for it to end, or choose another directory; ` +
        `if that command no longer runs, delete its lock file ${lockOf(out, 'weekly.csv')})\n`,
    );
    expect(await first.ended).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect([summary.seed, summary.reps]).toEqual([7, 3000]);
    // The locks went with the first run.
    expect((await readdir(out)).sort()).toEqual(RESULT);
  }, 120_000);

  it('the same for a single file: report --out while another report writes it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'report.html');
    await writeFile(lockOf(dir, 'report.html'), JSON.stringify({ pid: process.ppid, host: hostname(), started: 'x' }));
    const result = await cli('report', 'scenarios/baseline-2024.yaml', ...quick, '--out', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--out: "${file}" is being written by another caseload command (pid ${process.ppid} on ${hostname()}, started x) (wait for it to end, or choose another file;`,
    );
    expect(await readdir(dir)).toEqual(['.report.html.caseload-lock']);
  });

  it('a lock whose process no longer runs on this host is taken over with a note; one of another host is not', async () => {
    const out = join(await tempDir(), 'out');
    await mkdir(out);
    const pid = endedPid();
    await writeFile(
      lockOf(out, 'summary.json'),
      JSON.stringify({ pid, host: hostname(), started: '2020-01-01T00:00:00.000Z' }),
    );
    const result = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `caseload: took over the lock file ${lockOf(out, 'summary.json')}: the caseload command that left it (pid ${pid}, started 2020-01-01T00:00:00.000Z) no longer runs\n`,
    );
    expect((await readdir(out)).sort()).toEqual(RESULT);

    const elsewhere = JSON.stringify({ pid, host: `not-${hostname()}`, started: '2020-01-01T00:00:00.000Z' });
    await writeFile(lockOf(out, 'summary.json'), elsewhere);
    const refused = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', out, '--force');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`(pid ${pid} on not-${hostname()}, started 2020-01-01T00:00:00.000Z)`);
    expect(await readFile(lockOf(out, 'summary.json'), 'utf8')).toBe(elsewhere);
  });

  it('a refused claim releases the files claimed before it, and removes the directory it created', async () => {
    const dir = await tempDir();
    await writeFile(lockOf(dir, 'report.html'), JSON.stringify({ pid: process.ppid, host: hostname(), started: 'x' }));
    const out = join(dir, 'new', 'out');
    const result = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      ...quick,
      '--out',
      out,
      '--report',
      join(dir, 'report.html'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--report: "${join(dir, 'report.html')}" is being written by another caseload command`,
    );
    expect(await readdir(dir)).toEqual(['.report.html.caseload-lock']);
  });

  it('SIGTERM releases the claims and removes the directory the run created', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    // On two workers, as the main thread must be free to take the signal.
    const run = start(['run', 'scenarios/baseline-2024.yaml', '--reps', '1000000', '--workers', '2', '--out', out]);
    await waitFor(() => existsSync(lockOf(out, 'scenario.json')));
    run.child.kill('SIGTERM');
    expect(await run.ended).toBe(143);
    expect(await readdir(dir)).toEqual([]);
  }, 60_000);
});

describe('leftovers of a killed run', () => {
  it('kill -9 leaves its locks; the next run into that folder takes them over and leaves only its result', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    const run = start(['run', 'scenarios/baseline-2024.yaml', '--reps', '10000000', '--workers', '1', '--out', out]);
    await waitFor(() => existsSync(lockOf(out, 'scenario.json')));
    run.child.kill('SIGKILL');
    expect(await run.ended).toBe('SIGKILL');
    expect((await readdir(out)).length).toBe(4);
    const next = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', out);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`caseload: took over the lock file ${lockOf(out, 'weekly.csv')}`);
    expect((await readdir(out)).sort()).toEqual(RESULT);
  }, 60_000);

  it("the next write to a folder removes caseload's temporary files whose writer is gone, and nothing else", async () => {
    const dir = await tempDir();
    const orphan = '.summary.json.caseload-tmp-0123456789abcdef';
    const abandoned = '.notes.csv.caseload-tmp-fedcba9876543210';
    const live = '.report.html.caseload-tmp-00000000000000aa';
    const user = ['.summary.json.caseload-tmp-mine', 'summary.json.tmp-12', 'notes.txt'];
    for (const name of [orphan, abandoned, live, ...user]) await writeFile(join(dir, name), 'half');
    // The writer of notes.csv has ended; that of report.html (this test's parent) runs.
    const started = '2020-01-01T00:00:00.000Z';
    await writeFile(lockOf(dir, 'notes.csv'), JSON.stringify({ pid: endedPid(), host: hostname(), started }));
    await writeFile(lockOf(dir, 'report.html'), JSON.stringify({ pid: process.ppid, host: hostname(), started }));
    const result = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', dir, '--quiet');
    expect(result.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([...RESULT, ...user, live, '.report.html.caseload-lock'].sort());
  });
});
