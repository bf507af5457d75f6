import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const RUN = ['run', 'scenarios/baseline-2024.yaml', '--reps', '20'];

/** Runs the built bin with stdout and/or stderr on /dev/full (a device where every write fails with ENOSPC). */
function spawnOnFullDisk(
  args: readonly string[],
  full: { stdout: boolean; stderr: boolean },
): { code: number | null; stdout: string; stderr: string } {
  const fd = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, [`${ROOT}bin/caseload.js`, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', full.stdout ? fd : 'pipe', full.stderr ? fd : 'pipe'],
    });
    return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!existsSync('/dev/full'))('stdout and stderr that cannot be written', () => {
  it('stdout on a full disk: one plain line on stderr, exit 2, no stack trace', () => {
    const { code, stderr } = spawnOnFullDisk([...RUN, '--quiet'], { stdout: true, stderr: false });
    expect(stderr).toBe('caseload: cannot write to stdout: the disk is full (ENOSPC); the output is incomplete\n');
    expect(code).toBe(2);
  });

  it('a bad scenario whose stderr is on a full disk still exits 2', () => {
    const { code, stdout } = spawnOnFullDisk(['run', 'no/such/file.yaml'], { stdout: false, stderr: true });
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });

  it('a run whose stderr is on a full disk (its notes lost) prints its results and exits 0', () => {
    const { code, stdout } = spawnOnFullDisk(RUN, { stdout: false, stderr: true });
    expect(stdout).toContain('Total backlog at the end of the week');
    expect(code).toBe(0);
  });

  it('stdout and stderr both on a full disk: exit 2, nothing else happens', () => {
    const { code } = spawnOnFullDisk(RUN, { stdout: true, stderr: true });
    expect(code).toBe(2);
  });
});

describe('stdout a pipe whose reader has gone', () => {
  it('ends quietly with exit 141, as a closed pipe ends other programs', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [`${ROOT}bin/caseload.js`, ...RUN, '--quiet'], { cwd: ROOT });
      // Close the reading end at once: every write of the child then fails with EPIPE.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(141);
  });
});
