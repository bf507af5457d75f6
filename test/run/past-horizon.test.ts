import { describe, expect, it } from 'vitest';
import { assumptionsPastHorizon } from '../../src/run/past-horizon.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';

/** The scenario run over `weeks`, as `--horizon` or running on loads it. */
const longer = (scenario: Scenario, weeks: number): Scenario => ({ ...scenario, horizonWeeks: weeks });

describe('what a run past the scenario horizon assumes', () => {
  it('a constant inflow and a yearly plan: both as in the scenario, no calendar, the lanes unchanged', () => {
    expect(assumptionsPastHorizon(benchReference(), 52, 104)).toEqual([
      'inflow: 25 a week (inflow.meanPerWeek), as in the scenario',
      'capacity: 1,600 decisions a year, 30.8 a week (capacity.perYear, as in the scenario)',
      'calendar: none, as in the scenario: every week has its full capacity',
      'lanes: shares, priorities, minimum waits and grant rates as in the scenario',
    ]);
  });

  it('a capacity schedule holds the value of its last week, and a change dated later takes effect: as the engine plans it', () => {
    const scenario = benchReference({
      capacity: {
        unit: 'decisions',
        policy: { kind: 'perWeek', perWeek: 30 },
        changes: [
          { from: '2024-07-01', field: 'perWeek', value: 35 },
          { from: '2025-07-07', field: 'perWeek', value: 40 },
        ],
      },
    });
    expect(assumptionsPastHorizon(scenario, 52, 104)[1]).toBe(
      "capacity: 35 decisions a week (capacity.perWeek, the value of its schedule in the scenario's last week, held); changes dated after the scenario's horizon take effect: perWeek 40 from 2025-07-07",
    );
    // The plan of the longer run: 35 a week from week 52 until the change in week 79, then 40.
    const rate = compile(longer(scenario, 104)).pools[0]!.rate!;
    expect(Array.from(rate.slice(52, 79)).every((perWeek) => perWeek === 35)).toBe(true);
    expect(Array.from(rate.slice(79)).every((perWeek) => perWeek === 40)).toBe(true);
    // The change dated after a run of 60 weeks is not mentioned.
    expect(assumptionsPastHorizon(scenario, 52, 60)[1]).not.toContain('2025-07-07');
  });

  it('staff: the values of the last week, and attrition that goes on taking FTE, as the engine pays them', () => {
    const scenario = benchReference({
      capacity: {
        unit: 'hours',
        policy: {
          kind: 'staff',
          fte: 20,
          hoursPerFteWeek: 36,
          productiveShare: 0.6,
          attritionPerQuarter: 1.3,
        },
      },
      lanes: benchReference().lanes.map((lane) => ({ ...lane, hoursPerDecision: 10 })),
    });
    const lines = assumptionsPastHorizon(scenario, 52, 104);
    expect(lines[1]).toBe(
      'capacity: 20 FTE, 36 hours per FTE-week, productive share 0.6 (capacity.staff, as in the scenario)',
    );
    expect(lines[2]).toBe(
      'capacity: attrition goes on, 1.3 FTE a quarter (capacity.staff.attritionPerQuarter): 14.9 FTE paid in week 51, 9.7 in week 103',
    );
    const paid = compile(longer(scenario, 104)).pools[0]!.paidFte!;
    expect(paid[51]).toBeCloseTo(14.9, 10);
    expect(paid[103]).toBeCloseTo(9.7, 10);
  });

  it('a calendar: no holidays after its last period, or its later periods', () => {
    const holidays = [
      { from: '2024-12-25', to: '2024-12-26', scale: 0, label: 'Christmas' },
      { from: '2025-04-21', to: '2025-04-21', scale: 0, label: 'Easter Monday' },
    ];
    expect(assumptionsPastHorizon(benchReference({ calendar: holidays.slice(0, 1) }), 52, 104)[2]).toBe(
      "calendar: its last period ends on 2024-12-26; no holidays or reduced weeks after the scenario's horizon: every week from 2024-12-30 has its full capacity",
    );
    expect(assumptionsPastHorizon(benchReference({ calendar: holidays }), 52, 104)[2]).toBe(
      "calendar: its 1 period after the scenario's horizon apply, the last ending on 2025-04-21; every week after that has its full capacity",
    );
  });

  it('uncertainty: factors drawn per replication stay, the drift and the weekly noise go on', () => {
    const scenario = benchReference({
      uncertainty: {
        inflow: {
          level: { cv: 0.2, distribution: 'lognormal' },
          drift: { sdPerYear: 0.1 },
          overdispersion: null,
        },
        capacity: { productivity: null, weekly: { cv: 0.1 } },
        shares: null,
        grantRates: { concentration: 16 },
        source: null,
      },
    });
    expect(assumptionsPastHorizon(scenario, 52, 104)).toContain(
      'uncertainty: the inflow level and the grant rates drawn for each replication stay as drawn; the inflow drift goes on as a random walk, so the band keeps widening; the week-to-week capacity noise goes on',
    );
  });

  it('an inflow replayed from data: the future mean with its trend, as the engine plans it', () => {
    const scenario = benchReference({
      inflow: {
        kind: 'replay',
        observedPerWeek: [20, 22, 24],
        wholePerWeek: [20, 22, 24],
        futureMeanPerWeek: 25,
        futureTrendPerWeek: 0.5,
        source: 'x.csv',
      },
    });
    expect(assumptionsPastHorizon(scenario, 52, 104)[0]).toBe(
      "inflow: after the observed data, a Poisson mean of 25 a week (futureMeanPerWeek), moving by 0.5 a week (the data's trend): 49.5 in week 52, 75 in week 103",
    );
    const plan = compile(longer(scenario, 104));
    const total = (t: number) => plan.inflowMean.slice(t * 4, t * 4 + 4).reduce((a, b) => a + b, 0);
    expect(total(52)).toBeCloseTo(49.5, 10);
    expect(total(103)).toBeCloseTo(75, 10);
  });

  it('an inflow replayed from data with a dated future mean: its last value holds, as the engine plans it', () => {
    const scenario = benchReference({
      inflow: {
        kind: 'replay',
        observedPerWeek: [20, 22, 24],
        wholePerWeek: [20, 22, 24],
        futureMeanPerWeek: 25,
        futureChanges: [
          { from: '2024-04-01', meanPerWeek: 27.5 },
          { from: '2025-01-06', meanPerWeek: 30 },
        ],
        source: 'x.csv',
      },
    });
    expect(assumptionsPastHorizon(scenario, 52, 104)[0]).toBe(
      'inflow: after the observed data, the schedule of futureMeanPerWeek, whose last value holds to the end: 30 a week from 2025-01-06',
    );
    // 2024-04-01 begins week 13 of the start 2024-01-01; 2025-01-06, week 53.
    const plan = compile(longer(scenario, 104));
    const total = (t: number) => plan.inflowMean.slice(t * 4, t * 4 + 4).reduce((a, b) => a + b, 0);
    expect([2, 3, 12, 13, 52, 53, 103].map((t) => Number(total(t).toFixed(9)))).toEqual([
      24, 25, 25, 27.5, 27.5, 30, 30,
    ]);
  });

  it('weekly means: the values the list gives for the later weeks; flows named with the lanes', () => {
    const scenario = benchReference({
      inflow: { kind: 'weekly', meanPerWeek: [...Array(52).fill(25), ...Array(52).fill(30)] },
      lanes: benchReference().lanes.map((lane) =>
        lane.name === 'regular' ? { ...lane, withdrawals: [{ fromWeeks: 0, hazard: 0.01 }] } : lane,
      ),
    });
    const lines = assumptionsPastHorizon(scenario, 52, 104);
    expect(lines[0]).toBe(
      'inflow: the weekly means of inflow.weeklyMeans, which give 104 weeks; weeks 52 to 103 take theirs (30 a week on average)',
    );
    expect(lines.at(-1)).toBe(
      'lanes: shares, priorities, minimum waits and grant rates, withdrawals, moves between lanes and refiling as in the scenario',
    );
  });
});
