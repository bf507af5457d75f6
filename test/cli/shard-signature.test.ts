import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSealedJson, sealedJson } from '../../src/io/sealed-json.js';
import { cli } from './helpers.js';

/** The version the CLI believes it is: null for the real one (package.json). */
const version = vi.hoisted(() => ({ current: null as string | null }));
vi.mock('../../src/cli/version.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cli/version.js')>();
  return { caseloadVersion: () => version.current ?? real.caseloadVersion() };
});

const quick = ['--reps', '20', '--seed', '3', '--quiet', '--workers', '1'];
const commands = {
  run: ['run', 'scenarios/baseline-2024.yaml', '--no-uncertainty', ...quick],
  compare: ['compare', 'scenarios/options-2024/variants.yaml', '--no-uncertainty', ...quick],
  sweep: ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'capacity.perWeek=28,30,32', '--no-uncertainty', ...quick],
};
type Command = keyof typeof commands;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'caseload-signature-'));
});
afterAll(async () => {
  version.current = null;
  await rm(root, { recursive: true });
});

/** Writes shards K/N of a command into a new directory, each with the CLI believing it is `versions[K - 1]`. */
async function shards(command: readonly string[], versions: readonly (string | null)[]): Promise<string> {
  const dir = await mkdtemp(join(root, 'shards-'));
  for (const [i, v] of versions.entries()) {
    version.current = v;
    const written = await cli(...command, '--shard', `${i + 1}/${versions.length}`, '--out', dir);
    expect(written.code, written.stderr).toBe(0);
  }
  version.current = null;
  return dir;
}

/** A plan's packed tally in a shard, as the tests edit it. */
interface PackedTallyJson {
  replications: number;
  histograms: number[];
  numbers: string;
}

/** A shard's JSON, as the tests edit it. */
interface ShardJson {
  format: string;
  caseloadVersion: string;
  signature: string;
  job: { plans: number; seed: number; replications: number; paired: boolean; scenarios: string[] };
  part: { firstReplication: number };
  context: { label?: string };
  scenarios: { name: string; horizonWeeks: number }[];
  plans: { tally: PackedTallyJson }[];
}

/** A shard's content (checksum checked and taken off), edited, sealed again: an edit that the checksum cannot see. */
async function reseal(file: string, edit: (shard: ShardJson) => void): Promise<void> {
  const opened = openSealedJson(await readFile(file, 'utf8'));
  if (!opened.ok) throw new Error(opened.problem);
  edit(opened.value as unknown as ShardJson);
  await writeFile(file, sealedJson(opened.value));
}

/**
 * Edits the packed numbers of a plan's tally: the initial backlog, then the
 * summed arrays (arrivalsSum first), then the histograms' counts.
 */
function editNumbers(tally: PackedTallyJson, edit: (numbers: Float64Array) => void): void {
  const bytes = inflateRawSync(Buffer.from(tally.numbers, 'base64'));
  const numbers = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  edit(numbers);
  tally.numbers = deflateRawSync(Buffer.from(numbers.buffer)).toString('base64');
}

const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

describe('merge refuses shards of different caseload versions', () => {
  for (const name of Object.keys(commands) as Command[]) {
    it(`${name}: a mix of versions, naming both; shards of another version than the merge's`, async () => {
      const dir = await shards(commands[name], ['7.0.0', '7.1.0']);
      const [first, second] = [join(dir, 'shard-1-of-2.json'), join(dir, 'shard-2-of-2.json')];
      version.current = '7.0.0';
      const mixed = await cli('merge', dir, '--quiet');
      expect(mixed.code).toBe(2);
      expect(oneLine(mixed.stderr)).toEqual([
        `${second}: caseloadVersion: was written by caseload 7.1.0, ${first} by caseload 7.0.0 (shards written by one version of caseload)`,
      ]);
      const newer = await shards(commands[name], ['7.1.0', '7.1.0']);
      version.current = '7.0.0';
      const other = await cli('merge', newer, '--quiet');
      expect(other.code).toBe(2);
      expect(oneLine(other.stderr)).toEqual([
        `${join(newer, 'shard-1-of-2.json')}: caseloadVersion: was written by caseload 7.1.0, this is caseload 7.0.0 (merge with the version that wrote the shards)`,
      ]);
      version.current = '7.1.0';
      expect((await cli('merge', newer, '--quiet')).code).toBe(0);
      version.current = null;
    });
  }
});

