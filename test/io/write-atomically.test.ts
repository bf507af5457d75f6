import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removePendingWrites } from '../../src/io/pending-writes.js';
import { writeFileAtomically } from '../../src/io/write-file-atomically.js';
import { writeFilesAtomically } from '../../src/io/write-files-atomically.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-atomic-'));

describe('atomic writes', () => {
  it('writes every file of a result, creating the directory, and leaves no temporary file', async () => {
    const dir = join(await tempDir(), 'out');
    await writeFilesAtomically(dir, { 'a.csv': 'a\n', 'b.json': '{}\n' });
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'b.json']);
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('a\n');
    expect(removePendingWrites()).toBe(0);
  });

  it('writes none of them when one cannot be written, and keeps the earlier result whole', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.csv'), 'earlier');
    await mkdir(join(dir, 'b.json'));
    await expect(writeFilesAtomically(dir, { 'a.csv': 'new', 'b.json': '{}' })).rejects.toThrow(
      /b\.json is a directory/,
    );
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'b.json']);
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('earlier');
    expect(removePendingWrites()).toBe(0);
  });

  it('removes the stale files of an earlier result that the new one does not write', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'prognosis.csv'), 'stale');
    await writeFile(join(dir, 'mine.txt'), 'kept');
    await writeFilesAtomically(dir, { 'summary.json': '{}' }, ['summary.json', 'prognosis.csv']);
    expect((await readdir(dir)).sort()).toEqual(['mine.txt', 'summary.json']);
  });

  it('a single file: replaced whole, and an unwritable path leaves nothing behind', async () => {
    const dir = await tempDir();
    const path = join(dir, 'report.html');
    await writeFileAtomically(path, 'one');
    await writeFileAtomically(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    await mkdir(join(dir, 'taken'));
    await expect(writeFileAtomically(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'taken']);
    expect(removePendingWrites()).toBe(0);
  });
});
