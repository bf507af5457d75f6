import { describe, expect, it } from 'vitest';
import { MAX_SWEEP_COMBINATIONS, parseSweepGrid, sweepCombinations } from '../../src/experiment/sweep-grid.js';
import type { SweepGrid, SweepValue } from '../../src/experiment/sweep-grid.js';
import { formatIssue } from '../../src/scenario/errors.js';

/** The values of one `path=values` flag, or the formatted issues. */
function values(flag: string): readonly SweepValue[] | string[] {
  const grid = parseSweepGrid([flag]);
  return grid.ok ? grid.value.parameters[0]!.values : grid.issues.map(formatIssue);
}

function grid(...flags: string[]): SweepGrid {
  const parsed = parseSweepGrid(flags);
  if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
  return parsed.value;
}

function issues(...flags: string[]): string[] {
  const parsed = parseSweepGrid(flags);
  return parsed.ok ? [] : parsed.issues.map(formatIssue);
}

describe('parseSweepGrid: values', () => {
  it('a comma list, in the order given, spaces allowed', () => {
    expect(values('inflow.meanPerWeek=20,25,30')).toEqual([20, 25, 30]);
    expect(values('inflow.meanPerWeek = 30, 20 ,25')).toEqual([30, 20, 25]);
    expect(values('x=-1.5,+2,.5,1e2,0')).toEqual([-1.5, 2, 0.5, 100, 0]);
  });

  it('a range with a step includes the end when it falls on the grid', () => {
    expect(values('capacity.perWeek=28..40:2')).toEqual([28, 30, 32, 34, 36, 38, 40]);
    expect(values('capacity.perWeek=28..41:2')).toEqual([28, 30, 32, 34, 36, 38, 40]);
    expect(values('x=-3..-1:1')).toEqual([-3, -2, -1]);
    expect(values('x=5..5:3')).toEqual([5]);
  });

  it('a range without a step counts by 1', () => {
    expect(values('x=1..4')).toEqual([1, 2, 3, 4]);
    expect(values('x=0.5..3')).toEqual([0.5, 1.5, 2.5]);
  });

  it('lists and ranges mixed', () => {
    expect(values('x=1,5..9:2')).toEqual([1, 5, 7, 9]);
    expect(values('x=0..2,10,20..30:5')).toEqual([0, 1, 2, 10, 20, 25, 30]);
  });

  it('floating steps do not accumulate error: from + i x step rounded to the decimals', () => {
    expect(values('x=0..1:0.1')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(values('x=0.1..0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(values('x=0.05..0.35:0.1')).toEqual([0.05, 0.15, 0.25, 0.35]);
    expect(values('x=1..1.0003:1e-4')).toEqual([1, 1.0001, 1.0002, 1.0003]);
    const fine = values('x=0..10:0.01') as number[];
    expect(fine).toHaveLength(1001);
    expect(fine.every((v, i) => v === Number((i / 100).toFixed(2)))).toBe(true);
  });

  it('text values (a word, or a date) pass as text', () => {
    expect(values('capacity.unit=decisions,hours')).toEqual(['decisions', 'hours']);
    expect(values('target.date=2024-06-30,2024-12-31')).toEqual(['2024-06-30', '2024-12-31']);
  });
});

describe('parseSweepGrid: problems, every one at once', () => {
  it('a missing "=", an empty path, an empty part of a path, an empty list', () => {
    expect(issues('capacity.perWeek')).toEqual([
      'set capacity.perWeek: has no "=": write the field\'s path, "=" and its values (e.g. `set capacity.perWeek=28..40:2`)',
    ]);
    expect(issues('=20')).toEqual(['set =20: names no field before "=" (a dotted path such as capacity.perWeek)']);
    expect(issues('capacity..perWeek=3')).toEqual([
      'set capacity..perWeek=3: the path "capacity..perWeek" has an empty part (a dotted path such as lanes.regular.minWaitWeeks)',
    ]);
    expect(issues('capacity.perWeek=')).toEqual([
      'set capacity.perWeek=: gives no values after "=" (a list 20,25,30, a range from..to:step such as 28..40:2, or both: 1,5..9:2)',
    ]);
    expect(issues('x=20,,25')[0]).toContain('has an empty value between commas');
    expect(issues()).toEqual([
      'set: is missing: name at least one field to sweep (e.g. `set capacity.perWeek=28..40:2`)',
    ]);
  });

  it('an empty range, a step <= 0, a range without a start, end or step', () => {
    expect(issues('x=40..28:2')).toEqual([
      'set x=40..28:2: the range 40..28:2 is empty: 40 is greater than 28 (from..to:step with from <= to)',
    ]);
    expect(issues('x=28..40:0')).toEqual([
      'set x=28..40:0: the step of 28..40:0 must be positive, got 0 (from..to:step with step > 0)',
    ]);
    expect(issues('x=28..40:-2')[0]).toContain('the step of 28..40:-2 must be positive, got -2');
    expect(issues('x=..3')[0]).toContain('the range ..3 has no start');
    expect(issues('x=1..')[0]).toContain('the range 1.. has no end');
    expect(issues('x=1..3:')[0]).toContain('the range 1..3: has no step after ":"');
    expect(issues('x=5:2')[0]).toContain('"5:2" has a step but no range');
  });

  it('non-numeric parts, NaN and Infinity, numbers mixed with text', () => {
    expect(issues('x=20,2O')).toEqual([
      'set x=20,2O: "2O" is not a number (a list 20,25,30, a range from..to:step such as 28..40:2, or both: 1,5..9:2)',
    ]);
    expect(issues('x=28..4O:2')[0]).toContain('"4O" in 28..4O:2 is not a number');
    expect(issues('x=1..3:two')[0]).toContain('"two" in 1..3:two is not a number');
    expect(issues('x=NaN')).toEqual(['set x=NaN: "NaN" is not a finite number (finite numbers)']);
    expect(issues('x=1,-Infinity')[0]).toContain('"-Infinity" is not a finite number');
    expect(issues('x=0..inf')[0]).toContain('"inf" in 0..inf is not a finite number');
    expect(issues('x=1e999')[0]).toContain('"1e999" is too large to be a finite number');
    expect(issues('capacity.unit=20,hours')).toEqual([
      'set capacity.unit=20,hours: mixes numbers and text ("hours") (all numbers, or all text such as decisions,hours)',
    ]);
  });

  it('a path set twice, and seed or replications (every combination has the same)', () => {
    expect(issues('x=1', 'x=2')).toEqual([
      'set x=2: sets x again (`set x=1` sets it already) (each path once, with all its values)',
    ]);
    expect(issues('seed=1,2')).toEqual([
      'set seed=1,2: cannot sweep seed: every combination runs with the same seed (use `seed`)',
    ]);
    expect(issues('replications=10,20')[0]).toContain('(use `replications`)');
  });

  it('a grid larger than 10,000 combinations, saying its size', () => {
    expect(MAX_SWEEP_COMBINATIONS).toBe(10_000);
    expect(grid('x=1..100', 'y=1..100').size).toBe(10_000);
    expect(issues('x=1..101', 'y=1..100', 'z=1,2')).toEqual([
      'set: the grid has 20,200 combinations (101 x 100 x 2 values), more than 10,000 (at most 10,000: fewer values or a coarser step)',
    ]);
    // One huge range is refused without building it.
    expect(issues('x=0..1e12')).toEqual([
      'set x=0..1e12: the range 0..1e12 has 1,000,000,000,001 values (at most 10,000 combinations in all: fewer values or a coarser step)',
    ]);
  });

  it('reports the problems of every flag, not just the first', () => {
    expect(issues('a', 'b=', 'c=1..0', 'd=1,2')).toHaveLength(3);
  });
});

describe('sweepCombinations', () => {
  it('the cartesian product in the order given, the last parameter fastest, each setting naming its parameter', () => {
    const g = grid('capacity.perWeek=28..32:2', 'inflow.meanPerWeek=20,25');
    expect(g.size).toBe(6);
    const combinations = sweepCombinations(g);
    expect(combinations.map((c) => c.map((s) => s.value))).toEqual([
      [28, 20],
      [28, 25],
      [30, 20],
      [30, 25],
      [32, 20],
      [32, 25],
    ]);
    expect(combinations[0]).toEqual([
      { path: 'capacity.perWeek', value: 28, flag: 'set capacity.perWeek=28..32:2' },
      { path: 'inflow.meanPerWeek', value: 20, flag: 'set inflow.meanPerWeek=20,25' },
    ]);
  });

  it('three parameters', () => {
    const combinations = sweepCombinations(grid('a=1,2', 'b=3', 'c=4..6'));
    expect(combinations.map((c) => c.map((s) => s.value).join(''))).toEqual(['134', '135', '136', '234', '235', '236']);
  });
});

describe('parseSweepGrid: numbers written the Dutch (or English) way', () => {
  it('refuses a list that reads as one number with a decimal comma, in a field that takes fractions', () => {
    for (const flag of [
      'inflow.meanPerWeek=27,5', // the second value below the first
      'inflow.meanPerWeek=0,5', // 0 first
      'inflow.meanPerWeek=25,05', // a leading zero
      'capacity.staff.fte=2,5', // a second value of one digit
      'lanes.regular.grantRate=0,42',
      'capacity.inflowPlusMargin.margin=0,10',
    ]) {
      const [issue, ...more] = issues(flag);
      expect(issue, flag).toMatch(
        /^set .*: ".*" reads as [\d.]+ written with a decimal comma; a comma separates values here \(write [\d.]+ for one value; for the two values \d+ and \d+, put a space after the comma: ".*=\d+, \d+"\)$/,
      );
      expect(more, flag).toEqual([]);
    }
  });

  it('refuses a list that reads as one number with a group separator, within the field range', () => {
    expect(issues('initialBacklog.lanes.regular=1,300')).toEqual([
      'set initialBacklog.lanes.regular=1,300: "1,300" reads as 1,300 written with a group separator; a comma separates values here (write 1300 for one value; for the values 1 and 300, put a space after each comma: "initialBacklog.lanes.regular=1, 300")',
    ]);
    expect(issues('capacity.perYear=1,000,000')[0]).toContain(
      '"1,000,000" reads as 1,000,000 written with a group separator',
    );
    expect(issues('capacity.perWeek=100,200')[0]).toContain('reads as 100,200 written with a group separator');
  });

  it('refuses a value written like 1.600 where thousands are likely or whole numbers are needed', () => {
    expect(issues('capacity.perYear=1.600,1700')).toEqual([
      'set capacity.perYear=1.600,1700: "1.600" looks like 1,600 written with a group separator (a dot is a decimal point) (write 1600, or 1.6 for 1.6)',
    ]);
    expect(issues('initialBacklog.lanes.regular=1.000')).toEqual([
      'set initialBacklog.lanes.regular=1.000: "1.000" looks like 1,000 written with a group separator (a dot is a decimal point) (write 1000)',
    ]);
  });

  it('keeps lists that read only as lists', () => {
    expect(values('inflow.meanPerWeek=20,25')).toEqual([20, 25]);
    expect(values('capacity.perWeek=29,31')).toEqual([29, 31]);
    expect(values('capacity.perYear=1600,1700')).toEqual([1600, 1700]);
    expect(values('inflow.meanPerWeek=27, 5')).toEqual([27, 5]); // a space after the comma: two values
    expect(values('inflow.meanPerWeek=20,25,30')).toEqual([20, 25, 30]);
    expect(values('lanes.regular.share=0.73,0.83')).toEqual([0.73, 0.83]);
    expect(values('lanes.regular.minWaitWeeks=8,2')).toEqual([8, 2]); // whole weeks: 8,2 is no number
    expect(values('horizonWeeks=52,104')).toEqual([52, 104]); // 52,104 weeks is beyond the horizon's range
    expect(values('lanes.regular.hoursPerDecision=1.500')).toEqual([1.5]); // hours of one decision do not run into thousands
    expect(values('x=27,5')).toEqual([27, 5]); // no such field: the loader reports it
  });
});