describe('merge refuses shards of different jobs, saying how they differ', () => {
  it('a sweep shard of an edited scenario: another scenario', async () => {
    const dir = await mkdtemp(join(root, 'edited-'));
    const scenario = join(dir, 'plan.yaml');
    const text = await readFile('scenarios/baseline-2024.yaml', 'utf8');
    await writeFile(scenario, text);
    const sweep = commands.sweep.map((a) => (a === 'scenarios/baseline-2024.yaml' ? scenario : a));
    expect((await cli(...sweep, '--shard', '1/2', '--out', join(dir, 'a'))).code).toBe(0);
    await writeFile(scenario, text.replace('meanPerWeek: 25 ', 'meanPerWeek: 26 '));
    expect((await cli(...sweep, '--shard', '2/2', '--out', join(dir, 'b'))).code).toBe(0);
    const merged = await cli('merge', join(dir, 'a'), join(dir, 'b'), '--quiet');
    expect(merged.code).toBe(2);
    expect(oneLine(merged.stderr)).toHaveLength(1);
    expect(merged.stderr).toMatch(
      new RegExp(
        `^${join(dir, 'b', 'shard-2-of-2.json')}: is a shard of another job than ${join(dir, 'a', 'shard-1-of-2.json')}: another scenario \\(plan 0: sha256 [0-9a-f]{12}, not [0-9a-f]{12}\\) `,
      ),
    );
  });
});

describe('merge checks that a shard edited and sealed again still fits its signature', () => {
  let dir: string;
  let originals: Record<string, string>;
  const file = (k: number) => join(dir, `shard-${k}-of-2.json`);
  const tallyOf = (shard: ShardJson) => shard.plans[0]!.tally;

  beforeAll(async () => {
    dir = await shards(commands.run, [null, null]);
    originals = { 1: await readFile(file(1), 'utf8'), 2: await readFile(file(2), 'utf8') };
  });

  const cases: [string, 1 | 2, (shard: ShardJson) => void, string][] = [
    [
      'its replications',
      2,
      (shard) => (tallyOf(shard).replications = 11),
      'plans.0.tally.replications: counts 11 replications, not the 10 of its part',
    ],
    ['its scenario', 1, (shard) => (shard.scenarios[0]!.name = 'Edited'), 'scenarios.0: is not the scenario'],
    [
      'its settings',
      1,
      (shard) => (shard.context.label = 'edited.yaml'),
      'signature: does not match the job, scenarios and settings the shard holds',
    ],
    [
      'its part',
      2,
      (shard) => (shard.part.firstReplication = 9),
      'part: is replications 9 to 18 of 20, not shard 2 of 2 (replications 10 to 19 of 20)',
    ],
    [
      'a count of a histogram',
      2,
      (shard) => editNumbers(tallyOf(shard), (numbers) => (numbers[numbers.length - 1]! += 1)),
      'plans.0.tally.histograms: the histogram of the total decisions counts 11 replications, not 10',
    ],
    [
      'where a histogram starts',
      2,
      (shard) => (tallyOf(shard).histograms[0]! += 1),
      'plans.0.tally.histograms: the total backlog of week 0 is not the sum of its lanes',
    ],
    [
      'a sum made not a number',
      2,
      (shard) => editNumbers(tallyOf(shard), (numbers) => (numbers[4 + 208] = Number.NaN)),
      'plans.0.tally.capacitySum: holds NaN',
    ],
    [
      'a sum made negative',
      2,
      (shard) => editNumbers(tallyOf(shard), (numbers) => (numbers[4 + 208 + 52 + 1] = -3)),
      'plans.0.tally.grantsSum: holds -3',
    ],
    [
      'the weekly arrivals',
      2,
      (shard) => editNumbers(tallyOf(shard), (numbers) => (numbers[4]! += 1)),
      'plans.0.tally: the total arrivals of the replications are not the sum of their weekly arrivals',
    ],
  ];
  for (const [what, k, edit, problem] of cases)
    it(`refuses a shard with ${what} edited: exit 2 and one line naming the file`, async () => {
      await reseal(file(k), edit);
      const merged = await cli('merge', dir, '--quiet', '--json');
      await writeFile(file(k), originals[k]!);
      expect(merged.code).toBe(2);
      expect(oneLine(merged.stderr)).toHaveLength(1);
      expect(merged.stderr).toContain(`${file(k)}: ${problem}`);
    });

  it('refuses a shard of an older or newer format with what to do', async () => {
    const formats: [string, string][] = [
      [
        'caseload-shard/5',
        `${file(2)}: format: is caseload-shard/5, written by an older caseload; re-run the shard (caseload-shard/6)`,
      ],
      [
        'caseload-shard/7',
        `${file(2)}: format: is caseload-shard/7, written by a newer caseload; merge with that version (caseload-shard/6)`,
      ],
    ];
    for (const [format, line] of formats) {
      await reseal(file(2), (shard) => (shard.format = format));
      const merged = await cli('merge', dir, '--quiet');
      expect(merged.code, format).toBe(2);
      expect(oneLine(merged.stderr)).toEqual([line]);
      await writeFile(file(2), originals[2]!);
    }
    // The first formats had no checksum.
    await writeFile(file(2), JSON.stringify({ format: 'caseload-shard/1', job: {} }));
    const first = await cli('merge', dir, '--quiet');
    await writeFile(file(2), originals[2]!);
    expect(first.code).toBe(2);
    expect(oneLine(first.stderr)).toEqual([
      `${file(2)}: format: is caseload-shard/1, written by an older caseload; re-run the shard (caseload-shard/6)`,
    ]);
  });
});
