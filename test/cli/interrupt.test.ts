import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interrupted } from '../../src/cli/interrupt.js';
import { trackPendingWrite, untrackPendingWrite } from '../../src/io/pending-writes.js';
import { ROOT } from './helpers.js';

/** Starts the built bin, waits for `ready` on stderr, sends `signal`, and reports how it ended. */
function interruptRun(
  args: readonly string[],
  signal: NodeJS.Signals,
  ready: RegExp,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}bin/caseload.js`, ...args], { cwd: ROOT });
    let stderr = '';
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && ready.test(stderr)) {
        sent = true;
        // Let the workers get going before the signal.
        setTimeout(() => {
          child.kill(signal);
        }, 500);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('a run stopped by a signal', () => {
  it('SIGINT during a long run on two workers stops it at once, with a clear line, exit 130 and nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-interrupt-'));
    // 10 million replications take minutes; the run must end long before that.
    const result = await interruptRun(
      [
        'run',
        'scenarios/baseline-2024.yaml',
        '--reps',
        '10000000',
        '--workers',
        '2',
        '--out',
        join(dir, 'out'),
        '--report',
        join(dir, 'report.html'),
      ],
      'SIGINT',
      /10000000 replications/,
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('caseload: interrupted by SIGINT: stopped; no result was written');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(result.stdout).toBe('');
    expect(await readdir(dir)).toEqual([]);
    // 10 million replications take minutes: ending within this test's timeout means the workers stopped.
  }, 30_000);

  it('SIGTERM stops a comparison the same way, exit 143', async () => {
    const result = await interruptRun(
      [
        'compare',
        'scenarios/options-2024/plan-2024.yaml',
        'scenarios/options-2024/40-per-week.yaml',
        '--reps',
        '10000000',
        '--workers',
        '2',
      ],
      'SIGTERM',
      /comparing 1 option/,
    );
    expect(result.code).toBe(143);
    expect(result.stderr).toContain('caseload: interrupted by SIGTERM: stopped; no result was written');
    expect(result.stdout).toBe('');
  }, 30_000);

  it('SIGTERM stops a run on one thread too (it used to simulate on, deaf to the signal), exit 143', async () => {
    const result = await interruptRun(
      ['run', 'scenarios/baseline-2024.yaml', '--reps', '10000000', '--workers', '1'],
      'SIGTERM',
      /10000000 replications/,
    );
    expect(result.code).toBe(143);
    expect(result.stderr).toContain('caseload: interrupted by SIGTERM: stopped; no result was written');
    expect(result.stdout).toBe('');
  }, 30_000);

  it('removes the temporary files of a write in progress and says which results were already whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-interrupt-'));
    const temporary = join(dir, 'summary.json.tmp-1');
    await writeFile(temporary, '{"half":');
    trackPendingWrite(temporary);
    let stderr = '';
    let code = -1;
    interrupted('SIGTERM', { err: (text) => (stderr += text) }, (c) => (code = c));
    expect(existsSync(temporary)).toBe(false);
    expect(code).toBe(143);
    expect(stderr).toBe(
      '\ncaseload: interrupted by SIGTERM: stopped, removed 1 unfinished file; no result was written\n',
    );

    trackPendingWrite(join(dir, 'x.tmp'));
    untrackPendingWrite(join(dir, 'x.tmp'), join(dir, 'weekly.csv'));
    stderr = '';
    interrupted('SIGINT', { err: (text) => (stderr += text) }, (c) => (code = c));
    expect(code).toBe(130);
    expect(stderr).toContain(`already written: ${join(dir, 'weekly.csv')}`);
  });
});
