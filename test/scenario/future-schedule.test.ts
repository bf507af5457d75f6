/**
 * `inflow.observed.futureMeanPerWeek` as a dated schedule, like
 * `inflow.meanPerWeek`: the weeks after the data take each value from the
 * week its date falls in, the last to the end of any horizon; the schedule
 * must give the value of the first week after the data; bad dates are
 * refused at their line.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateDeterministic } from '../../src/engine/simulate.js';
import type { Plan } from '../../src/engine/plan.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { resolveLever } from '../../src/experiment/resolve-lever.js';
import type { ScenarioOverrides } from '../../src/scenario/index.js';
import { compile, loadScenario, scenarioDocument } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { edit, messages } from './helpers.js';

/** Four weeks of data from the start 2024-01-01: weeks 0 to 3; week 4 (from 2024-01-29) is the first after it. */
const CSV = 'date,count\n2024-01-01,20\n2024-01-08,22\n2024-01-15,24\n2024-01-22,26\n';

/** VALID with no capacity and an observed inflow whose futureMeanPerWeek (line 8, column 24) is `future`. */
const observed = (future: string, period = 'week') =>
  edit(
    'inflow:\n  meanPerWeek: 25',
    `inflow:\n  observed:\n    file: in.csv\n    period: ${period}\n    futureMeanPerWeek: ${future}`,
    edit('  perYear: 1600', '  perWeek: 0'),
  );

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-future-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** The issues of loading a scenario text beside a CSV, `<file>:` made `x.yaml:`; [] when it loads. */
async function loadIssues(text: string, csv = CSV, overrides: ScenarioOverrides = {}): Promise<string[]> {
  const dir = await dirWith({ 'x.yaml': text, 'in.csv': csv });
  const loaded = await loadScenario(join(dir, 'x.yaml'), overrides);
  return loaded.ok ? [] : loaded.issues.map((issue) => formatIssue(issue).replace(`${join(dir, 'x.yaml')}`, 'x.yaml'));
}

async function scenarioOf(text: string, csv = CSV, overrides: ScenarioOverrides = {}): Promise<Scenario> {
  const dir = await dirWith({ 'x.yaml': text, 'in.csv': csv });
  const loaded = await loadScenario(join(dir, 'x.yaml'), overrides);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value.scenario;
}

/** The planned total inflow of each week (all lanes). */
function weeklyTotals(plan: Plan): number[] {
  return Array.from({ length: plan.horizonWeeks }, (_, t) => {
    let total = 0;
    for (let l = 0; l < plan.laneCount; l++) total += plan.inflowMean[t * plan.laneCount + l]!;
    return Number(total.toFixed(9));
  });
}

const DATA = [20, 22, 24, 26];
const repeat = (value: number, weeks: number) => new Array<number>(weeks).fill(value);

