import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUMMED_ARRAYS, Tally } from '../../src/engine/tally.js';
import type { TallyData } from '../../src/engine/tally.js';
import { packPlans, readShard, SHARD_FORMAT, shardJson } from '../../src/io/shard-file.js';
import type { Job } from '../../src/job/job.js';
import { jobOutline, singleRun, slicePart } from '../../src/job/job.js';
import { runJob } from '../../src/job/run-job.js';
import { explainedRun } from '../../src/run/explain-uncertainty.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, variantPaths } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { JobTallies } from '../../src/job/job-tallies.js';
import { arbitraryScenario } from '../engine/arbitrary-scenario.js';
import { benchReference } from '../engine/bench-reference.js';
import { runs } from '../fast-check-config.js';
import { checkedValue, runContext } from '../job/helpers.js';

/**
 * A stochastic tally of 3 weeks, 2 lanes, 3 pools and 4 cohort slots (no two
 * dimensions alike, so an array of the wrong length shows) with a different
 * number in every place of every array and histogram: the arrays in the
 * order of their names, so the numbers do not depend on the order the tally
 * declares its arrays in.
 */
function filledTally(): Tally {
  const tally = new Tally(
    { horizonWeeks: 3, laneCount: 2, poolCount: 3, cohortSlots: 4, initialBacklog: Float64Array.of(0, 0) },
    false,
  );
  float64Arrays(tally).forEach(([, array], n) => {
    for (let i = 0; i < array.length; i++) array[i] = 1000 * (n + 1) + i + 0.25;
  });
  tally.backlog!.forEach((histogram, i) => {
    histogram.add(10 * i + 1);
    histogram.add(10 * i + 3, i + 2);
  });
  tally.arrivalsTotal!.add(500, 2);
  tally.arrivalsTotal!.add(503);
  tally.decisionsTotal!.add(400);
  tally.decisionsTotal!.add(401, 3);
  tally.replications = 3;
  return tally;
}

/**
 * A tally like filledTally whose numbers also fit together as a shard's must
 * (see tallyProblem): whole sums but the capacity, 3 replications in every
 * histogram, each week's total backlog the sum of its lanes', the total
 * arrivals and decisions the sums of the weekly arrivals and the pools'
 * decisions.
 */
function consistentTally(): Tally {
  const tally = new Tally(
    { horizonWeeks: 3, laneCount: 2, poolCount: 3, cohortSlots: 4, initialBacklog: Float64Array.of(0, 0) },
    false,
  );
  float64Arrays(tally).forEach(([name, array], n) => {
    for (let i = 0; i < array.length; i++) array[i] = 1000 * (n + 1) + i + (name === 'capacitySum' ? 0.25 : 0);
  });
  const three = (histogram: { add(value: number, weight?: number): void }, sum: number) => {
    const part = Math.floor(sum / 3);
    histogram.add(part, 2);
    histogram.add(sum - 2 * part);
  };
  const backlog = tally.backlog!;
  for (let week = 0; week < 3; week++) {
    let total = 0;
    for (let lane = 0; lane < 2; lane++) {
      const i = week * 3 + lane;
      backlog[i]!.add(10 * i + 1);
      backlog[i]!.add(10 * i + 3, 2);
      total += 30 * i + 7;
    }
    three(backlog[week * 3 + 2]!, total);
  }
  three(
    tally.arrivalsTotal!,
    tally.arrivalsSum.reduce((a, b) => a + b, 0),
  );
  three(
    tally.decisionsTotal!,
    tally.poolDecisionsSum.reduce((a, b) => a + b, 0),
  );
  tally.replications = 3;
  return tally;
}

/** Every Float64Array a tally holds (its summed arrays and its initial backlog), by name. */
function float64Arrays(tally: Tally | TallyData): [string, Float64Array][] {
  return Object.entries(tally)
    .filter((entry): entry is [string, Float64Array] => entry[1] instanceof Float64Array)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

const bytesOf = (arrays: readonly Float64Array[]) =>
  Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));

