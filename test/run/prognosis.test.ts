import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { PROGNOSIS_HEADER, prognosisCsv } from '../../src/io/format-prognosis.js';
import { checkPrognosisQuery, prognosis, prognosisRows } from '../../src/run/prognosis.js';
import type { Prognosis } from '../../src/run/prognosis.js';
import { replicationShard, singleRun } from '../../src/job/job.js';
import { runJob } from '../../src/job/run-job.js';
import { compile } from '../../src/scenario/index.js';
import { dayNumber, isoDate, scenarioIsoWeek, weekEndDate } from '../../src/time/weeks.js';
import type { Checked } from '../../src/scenario/errors.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';
import { throughShardFiles, checkedValue } from '../job/helpers.js';

const lane = (name: string, overrides: Partial<LaneSpec> = {}): LaneSpec => ({
  name,
  share: 1,
  priority: 1,
  minWaitWeeks: 1,
  grantRate: 0.5,
  hoursPerDecision: null,
  dedicatedCapacity: null,
  ...overrides,
});

/** One lane, 10 a week capacity, 100 open cases over the 10 weeks before the start (10 a week), 5 arrivals a week. */
const fifo = (overrides: Partial<Scenario> = {}): Scenario => ({
  ...benchReference(),
  horizonWeeks: 30,
  inflow: { kind: 'constant', meanPerWeek: 5 },
  lanes: [lane('only')],
  initialBacklog: { only: { kind: 'spread', count: 100, spreadWeeks: 10 } },
  capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 10 } },
  target: null,
  ...overrides,
});

const value = <T>(checked: Checked<T>): T => {
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.problem).join('; '));
  return checked.value;
};

/** The decision point of a wait in week t of a scenario from 2024-01-01. */
const point = (waitWeeks: number, t: number) => ({
  waitWeeks,
  date: weekEndDate('2024-01-01', t),
  isoWeek: scenarioIsoWeek('2024-01-01', t),
});

/** A Thursday in week `week` of a scenario starting Monday 2024-01-01. */
const dateInWeek = (week: number) => isoDate(dayNumber('2024-01-01')! + 7 * week + 3);