describe('a dated futureMeanPerWeek after observed data', () => {
  it('the weeks after the data take each value from the week its date falls in (plan and expected-value run)', async () => {
    const scenario = await scenarioOf(observed('{ 2024-01-01: 30, 2024-03-04: 35 }'));
    expect(scenario.inflow).toMatchObject({
      kind: 'replay',
      observedPerWeek: DATA,
      futureMeanPerWeek: 30,
      futureChanges: [{ from: '2024-03-04', meanPerWeek: 35 }],
    });
    const plan = compile(scenario);
    // 2024-03-04 is day 63 from the start: the first day of week 9.
    expect(weeklyTotals(plan)).toEqual([...DATA, ...repeat(30, 5), ...repeat(35, 43)]);
    // Nothing is decided: 100 open + the data + 5 weeks x 30 + 43 weeks x 35.
    const backlog = simulateDeterministic(plan).expectedBacklog!;
    expect(backlog[51 * (plan.laneCount + 1) + plan.laneCount]).toBeCloseTo(100 + 92 + 5 * 30 + 43 * 35, 9);
  });

  it('the value of the first week after the data is that of the last date on or before its first day', async () => {
    const plan = compile(
      await scenarioOf(observed('{ 2023-12-01: 10, 2024-01-15: 18, 2024-01-31: 40 }'), CSV, { horizonWeeks: 7 }),
    );
    // 2024-01-15 (in the data's week 2) gives week 4; 2024-01-31, a Wednesday inside week 4, changes that whole week, as in meanPerWeek.
    expect(weeklyTotals(plan)).toEqual([...DATA, 40, 40, 40]);
    const held = compile(await scenarioOf(observed('{ 2023-12-01: 10, 2024-01-15: 18 }'), CSV, { horizonWeeks: 6 }));
    expect(weeklyTotals(held)).toEqual([...DATA, 18, 18]);
  });

  it('the last value holds to the end of any horizon', async () => {
    const plan = compile(await scenarioOf(observed('{ 2024-01-29: 30, 2024-06-03: 45 }'), CSV, { horizonWeeks: 104 }));
    // 2024-06-03 is the first day of week 22.
    expect(weeklyTotals(plan)).toEqual([...DATA, ...repeat(30, 18), ...repeat(45, 82)]);
  });

  it('after monthly data: from the first week the months do not cover wholly', async () => {
    const months = 'date,count\n2024-01-01,31\n2024-02-01,29\n2024-03-01,31\n';
    // January to March 2024 cover weeks 0 to 12 wholly; week 13 begins on 2024-04-01.
    const plan = compile(await scenarioOf(observed('{ 2024-04-01: 9, 2024-05-06: 12 }', 'month'), months));
    const totals = weeklyTotals(plan);
    expect(totals.slice(0, 13).every((x) => Math.abs(x - 7) < 1e-9)).toBe(true);
    expect(totals.slice(13)).toEqual([...repeat(9, 5), ...repeat(12, 34)]);
    expect(await loadIssues(observed('{ 2024-04-02: 9 }', 'month'), months)).toEqual([
      'x.yaml:8:24: inflow.observed.futureMeanPerWeek: has no value for the first week after the observed data: its first date 2024-04-02 is after 2024-04-01, the first day of that week (week 13) (a first date on or before 2024-04-01)',
    ]);
  });

  it('a schedule with one value, or none after the first week after the data, is the number', async () => {
    const inflow = async (future: string) => ({ ...(await scenarioOf(observed(future))).inflow, source: 'in.csv' });
    const number = await inflow('30');
    expect(await inflow('{ 2024-01-01: 30 }')).toEqual(number);
    expect(await inflow('{ 2023-12-01: 10, 2024-01-15: 30 }')).toEqual(number);
    expect(number).not.toHaveProperty('futureChanges');
  });

  it('refuses a schedule that starts after the first week after the data, at the schedule', async () => {
    expect(await loadIssues(observed('{ 2024-02-05: 30 }'))).toEqual([
      'x.yaml:8:24: inflow.observed.futureMeanPerWeek: has no value for the first week after the observed data: its first date 2024-02-05 is after 2024-01-29, the first day of that week (week 4) (a first date on or before 2024-01-29)',
    ]);
    // A date inside that week is after its first day: refused, as a meanPerWeek dated after the start is.
    expect(await loadIssues(observed('{ 2024-01-30: 30 }'))).toEqual([
      'x.yaml:8:24: inflow.observed.futureMeanPerWeek: has no value for the first week after the observed data: its first date 2024-01-30 is after 2024-01-29, the first day of that week (week 4) (a first date on or before 2024-01-29)',
    ]);
    // Written as a block mapping: at the first key's line.
    expect(await loadIssues(observed('\n      2024-03-04: 30\n      2024-06-03: 35'))).toEqual([
      'x.yaml:9:7: inflow.observed.futureMeanPerWeek: has no value for the first week after the observed data: its first date 2024-03-04 is after 2024-01-29, the first day of that week (week 4) (a first date on or before 2024-01-29)',
    ]);
    // Data that ends before the start replays nothing: the first week after it is week 0.
    expect(await loadIssues(observed('{ 2024-01-08: 30 }'), 'date,count\n2023-12-18,20\n2023-12-25,22\n')).toEqual([
      'x.yaml:8:24: inflow.observed.futureMeanPerWeek: has no value for the first week after the observed data: its first date 2024-01-08 is after 2024-01-01, the first day of that week (week 0) (a first date on or before 2024-01-01)',
    ]);
  });

  it('refuses dates that do not exist, and values out of range, at their line and column', () => {
    // The schema's checks come before the CSV is read: a document given in code shows them too.
    expect(messages(observed('{ 2024-01-01: 30, 2024-02-30: 35 }'))).toEqual([
      'x.yaml:8:42: inflow.observed.futureMeanPerWeek.2024-02-30: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(messages(observed('\n      2024-01-01: 30\n      2024-13-01: 35'))).toEqual([
      'x.yaml:10:7: inflow.observed.futureMeanPerWeek.2024-13-01: "2024-13-01" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(messages(observed('{ 2024-01-01: 30, april: 35 }'))).toEqual([
      'x.yaml:8:42: inflow.observed.futureMeanPerWeek.april: "april" cannot be used as a key here (a date YYYY-MM-DD)',
    ]);
    expect(messages(observed('{ 2024-01-01: 30, 2024-04-01: -1 }'))).toEqual([
      'x.yaml:8:54: inflow.observed.futureMeanPerWeek.2024-04-01: must not be negative, got -1 (a number in [0, 100000])',
    ]);
    expect(messages(observed('{}'))).toEqual([
      'x.yaml:8:24: inflow.observed.futureMeanPerWeek: is empty (a mapping of dated values, at least 1)',
    ]);
  });

  it('a value of no allowed form names every form', () => {
    const forms =
      '(a number in [0, 100000], "trailing", "trend", "seasonal", or a mapping of dated values, at least 1)';
    expect(messages(observed('soon'))).toEqual([
      `x.yaml:8:24: inflow.observed.futureMeanPerWeek: must be a number or "trailing" or "trend" or "seasonal" or a mapping, got "soon" ${forms}`,
    ]);
    expect(messages(observed('[30, 35]'))).toEqual([
      `x.yaml:8:24: inflow.observed.futureMeanPerWeek: must be a number or "trailing" or "trend" or "seasonal" or a mapping, got a list ${forms}`,
    ]);
  });

  it('a date set from the command line adds to the schedule, or to a number (kept from the start)', async () => {
    const set = (value: number) => ({ set: [{ path: 'inflow.observed.futureMeanPerWeek.2024-06-03', value }] });
    expect((await scenarioOf(observed('{ 2024-01-01: 30, 2024-03-04: 35 }'), CSV, set(40))).inflow).toMatchObject({
      futureMeanPerWeek: 30,
      futureChanges: [
        { from: '2024-03-04', meanPerWeek: 35 },
        { from: '2024-06-03', meanPerWeek: 40 },
      ],
    });
    expect((await scenarioOf(observed('30'), CSV, set(40))).inflow).toMatchObject({
      futureMeanPerWeek: 30,
      futureChanges: [{ from: '2024-06-03', meanPerWeek: 40 }],
    });
    // A word has no value to keep: the date alone must cover the first week after the data.
    expect(await loadIssues(observed('trailing'), CSV, set(40))).toEqual([
      'x.yaml: set inflow.observed.futureMeanPerWeek.2024-06-03: has no value for the first week after the observed data: its first date 2024-06-03 is after 2024-01-29, the first day of that week (week 4) (a first date on or before 2024-01-29)',
    ]);
  });
});

