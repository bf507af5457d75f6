import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, validateScenario } from '../../src/scenario/index.js';

const BASELINE = resolve('scenarios/baseline-2024.yaml');
const PLAN_30_40 = resolve('scenarios/plan-30-40.yaml');
const STAFF = resolve('scenarios/shared-staff.yaml');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caseload-plausibility-'));
});

/** Writes a scenario file (lines joined) into the test's folder and returns its path. */
async function file(name: string, ...lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** The warnings of a scenario file, formatted, with the folder left out; its issues when it does not load. */
async function warnings(path: string): Promise<string[]> {
  const loaded = await validateScenario(path);
  const issues = loaded.ok ? loaded.value.warnings : loaded.issues;
  return issues.map((issue) => formatIssue(issue).replaceAll(`${dir}/`, ''));
}

describe('plausibility warnings: numbers written the Dutch way', () => {
  it('a capacity written 1.600 is read as 1.6: the warning names the line and 1,600', async () => {
    const path = await file('dutch.yaml', `extends: ${BASELINE}`, 'capacity:', '  perYear: 1.600');
    expect(await warnings(path)).toEqual([
      'dutch.yaml:3:12: capacity.perYear: 1.600 is read as 1.6 (a dot is a decimal point): did you mean 1,600? (write 1600 for 1,600; write 1.6 to keep 1.6)',
    ]);
    // A warning, not an error: the scenario loads, with the value as read.
    const loaded = await loadScenario(path);
    expect(loaded.ok && loaded.value.scenario.capacity.policy).toEqual({ kind: 'perYear', perYear: 1.6 });
  });

  it('counts, cost, FTE and whole numbers written with a dot before three digits', async () => {
    const path = await file(
      'counts.yaml',
      `extends: ${STAFF}`,
      'replications: 1.000',
      'capacity:',
      '  staff:',
      '    fte: { 2024-01-01: 143, 2024-04-01: 1.510 }',
      '    costPerFteYear: 85.000',
      'initialBacklog:',
      '  lanes:',
      '    regular: 1.000',
      'target: { backlog: 1.100, date: 2024-12-31 }',
      'observed: { decisions: 1.530, meanLeadTimeDays: 1.020 }',
    );
    expect(await warnings(path)).toEqual([
      'counts.yaml:2:15: replications: 1.000 is read as 1 (a dot is a decimal point): did you mean 1,000? (write 1000 for 1,000; write 1 to keep 1)',
      'counts.yaml:5:41: capacity.staff.fte.2024-04-01: 1.510 is read as 1.51 (a dot is a decimal point): did you mean 1,510? (write 1510 for 1,510; write 1.51 to keep 1.51)',
      'counts.yaml:6:21: capacity.staff.costPerFteYear: 85.000 is read as 85 (a dot is a decimal point): did you mean 85,000? (write 85000 for 85,000; write 85 to keep 85)',
      'counts.yaml:9:14: initialBacklog.lanes.regular: 1.000 is read as 1 (a dot is a decimal point): did you mean 1,000? (write 1000 for 1,000; write 1 to keep 1)',
      'counts.yaml:10:20: target.backlog: 1.100 is read as 1.1 (a dot is a decimal point): did you mean 1,100? (write 1100 for 1,100; write 1.1 to keep 1.1)',
      'counts.yaml:11:24: observed.decisions: 1.530 is read as 1.53 (a dot is a decimal point): did you mean 1,530? (write 1530 for 1,530; write 1.53 to keep 1.53)',
      'counts.yaml:11:49: observed.meanLeadTimeDays: 1.020 is read as 1.02 (a dot is a decimal point): did you mean 1,020? (write 1020 for 1,020; write 1.02 to keep 1.02)',
    ]);
  });

  it('stays quiet where three decimals are a decimal: in the scale, or in a field that does not count thousands', async () => {
    const path = await file(
      'decimals.yaml',
      `extends: ${BASELINE}`,
      'inflow:',
      '  meanPerWeek: 26.730', // 26.73 a week is in the scale; 26,730 is not
      'lanes:',
      '  regular:',
      '    hoursPerDecision: 1.500', // hours of one decision
      '    grantRate: 0.420',
    );
    expect(await warnings(path)).toEqual([]);
  });
});

describe('plausibility warnings: capacity and inflow far below the scale', () => {
  it('a capacity below 1% of the scale, with 1,000 times the value when that is in the scale', async () => {
    const path = await file('tiny.yaml', `extends: ${BASELINE}`, 'capacity:', '  perYear: 1.6');
    expect(await warnings(path)).toEqual([
      'tiny.yaml:3:12: capacity.perYear: 1.6 decisions a year (0.031 decisions a week) is 0.1% of the scale of the scenario: 1,440 open cases at the start, about 1,300 arriving a year (did you mean 1,600?)',
    ]);
  });

  it('an inflow below 1% of the scale', async () => {
    const path = await file('inflow.yaml', `extends: ${BASELINE}`, 'inflow:', '  meanPerWeek: 0.2');
    expect(await warnings(path)).toEqual([
      'inflow.yaml:3:16: inflow.meanPerWeek: 0.2 cases a week is 0.7% of the scale of the scenario: 1,440 open cases at the start, about 27.69 a week over a year (check the number and its unit)',
    ]);
  });

  it('each value of a dated futureMeanPerWeek after observed data, at its line', async () => {
    const observed = resolve('scenarios/backtest-2023-observed-inflow.yaml');
    // The data covers weeks 0 to 51; week 52 begins on 2023-12-31.
    const path = await file(
      'future.yaml',
      `extends: ${observed}`,
      'inflow:',
      '  observed:',
      '    futureMeanPerWeek: { 2023-12-31: 28, 2024-03-03: 0.2 }',
    );
    expect(await warnings(path)).toEqual([
      'future.yaml:4:54: inflow.observed.futureMeanPerWeek.2024-03-03: 0.2 cases a week is 0.7% of the scale of the scenario: 1,580 open cases at the start, about 30.38 a week over a year (check the number and its unit)',
    ]);
  });

  it('a perYear of about a week of demand is likely meant as perWeek', async () => {
    const path = await file('per-year.yaml', `extends: ${BASELINE}`, 'capacity:', '  perYear: 30');
    expect(await warnings(path)).toEqual([
      "per-year.yaml:3:12: capacity.perYear: 30 decisions a year (0.58 decisions a week) is about a week's worth of the scale of the scenario: 1,440 open cases at the start, about 1,300 arriving a year (did you mean perWeek: 30?)",
    ]);
  });

  it('a staff pool in hours, and a lane’s own pool, are measured in the decisions they make', async () => {
    const staff = await file('fte.yaml', `extends: ${STAFF}`, 'capacity:', '  staff:', '    fte: 1.2');
    expect(await warnings(staff)).toEqual([
      'fte.yaml:4:10: capacity.staff.fte: 1.2 FTE (2.14 decisions a week) is 0.9% of the scale of the scenario: 2,340 open cases at the start, about 13,000 arriving a year (check the number and its unit)',
    ]);
    const lane = await file(
      'lane.yaml',
      `extends: ${BASELINE}`,
      'lanes:',
      '  incomplete:',
      '    hoursPerDecision: 4',
      '    capacity: { staff: { fte: 0.001 } }',
    );
    expect(await warnings(lane)).toEqual([
      'lane.yaml:5:31: lanes.incomplete.capacity.staff.fte: 0.001 FTE (0.009 decisions a week) is 0.3% of the scale of the scenario: lane incomplete: 60 open cases at the start, about 182 arriving a year (check the number and its unit)',
    ]);
  });

  it('a capacity of 0 is meant, and so is a capacity far above the inflow: no warning', async () => {
    const path = await file('zero.yaml', `extends: ${BASELINE}`, 'capacity:', '  perWeek: 0');
    expect(await warnings(path)).toEqual([]);
    const unlimited = await file('unlimited.yaml', `extends: ${BASELINE}`, 'capacity:', '  perWeek: 1000000');
    expect(await warnings(unlimited)).toEqual([]);
  });
});

describe('plausibility warnings: percentages written as numbers', () => {
  it('a margin above 1, a weekly hazard of 5% or more, a calendar scale above 2, a spread of 100% or more', async () => {
    const path = await file(
      'percent.yaml',
      `extends: ${PLAN_30_40}`,
      'capacity:',
      '  inflowPlusMargin:',
      '    margin: 10',
      'calendar:',
      '  - { from: 2024-07-22, to: 2024-08-18, scale: 70, label: summer }',
      'lanes:',
      '  regular:',
      '    withdrawals: { perWeek: 0.5 }',
      '  safe-country:',
      '    withdrawals: { byAge: { 0: 0.001, 26: 0.1 } }',
      'uncertainty:',
      '  capacity:',
      '    productivity: { cv: 2 }',
    );
    expect(await warnings(path)).toEqual([
      'percent.yaml:4:13: capacity.inflowPlusMargin.margin: 10 plans 11 times the inflow (a margin of 1,000%): did you mean 0.1 (10%)? (a fraction: 0.1 plans 10% more than the inflow)',
      'percent.yaml:6:48: calendar[0].scale: 70 multiplies the capacity of these days by 70: did you mean 0.7 (70%)? (a factor: 0.7 is 70% of the normal capacity)',
      'percent.yaml:9:29: lanes.regular.withdrawals.perWeek: a weekly hazard of 0.5 takes 50% of the open cases every week (nearly all within a year): did you mean 0.005 (0.5% a week)? (a probability a week: 0.005 is 0.5% a week)',
      'percent.yaml:11:43: lanes.safe-country.withdrawals.byAge.26: a weekly hazard of 0.1 takes 10% of the open cases every week (nearly all within a year): did you mean 0.001 (0.1% a week)? (a probability a week: 0.005 is 0.5% a week)',
      'percent.yaml:14:25: uncertainty.capacity.productivity.cv: 2 is a spread of 200% of the mean: did you mean 0.02 (2%)? (a fraction: 0.1 is a standard deviation of 10%)',
    ]);
  });

  it('staff attrition of more than a quarter of the pool a quarter', async () => {
    const many = await file(
      'attrition.yaml',
      `extends: ${STAFF}`,
      'capacity:',
      '  staff:',
      '    attritionPerQuarter: 40',
    );
    expect(await warnings(many)).toEqual([
      "attrition.yaml:4:26: capacity.staff.attritionPerQuarter: 40 FTE a quarter is 28% of the pool's 143 FTE every quarter: is it a percentage? 40% of 143 FTE is 57.2 (FTE lost per quarter, not a percentage)",
    ]);
    const few = await file(
      'attrition-few.yaml',
      `extends: ${STAFF}`,
      'capacity:',
      '  staff:',
      '    attritionPerQuarter: 5',
    );
    expect(await warnings(few)).toEqual([]);
  });
});

describe('plausibility warnings: where the value was written', () => {
  it('a value from a base file is located in the base file; a variant’s own value in the variant, named by it', async () => {
    await file('base.yaml', `extends: ${BASELINE}`, 'target: { backlog: 1.100, date: 2024-12-31 }');
    const child = await file(
      'child.yaml',
      'extends: base.yaml',
      'variants:',
      '  low:',
      '    capacity: { perYear: 1.700 }',
      '  high:',
      '    capacity: { perWeek: 40 }',
    );
    expect(await warnings(child)).toEqual([
      'base.yaml:2:20: target.backlog: 1.100 is read as 1.1 (a dot is a decimal point): did you mean 1,100? (write 1100 for 1,100; write 1.1 to keep 1.1)',
      'child.yaml:4:26: variants.low: capacity.perYear: 1.700 is read as 1.7 (a dot is a decimal point): did you mean 1,700? (write 1700 for 1,700; write 1.7 to keep 1.7)',
    ]);
    // Loaded alone, the variant's scenario has both, each at its own file.
    const variant = await loadScenario(`${child}#low`);
    expect(variant.ok && variant.value.warnings.map((w) => `${w.file.replace(`${dir}/`, '')}:${w.line}`)).toEqual([
      'child.yaml:4',
      'base.yaml:2',
    ]);
  });

  it('a calendar period is located in its calendar file', async () => {
    await file('holidays.yaml', 'calendar:', '  - { from: 2024-07-22, to: 2024-08-18, scale: 70 }');
    const path = await file('calendar.yaml', `extends: ${BASELINE}`, 'calendars: [holidays.yaml]');
    expect(await warnings(path)).toEqual([
      'holidays.yaml:2:48: calendar[0].scale: 70 multiplies the capacity of these days by 70: did you mean 0.7 (70%)? (a factor: 0.7 is 70% of the normal capacity)',
    ]);
  });

  it('a value set from the command line names the setting', async () => {
    const loaded = await loadScenario(BASELINE, {
      set: [{ path: 'capacity.perYear', value: 1.6, flag: 'set capacity.perYear=1.6' }],
    });
    expect(loaded.ok && loaded.value.warnings.map(formatIssue)).toEqual([
      `${BASELINE}: set capacity.perYear=1.6: 1.6 decisions a year (0.031 decisions a week) is 0.1% of the scale of the scenario: 1,440 open cases at the start, about 1,300 arriving a year (did you mean 1,600?)`,
    ]);
  });
});
