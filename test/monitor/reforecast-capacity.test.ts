/**
 * What the re-forecast's scenario keeps of the plan: capacity with its dated
 * changes folded in (staff attrition counted to the new start), the calendar
 * clipped, the lanes' own capacity, the target; what it says it drops; and
 * the problems with actuals it reports at their line.
 */
import { describe, expect, it } from 'vitest';
import type { Actuals } from '../../src/monitor/actuals.js';
import { capacityFrom } from '../../src/monitor/capacity-from.js';
import { reforecastScenario } from '../../src/monitor/reforecast-scenario.js';
import type { ReforecastScenarioOptions, ReforecastSetup } from '../../src/monitor/reforecast-scenario.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { compile } from '../../src/scenario/index.js';
import type { CapacitySpec, Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';
import { actualsOf, expectedActuals } from './expected-actuals.js';
import type { TestPeriod } from './expected-actuals.js';

function setupOf(
  scenario: Scenario,
  weeks: number,
  options: ReforecastScenarioOptions = { learn: null },
): ReforecastSetup {
  const setup = reforecastScenario(scenario, expectedActuals(scenario, weeks), options);
  if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
  return setup.value;
}

function issuesOf(
  scenario: Scenario,
  actuals: Actuals,
  options: ReforecastScenarioOptions = { learn: null },
): string[] {
  const setup = reforecastScenario(scenario, actuals, options);
  if (setup.ok) throw new Error('expected issues');
  return setup.issues.map(formatIssue);
}

/** bench-reference with hours per decision, so that a staff pool can serve it. */
const withHours = (overrides: Partial<Scenario>) => {
  const bench = benchReference();
  return benchReference({
    lanes: bench.lanes.map((lane, l) => ({ ...lane, hoursPerDecision: [4, 6, 8, 16][l]! })),
    ...overrides,
  });
};

describe('capacity from the new start', () => {
  it('folds the dated changes in effect by then into the policy and keeps the later ones', () => {
    const spec: CapacitySpec = {
      unit: 'decisions',
      policy: { kind: 'perWeek', perWeek: 30 },
      changes: [
        { from: '2024-03-01', field: 'perWeek', value: 35 },
        { from: '2024-06-05', field: 'perWeek', value: 40 },
      ],
    };
    // 2024-06-05 is a Wednesday of week 22 (from Monday 2024-06-03): the change takes effect from that week's first day.
    expect(capacityFrom(spec, '2024-01-01', '2024-04-01', 1).spec).toEqual({
      unit: 'decisions',
      policy: { kind: 'perWeek', perWeek: 35 },
      changes: [{ from: '2024-06-03', field: 'perWeek', value: 40 }],
    });
    expect(capacityFrom(spec, '2024-01-01', '2024-07-01', 0.5).spec).toEqual({
      unit: 'decisions',
      policy: { kind: 'perWeek', perWeek: 20 },
    });
  });

  it("scales inflow plus margin's bounds and its factor on the inflow, and says it forgets the trailing inflow", () => {
    const spec: CapacitySpec = {
      unit: 'decisions',
      policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 4, min: 30, max: 40 },
    };
    const from = capacityFrom(spec, '2024-01-01', '2024-04-01', 0.8);
    expect(from.spec.policy).toMatchObject({ kind: 'inflowPlusMargin', trailingWeeks: 4, min: 24, max: 32 });
    // (1 + margin') = 0.8 x 1.1.
    expect(1 + (from.spec.policy as { margin: number }).margin).toBeCloseTo(0.88, 12);
    expect(from.notes.join('\n')).toContain('counts only the weeks since then');
  });

  it("carries a staff pool's FTE with its attrition to date, so that every later week has the plan's hours", () => {
    // 20 FTE losing 1.3 a quarter (0.1 a week), a rise to 25 in week 20 and of the productive share in week 5.
    const staff = withHours({
      capacity: {
        unit: 'hours',
        policy: {
          kind: 'staff',
          fte: 20,
          hoursPerFteWeek: 36,
          productiveShare: 0.6,
          rampUpWeeks: 0,
          attritionPerQuarter: 1.3,
        },
        changes: [
          { from: '2024-02-05', field: 'productiveShare', value: 0.65 },
          { from: '2024-05-20', field: 'fte', value: 25 },
        ],
      },
    });
    const setup = setupOf(staff, 10);
    expect(setup.scenario.capacity.policy).toMatchObject({ fte: 20 - 1, productiveShare: 0.65 });
    expect(setup.scenario.capacity.changes).toEqual([{ from: '2024-05-20', field: 'fte', value: 25 - 1 }]);
    const before = compile(staff).pools[0]!;
    const after = compile(setup.scenario).pools[0]!;
    for (let w = 0; w < 42; w++) {
      expect(after.rate![w]).toBeCloseTo(before.rate![10 + w]!, 9);
      expect(after.paidFte![w]).toBeCloseTo(before.paidFte![10 + w]!, 9);
    }
  });

  it('says when hires are still ramping up at the new start (the re-forecast counts them at full productivity)', () => {
    const staff = withHours({
      capacity: {
        unit: 'hours',
        policy: { kind: 'staff', fte: 20, hoursPerFteWeek: 36, productiveShare: 0.6, rampUpWeeks: 6 },
        changes: [{ from: '2024-02-26', field: 'fte', value: 24 }],
      },
    });
    expect(setupOf(staff, 10).assumptions.join('\n')).toContain(
      'Staff hired from 2024-02-26 still ramp up at 2024-03-11: the re-forecast counts them at full productivity.',
    );
    expect(setupOf(staff, 14).assumptions.join('\n')).not.toContain('still ramp up');
  });

  it("folds a lane's own capacity the same way", () => {
    const bench = benchReference();
    const own = benchReference({
      lanes: bench.lanes.map((lane) =>
        lane.name === 'safe-country'
          ? {
              ...lane,
              dedicatedCapacity: {
                unit: 'decisions',
                policy: { kind: 'perWeek', perWeek: 2 },
                changes: [{ from: '2024-02-05', field: 'perWeek', value: 3 }],
              },
            }
          : lane,
      ),
    });
    const lane = setupOf(own, 10).scenario.lanes.find((l) => l.name === 'safe-country')!;
    expect(lane.dedicatedCapacity).toEqual({ unit: 'decisions', policy: { kind: 'perWeek', perWeek: 3 } });
  });
});

