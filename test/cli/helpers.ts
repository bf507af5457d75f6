import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI in process and captures what it prints. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Runs the built bin in a child process (`npm test` builds first). */
export function spawnCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [`${ROOT}bin/caseload.js`, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The 2024 plan without a cost: the shipped baseline with its conversion to
 * staff taken out, written to a temporary folder, for tests of capacity that
 * has no cost in the scenario. Returns its path.
 */
export async function uncostedPlan(): Promise<string> {
  const text = await readFile(`${ROOT}scenarios/baseline-2024.yaml`, 'utf8');
  const without = text.replace(/\n {2}conversion:.*(\n {4}.*)+/, '').replace(/^name: .*$/m, 'name: Plan 2024');
  if (without === text || without.includes('conversion'))
    throw new Error('the baseline has no conversion block to take out');
  const file = join(await mkdtemp(join(tmpdir(), 'caseload-uncosted-')), 'plan-2024.yaml');
  await writeFile(file, without);
  return file;
}