describe('prognosis in deterministic mode agrees with FIFO arithmetic', () => {
  const scenario = fifo();
  const plan = compile(scenario);
  const tally = simulateDeterministic(plan);

  it('the initial cohorts are decided one a week, oldest first', () => {
    const columns = plan.horizonWeeks + 1;
    for (let slot = 0; slot < 10; slot++) {
      const row = Array.from(tally.decisionWeeks.subarray(slot * columns, (slot + 1) * columns));
      expect(row[slot]).toBe(10);
      expect(row.reduce((a, b) => a + b, 0)).toBe(10);
    }
  });

  it('the cohort filed in week a is decided when the cases before it are done: week max(10 + floor(a / 2), a + 1)', () => {
    // 100 open cases take weeks 0-9; from week 10 the 10 a week clear two 5-case cohorts a week
    // until the queue catches up with the minimum wait of one week (cohort 18, week 19).
    for (let a = 0; a < plan.horizonWeeks - 1; a++) {
      const decided = Math.max(10 + Math.floor(a / 2), a + 1);
      const answer = value(prognosis(scenario, plan, tally, { filed: dateInWeek(a) }));
      expect(answer.week).toBe(a);
      const only = answer.lanes[0]!;
      expect(only).toEqual({
        lane: 'only',
        cases: 5,
        p50: point(decided - a, decided),
        p90: point(decided - a, decided),
        decidedWithinHorizon: 1,
        beyondHorizon: false,
      });
    }
  });

  it('a case open at the start: its cohort is the open cases of its filing week, decided oldest first', () => {
    // The open cases of week a (-10 .. -1) are decided in week a + 10, ten a week: a wait of 10 weeks.
    for (let a = -10; a < 0; a++) {
      const answer = value(prognosis(scenario, plan, tally, { filed: dateInWeek(a) }));
      expect(answer).toMatchObject({
        week: a,
        openAtStart: true,
        isoWeek: scenarioIsoWeek('2024-01-01', a),
        start: '2024-01-01',
        horizonWeeks: 30,
        horizonEnd: weekEndDate('2024-01-01', 29),
      });
      expect(answer.lanes[0]).toEqual({
        lane: 'only',
        cases: 10,
        p50: point(10, a + 10),
        p90: point(10, a + 10),
        decidedWithinHorizon: 1,
        beyondHorizon: false,
        oldestOpenWeek: -10,
        openCasesBasis: 'spread evenly over the 10 weeks before the start by initialBacklog',
      });
    }
    const inHorizon = value(prognosis(scenario, plan, tally, { filed: '2024-01-01' }));
    expect(inHorizon.openAtStart).toBe(false);
    expect(inHorizon.lanes[0]!.oldestOpenWeek).toBeUndefined();
  });

  it('a date older than every open case, or before the start without open cases, is an issue that says so', () => {
    const problems = (s: Scenario, filed: string, laneName?: string, at?: Record<string, string>) => {
      const checked = checkPrognosisQuery(s, { filed, lane: laneName }, { openCasesAt: at });
      return checked.ok ? [] : checked.issues.map((i) => `${i.file}: ${i.problem} (${i.allowed})`);
    };
    // Week -10 runs from 2023-10-23.
    expect(problems(scenario, '2023-10-23')).toEqual([]);
    expect(problems(scenario, '2023-10-22', undefined, { only: 'x.yaml:7', '': 'x.yaml:5' })).toEqual([
      "filed: 2023-10-22 is older than every case open at the start: the oldest, in lane only, was filed in week -10 (ISO 2023-W43, 2023-10-23 to 2023-10-29), as the scenario's initialBacklog gives at x.yaml:7 (a date from 2023-10-23, the oldest open case at the start, to 2024-07-28, the end of the horizon)",
    ]);
    const empty = fifo({ initialBacklog: {} });
    expect(problems(empty, '2023-12-31')).toEqual([
      'filed: 2023-12-31 is before the start, 2024-01-01, and no lane had open cases at the start (the scenario gives no initialBacklog) (a date from 2024-01-01, the start, to 2024-07-28, the end of the horizon)',
    ]);
    // Two lanes: one with open cases from week -10, one with none; asked about the one with none.
    const two = fifo({
      lanes: [lane('old', { share: 0.5 }), lane('new', { share: 0.5, priority: 2 })],
      initialBacklog: { old: { kind: 'spread', count: 100, spreadWeeks: 10 } },
    });
    expect(problems(two, '2023-12-31', 'new')).toEqual([
      'filed: 2023-12-31 is before the start, 2024-01-01, and lane new had no open cases at the start (initialBacklog.lanes lists none for it) (a date from 2024-01-01, the start, to 2024-07-28, the end of the horizon)',
    ]);
    expect(problems(two, '2023-12-31', 'old')).toEqual([]);
    // Without --lane the lane without open cases answers with none, and says why.
    const twoPlan = compile(two);
    const answer = value(prognosis(two, twoPlan, simulateDeterministic(twoPlan), { filed: '2023-12-31' }));
    expect(answer.lanes.map((l) => [l.lane, l.cases, l.oldestOpenWeek])).toEqual([
      ['old', 10, -10],
      ['new', 0, null],
    ]);
    // Running on: a date after the horizon is allowed up to the weeks the run may go to.
    expect(checkPrognosisQuery(scenario, { filed: '2024-08-01' }, { runWeeksAtMost: 60 }).ok).toBe(true);
    expect(problems(scenario, '2024-08-01')).toEqual([
      'filed: 2024-08-01 is after the end of the horizon (a date from 2023-10-23, the oldest open case at the start, to 2024-07-28, the end of the horizon)',
    ]);
  });

  it('prognosisRows has one row per week and lane from the oldest open case, matching prognosis', () => {
    const rows = prognosisRows(scenario, plan, tally);
    expect(rows).toHaveLength(plan.maxAgeWeeks + plan.horizonWeeks);
    expect(rows[0]).toMatchObject({ filedWeek: -10, filedDate: '2023-10-23', cases: 10, p50: point(10, 0) });
    expect(rows[14]).toMatchObject({
      filedWeek: 4,
      filedDate: '2024-01-29',
      filedWeekEnd: '2024-02-04',
      filedIsoWeek: '2024-W05',
      lane: 'only',
      cases: 5,
      decidedShare: 1,
      p50: { waitWeeks: 8 },
    });
    // The last week's cohort becomes eligible only after the horizon.
    expect(rows[39]).toMatchObject({ filedWeek: 29, cases: 5, decidedShare: 0, p50: null, p90: null });
    const csv = prognosisCsv(rows).trim().split('\n');
    expect(csv[0]).toBe(PROGNOSIS_HEADER.join(','));
    expect(csv[0]).toBe(
      'filed_week,filed_week_start,filed_week_end,filed_iso_week,lane,cases,decided_share,p50_wait_weeks,p50_decision_week_end,p50_decision_iso_week,p90_wait_weeks,p90_decision_week_end,p90_decision_iso_week',
    );
    expect(csv[1]).toBe('-10,2023-10-23,2023-10-29,2023-W43,only,10,1,10,2024-01-07,2024-W01,10,2024-01-07,2024-W01');
    expect(csv[11]).toBe('0,2024-01-01,2024-01-07,2024-W01,only,5,1,10,2024-03-17,2024-W11,10,2024-03-17,2024-W11');
    expect(csv[40]).toBe('29,2024-07-22,2024-07-28,2024-W30,only,5,0,,,,,,');
  });

  it('beyond the horizon: P90 null with the share decided, and both null when none is decided', () => {
    // 10 arrivals a week, 5 decisions a week from week 1: cohort a is done in week 2a + 2.
    const slow = fifo({
      horizonWeeks: 10,
      inflow: { kind: 'constant', meanPerWeek: 10 },
      initialBacklog: {},
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 5 } },
    });
    const slowPlan = compile(slow);
    const slowTally = simulateDeterministic(slowPlan);
    const half = value(prognosis(slow, slowPlan, slowTally, { filed: '2024-01-30', lane: 'only' }));
    expect(half.week).toBe(4);
    expect(half.lanes[0]).toEqual({
      lane: 'only',
      cases: 10,
      p50: point(5, 9),
      p90: null,
      decidedWithinHorizon: 0.5,
      beyondHorizon: true,
    });
    expect(half).toMatchObject({ openAtStart: false, isoWeek: '2024-W05', horizonWeeks: 10 });
    const none = value(prognosis(slow, slowPlan, slowTally, { filed: '2024-02-06' }));
    expect(none.lanes[0]).toMatchObject({ p50: null, p90: null, decidedWithinHorizon: 0, beyondHorizon: true });
  });

  it('a bad date, a date outside the horizon and an unknown lane are issues, not answers', () => {
    const problems = (filed: string, laneName?: string) => {
      const checked = prognosis(scenario, plan, tally, { filed, lane: laneName });
      return checked.ok ? [] : checked.issues.map((i) => `${i.file}: ${i.problem}`);
    };
    expect(problems('2024-02-30')).toEqual(['filed: must be a date YYYY-MM-DD, got "2024-02-30"']);
    expect(problems('2023-10-22')[0]).toMatch(/^filed: 2023-10-22 is older than every case open at the start/);
    expect(problems('2023-12-31')).toEqual([]);
    expect(problems('2024-07-29')).toEqual(['filed: 2024-07-29 is after the end of the horizon']);
    expect(problems('2024-07-28')).toEqual([]);
    expect(problems('2024-01-01', 'onyl')).toEqual(['lane: unknown lane "onyl"; did you mean "only"?']);
  });
});

