/**
 * For random actuals that keep conservation (backlog = backlog before +
 * inflow - decisions, per lane), the re-forecast starts from the actual
 * backlog: per lane when the last period gives it per lane, or carries it
 * forward from per-lane inflow and decisions when it gives none; in total
 * when it gives only the total. The ages are whole weeks before the start
 * with whole counts above 0, adding up to each lane's backlog.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actuals, ActualValue } from '../../src/monitor/actuals.js';
import { actualsOf as actualsFrom } from './expected-actuals.js';
import type { TestPeriod } from './expected-actuals.js';
import { reforecastScenario } from '../../src/monitor/reforecast-scenario.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { initialBacklogAges } from '../../src/scenario/index.js';
import { addDays, weekEndDate, weekStartDate } from '../../src/time/weeks.js';
import { benchReference } from '../engine/bench-reference.js';
import { runs } from '../fast-check-config.js';

const BENCH = benchReference();
const LANES = BENCH.lanes.map((lane) => lane.name);
/** The plan's initial backlog per lane: where the actuals' conservation starts (the first period starts on the plan's start). */
const INITIAL = LANES.map((name) => initialBacklogAges(BENCH.initialBacklog[name]).reduce((sum, n) => sum + n, 0));

/** How a period gives a measure: per lane (with the total), the total only, some lanes with the total, or not at all. */
type Form = 'lanes' | 'total' | 'some' | 'none';

interface Case {
  readonly period: 'week' | 'month';
  readonly flows: readonly { readonly inflow: readonly number[]; readonly decided: readonly number[] }[];
  /** How the last period gives its backlog. */
  readonly last: 'lanes' | 'total' | 'none';
  /** How each earlier period gives its backlog; inflow and decisions are per lane when `last` is none. */
  readonly forms: readonly { readonly backlog: Form; readonly inflow: Form; readonly decisions: Form }[];
}

const form = fc.constantFrom<Form>('lanes', 'total', 'some', 'none');
const arbitraryCase: fc.Arbitrary<Case> = fc
  .record({
    period: fc.constantFrom<'week' | 'month'>('week', 'month'),
    count: fc.integer({ min: 1, max: 30 }),
    last: fc.constantFrom<'lanes' | 'total' | 'none'>('lanes', 'total', 'none'),
  })
  .chain(({ period, count, last }) => {
    const periods = period === 'month' ? Math.min(count, 11) : count;
    const flow = fc.record({
      inflow: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
      // Decided as a share of what is open: conservation never takes a backlog below 0.
      decided: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    });
    return fc.record({
      period: fc.constant(period),
      flows: fc.array(flow, { minLength: periods, maxLength: periods }),
      last: fc.constant(last),
      forms: fc.array(fc.record({ backlog: form, inflow: form, decisions: form }), {
        minLength: periods,
        maxLength: periods,
      }),
    });
  });

/** The periods' first and last days: the plan's weeks, or calendar months from January 2024. */
function span(period: 'week' | 'month', p: number): { from: string; to: string } {
  if (period === 'week') return { from: weekStartDate(BENCH.start, p), to: weekEndDate(BENCH.start, p) };
  const from = `2024-${String(p + 1).padStart(2, '0')}-01`;
  const next = p === 11 ? '2025-01-01' : `2024-${String(p + 2).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The actuals of a case, and the true backlog per lane at their end. */
function actualsOf(c: Case): { actuals: Actuals; backlog: number[] } {
  const open = [...INITIAL];
  const periods: TestPeriod[] = c.flows.map((flow, p) => {
    const decided = open.map((n, l) => Math.floor((n + flow.inflow[l]!) * flow.decided[l]!));
    LANES.forEach((_, l) => {
      open[l] = open[l]! + flow.inflow[l]! - decided[l]!;
    });
    const isLast = p === c.flows.length - 1;
    const carried = c.last === 'none';
    const forms = c.forms[p]!;
    const backlogForm: Form = isLast ? c.last : forms.backlog;
    return {
      line: p + 2,
      ...span(c.period, p),
      inflow: shown(flow.inflow, carried ? 'lanes' : forms.inflow),
      decisions: shown(decided, carried ? 'lanes' : forms.decisions),
      backlog: shown([...open], backlogForm),
    };
  });
  return { actuals: actualsFrom('random.csv', c.period, periods), backlog: open };
}

function shown(values: readonly number[], how: Form): ActualValue | null {
  const total = values.reduce((sum, n) => sum + n, 0);
  const byLane = (names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, values[LANES.indexOf(name)]!]));
  if (how === 'none') return null;
  if (how === 'total') return { total, byLane: {} };
  if (how === 'some') return { total, byLane: byLane(LANES.slice(1, 3)) };
  return { total, byLane: byLane(LANES) };
}

/**
 * Whether the actuals tell a lane's backlog at their end: the last period
 * gives it in the lane's own column; or it gives no backlog, and the last
 * period that does gives the lane's own (carried forward with the lane's own
 * inflow and decisions), or none does (the plan's initial backlog, carried
 * forward). A lane's part of a total is the plan's lane mix: only the total is
 * then the actual one.
 */
function knownPerLane(c: Case, lane: number): boolean {
  const own = (how: Form) => how === 'lanes' || (how === 'some' && (lane === 1 || lane === 2));
  if (c.last !== 'none') return c.last === 'lanes';
  const given = c.forms.slice(0, -1).filter((f) => f.backlog !== 'none');
  return given.length === 0 || own(given.at(-1)!.backlog);
}

describe("the re-forecast's starting backlog and ages, for random actuals that keep conservation", () => {
  it('start from the actual backlog, with whole ages that add up to it', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const { actuals, backlog } = actualsOf(c);
        const setup = reforecastScenario(BENCH, actuals, { learn: { weeks: 13 } });
        if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
        const start = setup.value.startBacklog;
        const total = backlog.reduce((sum, n) => sum + n, 0);
        expect(start.total).toBe(total);
        LANES.forEach((name, l) => {
          if (knownPerLane(c, l)) expect(start.byLane[name]).toBe(backlog[l]);
        });
        for (const name of LANES) {
          const spec = setup.value.scenario.initialBacklog[name];
          const counts = spec === undefined ? [] : spec.kind === 'byWeeksAgo' ? spec.counts : [];
          expect(spec === undefined || spec.kind === 'byWeeksAgo').toBe(true);
          counts.forEach((entry, i) => {
            expect(Number.isInteger(entry.count) && entry.count > 0).toBe(true);
            expect(Number.isInteger(entry.weeksAgo) && entry.weeksAgo >= 1).toBe(true);
            if (i > 0) expect(entry.weeksAgo).toBeGreaterThan(counts[i - 1]!.weeksAgo);
          });
          expect(counts.reduce((sum, entry) => sum + entry.count, 0)).toBe(start.byLane[name]);
        }
      }),
      { numRuns: runs(150) },
    );
  });
});
