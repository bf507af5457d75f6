import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

const OPTIONS = `${ROOT}scenarios/options-2024`;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caseload-flows-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every flow at once on the 2024 plan: a move after a waiting time, one at the decision step, withdrawals, refiling. */
const ALL_FLOWS = `extends: ${OPTIONS}/plan-2024.yaml
name: All flows
lanes:
  incomplete:
    transfers: [{ to: regular, probability: 0.2, afterWeeks: 8 }]
  hearing-free:
    transfers: [{ to: regular, probability: 0.25 }]
  regular:
    withdrawals: { byAge: { 0: 0.001, 26: 0.003 } }
    refiling: { probability: 0.3, delayWeeks: { mean: 12, shape: 2 } }
`;

async function allFlows(): Promise<string> {
  const file = join(dir, 'all-flows.yaml');
  await writeFile(file, ALL_FLOWS);
  return file;
}

type Row = Record<string, string>;
const csv = async (file: string): Promise<Row[]> => parse(await readFile(file, 'utf8'), { columns: true }) as Row[];

describe('flows in the outputs of run', () => {
  it('weekly.csv, summary.json and the terminal agree, and each lane conserves its cases week by week', async () => {
    const out = join(dir, 'run');
    const run = await cli('run', await allFlows(), '--reps', '400', '--seed', '3', '--quiet', '--out', out);
    expect(run.code).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const rows = await csv(join(out, 'weekly.csv'));
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['refilings_mean', 'moved_in_mean', 'moved_out_mean', 'withdrawals_mean']),
    );
    const lanes: string[] = summary.lanes;
    const sum = (lane: string, column: string) =>
      rows.filter((r) => r['lane'] === lane).reduce((s, r) => s + Number(r[column]), 0);
    for (const lane of lanes) {
      // The weekly columns add up to the summary's per-replication flows.
      expect(sum(lane, 'refilings_mean')).toBeCloseTo(summary.flows.refilings.byLane[lane], 6);
      expect(sum(lane, 'moved_in_mean')).toBeCloseTo(summary.flows.movedIn.byLane[lane], 6);
      expect(sum(lane, 'moved_out_mean')).toBeCloseTo(summary.flows.movedOut.byLane[lane], 6);
      expect(sum(lane, 'withdrawals_mean')).toBeCloseTo(summary.flows.withdrawals.byLane[lane], 6);
      // Conservation of the means: end = start + arrivals + in - decisions - out - withdrawals, every week.
      let open = summary.startBacklog.byLane[lane] as number;
      for (const r of rows.filter((row) => row['lane'] === lane)) {
        const n = (c: string) => Number(r[c]);
        open +=
          n('arrivals_mean') + n('moved_in_mean') - n('decisions_mean') - n('moved_out_mean') - n('withdrawals_mean');
        expect(n('mean')).toBeCloseTo(open, 6);
      }
    }
    // Every flow happened: moves out of incomplete (waiting) and hearing-free (decision step) into regular,
    // withdrawals and refilings; as many cases moved in as out.
    const flows = summary.flows;
    expect(flows.movedOut.byLane.incomplete).toBeGreaterThan(10);
    expect(flows.movedOut.byLane['hearing-free']).toBeGreaterThan(3);
    expect(flows.movedIn.byLane.regular).toBeCloseTo(flows.movedOut.total, 9);
    expect(flows.movedIn.total).toBeCloseTo(flows.movedOut.total, 9);
    expect(flows.withdrawals.byLane.regular).toBeGreaterThan(30);
    expect(flows.refilings.total).toBeGreaterThan(50);
    // Refilings are part of the arrivals.
    expect(summary.arrivals.total).toBeGreaterThan(flows.refilings.total);
    // The terminal shows the same numbers in its flows table.
    const text = await cli('run', await allFlows(), '--reps', '400', '--seed', '3', '--quiet');
    const table = text.stdout.slice(text.stdout.indexOf('Flows per replication'));
    const all = table.split('\n').find((line) => line.trimStart().startsWith('all '))!;
    const round = (x: number) => Math.round(x).toLocaleString('en-US');
    expect(all.trim().split(/\s+/)).toEqual([
      'all',
      round(summary.arrivals.total),
      round(flows.refilings.total),
      round(flows.movedIn.total),
      round(flows.movedOut.total),
      round(flows.withdrawals.total),
    ]);
  });

  it('the same on any number of workers and over shards', async () => {
    const file = await allFlows();
    const args = ['run', file, '--reps', '900', '--seed', '5', '--quiet', '--json'];
    const one = await cli(...args, '--workers', '1', '--out', join(dir, 'one'));
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    for (const k of [2, 1, 3])
      expect((await cli(...args, '--shard', `${k}/3`, '--out', join(dir, `shard-${k}`))).code).toBe(0);
    const shards = [1, 2, 3].map((k) => join(dir, `shard-${k}`));
    const merged = await cli('merge', ...shards, '--json', '--quiet', '--out', join(dir, 'merged'));
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    for (const name of ['weekly.csv', 'prognosis.csv', 'summary.json'])
      expect(await readFile(join(dir, 'merged', name), 'utf8')).toBe(await readFile(join(dir, 'one', name), 'utf8'));
  });

  it('a scenario without flows has neither the flows table nor the flow columns', async () => {
    const out = join(dir, 'plain');
    const run = await cli('run', `${OPTIONS}/plan-2024.yaml`, '--reps', '50', '--quiet', '--out', out);
    expect(run.stdout).not.toContain('Flows per replication');
    expect((await readFile(join(out, 'weekly.csv'), 'utf8')).split('\n')[0]).toBe(
      'week,week_start,week_end,iso_week,lane,mean,p5,p25,p50,p75,p95,deterministic,arrivals_mean,decisions_mean',
    );
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).flows).toBeUndefined();
  });

  it('the prognosis says which share of a cohort moved on to another lane before a decision', async () => {
    const file = await allFlows();
    const result = await cli('prognosis', file, '--filed', '2024-03-04', '--reps', '300', '--json', '--quiet');
    expect(result.code).toBe(0);
    const lanes = JSON.parse(result.stdout).lanes as { lane: string; movedOnShare: number }[];
    const share = (lane: string) => lanes.find((l) => l.lane === lane)!.movedOnShare;
    // 20% of incomplete files move at 8 weeks, before they are eligible; 25% of hearing-free cases at their decision.
    expect(share('incomplete')).toBeGreaterThan(0.05);
    expect(share('incomplete')).toBeLessThan(0.45);
    expect(share('hearing-free')).toBeGreaterThan(0);
    expect(share('regular')).toBe(0);
    const text = await cli('prognosis', file, '--filed', '2024-03-04', '--reps', '300', '--quiet');
    expect(text.stdout).toMatch(/incomplete: [\d.]+% of its cases of that week moved on to another lane/);
  });

  it('the report has a flows table', async () => {
    const report = join(dir, 'flows.html');
    expect((await cli('run', await allFlows(), '--reps', '100', '--quiet', '--report', report)).code).toBe(0);
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<h3>Flows (mean per replication)</h3>');
    expect(html).toContain('of which refiled');
  });

  it('the shipped flow options run and each shows its flow', async () => {
    const cases: [string, string][] = [
      ['track-switches.yaml', 'movedOut'],
      ['refiling.yaml', 'refilings'],
      ['withdrawals.yaml', 'withdrawals'],
    ];
    for (const [file, flow] of cases) {
      const result = await cli('run', `${OPTIONS}/${file}`, '--reps', '100', '--quiet', '--json');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).flows[flow].total).toBeGreaterThan(0);
    }
  });
});