describe('prognosis by lane name', () => {
  it('answers for the lane asked, also when the file lists lanes in another order than their priority', () => {
    // File order: slow (priority 2) before fast (priority 1); the plan serves fast first.
    const scenario = fifo({
      lanes: [lane('slow', { share: 0.5, priority: 2, minWaitWeeks: 6 }), lane('fast', { share: 0.5, priority: 1 })],
      initialBacklog: {},
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100 } },
    });
    const plan = compile(scenario);
    const tally = simulateDeterministic(plan);
    for (const [name, wait] of [
      ['slow', 6],
      ['fast', 1],
    ] as const) {
      const answer = value(prognosis(scenario, plan, tally, { filed: '2024-01-10', lane: name }));
      expect(answer.lanes.map((l) => [l.lane, l.p50?.waitWeeks])).toEqual([[name, wait]]);
    }
    // Every lane: in priority order.
    const all = value(prognosis(scenario, plan, tally, { filed: '2024-01-10' }));
    expect(all.lanes.map((l) => l.lane)).toEqual(['fast', 'slow']);
  });
});

describe('prognosis in stochastic mode', () => {
  const scenario = benchReference({ replications: 200 });
  const plan = compile(scenario);
  const tally = simulate(plan, { seed: 7, replications: 200 });

  it('P50 <= P90, and no case is decided before its minimum wait', () => {
    const rows = prognosisRows(scenario, plan, tally);
    expect(rows).toHaveLength((plan.maxAgeWeeks + 52) * 4);
    let compared = 0;
    for (const row of rows) {
      const minWait = scenario.lanes.find((l) => l.name === row.lane)!.minWaitWeeks;
      if (row.p50 !== null) expect(row.p50.waitWeeks).toBeGreaterThanOrEqual(minWait);
      if (row.p50 !== null && row.p90 !== null) {
        expect(row.p50.waitWeeks).toBeLessThanOrEqual(row.p90.waitWeeks);
        expect(row.p50.date <= row.p90.date).toBe(true);
        compared++;
      }
      if (row.p90 === null && row.cases > 0) expect(row.decidedShare!).toBeLessThan(0.9 + 1e-12);
    }
    expect(compared).toBeGreaterThan(50);
    const columns = plan.horizonWeeks + 1;
    for (let l = 0; l < plan.laneCount; l++) {
      const minWait = plan.minWaitWeeks[l]!;
      for (let slot = 0; slot < plan.cohortSlots; slot++) {
        const a = slot - plan.maxAgeWeeks;
        for (let t = 0; t < Math.min(plan.horizonWeeks, a + minWait); t++)
          expect(tally.decisionWeeks[(l * plan.cohortSlots + slot) * columns + t]).toBe(0);
      }
    }
  });

  it("decision weeks add up: per cohort to its cases, per week to the week's decisions", () => {
    const columns = plan.horizonWeeks + 1;
    for (let l = 0; l < plan.laneCount; l++) {
      let cases = 0;
      for (let slot = 0; slot < plan.cohortSlots; slot++)
        for (let t = 0; t <= plan.horizonWeeks; t++)
          cases += tally.decisionWeeks[(l * plan.cohortSlots + slot) * columns + t]!;
      let arrivals = 0;
      for (let t = 0; t < plan.horizonWeeks; t++) arrivals += tally.arrivalsSum[t * plan.laneCount + l]!;
      expect(cases).toBe(plan.initialBacklog[l]! * 200 + arrivals);
      for (let t = 0; t < plan.horizonWeeks; t++) {
        let decided = 0;
        for (let slot = 0; slot < plan.cohortSlots; slot++)
          decided += tally.decisionWeeks[(l * plan.cohortSlots + slot) * columns + t]!;
        expect(decided).toBe(tally.decisionsSum(t, l));
      }
      let open = 0;
      for (let slot = 0; slot < plan.cohortSlots; slot++)
        open += tally.decisionWeeks[(l * plan.cohortSlots + slot) * columns + plan.horizonWeeks]!;
      expect(open).toBe(tally.backlogSum(plan.horizonWeeks - 1, l));
    }
  });

  it('a case open at the start: its cohort is the open cases of that week in every replication, waiting at least since the start', () => {
    const oldest = -plan.maxAgeWeeks;
    const answer = value(prognosis(scenario, plan, tally, { filed: dateInWeek(oldest + 20) }));
    expect(answer.openAtStart).toBe(true);
    for (const l of answer.lanes) {
      const ages = plan.initialCohorts[plan.laneNames.indexOf(l.lane) * plan.cohortSlots + 20]!;
      expect(l.cases).toBe(ages);
      if (l.p50 !== null) expect(l.p50.waitWeeks).toBeGreaterThanOrEqual(-(oldest + 20));
      if (l.p50 !== null && l.p90 !== null) expect(l.p50.waitWeeks).toBeLessThanOrEqual(l.p90.waitWeeks);
    }
  });

  it('a late regular case is beyond the horizon: null percentiles and the share decided', () => {
    const answer: Prognosis = value(prognosis(scenario, plan, tally, { filed: '2024-11-05', lane: 'regular' }));
    expect(answer).toMatchObject({ scenario: 'bench-reference', reps: 200, filed: '2024-11-05', week: 44 });
    const regular = answer.lanes[0]!;
    expect(regular.lane).toBe('regular');
    expect(regular.p90).toBeNull();
    expect(regular.beyondHorizon).toBe(true);
    expect(regular.decidedWithinHorizon).toBeGreaterThanOrEqual(0);
    expect(regular.decidedWithinHorizon).toBeLessThan(0.9);
  });

  it('split runs merge into exactly the whole run, also through shard encoding and worker threads', async () => {
    const whole = simulate(plan, { seed: 7, replications: 60 });
    const first = simulate(plan, { seed: 7, replications: 25 });
    const second = simulate(plan, { seed: 7, replications: 35, firstReplication: 25 });
    first.merge(second);
    expect(Array.from(first.decisionWeeks)).toEqual(Array.from(whole.decisionWeeks));
    const job = singleRun({ ...scenario, seed: 7, replications: 60 });
    const merged = checkedValue(
      await throughShardFiles(job, [
        replicationShard(job, 1, 3),
        replicationShard(job, 3, 3),
        replicationShard(job, 2, 3),
      ]),
    );
    const viaShard = merged.tallies().tally(0);
    expect(Buffer.from(viaShard.decisionWeeks.buffer).equals(Buffer.from(whole.decisionWeeks.buffer))).toBe(true);
    const parallel = (await runJob(job, undefined, { workers: 2 })).tally(0);
    expect(Buffer.from(parallel.decisionWeeks.buffer).equals(Buffer.from(whole.decisionWeeks.buffer))).toBe(true);
  });
});
