import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSealedJson, sealedJson } from '../../src/io/sealed-json.js';
import type { JobOutline } from '../../src/job/job.js';
import { jobSignature } from '../../src/job/job.js';
import { scenarioHash } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { cli } from './helpers.js';
import { runs } from '../fast-check-config.js';

describe('sealed JSON', () => {
  it('opens what it sealed, and refuses any change to it', () => {
    const value = { format: 'x', n: 1.5, list: [1, -0, 1e-300], text: 'é"\\' };
    const text = sealedJson(value);
    expect(text.startsWith('{"format":"x"')).toBe(true);
    expect(openSealedJson(text)).toEqual({ ok: true, value: { ...value, list: [1, 0, 1e-300] } });
    expect(openSealedJson(text.replace('1.5', '2.5'))).toEqual({
      ok: false,
      problem: 'is damaged or was edited: its checksum does not match its content',
      unchecked: { ...value, n: 2.5, list: [1, 0, 1e-300] },
    });
    expect(openSealedJson(JSON.stringify(value))).toEqual({
      ok: false,
      problem: 'has no checksum (written by an older caseload, or not by caseload)',
      unchecked: { ...value, list: [1, 0, 1e-300] },
    });
    expect(openSealedJson(text.slice(0, 20)).ok).toBe(false);
    expect(openSealedJson('[1]')).toEqual({ ok: false, problem: 'is not a JSON object' });
  });
});

