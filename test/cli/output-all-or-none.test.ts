import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAllAtomically } from '../../src/io/write-files-atomically.js';
import { releaseClaims } from '../../src/io/output-claims.js';
import { removePendingWrites } from '../../src/io/pending-writes.js';
import { cli, ROOT } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-all-or-none-'));
const quick = ['--reps', '20', '--workers', '1', '--quiet'];
const hasProc = existsSync('/proc/self');
const hasBash = spawnSync('bash', ['-c', 'ulimit -f']).status === 0;

/** Runs the built bin through bash (for `ulimit -f`, in kB), ended after `seconds` at most. */
function bashCli(prefix: string, args: readonly string[], seconds: number) {
  const quoted = args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('bash', ['-c', `${prefix} exec "${process.execPath}" bin/caseload.js ${quoted}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: seconds * 1000,
  });
  return { code: result.status, signal: result.signal, stderr: result.stderr };
}

describe('the outputs of one command are written all or none', () => {
  it('a destination that cannot be written is found before the run: the --report is not written either', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    await mkdir(join(out, 'summary.json'), { recursive: true });
    const result = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      ...quick,
      '--out',
      out,
      '--report',
      join(dir, 'r.html'),
      '--force',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `--out: "${join(out, 'summary.json')}" is a directory (remove it, or choose another directory)\n`,
    );
    expect(await readdir(dir)).toEqual(['out']);
  });

  it.runIf(hasProc)('an --out that cannot be created fails at once, with the --report not written', async () => {
    const dir = await tempDir();
    const result = bashCli(
      '',
      [
        'run',
        'scenarios/baseline-2024.yaml',
        ...quick,
        '--out',
        '/proc/self/caseload-out',
        '--report',
        join(dir, 'r.html'),
      ],
      20,
    );
    expect(result.signal).toBe(null);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '--out: cannot write to "/proc/self/caseload-out": /proc/self/caseload-out cannot be created: permission denied in /proc/self (a directory you can write to)\n',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it.runIf(hasBash)(
    'a file too large to write (as on a full disk) leaves no file of the command: not the --report written before it',
    async () => {
      const dir = await tempDir();
      // A 1000-week run: the report (about 310 kB) fits under the limit of 360 kB, weekly.csv (about 430 kB) does not.
      const args = ['run', 'scenarios/baseline-2024.yaml', ...quick, '--horizon', '1000', '--seed', '1'];
      const result = bashCli(
        'ulimit -f 360 &&',
        [...args, '--out', join(dir, 'out'), '--report', join(dir, 'r.html')],
        60,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^--out: cannot write to ".*out": the file is larger than this process may write/);
      expect(await readdir(dir)).toEqual([]);
    },
    90_000,
  );

  it('in the library: when one file fails, the temporary files of the others are removed and no file is replaced', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.csv'), 'earlier');
    await writeFile(join(dir, 'file'), 'a file where a directory is wanted');
    await expect(
      writeAllAtomically([
        { path: join(dir, 'a.csv'), text: 'new' },
        { path: join(dir, 'file', 'b.json'), text: '{}' },
      ]),
    ).rejects.toMatchObject({ path: join(dir, 'file', 'b.json'), code: 'ENOTDIR' });
    releaseClaims();
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'file']);
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('earlier');
    expect(removePendingWrites()).toBe(0);
  });
});

describe('a destination that cannot be created fails at once (no endless mkdir under /proc)', () => {
  it.runIf(hasProc)(
    'run --out, sweep --out and --report under /proc end with exit 2 and a plain message',
    async () => {
      const dir = await tempDir();
      const cases = [
        ['run', 'scenarios/baseline-2024.yaml', ...quick, '--out', '/proc/self/x'],
        ['run', 'scenarios/baseline-2024.yaml', ...quick, '--report', '/proc/self/x/r.html'],
        [
          'sweep',
          'scenarios/baseline-2024.yaml',
          '--set',
          'capacity.perYear=1600,1700',
          ...quick,
          '--out',
          '/proc/self/x/s.csv',
        ],
        ['run', 'scenarios/baseline-2024.yaml', ...quick, '--shard', '1/2', '--out', '/proc/self/x'],
      ];
      for (const args of cases) {
        const result = bashCli('', args, 20);
        expect(result.signal, args.join(' ')).toBe(null);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr, args.join(' ')).toMatch(/^--(out|report): cannot write .*\/proc\/self\/x.*: .*\n$/);
      }
      expect(await readdir(dir)).toEqual([]);
    },
    120_000,
  );
});