describe('the rest of the plan from the new start', () => {
  it('clips the calendar: entries before the start drop out, one across it starts on it', () => {
    const calendar = [
      { from: '2024-01-01', to: '2024-01-05', scale: 0, label: 'new year' },
      { from: '2024-03-08', to: '2024-03-15', scale: 0.5, label: 'training' },
      { from: '2024-12-23', to: '2024-12-27', scale: 0, label: 'christmas' },
    ];
    expect(setupOf(benchReference({ calendar }), 10).scenario.calendar).toEqual([
      { from: '2024-03-11', to: '2024-03-15', scale: 0.5, label: 'training' },
      calendar[2],
    ]);
  });

  it('drops a target whose date has passed, and says so', () => {
    const setup = setupOf(benchReference({ target: { backlog: 1300, date: '2024-03-12' } }), 10);
    expect(setup.scenario.target).toBeNull();
    expect(setup.assumptions.join('\n')).toContain('No target: its date 2024-03-12 comes before the end');
  });

  it("names what it does not carry over: pending refilings, flows in the ages, replayed weeks, a drift's level", () => {
    const bench = benchReference();
    const flowing = benchReference({
      lanes: bench.lanes.map((lane) =>
        lane.name === 'regular'
          ? {
              ...lane,
              withdrawals: [{ fromWeeks: 0, hazard: 0.001 }],
              refiling: { probability: 0.2, delay: [0.5, 0.5], lanes: null },
            }
          : lane,
      ),
      inflow: {
        kind: 'replay',
        observedPerWeek: Array(20).fill(25),
        wholePerWeek: Array(20).fill(25),
        futureMeanPerWeek: 25,
        source: 'observed.csv',
      },
      uncertainty: {
        inflow: { level: null, drift: { sdPerYear: 0.1 }, overdispersion: null },
        capacity: { productivity: null, weekly: null },
        shares: null,
        grantRates: null,
        source: null,
      },
    });
    const words = setupOf(flowing, 10).assumptions.join('\n');
    expect(words).toContain('Refusals before 2024-03-11 that would file again after it are not counted');
    expect(words).toContain('ignore withdrawals and moves between lanes');
    expect(words).toContain('replays observed counts up to week 19');
    expect(words).toContain('The inflow drift starts again');
  });
});

describe('problems with the actuals and the options', () => {
  const bench = benchReference();
  const weeks = expectedActuals(bench, 3).periods;
  const actuals = (periods: readonly TestPeriod[]): Actuals => actualsOf('a.csv', 'week', periods);

  it("a gap, a period before the start or after the horizon, a week off the scenario's grid, each at its line", () => {
    expect(issuesOf(bench, actuals([weeks[0]!, weeks[2]!]))).toEqual([
      'a.csv:4: from: starts on 2024-01-15, not the day after the period before (2024-01-08)',
    ]);
    expect(issuesOf(bench, actuals([{ ...weeks[0]!, from: '2023-12-25', to: '2023-12-31' }]))[0]).toContain(
      "a.csv:2: from: 2023-12-25 is before the scenario's start 2024-01-01",
    );
    expect(issuesOf(bench, actuals([{ ...weeks[0]!, from: '2024-12-30', to: '2025-01-05' }]))[0]).toContain(
      "a.csv:2: to: 2025-01-05 is after the horizon's last day 2024-12-29",
    );
    expect(issuesOf(bench, actuals([{ ...weeks[0]!, from: '2024-01-02', to: '2024-01-08' }])).join('\n')).toContain(
      'is not a week of the scenario',
    );
  });

  it('a lane the scenario does not have, a count below 0', () => {
    const wrong = { ...weeks[0]!, inflow: { total: 3, byLane: { foo: 3 } }, backlog: { total: -1, byLane: {} } };
    expect(issuesOf(bench, actuals([wrong]))).toEqual([
      'a.csv:2: inflow.foo: names no lane of the scenario: "foo" (one of incomplete, hearing-free, safe-country, regular)',
      'a.csv:2: backlog: must be a count >= 0, got -1 (a number of cases >= 0)',
    ]);
  });

  it("actuals to the horizon's end leave nothing to re-forecast", () => {
    expect(issuesOf(bench, expectedActuals(bench, 52))).toEqual([
      "actuals.csv:53: to: reaches the horizon's last day 2024-12-29: no weeks are left to re-forecast",
    ]);
  });

  it('a learning window of no weeks, a backlog-by-age of a lane the scenario does not have', () => {
    const none = actuals([]);
    expect(issuesOf(bench, none, { learn: { weeks: 0 } })).toEqual([
      'learn: weeks: must be a whole number of weeks >= 1, got 0 (e.g. 13)',
    ]);
    expect(issuesOf(bench, none, { learn: null, backlogAges: { reglar: { kind: 'byWeeksAgo', counts: [] } } })).toEqual(
      [
        'backlogAges: reglar: names no lane of the scenario: "reglar" (one of incomplete, hearing-free, safe-country, regular)',
      ],
    );
  });
});