describe('levers on a scenario with a dated futureMeanPerWeek', () => {
  /** resolveLever on a scenario text beside the CSV: the lever's current value and its settings at 40, or the issues. */
  async function lever(text: string, name: string) {
    const dir = await dirWith({ 'x.yaml': text, 'in.csv': CSV });
    const loaded = await loadScenario(join(dir, 'x.yaml'));
    const document = await scenarioDocument(join(dir, 'x.yaml'));
    if (!loaded.ok || !document.ok) throw new Error('the scenario failed to load');
    const resolved = resolveLever(name, loaded.value.scenario, document.value);
    if (!resolved.ok) return resolved.issues.map(formatIssue);
    return { current: resolved.value.current, settings: resolved.value.settings(40) };
  }
  const SCHEDULE = observed('{ 2024-01-01: 30, 2024-03-04: 35 }');

  it('the field itself is refused: a schedule is not one value; the error names a date of it', async () => {
    expect(await lever(SCHEDULE, 'inflow.observed.futureMeanPerWeek')).toEqual([
      'lever: inflow.observed.futureMeanPerWeek: is a schedule of dated values (2024-01-01, 2024-03-04), not one number: a lever sets one value (one date of the schedule, e.g. inflow.observed.futureMeanPerWeek.2024-03-04, which keeps the others)',
    ]);
    // A number stays a lever.
    expect(await lever(observed('30'), 'inflow.observed.futureMeanPerWeek')).toMatchObject({ current: 30 });
  });

  it('one date of the schedule is a lever: its value, set at that date only', async () => {
    expect(await lever(SCHEDULE, 'inflow.observed.futureMeanPerWeek.2024-03-04')).toEqual({
      current: 35,
      settings: [
        {
          path: 'inflow.observed.futureMeanPerWeek.2024-03-04',
          value: 40,
          flag: 'lever inflow.observed.futureMeanPerWeek.2024-03-04',
        },
      ],
    });
  });

  it('capacity that follows the inflow starts perWeek at the mean of the schedule over the weeks after the data', async () => {
    const text = edit('  perWeek: 0', '  inflowPlusMargin: { margin: 0.1 }', SCHEDULE);
    // Weeks 4 to 8 at 30, 9 to 51 at 35.
    expect(await lever(text, 'perWeek')).toMatchObject({ current: expect.closeTo((1.1 * (5 * 30 + 43 * 35)) / 48, 9) });
  });
});
