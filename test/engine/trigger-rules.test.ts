/**
 * Trigger rules (docs/model.md, "Trigger rules"): extra FTE while a backlog
 * stays high. The rule looks at the open cases of its lanes at the end of
 * each week; fired at the end of week t, its staff work from week
 * t + 1 + delayWeeks; they leave after the first week they worked at whose
 * end the open cases are below `below`.
 */
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { traceReplication } from '../../src/engine/trace.js';
import { Tally } from '../../src/engine/tally.js';
import { compile } from '../../src/scenario/index.js';
import type { CapacitySpec, LaneSpec, Scenario, TriggerRule } from '../../src/scenario/types.js';

const lane = (name: string, share: number, extra: Partial<LaneSpec> = {}): LaneSpec => ({
  name,
  share,
  priority: 1,
  minWaitWeeks: 0,
  grantRate: 0,
  hoursPerDecision: 2,
  dedicatedCapacity: null,
  ...extra,
});

const rule = (extra: Partial<TriggerRule> = {}): TriggerRule => ({
  name: 'surge',
  lanes: ['watched'],
  above: 12,
  below: 14 - 4,
  forWeeks: 3,
  fte: 2,
  delayWeeks: 2,
  ...extra,
});

/**
 * One lane, 10 arrivals a week, no wait, 6 decisions a week: in expected
 * values the backlog at the end of week t is 4 (t + 1) while nothing else
 * happens. An FTE is 10 hours a week and a decision 2 hours: 5 decisions.
 */
function scenario(triggers: readonly TriggerRule[], extra: Partial<Scenario> = {}): Scenario {
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
      conversion: { hoursPerFteWeek: 10, productiveShare: 1, costPerFteYear: 52_000 },
      triggers,
    },
    calendar: [],
    lanes: [lane('watched', 1)],
    initialBacklog: {},
    target: null,
    ...extra,
  };
}

/** The new capacity of pool p in each week of a tally. */
const capacityOf = (tally: Tally, pools: number, p = 0) =>
  Array.from({ length: tally.horizonWeeks }, (_, t) => tally.capacitySum[t * pools + p]!);

const backlogOf = (tally: Tally, lanes = 1) =>
  Array.from({ length: tally.horizonWeeks }, (_, t) => tally.expectedBacklog![t * (lanes + 1) + lanes]!);

/** Weeks worked per replication, as the tally counts them: [weeks, replications] pairs with a count. */
const weeksCounted = (tally: Tally, r = 0) => {
  const columns = tally.horizonWeeks + 1;
  const pairs: [number, number][] = [];
  for (let w = 0; w < columns; w++) {
    const count = tally.workforceTriggerWeeks[r * columns + w]!;
    if (count > 0) pairs.push([w, count]);
  }
  return pairs;
};

