/**
 * The Kubernetes manifest of docs/distributed.md (deploy/kubernetes/): checked
 * against the Kubernetes API's schemas (kubernetes-models), checked for the
 * settings that must agree, and its containers' commands run here as the
 * cluster would run them: each index of the Indexed Job with its
 * JOB_COMPLETION_INDEX, and the merge Job's script, waiting for the shards.
 * No cluster runs here: what a cluster adds (scheduling, the volume, retries)
 * is not tested.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cli, ROOT } from '../cli/helpers.js';

const MANIFEST = join(ROOT, 'deploy/kubernetes/caseload-shards.yaml');

interface Container {
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
  workingDir: string;
  image: string;
  volumeMounts: { name: string; mountPath: string }[];
}
interface JobObject {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { containers: Container[]; volumes: { persistentVolumeClaim: { claimName: string } }[] } };
  };
}

async function manifest(): Promise<{ claim: { metadata: { name: string } }; shards: JobObject; merge: JobObject }> {
  const documents = parseAllDocuments(await readFile(MANIFEST, 'utf8'));
  if (!Array.isArray(documents)) throw new Error('no documents');
  for (const document of documents) expect(document.errors).toEqual([]);
  const [claim, shards, merge] = documents.map((document) => document.toJS()) as [
    { metadata: { name: string } },
    JobObject,
    JobObject,
  ];
  return { claim, shards, merge };
}

/** A container's command run here: /opt/caseload is this repository, /results a temporary folder. */
function runContainer(
  container: Container,
  results: string,
  env: Record<string, string>,
  edit: (arg: string) => string = (arg) => arg,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const here = (text: string) =>
    text.replaceAll('/opt/caseload', ROOT.replace(/\/$/, '')).replaceAll('/results', results);
  const [command, ...rest] = [...container.command, ...container.args].map(here).map(edit);
  const variables = Object.fromEntries(container.env.map((variable) => [variable.name, variable.value]));
  return new Promise((resolve) => {
    const child = spawn(command === 'node' ? process.execPath : command!, rest, {
      cwd: here(container.workingDir),
      env: { PATH: `${join(process.execPath, '..')}:${process.env['PATH'] ?? ''}`, ...variables, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the Kubernetes manifest (deploy/kubernetes/caseload-shards.yaml)', () => {
  it('is a volume claim, an Indexed Job and a merge Job, valid against the Kubernetes API schemas', async () => {
    const { claim, shards, merge } = await manifest();
    expect(() => new PersistentVolumeClaim(claim as never).validate()).not.toThrow();
    expect(() => new Job(shards as never).validate()).not.toThrow();
    expect(() => new Job(merge as never).validate()).not.toThrow();
    // The schemas do find mistakes: a count that is not a number, a completion mode that does not exist.
    expect(() => new Job({ ...shards, spec: { ...shards.spec, completions: '8' } } as never).validate()).toThrow(
      /completions must be integer/,
    );
    expect(() =>
      new Job({ ...shards, spec: { ...shards.spec, completionMode: 'indexed' } } as never).validate(),
    ).toThrow(/completionMode must be equal to one of the allowed values/);
  });

  it('agrees with itself: the count of shards, the claim, the folder of the shards, the image', async () => {
    const { claim, shards, merge } = await manifest();
    const shard = shards.spec.template.spec.containers[0]!;
    const merger = merge.spec.template.spec.containers[0]!;
    expect(shards.spec.completionMode).toBe('Indexed');
    const count = String(shards.spec.completions);
    expect(shard.env).toContainEqual({ name: 'CASELOAD_SHARD_COUNT', value: count });
    expect(merger.env).toContainEqual({ name: 'SHARDS', value: count });
    expect(shard.args.slice(shard.args.indexOf('--shard'), shard.args.indexOf('--shard') + 2)).toEqual([
      '--shard',
      'auto',
    ]);
    const out = shard.args[shard.args.indexOf('--out') + 1]!;
    expect(merger.args.join('\n')).toContain(`merge ${out} `);
    for (const job of [shards, merge]) {
      expect(job.spec.template.spec.volumes[0]!.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
      expect(out.startsWith(job.spec.template.spec.containers[0]!.volumeMounts[0]!.mountPath)).toBe(true);
    }
    expect(merger.image).toBe(shard.image);
    const dockerfile = await readFile(join(ROOT, 'deploy/kubernetes/Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`WORKDIR ${shard.workingDir}\n`);
    expect(dockerfile).toContain(`"${shard.command[1]}"`);
  });

  it("its containers' commands, run here, give the one-machine result; the merge waits for every shard", async () => {
    const { shards, merge } = await manifest();
    const results = await mkdtemp(join(tmpdir(), 'caseload-kubernetes-'));
    const shard = shards.spec.template.spec.containers[0]!;
    // Fewer replications than the manifest's million, so that the test takes seconds.
    const fewer = (arg: string) => (arg === '1000000' ? '4000' : arg);
    const merging = runContainer(merge.spec.template.spec.containers[0]!, results, {});
    let merged = false;
    void merging.then(() => (merged = true));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(merged, 'the merge waits while no shard is there').toBe(false);
    const count = shards.spec.completions!;
    const ran = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        runContainer(shard, results, { JOB_COMPLETION_INDEX: String(index) }, fewer),
      ),
    );
    for (const [index, result] of ran.entries()) {
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(
        `wrote shard ${index + 1} of ${count} (JOB_COMPLETION_INDEX=${index} of CASELOAD_SHARD_COUNT=${count}) to ${join(results, 'shards', `shard-${index + 1}-of-${count}.json`)}\n`,
      );
    }
    const result = await merging;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const args = shard.args.map(fewer);
    const whole = ['run', args[1]!, '--reps', '4000', '--seed', args[args.indexOf('--seed') + 1]!, '--quiet'];
    const one = await cli(...whole, '--json', '--out', join(results, 'whole'));
    expect(result.stdout).toBe(one.stdout);
    for (const file of ['weekly.csv', 'prognosis.csv', 'summary.json', 'scenario.json'])
      expect(await readFile(join(results, 'result', file), 'utf8')).toBe(
        await readFile(join(results, 'whole', file), 'utf8'),
      );
  }, 180_000);
});
