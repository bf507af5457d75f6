import { describe, expect, it } from 'vitest';
import { assumptionChanges } from '../../../src/io/report/build-report.js';
import type { NotedValue } from '../../../src/io/report/read-value-notes.js';

const value = (field: string, text: string, note: string | null = null): NotedValue => ({
  field,
  value: text,
  at: { kind: 'file', file: 'option.yaml', line: 3, column: 5 },
  parentAt: null,
  where: 'option.yaml:3',
  note,
  basis: note === null ? 'not stated' : 'assumption',
});

describe('what an option changes against the base', () => {
  it('lists values set to another value, set only in the option, and set only in the base; never the name', () => {
    const base = [value('name', 'Plan'), value('capacity.perYear', '1600'), value('inflow.meanPerWeek', '25')];
    const option = [
      value('name', '40 a week'),
      value('capacity.perWeek', '40', 'decision memo: 30 to 40 a week'),
      value('inflow.meanPerWeek', '25'),
      value('lanes.regular.minWaitWeeks', '2', 'assumption: faster'),
    ];
    expect(assumptionChanges(base, option)).toEqual([
      { field: 'capacity.perWeek', base: null, option: option[1] },
      { field: 'lanes.regular.minWaitWeeks', base: null, option: option[3] },
      { field: 'capacity.perYear', base: '1600', option: null },
    ]);
    expect(assumptionChanges(base, base)).toEqual([]);
  });
});