describe('a trigger rule in expected values', () => {
  it('fires at the end of the third week above 12, works from 1 + 2 weeks later, leaves after the first week below 10, and fires again', () => {
    const plan = compile(scenario([rule({ below: 14 })]));
    const tally = simulateDeterministic(plan);
    // Backlog 4, 8, 12 (not above 12), 16, 20, 24: the third week above is week 5, so the staff work from week 5 + 1 + 2 = 8.
    // Then 10 + 6 = 16 decisions a week: 32 - 6 = 26, 20, 14 (not below 14), 8: off after week 11.
    // From week 12, 6 a week again: 12, 16, 20, 24 (week 15, the third above 12): on from week 18.
    expect(backlogOf(tally)).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 26, 20, 14, 8, 12, 16, 20, 24, 28, 32, 26, 20]);
    const on = [8, 9, 10, 11, 18, 19];
    expect(capacityOf(tally, 1)).toEqual(Array.from({ length: 20 }, (_, t) => (on.includes(t) ? 16 : 6)));
    expect(Array.from(tally.workforceTriggerFired)).toEqual([1]);
    expect(Array.from(tally.workforceTriggerFirings)).toEqual([2]);
    expect(weeksCounted(tally)).toEqual([[6, 1]]);
  });

  it('a backlog exactly at above does not count, and one exactly at below does not end the rule', () => {
    // Backlog 4, 8, 12, 16: with forWeeks 1 and above 12, week 3 (16) fires, not week 2 (12); without a delay the staff work
    // from week 4: 16 + 10 - 16 = 10, then 4, below 10 at week 5 (10 is not below 10): off from week 6.
    const tally = simulateDeterministic(compile(scenario([rule({ forWeeks: 1, delayWeeks: 0, below: 10 })])));
    expect(backlogOf(tally).slice(0, 8)).toEqual([4, 8, 12, 16, 10, 4, 8, 12]);
    expect(capacityOf(tally, 1).slice(0, 8)).toEqual([6, 6, 6, 6, 16, 16, 6, 6]);
  });

  it('the staff work at least one week: a backlog below `below` before they start does not end the rule', () => {
    // Fired at the end of week 3 (16 > 12), with a delay of 1 the staff start in week 5. below 100: every week is below it,
    // but the rule ends only at the end of week 5, the first week they worked. Backlog 20, 14 (the fourth week above 12),
    // 18: it fires again at the end of week 6, on in week 8 only; and so on every third week.
    const tally = simulateDeterministic(compile(scenario([rule({ forWeeks: 1, delayWeeks: 1, below: 100 })])));
    expect(capacityOf(tally, 1)).toEqual(Array.from({ length: 20 }, (_, t) => (t >= 5 && t % 3 === 2 ? 16 : 6)));
    expect(Array.from(tally.workforceTriggerFirings)).toEqual([6]);
    expect(weeksCounted(tally)).toEqual([[5, 1]]);
  });

  it('staff fired too late for the horizon are a firing without weeks worked', () => {
    // The third week above 12 is week 5: with a delay of 14 the staff would start in week 20, after the horizon.
    const tally = simulateDeterministic(compile(scenario([rule({ delayWeeks: 14 })])));
    expect(capacityOf(tally, 1)).toEqual(new Array(20).fill(6));
    expect(Array.from(tally.workforceTriggerFired)).toEqual([1]);
    expect(Array.from(tally.workforceTriggerFirings)).toEqual([1]);
    expect(weeksCounted(tally)).toEqual([[0, 1]]);
  });

  it('a rule that never fires: fired 0, no weeks worked, the capacity of the plan', () => {
    const tally = simulateDeterministic(compile(scenario([rule({ above: 1000 })])));
    expect(capacityOf(tally, 1)).toEqual(new Array(20).fill(6));
    expect(Array.from(tally.workforceTriggerFired)).toEqual([0]);
    expect(Array.from(tally.workforceTriggerFirings)).toEqual([0]);
    expect(weeksCounted(tally)).toEqual([[0, 1]]);
  });

  it('two rules on one pool add up, each counted on its own; the trace applies them too', () => {
    const rules = [
      rule({ name: 'early', forWeeks: 1, delayWeeks: 0, below: 0, fte: 1 }),
      rule({ name: 'late', above: 20, forWeeks: 2, delayWeeks: 1, below: 0, fte: 0.4 }),
    ];
    const plan = compile(scenario(rules));
    const tally = simulateDeterministic(plan);
    // early: fired at the end of week 3 (16), +5 from week 4: backlog 16 + 10 - 11 = 15, 14, 13, ... never below 0.
    // late: above 20 never happens after week 3 (16, 15, 14, ...): it never fires.
    expect(capacityOf(tally, 1)).toEqual([6, 6, 6, 6, ...new Array(16).fill(11)]);
    expect(Array.from(tally.workforceTriggerFirings)).toEqual([1, 0]);
    expect(weeksCounted(tally, 0)).toEqual([[16, 1]]);
    expect(weeksCounted(tally, 1)).toEqual([[0, 1]]);
    const trace = traceReplication(plan, { seed: 0, replication: 0, deterministic: true });
    expect(trace.weeks.map((week) => week.capacity[0])).toEqual(capacityOf(tally, 1));
    // Both on: 4 + 0.4 x 5 = 2 more a week once the late rule fires (above 20 for 2 weeks: weeks 4 and 5, on from week 7).
    const both = simulateDeterministic(
      compile(scenario([rules[0]!, rule({ name: 'late', above: 4, forWeeks: 2, delayWeeks: 1, below: 0, fte: 0.4 })])),
    );
    // late: above 4 at weeks 1 (8) and 2 (12): fired at the end of week 2, on from week 4, with early: 6 + 5 + 2.
    expect(capacityOf(both, 1)).toEqual([6, 6, 6, 6, ...new Array(16).fill(13)]);
    expect(weeksCounted(both, 1)).toEqual([[16, 1]]);
  });

  it('watches the open cases of its lanes together, whatever the pool serves', () => {
    // Two lanes of 5 a week each; the shared pool serves `first` before `second`: 6 a week decides 5 of first and 1 of second.
    // A rule on first alone never fires (its backlog stays 0); one on both sees 4 (t + 1) as before.
    const lanes = [lane('first', 0.5), lane('second', 0.5, { priority: 2 })];
    const one = simulateDeterministic(compile(scenario([rule({ lanes: ['first'], forWeeks: 1 })], { lanes })));
    expect(Array.from(one.workforceTriggerFirings)).toEqual([0]);
    const both = simulateDeterministic(
      compile(scenario([rule({ lanes: ['second', 'first'], forWeeks: 1, delayWeeks: 0, below: 0 })], { lanes })),
    );
    expect(capacityOf(both, 1).slice(0, 6)).toEqual([6, 6, 6, 6, 16, 16]);
  });

  it('adds the units of the FTE in a staff pool: hoursPerFteWeek x productiveShare of each week, with their schedules and the calendar', () => {
    const staffPool: CapacitySpec = {
      unit: 'hours',
      policy: { kind: 'staff', fte: 0, hoursPerFteWeek: 36, productiveShare: 0.5, costPerFteYear: null },
      changes: [{ from: '2024-01-15', field: 'hoursPerFteWeek', value: 40 }],
      triggers: [rule({ above: 0, forWeeks: 1, delayWeeks: 0, below: 0 })],
    };
    // Thursday and Friday of week 1 closed: 3 of its 5 working days, factor 0.6.
    const plan = compile(
      scenario([], {
        horizonWeeks: 4,
        capacity: staffPool,
        calendar: [{ from: '2024-01-11', to: '2024-01-12', scale: 0, label: null }],
      }),
    );
    expect(plan.pools[0]!.triggers).toEqual(Int32Array.of(0));
    expect(Array.from(plan.triggers[0]!.extra)).toEqual([2 * 36 * 0.5, 2 * 36 * 0.5 * 0.6, 2 * 40 * 0.5, 2 * 40 * 0.5]);
    // Fired at the end of week 0 (10 open > 0), on from week 1: the hours of weeks 1 to 3, floored with the carry.
    const tally = simulateDeterministic(plan);
    expect(capacityOf(tally, 1)).toEqual([0, 21, 40, 40]);
  });

  it('adds the units of the FTE in a pool with a conversion: its hours / the hours of a unit', () => {
    // A lane's own pool counted in hours: 1 hour a unit, an FTE 40 x 0.5 = 20 units; the shared pool counted in decisions of
    // 4 and 16 hours (shares 0.25, 0.75: 13 hours): an FTE 20 / 13 decisions.
    const own: CapacitySpec = {
      unit: 'hours',
      policy: { kind: 'perWeek', perWeek: 0 },
      conversion: { hoursPerFteWeek: 40, productiveShare: 0.5, costPerFteYear: null },
      triggers: [rule({ name: 'own', lanes: ['quick'], above: 0, forWeeks: 1, delayWeeks: 0, below: 0, fte: 1.5 })],
    };
    const shared: CapacitySpec = {
      unit: 'decisions',
      policy: { kind: 'perWeek', perWeek: 1 },
      conversion: { hoursPerFteWeek: 40, productiveShare: 0.5, costPerFteYear: null },
      triggers: [rule({ lanes: ['quick'], above: 1000, fte: 1.3 })],
    };
    // Thursday and Friday of week 1 closed: its factor is 0.6, for the rules' staff too.
    const plan = compile(
      scenario([], {
        horizonWeeks: 3,
        capacity: shared,
        calendar: [{ from: '2024-01-11', to: '2024-01-12', scale: 0, label: null }],
        lanes: [
          lane('quick', 0.25, { hoursPerDecision: 4, dedicatedCapacity: own }),
          lane('full', 0.75, { hoursPerDecision: 16, priority: 2 }),
        ],
      }),
    );
    expect(plan.triggers.map((t) => [t.name, t.pool])).toEqual([
      ['surge', 0],
      ['own', 1],
    ]);
    expect(plan.pools[0]!.triggers).toEqual(Int32Array.of(0));
    expect(plan.pools[1]!.triggers).toEqual(Int32Array.of(1));
    const perFte = (40 * 0.5) / 13;
    expect(Array.from(plan.triggers[0]!.extra)).toEqual([1.3 * perFte, 1.3 * (perFte * 0.6), 1.3 * perFte]);
    expect(Array.from(plan.triggers[1]!.extra)).toEqual([30, 1.5 * (20 * 0.6), 30]);
    expect(Array.from(plan.triggers[1]!.lanes)).toEqual([0]);
    // quick: 2.5 a week, fired at the end of week 0 (2.5 > 0): 18 and 30 hours of its own pool from week 1.
    expect(capacityOf(simulateDeterministic(plan), 2, 1)).toEqual([0, 18, 30]);
  });

  it('the staff are subject to the capacity factors of an uncertainty block, as the pool is', () => {
    // Productivity held at 0.5: (6 + 10) x 0.5 = 8 a week while the rule is on, 3 before.
    const uncertain = scenario([rule({ forWeeks: 1, delayWeeks: 0, below: 0 })], {
      horizonWeeks: 6,
      uncertainty: {
        inflow: { level: null, drift: null, overdispersion: null },
        capacity: { productivity: { cv: 0.1, distribution: 'lognormal', fixedAt: 0.5 }, weekly: null },
        shares: null,
        grantRates: null,
        source: null,
      },
    });
    const tally = simulateDeterministic(compile(uncertain));
    // Backlog 7, 14 (> 12: fired at the end of week 1), on from week 2.
    expect(capacityOf(tally, 1)).toEqual([3, 3, 8, 8, 8, 8]);
  });
});

