import { describe, expect, it } from 'vitest';
import { findTarget } from '../../src/experiment/find-target.js';
import type { TargetRequest, TargetResult } from '../../src/experiment/find-target.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { simulate } from '../../src/engine/simulate.js';
import { compile, loadScenario } from '../../src/scenario/index.js';
import { replicationsForHalfWidth, wilsonInterval } from '../../src/stats/proportion.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const REQUEST: TargetRequest = {
  file: BASELINE,
  lever: 'perWeek',
  backlog: 1100,
  date: '2024-12-31',
  confidence: 0.9,
  replications: 400,
  seed: 11,
  // The Poisson-only theory of the plan (the analytic 31.54 a week): without the baseline's uncertainty block.
  uncertainty: false,
};

async function found(request: TargetRequest): Promise<TargetResult> {
  const result = await findTarget(request);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

async function issuesOf(request: TargetRequest): Promise<string[]> {
  const result = await findTarget(request);
  if (result.ok) throw new Error('expected issues');
  return result.issues.map(formatIssue);
}

/** The target probability of an independent run of the baseline with capacity.perWeek set, as `caseload run` computes it. */
async function runAt(perWeek: number, seed: number, replications: number): Promise<number> {
  const loaded = await loadScenario(BASELINE, {
    seed,
    replications,
    set: [{ path: 'capacity.perWeek', value: perWeek }],
    uncertainty: false,
  });
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return (await runScenario(loaded.value.scenario)).summary.target!.probability;
}

describe('findTarget on the baseline, lever perWeek, 1,100 by 2024-12-31 at 90%', () => {
  it('finds a whole number of decisions a week above the analytic 31.54 that reaches 90%, while one less does not', async () => {
    const result = await found(REQUEST);
    expect(Number.isInteger(result.value)).toBe(true);
    const value = result.value!;
    expect(value).toBeGreaterThan(31.54);
    expect(value).toBeLessThanOrEqual(36);
    expect(result.probability).toBeGreaterThanOrEqual(0.9);
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    expect(result.replicationsForOnePoint).toBe(replicationsForHalfWidth(result.probability!));
    expect([result.undecided, result.cannotTell]).toEqual([null, false]);
    expect(result.metAtLowest).toBe(false);
    expect(result.target).toEqual({
      kind: 'backlog',
      backlog: 1100,
      date: '2024-12-31',
      week: 51,
      weekEnd: '2024-12-29',
      isoWeek: '2024-W52',
      lanes: null,
    });
    expect([result.reps, result.seed]).toEqual([400, 11]);

    // The reported neighbours: one step below falls short, one step above reaches.
    expect(result.neighbours.map((n) => n.value)).toEqual([value - 1, value + 1]);
    expect(result.neighbours[0]!.probability).toBeLessThan(0.9);
    expect(result.neighbours[1]!.probability).toBeGreaterThanOrEqual(result.probability!);

    // Independent runs with the same seed agree exactly (common random numbers).
    expect(await runAt(value, 11, 400)).toBe(result.probability);
    const below = await runAt(value - 1, 11, 400);
    expect(below).toBe(result.neighbours[0]!.probability);
    expect(below).toBeLessThan(0.9);

    // Every probability is a count of replications, with its Wilson interval.
    for (const e of result.evaluations) {
      expect(Number.isInteger(e.successes)).toBe(true);
      expect(e.probability).toBe(e.successes / 400);
      const { low, high } = wilsonInterval(e.successes, 400);
      expect(e.probabilityInterval).toEqual({ low, high });
    }
    expect(result.probabilityInterval).toEqual(result.evaluations.find((e) => e.value === value)!.probabilityInterval);

    // The search is monotone and short; each value once.
    expect(result.monotone).toBe(true);
    const sorted = [...result.evaluations].sort((a, b) => a.value - b.value);
    sorted.forEach((e, i) => {
      if (i > 0) expect(e.probability).toBeGreaterThanOrEqual(sorted[i - 1]!.probability);
    });
    expect(new Set(result.evaluations.map((e) => e.value)).size).toBe(result.evaluations.length);
    expect(result.evaluations.length).toBeLessThanOrEqual(12);
    expect(result.evaluations[0]!.value).toBe(30); // from the scenario's 1,600 / 52 = 30.77 a week

    // The analytic cross-check, exactly, and how far the answer is from it.
    expect(result.analyticRelief!.perWeek).toBe((1440 - 1100) / 52 + 25);
    expect(result.comparison!.analytic).toBe((1440 - 1100) / 52 + 25);
    expect(result.comparison!.difference).toBeCloseTo(value - 31.538461538, 8);
    expect(result.comparison!.percent).toBeCloseTo(((value - 31.538461538) / 31.538461538) * 100, 6);
  });

  it('gives the same answer for the same seed', async () => {
    const [a, b] = [await found(REQUEST), await found(REQUEST)];
    expect(b).toEqual(a);
  });

  it('searches a finer grid with --step, values clean multiples of the step', async () => {
    const result = await found({ ...REQUEST, step: 0.1 });
    const value = result.value!;
    expect(Math.round(value * 10) / 10).toBe(value);
    expect(result.neighbours[0]!.value).toBe(Number((value - 0.1).toFixed(1)));
    expect(result.neighbours[0]!.probabilityInterval.low).toBeLessThan(0.9);
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    expect(await runAt(value, 11, 400)).toBe(result.probability);
  });

  it('reports a target already met at the lowest value, 0 a week', async () => {
    const result = await found({ ...REQUEST, backlog: 5000 });
    expect(result.value).toBe(0);
    expect(result.metAtLowest).toBe(true);
    expect(result.neighbours.map((n) => n.value)).toEqual([1]);
  });

  it('says so with value null when nothing up to the maximum reaches the target', async () => {
    // Minimum waits keep the latest arrivals open, so 10 by the fourth week is out of reach.
    const result = await found({ ...REQUEST, backlog: 10, date: '2024-02-01', max: 200 });
    expect(result.value).toBeNull();
    expect(result.probability).toBeNull();
    expect(result.neighbours).toEqual([]);
    expect(result.comparison).toBeNull();
    expect(result.searched.highest).toBe(200);
    expect(result.evaluations.some((e) => e.value === 200)).toBe(true);
  });

  it("defaults the backlog and the date to the scenario's target", async () => {
    const result = await found({ file: BASELINE, replications: 200, seed: 3 });
    expect(result.target).toMatchObject({ backlog: 1100, date: '2024-12-31', week: 51 });
    expect(result.lever).toBe('perWeek');
    expect(result.confidence).toBe(0.9);
  });
});

describe('findTarget answers with a value whose 95% interval clears the confidence', () => {
  /**
   * The answer at 90% (seed 11, 400 replications) and a confidence just below its
   * probability: that value then reaches the confidence on the estimate but not
   * with its interval, and the one step below falls short on both.
   */
  async function straddled() {
    const at90 = await found(REQUEST);
    const value = at90.value!;
    const probability = at90.probability!;
    const confidence = probability - 0.005;
    expect(at90.probabilityInterval!.low).toBeLessThan(confidence);
    expect(at90.neighbours[0]!.probability).toBeLessThan(confidence);
    return { value, probability, confidence };
  }

  it('a value whose estimate clears the confidence but whose lower bound does not is not the answer: a higher one is', async () => {
    const { value, probability, confidence } = await straddled();
    const result = await found({ ...REQUEST, confidence });
    expect(result.value).toBeGreaterThan(value);
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(confidence);
    // The value one step below the answer does not clear it with its lower bound.
    const below = result.neighbours.find((n) => n.value === result.value! - 1)!;
    expect(below.probabilityInterval.low).toBeLessThan(confidence);
    // The smallest value that reaches it on the estimate only, with the replications that would tell.
    expect(result.cannotTell).toBe(false);
    expect(result.undecided).toMatchObject({ value, probability });
    const undecided = result.undecided!;
    expect(undecided.probabilityInterval.low).toBeLessThan(confidence);
    expect(undecided.replicationsToSeparate).toBe(replicationsForHalfWidth(probability, probability - confidence));
    expect(undecided.replicationsToSeparate).toBeGreaterThan(400);
    expect(undecided.replicationsForOnePoint).toBe(replicationsForHalfWidth(probability));
    // At that many replications an interval around the same estimate would clear the confidence; at 400 it does not.
    const n = undecided.replicationsToSeparate!;
    expect(wilsonInterval(probability * n, n).low).toBeGreaterThanOrEqual(confidence);
    expect(wilsonInterval(probability * 400, 400).low).toBeLessThan(confidence);
    expect(new Set(result.evaluations.map((e) => e.value)).size).toBe(result.evaluations.length);
  });

  it('says the replications cannot tell when no value in the range clears the confidence with its interval', async () => {
    const { value, probability, confidence } = await straddled();
    const result = await found({ ...REQUEST, confidence, max: value });
    expect(result.value).toBeNull();
    expect(result.probability).toBeNull();
    expect(result.probabilityInterval).toBeNull();
    expect(result.replicationsForOnePoint).toBeNull();
    expect(result.cannotTell).toBe(true);
    expect(result.undecided).toMatchObject({ value, probability });
    expect(result.undecided!.replicationsToSeparate).toBe(
      replicationsForHalfWidth(probability, probability - confidence),
    );
    expect(result.neighbours).toEqual([]);
    expect(result.comparison).toBeNull();
  });

  it('at 20 replications, 100% is not enough for 90% (20 of 20 is 83.9-100%); the 35 replications it names are', async () => {
    const met = { ...REQUEST, backlog: 5000, max: 40 };
    const few = await found({ ...met, replications: 20 });
    expect(few.evaluations.every((e) => e.probability === 1)).toBe(true);
    expect(few.value).toBeNull();
    expect(few.cannotTell).toBe(true);
    expect(few.undecided).toMatchObject({ value: 0, probability: 1, successes: 20, replicationsToSeparate: 35 });
    expect(few.undecided!.probabilityInterval.low).toBeCloseTo(0.839, 3);
    const enough = await found({ ...met, replications: few.undecided!.replicationsToSeparate! });
    expect(enough.value).toBe(0);
    expect(enough.metAtLowest).toBe(true);
    expect(enough.cannotTell).toBe(false);
    const oneLess = await found({ ...met, replications: 34 });
    expect(oneLess.cannotTell).toBe(true);
  });

  it('an estimate exactly at the confidence: no number of replications can be promised to separate it', async () => {
    const at90 = await found(REQUEST);
    const result = await found({ ...REQUEST, confidence: at90.probability!, max: at90.value! });
    expect(result.cannotTell).toBe(true);
    expect(result.undecided).toMatchObject({ value: at90.value, replicationsToSeparate: null });
    expect(result.undecided!.replicationsForOnePoint).toBe(replicationsForHalfWidth(at90.probability!));
  });
});

describe('findTarget with other levers', () => {
  it('fte on the shared staff pool: the answer clears 90% with its interval, one FTE less does not; the analytic relief in FTE', async () => {
    const result = await found({
      file: 'scenarios/shared-staff.yaml',
      lever: 'fte',
      backlog: 1800,
      date: '2024-12-31',
      replications: 200,
      seed: 5,
    });
    expect(Number.isInteger(result.value)).toBe(true);
    expect(result.probability).toBeGreaterThanOrEqual(0.9);
    expect(result.neighbours[0]).toMatchObject({ value: result.value! - 1 });
    expect(result.neighbours[0]!.probabilityInterval.low).toBeLessThan(0.9);
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    const fte = result.analyticRelief!.fte!;
    expect(result.comparison!.analytic).toBe(fte.value);
    expect(fte.value).toBeGreaterThan(140);
    expect(fte.value).toBeLessThan(160);
    const loaded = await loadScenario('scenarios/shared-staff.yaml', {
      seed: 5,
      replications: 200,
      set: [
        { path: 'capacity.staff.fte', value: result.value! - 1 },
        { path: 'target.backlog', value: 1800 },
        { path: 'target.date', value: '2024-12-31' },
      ],
    });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    expect((await runScenario(loaded.value.scenario)).summary.target!.probability).toBe(
      result.neighbours[0]!.probability,
    );
  });

  it('fte on the baseline, a plan in decisions with a conversion: FTE as decisions a week, the relief in FTE', async () => {
    const result = await found({ ...REQUEST, lever: 'fte', replications: 200 });
    const conversion = result.conversion!;
    // 36 h x 60% / 13.22 h a decision (the baseline's assumptions).
    expect(conversion.unitsPerFte).toBeCloseTo(21.6 / 13.22, 12);
    expect(result.field).toBe('capacity.perWeek');
    expect(result.unit).toBe('FTE');
    expect(result.current).toBeCloseTo(((1600 / 52) * 13.22) / 21.6, 10);
    expect(Number.isInteger(result.value)).toBe(true);
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    expect(result.neighbours[0]!.probabilityInterval.low).toBeLessThan(0.9);
    // The relief in FTE: the analytic 31.54 decisions a week at 13.22 h / 21.6 h, and the answer compared with it.
    expect(result.comparison!.analytic).toBeCloseTo((result.analyticRelief!.perWeek * 13.22) / 21.6, 10);
    // The evaluation at the answer is the run of the baseline at that many decisions a week.
    expect(await runAt(result.value! * conversion.unitsPerFte, 11, 200)).toBe(result.probability);
  });

  it('a fractional field with a step: the margin of plan-30-40 in steps of 0.05', async () => {
    const result = await found({
      file: 'scenarios/plan-30-40.yaml',
      lever: 'capacity.inflowPlusMargin.margin',
      step: 0.05,
      replications: 200,
      seed: 2,
      uncertainty: false,
    });
    expect(result.value).not.toBeNull();
    expect(Math.round(result.value! * 20) / 20).toBe(result.value);
    expect(result.neighbours[0]!.probabilityInterval.low).toBeLessThan(0.9);
    expect(result.comparison).toBeNull();
  });

  it('a value the scenario rejects on the way stops the search with the reason and a hint to use `max`', async () => {
    const issues = await issuesOf({
      file: 'scenarios/plan-30-40.yaml',
      lever: 'capacity.inflowPlusMargin.min',
      backlog: 700,
      replications: 100,
    });
    expect(issues[0]).toMatch(
      /^lever: capacity\.inflowPlusMargin\.min: the search reached \d+, which the scenario rejects .*`max` below/,
    );
    // The lever's value is the one out of line: the issue names the lever, not the file's max.
    expect(issues[1]).toMatch(
      /: lever capacity\.inflowPlusMargin\.min: must be at most max = 40, got \d+ \(a number <= max\)$/,
    );
  });
});

describe('findTarget for some lanes', () => {
  it("one lane's backlog: the probability is the share of replications with that lane at or below it", async () => {
    const result = await found({ ...REQUEST, lanes: ['regular'], backlog: 950 });
    expect(result.target).toEqual({
      kind: 'backlog',
      backlog: 950,
      date: '2024-12-31',
      week: 51,
      weekEnd: '2024-12-29',
      isoWeek: '2024-W52',
      lanes: ['regular'],
    });
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    expect(result.neighbours[0]!.probabilityInterval.low).toBeLessThan(0.9);
    // No mean-value figure for some lanes.
    expect([result.analyticRelief, result.comparison]).toEqual([null, null]);
    // The run at the answer, independently: the regular lane's histogram at week 51.
    const loaded = await loadScenario(BASELINE, {
      seed: 11,
      replications: 400,
      uncertainty: false,
      set: [{ path: 'capacity.perWeek', value: result.value! }],
    });
    if (!loaded.ok) throw new Error('does not load');
    const plan = compile(loaded.value.scenario);
    const tally = simulate(plan, { seed: 11, replications: 400 });
    const regular = tally.backlog![51 * (plan.laneCount + 1) + plan.laneNames.indexOf('regular')]!;
    expect(result.probability).toBe(regular.countAtMost(950) / 400);
    expect(result.probabilityInterval).toEqual(
      (({ low, high }) => ({ low, high }))(wilsonInterval(regular.countAtMost(950), 400)),
    );
  });

  it('two lanes together are one measure; every lane named is the total backlog', async () => {
    const two = await found({ ...REQUEST, lanes: ['safe-country', 'regular'], backlog: 1000 });
    expect(two.target).toMatchObject({ lanes: ['safe-country', 'regular'] });
    const all = await found({ ...REQUEST, lanes: ['regular', 'safe-country', 'hearing-free', 'incomplete'] });
    const total = await found(REQUEST);
    expect(all.target).toEqual(total.target);
    expect(all.value).toBe(total.value);
    expect(all.analyticRelief).toEqual(total.analyticRelief);
  });

  it('an unknown lane, with the lane it most likely means', async () => {
    expect(await issuesOf({ ...REQUEST, lanes: ['regular', 'safe-contry'] })).toEqual([
      'lanes: safe-contry: no lane named "safe-contry" (did you mean "safe-country"?)',
    ]);
    expect(await issuesOf({ ...REQUEST, lanes: ['asylum'] })).toEqual([
      'lanes: asylum: no lane named "asylum" (one of: incomplete, hearing-free, safe-country, regular)',
    ]);
    // The scenario's target is the total's: not silently taken for a lane.
    expect(await issuesOf({ ...REQUEST, backlog: undefined, lanes: ['regular'] })).toEqual([
      "backlog: is required with `lanes`: the scenario's target, 1100, is for the total backlog (the backlog of regular to reach, a number of cases >= 0)",
    ]);
    expect(await issuesOf({ ...REQUEST, lanes: [] })).toEqual([
      'lanes: names no lane (one or more of: incomplete, hearing-free, safe-country, regular)',
    ]);
  });
});

describe('findTarget for a lead time', () => {
  const LEAD: TargetRequest = {
    file: BASELINE,
    leadTimeDays: 120,
    lanes: ['safe-country'],
    replications: 300,
    seed: 11,
  };

  it('P90 of the safe-country cases filed from the start, as far as the horizon follows them 120 days', async () => {
    const result = await found(LEAD);
    // 120 days are 17 whole weeks; week 34 + 17 = 51, the last week of the horizon.
    expect(result.target).toEqual({
      kind: 'leadTime',
      days: 120,
      percentile: 90,
      withinWeeks: 17,
      filedFrom: '2024-01-01',
      filedTo: '2024-09-01',
      fromWeek: 0,
      toWeek: 34,
      lanes: ['safe-country'],
    });
    expect(result.value).not.toBeNull();
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    expect(result.neighbours[0]!.probabilityInterval.low).toBeLessThan(0.9);
    expect(result.monotone).toBe(true);
    expect([result.analyticRelief, result.comparison]).toEqual([null, null]);
    // Safe-country comes third: the capacity must cover the triage lanes first, about 4.25 a week, and its own 2.5.
    expect(result.value).toBeGreaterThan(6);
    expect(result.value).toBeLessThan(31);
  });

  it('the answer moves with the percentile, and the cases of the open backlog count from --filed-from', async () => {
    const p90 = await found(LEAD);
    const p50 = await found({ ...LEAD, percentile: 50 });
    expect(p50.value!).toBeLessThanOrEqual(p90.value!);
    const withOpen = await found({ ...LEAD, filedFrom: '2023-10-01' });
    expect(withOpen.target).toMatchObject({ fromWeek: -14, filedFrom: '2023-09-25' });
    // Old open cases have waited already: a cohort with them needs at least as much capacity.
    expect(withOpen.value!).toBeGreaterThanOrEqual(p90.value!);
  });

  it('with the fte lever on the baseline: FTE for the lead time', async () => {
    const result = await found({ ...LEAD, lever: 'fte' });
    expect(result.unit).toBe('FTE');
    expect(result.value).not.toBeNull();
    expect(result.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    [
      { backlog: 900 },
      'backlog: cannot go with `leadTime`: a target is a backlog or a lead time, one at a time (leave out `backlog` or `leadTime`)',
    ],
    [
      { date: '2024-12-31' },
      'date: is for a backlog target: a lead-time target counts the cases filed from `filedFrom` to `filedTo` (leave it out, or give `filedTo`)',
    ],
    [{ percentile: 100 }, 'percentile: must be between 0 and 100, got 100 (a percentile, e.g. 90 for the P90)'],
    [{ leadTimeDays: -1 }, 'leadTime: must be a number of days >= 0, got -1'],
    [{ filedTo: '2024-02-30' }, 'filedTo: must be a real date, got "2024-02-30" (a date YYYY-MM-DD)'],
    [
      { filedTo: '2024-10-01' },
      'filedTo: cases filed in week 39 (2024-09-30) can still be open at the end of the horizon, 2024-12-29, before waiting 120 days (17 whole weeks), so the run cannot tell whether they are decided within 120 days (a date up to 2024-09-01, or a longer `horizonWeeks`)',
    ],
    [
      { filedFrom: '2024-06-01', filedTo: '2024-05-01' },
      'filedFrom: 2024-06-01 is after the last filing date 2024-05-05 (a date up to 2024-05-05)',
    ],
    [
      { leadTimeDays: 400 },
      'leadTime: leaves no cases to count: the horizon of 52 weeks ends on 2024-12-29, and cases filed in week 0 (2024-01-01) can still be open at the end of the horizon, 2024-12-29, before waiting 400 days (57 whole weeks), so the run cannot tell whether they are decided within 400 days (`horizonWeeks` of at least 58, or an earlier `filedFrom`)',
    ],
  ] as [Partial<TargetRequest>, string][])('%o', async (change, message) => {
    expect(await issuesOf({ ...LEAD, ...change })).toEqual([message]);
  });

  it('a backlog target refuses what only a lead time takes', async () => {
    expect(await issuesOf({ ...REQUEST, percentile: 80, filedFrom: '2024-01-01' })).toEqual([
      'percentile: is for a lead-time target, and this one is a backlog (give `leadTime` for a lead-time target, or leave it out)',
      'filedFrom: is for a lead-time target, and this one is a backlog (give `leadTime` for a lead-time target, or leave it out)',
    ]);
  });

  it('a longer horizon follows later filings: horizonWeeks', async () => {
    const result = await found({ ...LEAD, leadTimeDays: 400, horizonWeeks: 104, replications: 100 });
    expect(result.target).toMatchObject({ withinWeeks: 57, fromWeek: 0, toWeek: 46 });
  });
});

describe('findTarget request problems, each naming its parameter, not a flag', () => {
  it.each([
    [{ confidence: 1 }, /^confidence: must be between 0 and 1, got 1/],
    [{ confidence: 0 }, /^confidence: /],
    [{ backlog: -1 }, /^backlog: must not be negative/],
    [{ date: '2024-02-30' }, /^date: must be a real date, got "2024-02-30"/],
    [
      { date: '2025-03-01' },
      /^date: 2025-03-01 is after the end of the scenario's horizon, 2024-12-29 .*\(a date from 2024-01-07 to 2025-01-04\)/,
    ],
    [{ date: '2024-01-06' }, /^date: 2024-01-06 is before the end of the scenario's first week, 2024-01-07/],
    [{ step: 0 }, /^step: must be above 0/],
    [
      { lever: 'lanes.regular.minWaitWeeks', step: 0.5 },
      /^step: must be a whole number for lanes\.regular\.minWaitWeeks/,
    ],
    [{ max: -3 }, /^max: leaves no value to search/],
    [{ replications: 0 }, /: replications: /],
    [{ seed: -1 }, /: seed: /],
    [
      { lever: 'fte', file: 'scenarios/bench-reference.yaml' },
      /^lever: fte needs a scenario whose capacity is a staff pool .* or has a conversion to staff/,
    ],
  ] as [Partial<TargetRequest>, RegExp][])('%o', async (change, message) => {
    const issues = await issuesOf({ ...REQUEST, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(message);
  });

  it('needs backlog and date when the scenario names no target', async () => {
    const issues = await issuesOf({ file: 'scenarios/shared-staff.yaml', lever: 'fte' });
    expect(issues).toEqual([
      'backlog: is required: the scenario names no target (a number of cases >= 0)',
      'date: is required: the scenario names no target (a date YYYY-MM-DD)',
    ]);
  });
});
