import { describe, expect, it } from 'vitest';
import { scenarioField } from '../../src/scenario/index.js';

const LANES = ['regular', 'fast'];

describe('scenarioField', () => {
  it('describes a number field from the schema: whole numbers or not, bounds, unit, default', () => {
    expect(scenarioField('lanes.regular.minWaitWeeks', LANES)).toEqual({
      ok: true,
      value: {
        allowed: 'an integer in [0, 5200]',
        number: {
          integer: true,
          minimum: 0,
          minimumExclusive: false,
          maximum: 5200,
          unit: 'weeks',
          default: 1,
          thousands: true,
        },
      },
    });
    expect(scenarioField('lanes.fast.hoursPerDecision', LANES)).toMatchObject({
      ok: true,
      value: { number: { integer: false, minimum: 0, minimumExclusive: true, default: null, thousands: false } },
    });
  });

  it('a field that takes a number or a dated schedule has the unit and default the schedule states', () => {
    expect(scenarioField('inflow.meanPerWeek', LANES)).toMatchObject({
      ok: true,
      value: { number: { integer: false, minimum: 0, maximum: 100_000, unit: 'cases/week', default: null } },
    });
    expect(scenarioField('capacity.staff.hoursPerFteWeek', LANES)).toMatchObject({
      ok: true,
      value: { number: { unit: 'hours/week', default: 36 } },
    });
    // One date of the schedule is a number field of its own (a sweep or a lever may set it).
    expect(scenarioField('inflow.meanPerWeek.2024-04-01', LANES)).toMatchObject({
      ok: true,
      value: { number: { integer: false, minimum: 0, maximum: 100_000 } },
    });
  });

  it('says where 1.600 is likely a Dutch 1,600: whole numbers, and fields that count what runs into thousands', () => {
    const thousands = (path: string) => {
      const field = scenarioField(path, LANES);
      return field.ok ? field.value.number?.thousands : undefined;
    };
    // A scheduled field carries its unit on the schedule, not on the number inside.
    expect(thousands('capacity.perYear')).toBe(true);
    expect(thousands('capacity.staff.fte')).toBe(true);
    expect(thousands('inflow.meanPerWeek')).toBe(true);
    expect(thousands('target.backlog')).toBe(true);
    expect(thousands('lanes.regular.share')).toBe(false);
    expect(thousands('capacity.inflowPlusMargin.margin')).toBe(false);
    expect(thousands('capacity.staff.hoursPerFteWeek')).toBe(false);
  });

  it('a backlog count is a number among other forms; a field that takes no number has none', () => {
    expect(scenarioField('initialBacklog.lanes.regular', LANES)).toMatchObject({
      ok: true,
      value: { number: { integer: true, unit: 'cases' } },
    });
    expect(scenarioField('name', LANES)).toEqual({ ok: true, value: { allowed: 'non-empty text', number: null } });
  });

  it('an unknown key or lane is a problem with a suggestion; a key under a value has nothing to suggest', () => {
    expect(scenarioField('capacity.perWek', LANES)).toEqual({
      ok: false,
      problem: { field: 'capacity.perWek', problem: 'unknown key "perWek"', allowed: 'did you mean "perWeek"?' },
    });
    expect(scenarioField('lanes.regulr.share', LANES)).toEqual({
      ok: false,
      problem: { field: 'lanes.regulr', problem: 'unknown lane "regulr"', allowed: 'did you mean "regular"?' },
    });
    expect(scenarioField('lanes.slow.share', LANES)).toMatchObject({
      ok: false,
      problem: { allowed: 'lanes: regular, fast' },
    });
    expect(scenarioField('lanes.regular.share.x', LANES)).toEqual({
      ok: false,
      problem: {
        field: 'lanes.regular.share',
        problem: 'is a number in [0, 1], which has no field "x"',
        allowed: null,
      },
    });
  });
});
