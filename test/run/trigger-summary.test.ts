/**
 * What runs report of trigger rules: per rule, the share of replications in
 * which it fired, its firings, the weeks its staff worked (mean, P50, P90),
 * FTE-weeks and cost; in the summary (--json), the terminal output, the
 * sweep CSV, and the pools' FTE and cost. Shards and workers give the same.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { formatRunSummary } from '../../src/io/format-run-summary.js';
import { sweepCsv } from '../../src/io/sweep-outputs.js';
import { assumptionsPastHorizon } from '../../src/run/past-horizon.js';
import { summarize } from '../../src/run/summary.js';
import type { RunSummary } from '../../src/run/summary.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario, TriggerRule } from '../../src/scenario/types.js';
import { cli } from '../cli/helpers.js';

const RULE: TriggerRule = {
  name: 'surge',
  lanes: ['watched'],
  above: 12,
  below: 14,
  forWeeks: 3,
  fte: 2,
  delayWeeks: 2,
};

/** As in test/engine/trigger-rules.test.ts: the rule fires twice and its staff work 6 weeks in expected values. */
function scenario(triggers: readonly TriggerRule[] | undefined, costPerFteYear: number | null = 52_000): Scenario {
  return {
    name: 'trigger',
    description: null,
    start: '2024-01-01',
    horizonWeeks: 20,
    seed: 3,
    replications: 1,
    inflow: { kind: 'constant', meanPerWeek: 10 },
    capacity: {
      unit: 'decisions',
      policy: { kind: 'perWeek', perWeek: 6 },
      conversion: { hoursPerFteWeek: 10, productiveShare: 1, costPerFteYear },
      ...(triggers === undefined ? {} : { triggers }),
    },
    calendar: [],
    lanes: [
      {
        name: 'watched',
        share: 1,
        priority: 1,
        minWaitWeeks: 0,
        grantRate: 0,
        hoursPerDecision: 2,
        dedicatedCapacity: null,
      },
    ],
    initialBacklog: {},
    target: null,
  };
}

function deterministicSummary(s: Scenario): RunSummary {
  const plan = compile(s);
  const expected = simulateDeterministic(plan);
  return summarize(s, plan, expected, expected);
}

describe('the summary of a run with trigger rules', () => {
  it('expected values: fired on the path, 2 firings, 6 weeks worked, 12 FTE-weeks at 1,000 a week', () => {
    const summary = deterministicSummary(scenario([RULE]));
    expect(summary.triggers).toEqual([
      {
        name: 'surge',
        pool: 'shared',
        lanes: ['watched'],
        fte: 2,
        firedShare: 1,
        firings: 2,
        activeWeeks: { mean: 6, p50: 6, p90: 6 },
        fteWeeks: 12,
        cost: 12_000,
      },
    ]);
    // The pool pays its planned 6 decisions x 2 hours / 10 hours = 1.2 FTE a week, 24 FTE-weeks, and the rule's 12.
    const pool = summary.capacity.pools[0]!;
    expect(pool.fte).toBeCloseTo(36 / 20, 12);
    expect(pool.cost).toBeCloseTo(36_000, 6);
    expect(summary.staff!.cost).toBeCloseTo(36_000, 6);
  });

  it('without a cost, no cost; without rules, no triggers key and the pool as before', () => {
    expect(deterministicSummary(scenario([RULE], null)).triggers![0]!.cost).toBeNull();
    const none = deterministicSummary(scenario(undefined));
    expect('triggers' in none).toBe(false);
    expect(none.capacity.pools[0]!.fte).toBeCloseTo(1.2, 12);
    expect(formatRunSummary(none, 'x.yaml')).not.toContain('Trigger rules');
  });

  it('stochastic: shares, means and percentiles over the replications, from the exact counts', () => {
    const s = { ...scenario([RULE, { ...RULE, name: 'big', above: 30, fte: 0.5 }]), horizonWeeks: 30 };
    const plan = compile(s);
    const tally = simulate(plan, { seed: 5, replications: 40 });
    const summary = summarize(s, plan, tally, simulateDeterministic(plan));
    const columns = 31;
    summary.triggers!.forEach((rule, r) => {
      const weeks: number[] = [];
      for (let w = 0; w < columns; w++)
        for (let n = 0; n < tally.workforceTriggerWeeks[r * columns + w]!; n++) weeks.push(w);
      expect(weeks).toHaveLength(40);
      // Linear interpolation between order statistics (R's type 7), on the sorted weeks.
      const quantile = (p: number) => {
        const h = (weeks.length - 1) * p;
        const low = Math.floor(h);
        return weeks[low]! + (h - low) * (weeks[Math.min(low + 1, weeks.length - 1)]! - weeks[low]!);
      };
      const mean = weeks.reduce((sum, w) => sum + w, 0) / 40;
      expect(rule.firedShare).toBe(tally.workforceTriggerFired[r]! / 40);
      expect(rule.firings).toBe(tally.workforceTriggerFirings[r]! / 40);
      expect(rule.activeWeeks).toEqual({ mean, p50: quantile(0.5), p90: quantile(0.9) });
      expect(rule.fteWeeks).toBe(rule.fte * mean);
      expect(rule.cost).toBe((rule.fte * mean * 52_000) / 52);
    });
    expect(summary.triggers!.map((rule) => rule.firedShare)).toEqual([1, 21 / 40]);
    expect(summary.triggers![1]!.activeWeeks.p50).toBeGreaterThan(0);
  });

  it('the terminal output has a table of the rules', () => {
    const text = formatRunSummary(deterministicSummary(scenario([RULE])), 'x.yaml');
    expect(text).toContain(
      [
        'Trigger rules on the expected-value path: extra FTE while a backlog stays high',
        '  rule     pool    lanes  FTE  fired in  firings  weeks on  P50  P90  FTE-weeks    cost',
        '  surge  shared  watched    2    100.0%      2.0       6.0    6    6         12  12,000',
        '  (fired in: share of the replications in which the rule fired; weeks on: weeks its staff worked, within the horizon)',
      ].join('\n'),
    );
    const uncosted = formatRunSummary(deterministicSummary(scenario([RULE], null)), 'x.yaml');
    expect(uncosted).toContain('  rule     pool    lanes  FTE  fired in  firings  weeks on  P50  P90  FTE-weeks\n');
  });

  it('the sweep CSV has four columns per rule, after the lanes', () => {
    const summary = deterministicSummary(scenario([RULE]));
    const none = deterministicSummary(scenario(undefined));
    const result = {
      scenario: 'trigger',
      seed: 3,
      reps: 1,
      parameters: [],
      rows: [
        { values: {}, summary },
        { values: {}, summary: none },
      ],
    };
    const [header, first, second] = sweepCsv(result).split('\n');
    expect(
      header!.endsWith(
        ',end_mean_watched,trigger_fired_share_surge,trigger_weeks_mean_surge,trigger_fte_weeks_surge,trigger_cost_surge',
      ),
    ).toBe(true);
    expect(first!.endsWith(',1.8,18,36000,200,20,1,6,12,12000')).toBe(true);
    expect(second!.endsWith(',,,,')).toBe(true);
    expect(sweepCsv({ ...result, rows: [{ values: {}, summary: none }] }).split('\n')[0]).toMatch(/,end_mean_watched$/);
  });
});

