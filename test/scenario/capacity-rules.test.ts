/**
 * Capacity rules in a scenario file: inflowPlusMargin's `lanes` and
 * `delayWeeks`, and a pool's `triggers`. What they resolve to, and every
 * mistake reported where it was written, with what is allowed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveLever } from '../../src/experiment/resolve-lever.js';
import { argScenario, compile } from '../../src/scenario/index.js';
import { runs } from '../fast-check-config.js';
import { arbitraryScenario } from '../engine/arbitrary-scenario.js';
import { edit, messages, scenarioOf, VALID } from './helpers.js';

/** VALID (lanes incomplete and regular) with hours per decision. */
const HOURS = edit(
  '    grantRate: 0.4\n',
  '    grantRate: 0.4\n    hoursPerDecision: 16\n',
  edit('    grantRate: 0\n', '    grantRate: 0\n    hoursPerDecision: 4\n'),
);

/** HOURS with a conversion and trigger rules on the shared pool. */
const withTriggers = (rules: string, conversion = '  conversion: { hoursPerFteWeek: 36, productiveShare: 0.6 }\n') =>
  edit('  perYear: 1600\n', `  perYear: 1600\n${conversion}  triggers:\n${rules}`, HOURS);

const RULE = '    - lanes: [incomplete]\n      above: 40\n      fte: 1\n';

describe('trigger rules as written', () => {
  it('resolve with their defaults: named by their lanes, forWeeks 1, no delay, below = above', () => {
    const scenario = scenarioOf(withTriggers(RULE));
    expect(scenario.capacity.triggers).toEqual([
      { name: 'incomplete', lanes: ['incomplete'], above: 40, below: 40, forWeeks: 1, fte: 1, delayWeeks: 0 },
    ]);
    const named = scenarioOf(
      withTriggers(
        '    - name: both\n      lanes: [regular, incomplete]\n      above: 40\n      below: 30\n      forWeeks: 4\n      fte: 2.5\n      delayWeeks: 6\n',
      ),
    );
    expect(named.capacity.triggers).toEqual([
      { name: 'both', lanes: ['regular', 'incomplete'], above: 40, below: 30, forWeeks: 4, fte: 2.5, delayWeeks: 6 },
    ]);
    // The plan watches the lanes by their priority order.
    expect(Array.from(compile(named).triggers[0]!.lanes)).toEqual([0, 1]);
  });

  it('a scenario without rules resolves without the new keys (its hash is unchanged)', () => {
    const scenario = scenarioOf(VALID);
    expect('triggers' in scenario.capacity).toBe(false);
    expect(compile(scenario).triggers).toEqual([]);
  });

  it('an unknown lane: did you mean, where it was written', () => {
    expect(messages(withTriggers('    - lanes: [incomplet]\n      above: 40\n      fte: 1\n'))).toEqual([
      'x.yaml:10:15: capacity.triggers[0].lanes[0]: names no lane: "incomplet"; did you mean "incomplete"? (one of incomplete, regular)',
    ]);
    expect(messages(withTriggers('    - lanes: [regular, other]\n      above: 40\n      fte: 1\n'))).toEqual([
      'x.yaml:10:24: capacity.triggers[0].lanes[1]: names no lane: "other" (one of incomplete, regular)',
    ]);
  });

  it('below above `above`', () => {
    expect(messages(withTriggers(`${RULE}      below: 50\n`))).toEqual([
      'x.yaml:13:14: capacity.triggers[0].below: must be at most above = 40, got 50 (a number <= above)',
    ]);
  });

  it('negative thresholds, forWeeks below 1, fte of 0, a negative or fractional delay: the schema says what is allowed', () => {
    expect(
      messages(
        withTriggers(
          '    - lanes: [incomplete]\n      above: -1\n      fte: 0\n      forWeeks: 0\n      delayWeeks: -2\n      below: -3\n',
        ),
      ),
    ).toEqual([
      'x.yaml:11:14: capacity.triggers[0].above: must not be negative, got -1 (a number in [0, 1000000000])',
      'x.yaml:12:12: capacity.triggers[0].fte: must be greater than 0, got 0 (a number in (0, 1000000])',
      'x.yaml:13:17: capacity.triggers[0].forWeeks: must be at least 1, got 0 (an integer in [1, 5200])',
      'x.yaml:14:19: capacity.triggers[0].delayWeeks: must not be negative, got -2 (an integer in [0, 5200])',
      'x.yaml:15:14: capacity.triggers[0].below: must not be negative, got -3 (a number in [0, 1000000000])',
    ]);
    expect(messages(withTriggers(`${RULE}      delayWeeks: 1.5\n`))).toEqual([
      'x.yaml:13:19: capacity.triggers[0].delayWeeks: must be a whole number, got 1.5 (an integer in [0, 5200])',
    ]);
  });

  it('a rule without lanes, above or fte; an empty list; an unknown key', () => {
    expect(messages(withTriggers('    - forWeeks: 2\n'))).toEqual([
      'x.yaml:10:7: capacity.triggers[0].lanes: is missing (a list (at least 1, each text; none twice))',
      'x.yaml:10:7: capacity.triggers[0].above: is missing (a number in [0, 1000000000])',
      'x.yaml:10:7: capacity.triggers[0].fte: is missing (a number in (0, 1000000])',
    ]);
    expect(messages(withTriggers('    []\n').replace('triggers:\n    []', 'triggers: []'))).toEqual([
      expect.stringMatching(/^x\.yaml:9:13: capacity\.triggers: /),
    ]);
    expect(messages(withTriggers(`${RULE}      after: 3\n`))[0]).toMatch(
      /^x\.yaml:13:7: capacity\.triggers\[0\]: unknown key "after"/,
    );
  });

  it('two rules of one name, written or by default, in one pool or two', () => {
    expect(messages(withTriggers(`${RULE}${RULE}`))).toEqual([
      'x.yaml:13:7: capacity.triggers[1].name: repeats the name "incomplete" of capacity.triggers[0] (a rule without a name is named by its lanes joined by +) (a name no other trigger has)',
    ]);
    const text = edit(
      '    hoursPerDecision: 4\n',
      '    hoursPerDecision: 4\n    capacity:\n      staff: { fte: 0 }\n      triggers:\n        - { name: surge, lanes: [incomplete], above: 40, fte: 1 }\n',
      withTriggers('    - { name: surge, lanes: [regular], above: 40, fte: 1 }\n'),
    );
    expect(messages(text)).toEqual([
      'x.yaml:19:19: lanes.incomplete.capacity.triggers[0].name: repeats the name "surge" of capacity.triggers[0] (a name no other trigger has)',
    ]);
  });

  it('on a pool without staff figures: no way to count an FTE in its units', () => {
    expect(messages(withTriggers(RULE, ''))).toEqual([
      "x.yaml:8:3: capacity.triggers: cannot count an FTE in this pool's units: the pool has no staff figures (a staff policy or a conversion on the pool, whose hoursPerFteWeek x productiveShare are an FTE's hours)",
    ]);
  });

  it('a conversion of decisions needs hoursPerDecision of the lanes, as without rules', () => {
    const text = withTriggers(RULE).replace('    hoursPerDecision: 16\n', '');
    expect(messages(text)).toEqual([
      "x.yaml:19:5: lanes.regular.hoursPerDecision: is missing; it is needed because the shared capacity's conversion counts a decision's hours from it (a number > 0)",
    ]);
  });
});