describe('merge with a damaged shard', () => {
  let dir: string;
  let original: string;
  const shard = () => join(dir, 'shard-2-of-2.json');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caseload-damaged-'));
    for (const k of ['1/2', '2/2'])
      expect(
        (
          await cli(
            'run',
            'scenarios/baseline-2024.yaml',
            '--no-uncertainty',
            '--reps',
            '20',
            '--workers',
            '1',
            '--quiet',
            '--shard',
            k,
            '--out',
            dir,
          )
        ).code,
      ).toBe(0);
    original = await readFile(shard(), 'utf8');
  });

  it('names the file and what is wrong with it: truncated, edited', async () => {
    await writeFile(shard(), original.slice(0, original.length / 2));
    let result = await cli('merge', dir, '--quiet');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${shard().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not JSON: .*\\(a file written by caseload run, compare or sweep --shard, unchanged\\)\\n$`,
      ),
    );
    await writeFile(shard(), original.replace('"seed":2024', '"seed":2025'));
    result = await cli('merge', dir, '--quiet');
    expect(result.stderr).toBe(
      `${shard()}: is damaged or was edited: its checksum does not match its content (a file written by caseload run, compare or sweep --shard, unchanged)\n`,
    );
    await writeFile(shard(), original);
    expect((await cli('merge', dir, '--quiet')).code).toBe(0);
  });

  it('any single changed value gives exit 2 with the file named, never an internal error', async () => {
    const raw = JSON.parse(original) as Record<string, unknown>;
    const leaves: string[][] = [];
    const walk = (value: unknown, path: string[]) => {
      if (value !== null && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      else if (path.length > 0 && path[0] !== 'checksum') leaves.push(path);
    };
    walk(raw, []);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...leaves),
        fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.string(), fc.constant([])),
        async (path, replacement) => {
          const copy = JSON.parse(original) as Record<string, unknown>;
          let parent = copy;
          for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
          if (Object.is(parent[path.at(-1)!], replacement)) return;
          parent[path.at(-1)!] = replacement;
          await writeFile(shard(), JSON.stringify(copy));
          const result = await cli('merge', dir, '--quiet', '--json');
          expect(result.code).toBe(2);
          expect(result.stderr).toContain(shard());
          expect(result.stderr).not.toContain('internal error');
        },
      ),
      { numRuns: runs(40) },
    );
    await writeFile(shard(), original);
  });

  it('a shard edited and sealed again is still checked: its format, its part and the length of every packed array', async () => {
    const reseal = async (edit: (shard: Record<string, unknown>) => void) => {
      const opened = openSealedJson(original);
      if (!opened.ok) throw new Error(opened.problem);
      const copy = structuredClone(opened.value) as Record<string, unknown>;
      edit(copy);
      await writeFile(shard(), sealedJson(copy));
      return cli('merge', dir, '--quiet', '--json');
    };
    const plan = (copy: Record<string, unknown>) =>
      ((copy['plans'] as unknown[])[0] as Record<string, Record<string, unknown>>)['tally']!;
    const cases: [(copy: Record<string, unknown>) => void, string][] = [
      [(copy) => (copy['format'] = 'caseload/1'), 'format: is not a caseload shard (format "caseload/1")'],
      [
        (copy) => (copy['format'] = 'caseload-shard/1'),
        'format: is caseload-shard/1, written by an older caseload; re-run the shard',
      ],
      [
        (copy) => ((copy['part'] as Record<string, unknown>)['firstReplication'] = 15),
        'part: is replications 15 to 24 of 20, not shard 2 of 2 (replications 10 to 19 of 20)',
      ],
      [
        (copy) => (plan(copy)['numbers'] = Buffer.from('not deflated').toString('base64')),
        'is not a readable shard: plans.0.tally.numbers: does not inflate',
      ],
      [
        (copy) => (plan(copy)['histograms'] = (plan(copy)['histograms'] as number[]).slice(2)),
        'is not a readable shard: plans.0.tally.histograms: has 261 histograms, not 262',
      ],
      [
        (copy) => ((copy['job'] as Record<string, unknown>)['paired'] = true),
        'signature: does not match the job, scenarios and settings the shard holds',
      ],
    ];
    for (const [edit, problem] of cases) {
      const result = await reseal(edit);
      expect(result.code, problem).toBe(2);
      expect(result.stderr).toContain(shard());
      expect(result.stderr).toContain(problem);
    }
    await writeFile(shard(), original);
    // A scenario edited: it is no longer the one the signature names.
    const first = join(dir, 'shard-1-of-2.json');
    const head = await readFile(first, 'utf8');
    const opened = openSealedJson(head);
    if (!opened.ok) throw new Error(opened.problem);
    const edited = structuredClone(opened.value) as { scenarios: { horizonWeeks: number }[] };
    edited.scenarios[0]!.horizonWeeks = 26;
    await writeFile(first, sealedJson(edited));
    const misfit = await cli('merge', dir, '--quiet', '--json');
    expect(misfit.code).toBe(2);
    expect(misfit.stderr).toContain(`${first}: scenarios.0: is not the scenario the shard's signature names`);
    await writeFile(first, head);
  });

  it('a forgery made whole (a scenario edited in every shard, with its hash and signature) must still fit its data', async () => {
    const files = [join(dir, 'shard-1-of-2.json'), shard()];
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    for (const [i, file] of files.entries()) {
      const opened = openSealedJson(texts[i]!);
      if (!opened.ok) throw new Error(opened.problem);
      const forged = structuredClone(opened.value) as {
        caseloadVersion: string;
        signature: string;
        job: JobOutline & { scenarios: string[] };
        context: unknown;
        scenarios: Scenario[];
      };
      forged.scenarios[0] = { ...forged.scenarios[0]!, horizonWeeks: 26 };
      forged.job.scenarios[0] = scenarioHash(forged.scenarios[0]);
      const { scenarios, ...outline } = forged.job;
      const { caseloadVersion, context } = forged;
      forged.signature = jobSignature({ caseloadVersion, job: outline, scenarios, context });
      await writeFile(file, sealedJson(forged as unknown as Record<string, unknown>));
    }
    const merged = await cli('merge', dir, '--quiet', '--json');
    for (const [i, file] of files.entries()) await writeFile(file, texts[i]!);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toBe(
      `${files[0]}: plans.0.tally: has 52 weeks, its scenario 26: it does not fit its plan (a shard written by caseload, unchanged)\n`,
    );
  });
});
