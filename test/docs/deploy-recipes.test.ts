import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

/**
 * docs/distributed.md shows the batch scripts and the Kubernetes manifest in
 * full; the tests run the files in deploy/. The two must be the same text.
 */
describe('docs/distributed.md shows the tested recipes as they are', () => {
  for (const [file, fence] of [
    ['deploy/slurm/shards.sbatch', 'sh'],
    ['deploy/slurm/merge.sbatch', 'sh'],
    ['deploy/kubernetes/caseload-shards.yaml', 'yaml'],
  ] as const)
    it(`shows ${file} whole`, async () => {
      const docs = await readFile(join(ROOT, 'docs/distributed.md'), 'utf8');
      const content = await readFile(join(ROOT, file), 'utf8');
      expect(docs).toContain(`\`${file}\``);
      expect(docs).toContain(`\`\`\`${fence}\n${content}\`\`\`\n`);
    });

  it('names only files that are in the package', async () => {
    const docs = await readFile(join(ROOT, 'docs/distributed.md'), 'utf8');
    const files = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    const named = [...new Set([...docs.matchAll(/\bdeploy\/[\w./-]+\w/g)].map((match) => match[0]))];
    expect(named.length).toBeGreaterThan(4);
    expect(files).toContain('deploy');
    for (const path of named) await expect(stat(join(ROOT, path)), path).resolves.toBeDefined();
  });
});