describe('a run past the horizon of a scenario with trigger rules', () => {
  it('says the rules go on watching the backlog', () => {
    const s = scenario([RULE, { ...RULE, name: 'second' }]);
    expect(assumptionsPastHorizon(s, 20, 40)).toContain(
      'capacity: its trigger rules (surge, second) go on watching the backlog (capacity.triggers)',
    );
    expect(assumptionsPastHorizon(scenario(undefined), 20, 40).some((line) => line.includes('trigger'))).toBe(false);
  });
});

describe('caseload run of the shipped option with a trigger rule', () => {
  const option = 'scenarios/options-2024/extra-fte-where-needed.yaml';
  const run = ['run', option, '--reps', '200', '--seed', '4', '--quiet'];

  it('reports the rule in --json, the same with any number of workers and from merged shards', async () => {
    const one = await cli(...run, '--json', '--workers', '1');
    expect(one.code).toBe(0);
    const summary = JSON.parse(one.stdout) as RunSummary;
    expect(summary.triggers!.map((rule) => [rule.name, rule.pool, rule.lanes, rule.fte])).toEqual([
      ['triage-surge', 'incomplete', ['incomplete'], 1],
    ]);
    expect(summary.triggers![0]!.firedShare).toBeGreaterThan(0);
    expect(summary.triggers![0]!.firedShare).toBeLessThan(1);
    expect((await cli(...run, '--json', '--workers', '3')).stdout).toBe(one.stdout);
    const dir = await mkdtemp(join(tmpdir(), 'caseload-trigger-shards-'));
    try {
      for (const k of [1, 2])
        expect((await cli(...run, '--shard', `${k}/2`, '--out', join(dir, `s${k}`))).code).toBe(0);
      const merged = await cli('merge', join(dir, 's1'), join(dir, 's2'), '--json', '--quiet');
      expect(merged.stdout).toBe(one.stdout);
      const shard = JSON.parse(await readFile(join(dir, 's1', 'shard-1-of-2.json'), 'utf8')) as {
        plans: { tally: { triggerCount?: number } }[];
      };
      expect(shard.plans[0]!.tally.triggerCount).toBe(1);
    } finally {
      await rm(dir, { recursive: true });
    }
    const text = await cli(...run);
    expect(text.stdout).toContain('Trigger rules per replication: extra FTE while a backlog stays high');
  });
});