describe('a trigger rule in stochastic runs', () => {
  it('each replication fires on its own path: its capacity is the plan plus the staff in exactly the weeks its own backlog says', () => {
    const plan = compile(scenario([rule({ forWeeks: 2, delayWeeks: 1, below: 8 })], { horizonWeeks: 30 }));
    for (let r = 0; r < 20; r++) {
      const trace = traceReplication(plan, { seed: 11, replication: r });
      // The rule replayed by hand on the path's end-of-week backlog.
      let streak = 0;
      let from = Number.POSITIVE_INFINITY;
      const expected: number[] = [];
      trace.weeks.forEach((week, t) => {
        expected.push(t >= from ? 16 : 6);
        const open = week.backlogEnd[0]!;
        streak = open > 12 ? streak + 1 : 0;
        if (from === Number.POSITIVE_INFINITY && streak >= 2) from = t + 2;
        else if (t >= from && open < 8) from = Number.POSITIVE_INFINITY;
      });
      expect(trace.weeks.map((week) => week.capacity[0])).toEqual(expected);
    }
  });

  it('tallies of any split of the replications merge into the tally of all of them, exactly', () => {
    const plan = compile(
      scenario([rule({ forWeeks: 2, delayWeeks: 1, below: 8 }), rule({ name: 'second', above: 20, fte: 0.5 })], {
        horizonWeeks: 30,
      }),
    );
    const all = simulate(plan, { seed: 5, replications: 40 });
    // The first rule fires in every replication, several times; the second in some only.
    expect(Array.from(all.workforceTriggerFired)).toEqual([40, 22]);
    expect(Array.from(all.workforceTriggerFirings)).toEqual([151, 27]);
    for (const cut of [1, 17, 39]) {
      const merged = simulate(plan, { seed: 5, replications: cut });
      merged.merge(simulate(plan, { seed: 5, replications: 40 - cut, firstReplication: cut }));
      expect(merged.toData()).toEqual(all.toData());
    }
    // Every replication is counted once in each rule's weeks.
    for (let r = 0; r < 2; r++) expect(weeksCounted(all, r).reduce((sum, [, n]) => sum + n, 0)).toBe(40);
  });

  it('every replication starts with its rules off and uncounted, whatever the one before left', () => {
    // No inflow and no capacity of the plan: 100 open cases, one FTE decides 1 a week. `on` fires at the end of week 0 and is
    // still on at the end; `pending` has counted 6 weeks above 50 of the 10 it needs. Each replication is the same path.
    const plan = compile(
      scenario(
        [
          rule({ name: 'on', above: 50, forWeeks: 1, delayWeeks: 0, below: 0, fte: 1 }),
          rule({ name: 'pending', above: 50, forWeeks: 10, delayWeeks: 0, below: 0, fte: 1 }),
        ],
        {
          horizonWeeks: 6,
          inflow: { kind: 'constant', meanPerWeek: 0 },
          capacity: {
            unit: 'decisions',
            policy: { kind: 'perWeek', perWeek: 0 },
            conversion: { hoursPerFteWeek: 10, productiveShare: 1, costPerFteYear: null },
            triggers: [
              rule({ name: 'on', above: 50, forWeeks: 1, delayWeeks: 0, below: 0, fte: 1 }),
              rule({ name: 'pending', above: 50, forWeeks: 10, delayWeeks: 0, below: 0, fte: 1 }),
            ],
          },
          lanes: [lane('watched', 1, { hoursPerDecision: 10 })],
          initialBacklog: { watched: { kind: 'spread', count: 100, spreadWeeks: 4 } },
        },
      ),
    );
    const one = simulate(plan, { seed: 1, replications: 1 });
    expect(capacityOf(one, 1)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(Array.from(one.workforceTriggerFirings)).toEqual([1, 0]);
    const three = simulate(plan, { seed: 1, replications: 3 });
    expect(capacityOf(three, 1)).toEqual([0, 3, 3, 3, 3, 3]);
    expect(Array.from(three.workforceTriggerFired)).toEqual([3, 0]);
    expect(Array.from(three.workforceTriggerFirings)).toEqual([3, 0]);
    expect(weeksCounted(three, 0)).toEqual([[5, 3]]);
    expect(weeksCounted(three, 1)).toEqual([[0, 3]]);
  });
});

describe('the tally of a plan with trigger rules', () => {
  it('has the rules among its dimensions: a tally of another number of rules does not merge', () => {
    const plan = compile(scenario([rule()]));
    const tally = new Tally(plan, false);
    expect(tally.triggerCount).toBe(1);
    expect(tally.workforceTriggerWeeks).toHaveLength(21);
    const other = new Tally(compile(scenario([rule(), rule({ name: 'two' })])), false);
    expect(other.workforceTriggerFired).toHaveLength(2);
    expect(other.workforceTriggerFirings).toHaveLength(2);
    expect(other.workforceTriggerWeeks).toHaveLength(42);
    expect(() => tally.merge(other)).toThrow('cannot merge tallies of different plans or modes');
    // A pool without rules has no list of them: it takes the quota as before.
    expect(compile(scenario([])).pools[0]!.triggers).toBeUndefined();
    // Data of a plan without rules may leave the count out.
    const none = new Tally(compile(scenario([])), false);
    const { triggerCount: _, ...without } = none.toData();
    expect(() => none.mergeData(without)).not.toThrow();
    expect(none.toData().triggerCount).toBe(0);
  });
});