describe('the shard file of a tally', () => {
  it(`packs every array and histogram of a tally in the order of ${SHARD_FORMAT}, byte for byte`, () => {
    const data = filledTally().toData();
    const [plan] = packPlans({ fromPlan: 0, tallies: [data], paired: null });
    const { numbers, ...rest } = plan!.tally;
    expect(SHARD_FORMAT).toBe('caseload-shard/6');
    expect(rest).toEqual({
      replications: 3,
      horizonWeeks: 3,
      laneCount: 2,
      poolCount: 3,
      cohortSlots: 4,
      histograms: [
        ...data.backlog!.flatMap((_, i) => [10 * i + 1, 3]),
        ...[500, 4, 400, 2], // the replications' total arrivals, then decisions
      ],
    });
    const bytes = inflateRawSync(Buffer.from(numbers, 'base64'));
    // The order of the format, written out: the initial backlog, the summed arrays, then the histograms' counts.
    const expected = bytesOf([
      data.initialBacklog,
      data.arrivalsSum,
      data.capacitySum,
      data.poolDecisionsSum,
      data.grantsSum,
      data.decisionWeeks,
      data.withdrawalsSum,
      data.transfersInSum,
      data.transfersOutSum,
      data.refiledSum,
      data.movedOutBySlot,
      ...data.backlog!.map((h) => h.counts),
      ...data.totals!.map((h) => h.counts),
    ]);
    expect(bytes.equals(expected)).toBe(true);
    // Recorded from the shard code as it packed caseload-shard/5 before its arrays came from one list.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '71e3a4d53c55b13d0cd870e8b90cdb2b01686eda72236da0eb573e40ddbb32b8',
    );
    expect(plan!.paired).toBeNull();
  });

  it('reads back as the tally it was written from: every array, every histogram', async () => {
    const data = consistentTally().toData();
    const scenario = benchReference({ horizonWeeks: 3, replications: 3 });
    const job = singleRun(scenario);
    const part = { fromPlan: 0, toPlan: 1, firstReplication: 0, replications: 3 };
    const slice = { index: 1, count: 1, splits: 'replications' } as const;
    const dir = await mkdtemp(join(tmpdir(), 'caseload-shard-'));
    try {
      const file = join(dir, 'shard-1-of-1.json');
      const plans = packPlans({ fromPlan: 0, tallies: [data], paired: null });
      await writeFile(file, shardJson({ job, slice, part, context: runContext, plans }, 'test'));
      const read = checkedValue(await readShard(file)).data(0, 1).tallies[0]!;
      expect(float64Arrays(read).map(([name]) => name)).toEqual(float64Arrays(data).map(([name]) => name));
      expect(read).toEqual(data);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('the summed arrays of a tally', () => {
  it('SUMMED_ARRAYS lists every array of a tally but its initial backlog, each of its length', () => {
    const tally = filledTally();
    const listed = SUMMED_ARRAYS.map(({ name, length }) => [name, length(tally)]);
    const held = float64Arrays(tally).filter(([name]) => name !== 'initialBacklog');
    expect(held.map(([name, array]) => [name, array.length])).toEqual(listed.sort(([a], [b]) => (a! < b! ? -1 : 1)));
  });

  it('a merge adds every one of them, and toData gives every one of them', () => {
    const data = filledTally().toData();
    const merged = Tally.fromData(data);
    expect(merged.toData()).toEqual(data);
    merged.merge(Tally.fromData(data));
    const summed = float64Arrays(merged).filter(([name]) => name !== 'initialBacklog');
    expect(summed.length).toBe(SUMMED_ARRAYS.length);
    for (const [name, array] of summed) {
      const one = (data as unknown as Record<string, Float64Array>)[name]!;
      expect([name, Array.from(array)]).toEqual([name, Array.from(one, (x) => 2 * x)]);
    }
    expect(merged.replications).toBe(6);
  });

  it('a worker transfers the buffer of every one of them', () => {
    const data = filledTally().toData();
    const buffers = JobTallies.buffers({ fromPlan: 0, tallies: [data], paired: null });
    for (const [name, array] of float64Arrays(data).filter(([n]) => n !== 'initialBacklog'))
      expect([name, buffers.includes(array.buffer as ArrayBuffer)]).toEqual([name, true]);
    expect(buffers.length).toBe(SUMMED_ARRAYS.length + data.backlog!.length + 2);
  });
});

describe('the checks of a shard read back', () => {
  it('accept the shard of every shipped scenario, with and without its uncertainty, and of a comparison of the options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-shard-every-'));
    const files = [
      ...(await readdir('scenarios')).filter((name) => name.endsWith('.yaml')).map((name) => `scenarios/${name}`),
      ...(await readdir('scenarios/options-2024')).map((name) => `scenarios/options-2024/${name}`),
    ];
    const scenarios: Scenario[] = [];
    try {
      for (const file of files)
        for (const paths of [[file], await variantPaths(file)])
          for (const path of paths)
            for (const uncertainty of [undefined, false] as const) {
              const loaded = await loadScenario(path, { replications: 12, uncertainty });
              if (!loaded.ok) continue;
              if (uncertainty === false) scenarios.push(loaded.value.scenario);
              const job = explainedRun(loaded.value.scenario);
              for (const index of [1, 2]) {
                const slice = { index, count: 2, splits: 'replications' } as const;
                const part = slicePart(jobOutline(job), slice);
                const plans = packPlans((await runJob(job, part)).toData());
                const written = join(dir, `${index}.json`);
                await writeFile(written, shardJson({ job, slice, part, context: runContext, plans }, 'test'));
                const read = await readShard(written);
                expect(read.ok ? [] : read.issues.map(formatIssue), path).toEqual([]);
              }
            }
      expect(scenarios.length).toBeGreaterThan(15);
      // A comparison: a paired job, whose pairs are checked against the tallies.
      const job: Job = { scenarios, seed: 5, replications: 12, paired: true };
      const slice = { index: 2, count: 3, splits: 'replications' } as const;
      const part = slicePart(jobOutline(job), slice);
      const plans = packPlans((await runJob(job, part)).toData());
      const written = join(dir, 'paired.json');
      await writeFile(written, shardJson({ job, slice, part, context: runContext, plans }, 'test'));
      const read = await readShard(written);
      expect(read.ok ? [] : read.issues.map(formatIssue)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('accept the shards of random scenarios, alone or paired, split any way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-shard-random-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbitraryScenario(), { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 0, max: 9 }),
          fc
            .integer({ min: 1, max: 4 })
            .chain((count) => fc.tuple(fc.integer({ min: 1, max: count }), fc.constant(count))),
          async (scenarios, replications, [index, count]) => {
            const job: Job = { scenarios, seed: 11, replications, paired: scenarios.length > 1 };
            const slice = { index, count, splits: 'replications' } as const;
            const part = slicePart(jobOutline(job), slice);
            const plans = packPlans((await runJob(job, part)).toData());
            const written = join(dir, 'shard.json');
            await writeFile(written, shardJson({ job, slice, part, context: runContext, plans }, 'test'));
            const read = await readShard(written);
            expect(read.ok ? [] : read.issues.map(formatIssue)).toEqual([]);
          },
        ),
        { numRuns: runs(40) },
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
