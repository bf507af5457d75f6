import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/io/write-file-atomically.js';
import { writeFilesAtomically } from '../../src/io/write-files-atomically.js';
import { cli } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-links-'));
const quick = ['--reps', '20', '--workers', '1', '--quiet'];

describe('symbolic links where caseload writes', () => {
  it('a link planted at a temporary name (the old <name>.tmp-<pid>) does not redirect the write', async () => {
    const dir = await tempDir();
    const elsewhere = join(dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'not yours');
    const shared = join(dir, 'shared');
    await mkdir(shared);
    await symlink(elsewhere, join(shared, `report.html.tmp-${process.pid}`));
    await symlink(elsewhere, join(shared, `summary.json.tmp-${process.pid}`));
    await writeFileAtomically(join(shared, 'report.html'), 'report');
    await writeFilesAtomically(shared, { 'summary.json': '{}' });
    expect(await readFile(elsewhere, 'utf8')).toBe('not yours');
    for (const name of ['report.html', 'summary.json']) expect((await lstat(join(shared, name))).isFile()).toBe(true);
    expect(await readFile(join(shared, 'report.html'), 'utf8')).toBe('report');
    // Temporary files are hidden, named at random, and gone once renamed.
    expect((await readdir(shared)).filter((name) => name.includes('caseload-tmp'))).toEqual([]);
  });

  it('--out given as a link to a directory is refused unless written with a trailing slash', async () => {
    const dir = await tempDir();
    const target = join(dir, 'target');
    await mkdir(target);
    const out = join(dir, 'out');
    await symlink(target, out);
    const refused = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `--out: "${out}" is a symbolic link (to "${target}") (write "${out}/" to write into the directory it points to, or choose another directory)\n`,
    );
    expect(await readdir(target)).toEqual([]);
    const followed = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', `${out}/`);
    expect(followed.code).toBe(0);
    expect((await readdir(target)).sort()).toEqual(['prognosis.csv', 'scenario.json', 'summary.json', 'weekly.csv']);
  });

  it('--report, or a result file in --out, that is a link is refused even with --force, and its target is left alone', async () => {
    const dir = await tempDir();
    const earlier = join(dir, 'earlier');
    expect(
      (
        await cli(
          'run',
          'scenarios/baseline-2024.yaml',
          ...quick,
          '--out',
          earlier,
          '--report',
          join(earlier, 'r.html'),
        )
      ).code,
    ).toBe(0);
    const target = await readFile(join(earlier, 'r.html'), 'utf8');
    await symlink(join(earlier, 'r.html'), join(dir, 'r.html'));
    const report = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      ...quick,
      '--report',
      join(dir, 'r.html'),
      '--force',
    );
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(
      `--report: "${join(dir, 'r.html')}" is a symbolic link (to "${join(earlier, 'r.html')}") ` +
        '(caseload does not write through links, even with --force: name the file itself, or choose another file)\n',
    );
    const out = join(dir, 'out');
    await mkdir(out);
    await symlink(join(earlier, 'summary.json'), join(out, 'summary.json'));
    const inOut = await cli('run', 'scenarios/baseline-2024.yaml', ...quick, '--out', out, '--force');
    expect(inOut.code).toBe(2);
    expect(inOut.stderr).toContain(`--out: "${join(out, 'summary.json')}" is a symbolic link`);
    expect(await readFile(join(earlier, 'r.html'), 'utf8')).toBe(target);
    expect((await lstat(join(dir, 'r.html'))).isSymbolicLink()).toBe(true);
  });
});
