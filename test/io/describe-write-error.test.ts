import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWriteError } from '../../src/io/describe-write-error.js';
import { cli } from '../cli/helpers.js';

/** A read-only file system mounted in a fresh folder (root only), or null where none can be mounted. */
function readOnlyMount(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-ro-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const mounted = process.platform === 'linux' && process.getuid?.() === 0 ? readOnlyMount() : null;

afterAll(() => {
  if (mounted === null) return;
  execFileSync('umount', [mounted]);
  rmSync(mounted, { recursive: true, force: true });
});

/** The error mkdir -p gives for `path`. */
async function mkdirError(path: string): Promise<unknown> {
  return mkdir(path, { recursive: true }).then(
    () => null,
    (error: unknown) => error,
  );
}

describe.skipIf(mounted === null)('a directory that cannot be created on a read-only file system', () => {
  it('names the read-only file system, not a missing directory (mkdir -p says ENOENT)', async () => {
    const error = await mkdirError(join(mounted!, 'out', 'run'));
    expect((error as { code?: unknown }).code).toBe('ENOENT');
    expect(describeWriteError(error)).toBe(
      `${mounted}/out cannot be created: ${mounted} is on a read-only file system`,
    );
  });

  it('run --out under it says so, exit 2', async () => {
    const out = join(mounted!, 'results');
    const { code, stderr } = await cli('run', 'scenarios/baseline-2024.yaml', '--reps', '5', '--quiet', '--out', out);
    expect(stderr).toBe(
      `--out: cannot write to "${out}": the file system is read-only (a directory you can write to)\n`,
    );
    expect(code).toBe(2);
  });
});

describe('a directory that is really missing', () => {
  it('keeps the plain words for ENOENT when the directory above can be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-enoent-'));
    mkdirSync(join(dir, 'here'));
    const error = Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: join(dir, 'here', 'gone', 'x.tmp') });
    expect(describeWriteError(error)).toBe('the directory does not exist and cannot be created there');
  });
});
