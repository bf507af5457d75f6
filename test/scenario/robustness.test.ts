import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/read/parse-text.js';
import { resolveScenario, resolveSourceNode } from '../../src/scenario/pipeline.js';
import { VALID } from './helpers.js';
import { runs } from '../fast-check-config.js';

/** A valid document in code, to be broken in one or more places. */
const VALID_DOC = {
  name: 'Fuzz',
  start: '2024-01-01',
  horizonWeeks: 10,
  seed: 3,
  replications: 5,
  inflow: { meanPerWeek: 25 },
  capacity: { perYear: 1600 },
  calendar: [{ from: '2024-02-01', to: '2024-02-10', scale: 0.5, label: 'x' }],
  lanes: {
    a: { share: 0.5, grantRate: 0.1, capacity: { staff: { fte: 1 } }, hoursPerDecision: 3 },
    b: { share: 0.5, grantRate: 0.2, minWaitWeeks: 2 },
  },
  initialBacklog: { spreadWeeks: 4, lanes: { a: 3, b: { byWeeksAgo: { 1: 2 } } } },
  target: { backlog: 10, date: '2024-03-01' },
};

const PATHS = [
  ['name'],
  ['start'],
  ['horizonWeeks'],
  ['seed'],
  ['replications'],
  ['inflow'],
  ['inflow', 'meanPerWeek'],
  ['inflow', 'weeklyMeans'],
  ['capacity'],
  ['capacity', 'unit'],
  ['capacity', 'perWeek'],
  ['capacity', 'inflowPlusMargin'],
  ['capacity', 'inflowPlusMargin', 'max'],
  ['calendar'],
  ['calendar', '0'],
  ['calendar', '0', 'to'],
  ['calendar', '0', 'scale'],
  ['lanes'],
  ['lanes', 'a'],
  ['lanes', 'a', 'share'],
  ['lanes', 'a', 'capacity', 'unit'],
  ['lanes', 'b', 'hoursPerDecision'],
  ['lanes', 'total'],
  ['lanes', 'c'],
  ['initialBacklog', 'lanes', 'b'],
  ['initialBacklog', 'lanes', 'zz'],
  ['initialBacklog', 'lanes', 'b', 'byWeeksAgo', '0'],
  ['target', 'date'],
  ['target'],
  ['extra'],
  [],
];

const values = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
    0,
    0.5,
    1,
    2.5,
    1e9,
    '2024-02-30',
    '2024-01-01',
    'hours',
    'decisions',
    '',
    null,
    true,
    [],
    {},
  ),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.date(),
  fc.anything(),
);

function withValue(doc: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const container = doc !== null && typeof doc === 'object' ? doc : {};
  const copy = (Array.isArray(container) ? [...(container as unknown[])] : { ...container }) as Record<string, unknown>;
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

describe('the loader never throws for bad input', () => {
  it('accepts the document the fuzz starts from', () => {
    expect(resolveScenario(VALID_DOC, 'fuzz').ok).toBe(true);
  });

  it('returns a scenario or issues for any change to a valid document', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PATHS), values), { minLength: 1, maxLength: 4 }),
        fc.record({ horizonWeeks: fc.option(values, { nil: undefined }) }),
        (changes, overrides) => {
          const doc = changes.reduce<unknown>((current, [path, value]) => withValue(current, path, value), VALID_DOC);
          const result = resolveScenario(doc, 'fuzz', overrides as { horizonWeeks?: number });
          if (result.ok) {
            expect(Object.isFrozen(result.value.lanes)).toBe(true);
          } else {
            expect(result.issues.length).toBeGreaterThan(0);
            for (const issue of result.issues) expect(issue.problem).not.toBe('');
          }
        },
      ),
      { numRuns: runs(3000) },
    );
  });

  it('returns a scenario or issues for any text', () => {
    const lines = VALID.split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(lines.length), fc.string()), { maxLength: 3 }),
        fc.boolean(),
        (edits, json) => {
          const text = edits.reduce((current, [line, insert]) => {
            const next = current.split('\n');
            next.splice(line, 0, insert);
            return next.join('\n');
          }, VALID);
          const parsed = parseScenarioText(text, json ? 'fuzz.json' : 'fuzz.yaml');
          const result = parsed.ok ? resolveSourceNode(parsed.value, 'fuzz.yaml') : parsed;
          if (!result.ok) for (const issue of result.issues) expect(issue.line === null || issue.line >= 1).toBe(true);
        },
      ),
      { numRuns: runs(2000) },
    );
  });
});
