import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, validateScenario, variantPaths } from '../../src/scenario/index.js';
import { cli } from '../cli/helpers.js';

const BASELINE = resolve('scenarios/baseline-2024.yaml');

/** A folder with a scenario file `name` that extends the baseline and has the variant `fast`. */
async function folderWith(name: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-hash-'));
  const file = join(dir, name);
  await writeFile(file, `extends: ${BASELINE}\nname: Mine\nvariants:\n  fast:\n    capacity: { perWeek: 40 }\n`);
  return { dir, file };
}

describe('a # in a scenario path: the file system decides between a file name and a variant', () => {
  it('a file whose name holds a # is that file', async () => {
    const { file } = await folderWith('my#plan.yaml');
    const loaded = await loadScenario(file);
    expect(loaded.ok && loaded.value.scenario.name).toBe('Mine');
    expect(loaded.ok && loaded.value.files[0]).toBe(file);
    expect(loaded.ok && loaded.value.warnings).toEqual([]);
  });

  it('its variants are named after it, file#variant, and validate checks them', async () => {
    const { file } = await folderWith('my#plan.yaml');
    const variant = await loadScenario(`${file}#fast`);
    expect(variant.ok && variant.value.scenario.capacity.policy).toEqual({ kind: 'perWeek', perWeek: 40 });
    expect(await variantPaths(file)).toEqual([`${file}#fast`]);
    const validated = await validateScenario(file);
    expect(validated.ok && validated.value.variants).toEqual(['fast']);
  });

  it('caseload run my#plan.yaml runs it', async () => {
    const { file } = await folderWith('my#plan.yaml');
    const { code, stdout } = await cli('run', file, '--deterministic', '--quiet');
    expect(stdout).toContain(`Mine (${file})`);
    expect(code).toBe(0);
  });

  it('file.yaml#name still names a variant when no file has the whole name', async () => {
    const { file } = await folderWith('plan.yaml');
    const loaded = await loadScenario(`${file}#fast`);
    expect(loaded.ok && loaded.value.scenario.name).toBe('Mine: fast');
  });

  it('a path that is a file and could also name a variant is the file, with a warning naming the variant', async () => {
    const { dir, file } = await folderWith('plan.yaml');
    const twin = join(dir, 'plan.yaml#fast');
    await writeFile(twin, `extends: ${BASELINE}\nname: Twin\n`);
    const loaded = await loadScenario(twin);
    expect(loaded.ok && loaded.value.scenario.name).toBe('Twin');
    expect(loaded.ok && loaded.value.warnings.map(formatIssue)).toEqual([
      `${twin}: is read as this file, not as the variant "fast" of ${file}, which also exists (rename one of the two files to run the variant)`,
    ]);
  });

  it('when neither the path nor the file before its # exists, the message names both readings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-hash-'));
    const path = join(dir, 'my#plan.yaml');
    const loaded = await loadScenario(path);
    expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([
      `${path}: cannot read the scenario file: no such file, and no file ${join(dir, 'my')} whose variant "plan.yaml" it could name`,
    ]);
  });
});