describe('inflowPlusMargin that follows lanes with a delay, as written', () => {
  const following = (fields: string) => edit('  perYear: 1600\n', `  inflowPlusMargin:\n    margin: 0.1\n${fields}`);

  it('resolves with the lanes and delay as written, and without them when not written', () => {
    const scenario = scenarioOf(following('    lanes: [regular]\n    delayWeeks: 3\n'));
    expect(scenario.capacity.policy).toEqual({
      kind: 'inflowPlusMargin',
      margin: 0.1,
      trailingWeeks: 4,
      min: 0,
      max: 1e9,
      lanes: ['regular'],
      delayWeeks: 3,
    });
    expect(scenarioOf(following('')).capacity.policy).toEqual({
      kind: 'inflowPlusMargin',
      margin: 0.1,
      trailingWeeks: 4,
      min: 0,
      max: 1e9,
    });
  });

  it("a target lever on it starts at the followed lanes' share of the mean inflow", () => {
    // VALID: 25 a week, incomplete 0.2 and regular 0.8: following regular plans 1.1 x 20 = 22 a week.
    const lever = resolveLever('perWeek', scenarioOf(following('    lanes: [regular]\n')), {});
    expect(lever.ok && lever.value.current).toBeCloseTo(22, 12);
    const all = resolveLever('perWeek', scenarioOf(following('')), {});
    expect(all.ok && all.value.current).toBeCloseTo(27.5, 12);
  });

  it('an unknown lane, a lane twice, no lane, a negative delay', () => {
    expect(messages(following('    lanes: [regulr]\n'))).toEqual([
      'x.yaml:9:13: capacity.inflowPlusMargin.lanes[0]: names no lane: "regulr"; did you mean "regular"? (one of incomplete, regular)',
    ]);
    expect(messages(following('    lanes: [regular, regular]\n'))).toEqual([
      'x.yaml:9:22: capacity.inflowPlusMargin.lanes[1]: "regular" is listed twice (also as capacity.inflowPlusMargin.lanes[0]) (each value once)',
    ]);
    expect(messages(following('    lanes: []\n'))[0]).toMatch(/^x\.yaml:9:12: capacity\.inflowPlusMargin\.lanes: /);
    expect(messages(following('    delayWeeks: -1\n'))).toEqual([
      'x.yaml:9:17: capacity.inflowPlusMargin.delayWeeks: must not be negative, got -1 (an integer in [0, 5200])',
    ]);
  });

  it('in a lane of its own', () => {
    const text = edit(
      '    grantRate: 0\n',
      '    grantRate: 0\n    capacity:\n      inflowPlusMargin: { margin: 0, lanes: [incomplete, regulr] }\n',
    );
    expect(messages(text)).toEqual([
      'x.yaml:13:58: lanes.incomplete.capacity.inflowPlusMargin.lanes[1]: names no lane: "regulr"; did you mean "regular"? (one of incomplete, regular)',
    ]);
  });
});