describe('bad flows: one located message each, exit 2, nothing written', () => {
  const bad: [string, string, string][] = [
    [
      'a transfer to a lane that does not exist',
      'transfers: [{ to: regulr, probability: 0.2 }]',
      'names no lane: "regulr"; did you mean "regular"?',
    ],
    ['a transfer to the lane itself', 'transfers: [{ to: safe-country, probability: 0.2 }]', 'is the lane itself'],
    ['a probability above 1', 'transfers: [{ to: regular, probability: 1.5 }]', 'probability: must be at most 1'],
    [
      'a negative probability',
      'refiling: { probability: -0.1, delayWeeks: { mean: 10 } }',
      'probability: must not be negative, got -0.1',
    ],
    [
      'transfer probabilities that sum above 1',
      'transfers: [{ to: regular, probability: 0.7 }, { to: incomplete, probability: 0.4 }]',
      'probabilities at the decision step sum to 1.1',
    ],
    [
      'a negative refiling delay',
      'refiling: { probability: 0.2, delayWeeks: { mean: -3 } }',
      'delayWeeks.mean: must be greater than 0',
    ],
    [
      'a delay table that is not a distribution',
      'refiling: { probability: 0.2, delayTable: { 4: 0.5, 8: 0.3 } }',
      'delayTable: probabilities sum to 0.8',
    ],
    ['a refiling without a delay', 'refiling: { probability: 0.2 }', 'refiling'],
    ['a withdrawal hazard of 1', 'withdrawals: { perWeek: 1 }', 'perWeek: must be below 1'],
    ['a hazard by age that does not start at 0', 'withdrawals: { byAge: { 4: 0.01 } }', 'starts at age 4, not 0'],
    [
      'a waiting time of 0 weeks',
      'transfers: [{ to: regular, probability: 0.2, afterWeeks: 0 }]',
      'afterWeeks: must be at least 1',
    ],
  ];
  it.each(bad)('%s', async (_, field, message) => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, `extends: ${OPTIONS}/plan-2024.yaml\nlanes:\n  safe-country:\n    ${field}\n`);
    const out = join(dir, 'bad-out');
    const result = await cli('run', file, '--reps', '10', '--out', out, '--report', join(dir, 'bad.html'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    // Located: file, line 4 (the field's line), column.
    expect(result.stderr).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: lanes\\.safe-country\\.`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'bad.html'))).toBe(false);
  });

  it('a cycle of transfers at the decision step, but not one closed by a move after a waiting time', async () => {
    const file = join(dir, 'cycle.yaml');
    const lanes = (back: string) =>
      `extends: ${OPTIONS}/plan-2024.yaml\nlanes:\n  hearing-free:\n    transfers: [{ to: regular, probability: 0.2 }]\n  regular:\n    transfers: [${back}]\n`;
    await writeFile(file, lanes('{ to: hearing-free, probability: 0.1 }'));
    const cycle = await cli('run', file, '--reps', '10', '--quiet');
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toContain('at the decision step form a cycle: hearing-free -> regular -> hearing-free');
    await writeFile(file, lanes('{ to: hearing-free, probability: 0.1, afterWeeks: 30 }'));
    expect((await cli('run', file, '--reps', '10', '--quiet')).code).toBe(0);
  });
});