describe('a Scenario object with capacity rules, checked as an argument', () => {
  const valid = () => scenarioOf(withTriggers(`${RULE}      below: 20\n      forWeeks: 2\n`));
  const withRule = (rule: Record<string, unknown>) => {
    const scenario = valid();
    return {
      ...scenario,
      capacity: { ...scenario.capacity, triggers: [{ ...scenario.capacity.triggers![0]!, ...rule }] },
    };
  };
  const problem = (value: unknown) => {
    try {
      argScenario(value, 'scenario');
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('passes as the loader resolved it, and names the field of a mistake', () => {
    expect(problem(valid())).toBeNull();
    expect(problem(withRule({ lanes: ['other'] }))).toBe(
      'scenario.capacity.triggers[0].lanes[0]: must be "incomplete" or "regular", got "other" (one of incomplete, regular)',
    );
    expect(problem(withRule({ below: 50 }))).toMatch(/^scenario\.capacity\.triggers\[0\]\.below: /);
    expect(problem(withRule({ forWeeks: 0 }))).toMatch(/^scenario\.capacity\.triggers\[0\]\.forWeeks: /);
    expect(problem(withRule({ fte: 0 }))).toMatch(/^scenario\.capacity\.triggers\[0\]\.fte: /);
    expect(problem(withRule({ delayWeeks: -1 }))).toMatch(/^scenario\.capacity\.triggers\[0\]\.delayWeeks: /);
    expect(problem(withRule({ name: '' }))).toMatch(/^scenario\.capacity\.triggers\[0\]\.name: /);
    expect(problem(withRule({ lanes: ['regular', 'regular'] }))).toMatch(
      /^scenario\.capacity\.triggers\[0\]\.lanes\[1\]: names a lane again/,
    );
    const scenario = valid();
    const twice = {
      ...scenario,
      capacity: { ...scenario.capacity, triggers: [...scenario.capacity.triggers!, ...scenario.capacity.triggers!] },
    };
    expect(problem(twice)).toMatch(/^scenario\.capacity\.triggers\[1\]\.name: names a rule again/);
    const { conversion: _, ...bare } = scenario.capacity;
    expect(problem({ ...scenario, capacity: bare })).toMatch(/^scenario\.capacity\.triggers: cannot count an FTE/);
  });

  it('inflowPlusMargin lanes and delay', () => {
    const scenario = scenarioOf(VALID);
    const policy = (extra: Record<string, unknown>) => ({
      ...scenario,
      capacity: {
        unit: 'decisions',
        policy: { kind: 'inflowPlusMargin', margin: 0, trailingWeeks: 4, min: 0, max: 10, ...extra },
      },
    });
    expect(problem(policy({ lanes: ['regular'], delayWeeks: 2 }))).toBeNull();
    expect(problem(policy({ lanes: ['x'] }))).toMatch(/^scenario\.capacity\.policy\.lanes\[0\]: /);
    expect(problem(policy({ lanes: [] }))).toMatch(/^scenario\.capacity\.policy\.lanes: /);
    expect(problem(policy({ delayWeeks: 0.5 }))).toMatch(/^scenario\.capacity\.policy\.delayWeeks: /);
  });

  it('property: every random scenario with capacity rules the engine tests build passes', () => {
    fc.assert(
      fc.property(arbitraryScenario({ capacityRules: true }), (scenario) => {
        expect(problem(scenario)).toBeNull();
      }),
      { numRuns: runs(100) },
    );
  });
});
