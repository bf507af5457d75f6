import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from '../../src/scenario/index.js';
import {
  documentText,
  expectCleanCli,
  expectLocated,
  hostileValue,
  scratchDir,
  VALID_DOC,
  withValue,
} from './hostile.js';
import { runs } from '../fast-check-config.js';

let dir = '';
let cleanUp = async () => {};
let serial = 0;
beforeAll(async () => ({ dir, cleanUp } = await scratchDir()));
afterAll(() => cleanUp());

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const START = Date.parse('2024-01-01T00:00:00Z');

/** Consecutive periods around the start (so that some files are valid), then damaged row by row. */
function csvText(
  engineSafe: boolean,
  nearlyValid: 'inflow' | 'backlog' | null = null,
): fc.Arbitrary<{ text: string; period: 'week' | 'month' }> {
  const badDate = fc.constantFrom(
    '2024-02-30',
    '2024-13-01',
    '01/02/2024',
    '2024-1-1',
    '',
    'abc',
    '2024-01-02',
    ' 2024-01-08 ',
    '0001-01-01',
    '9999-12-31',
    '2023-12-25T00:00',
  );
  const badCount = fc.constantFrom(
    '-5',
    '1.5',
    'abc',
    '',
    '1e308',
    '9007199254740993',
    '1,000',
    ' 7 ',
    'NaN',
    'Infinity',
    '0x10',
    '1e3',
    '-0',
    '+4',
  );
  const hugeCount = fc.constantFrom('9007199254740991', '1e15', '123456789012');
  const count = fc.oneof(
    { weight: 5, arbitrary: fc.nat(500).map(String) },
    { weight: 1, arbitrary: badCount },
    ...(engineSafe ? [] : [{ weight: 1, arbitrary: hugeCount }]),
  );
  const rowEdit = fc.oneof(
    fc.tuple(fc.constant('date' as const), fc.nat(), badDate),
    fc.tuple(fc.constant('count' as const), fc.nat(), count),
    fc.tuple(fc.constant('swap' as const), fc.nat(), fc.nat().map(String)),
    fc.tuple(fc.constant('duplicate' as const), fc.nat(), fc.constant('')),
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.constant('')),
    fc.tuple(
      fc.constant('quote' as const),
      fc.nat(),
      fc.constantFrom('"2024-01-01\n"', '"1\n2"', '"unclosed', '"a""b"', '""'),
    ),
  );
  // Nearly valid files (for the properties that also run): good headers and counts, at most one damaged row, periods
  // from before the start on (inflow) or wholly before it (backlog: at most |firstOffset| weeks or months).
  const good = nearlyValid !== null;
  return fc
    .record({
      period: fc.constantFrom('week' as const, 'month' as const),
      firstOffset: good ? fc.integer({ min: -60, max: -4 }) : fc.integer({ min: -60, max: 3 }),
      counts: fc.array(good ? fc.nat(500).map(String) : count, { minLength: good ? 1 : 0, maxLength: 70 }),
      edits: fc
        .array(rowEdit, { maxLength: good ? 1 : 3 })
        .map((edits) => (good && edits.length > 0 && edits[0]![1] % 2 === 0 ? [] : edits)),
      header: good
        ? fc.constant('date,count')
        : fc.constantFrom(
            'date,count',
            'date,count',
            'count,date',
            'date',
            'week,n',
            'date;count',
            '',
            'date,count,extra',
            '"date","count"',
            'Date,Count',
          ),
      delimiter: good ? fc.constant(',') : fc.constantFrom(',', ',', ',', ';', '\t'),
      lineEnd: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
      whole: good
        ? fc.constant(null)
        : fc.option(
            fc.oneof(
              fc.constantFrom('', 'date,count', 'date,count\n', '\n\n', 'date,count\n,\n'),
              fc.string({ unit: 'binary', maxLength: 60 }),
            ),
            { freq: 8, nil: null },
          ),
    })
    .map(({ period, firstOffset, counts: drawn, edits, header, delimiter, lineEnd, bom, whole }) => {
      if (whole !== null) return { text: whole, period };
      const periodsBefore = period === 'week' ? -firstOffset : -Math.floor(firstOffset / 4);
      const counts = nearlyValid === 'backlog' ? drawn.slice(0, periodsBefore - 1) : drawn;
      const dateOf = (i: number) => {
        if (period === 'week') return iso(START + 7 * (firstOffset + i) * DAY);
        const first = new Date(START);
        first.setUTCMonth(first.getUTCMonth() + Math.floor(firstOffset / 4) + i);
        return iso(first.getTime());
      };
      const rows = counts.map((c, i) => [dateOf(i), c]);
      for (const [kind, at, value] of edits) {
        if (rows.length === 0) break;
        const i = at % rows.length;
        if (kind === 'date') rows[i]![0] = value;
        else if (kind === 'count') rows[i]![1] = value;
        else if (kind === 'swap')
          [rows[i], rows[Number(value) % rows.length]] = [rows[Number(value) % rows.length]!, rows[i]!];
        else if (kind === 'duplicate') rows.splice(i, 0, [...rows[i]!]);
        else if (kind === 'delete') rows.splice(i, 1);
        else rows[i]![at % 2] = value;
      }
      const text =
        [header.replaceAll(',', delimiter), ...rows.map((row) => row.join(delimiter))].join(lineEnd) + lineEnd;
      return { text: bom ? `\uFEFF${text}` : text, period };
    });
}

async function writeCase(files: Record<string, string>, doc: unknown): Promise<string> {
  const sub = join(dir, `case-${serial++}`);
  await import('node:fs/promises').then(({ mkdir }) => mkdir(sub));
  for (const [name, content] of Object.entries(files)) await writeFile(join(sub, name), content);
  const file = join(sub, 'scenario.yaml');
  await writeFile(file, documentText(doc, 'yaml'));
  return file;
}

async function expectCleanLoad(file: string): Promise<void> {
  const loaded = await loadScenario(file);
  if (!loaded.ok) loaded.issues.forEach(expectLocated);
}

const observedDoc = (period: string, futureMeanPerWeek: unknown) =>
  withValue(VALID_DOC, ['inflow'], { observed: { file: 'inflow.csv', period, futureMeanPerWeek } });
const backlogDoc = (period: string) =>
  withValue(VALID_DOC, ['initialBacklog', 'lanes', 'regular'], { file: 'backlog.csv', period });
const future = fc.constantFrom<unknown>(
  25,
  'trailing',
  'trend',
  'seasonal',
  { '2000-01-03': 25, '2024-02-05': 30 },
  { '2030-01-07': 30 }, // after the first week after any data here: refused at its line
);

describe('hostile CSV files give exit 0 or exit 2 with file:line messages, never an exception', () => {
  it('inflow.observed.file: random rows, missing columns, bad dates and counts, duplicates, gaps, quoting, delimiters', async () => {
    await fc.assert(
      fc.asyncProperty(csvText(false), future, fc.boolean(), async ({ text, period }, futureMean, asBacklog) => {
        const doc = asBacklog ? backlogDoc(period) : observedDoc(period, futureMean);
        const file = await writeCase({ [asBacklog ? 'backlog.csv' : 'inflow.csv']: text }, doc);
        await expectCleanLoad(file);
        await expectCleanCli(file, dir, false);
      }),
      { numRuns: runs(250) },
    );
  });

  it('CSV files the engine can simulate, through validate and run', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText(true, 'inflow'),
        csvText(true, 'backlog'),
        future,
        async (inflow, backlog, futureMean) => {
          const doc = withValue(observedDoc(inflow.period, futureMean), ['initialBacklog', 'lanes', 'regular'], {
            file: 'backlog.csv',
            period: backlog.period,
          });
          await expectCleanCli(
            await writeCase({ 'inflow.csv': inflow.text, 'backlog.csv': backlog.text }, doc),
            dir,
            true,
          );
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('a CSV path that is a directory or missing, at the scenario field', async () => {
    for (const path of ['.', 'none.csv', '']) {
      const file = await writeCase({}, observedDoc('week', 25));
      await writeFile(
        file,
        documentText(withValue(observedDoc('week', 25), ['inflow', 'observed', 'file'], path), 'yaml'),
      );
      await expectCleanLoad(file);
      expect(await expectCleanCli(file, dir, false)).toBe(2);
    }
  });
});

/** A calendar file: a list of periods (or a mapping with one), with hostile values, or random text. */
const calendarText = (engineSafe: boolean) => {
  const period = fc.record(
    {
      from: fc.oneof(
        fc
          .date({ min: new Date('2023-06-01'), max: new Date('2024-06-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        hostileValue(engineSafe),
      ),
      to: fc.oneof(
        fc
          .date({ min: new Date('2023-06-01'), max: new Date('2024-06-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        hostileValue(engineSafe),
      ),
      scale: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), hostileValue(engineSafe)),
      label: fc.oneof(fc.string({ maxLength: 10 }), hostileValue(engineSafe)),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(period, { maxLength: 5 }).map((periods) => stringify(periods)) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          name: hostileValue(engineSafe),
          calendar: fc.oneof(fc.array(period, { maxLength: 3 }), hostileValue(engineSafe)),
        })
        .map((doc) => stringify(doc)),
    },
    { weight: 1, arbitrary: hostileValue(engineSafe).map((value) => stringify(value) ?? '') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '- { from: 2024-02-30 }\n',
        '"unclosed\n',
        'a: &a [*a]\n',
        '- \tx\n',
        '\uFEFF- { from: 2024-01-01, to: 2024-01-02, scale: 0.5 }\r\n',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  );
};

const calendarsValue = fc.constantFrom<unknown>(
  ['cal.yaml'],
  ['cal.yaml', 'cal.yaml'],
  ['cal.yaml', 'missing.yaml'],
  ['.'],
  [''],
  [5],
  'cal.yaml',
  [['cal.yaml']],
  [],
  null,
);

describe('hostile calendar files give exit 0 or exit 2 with located messages, never an exception', () => {
  it('random periods, wrong shapes and random text in a calendar file', async () => {
    await fc.assert(
      fc.asyncProperty(calendarText(false), calendarsValue, async (text, calendars) => {
        const file = await writeCase({ 'cal.yaml': text }, withValue(VALID_DOC, ['calendars'], calendars));
        await expectCleanLoad(file);
        await expectCleanCli(file, dir, false);
      }),
      { numRuns: runs(200) },
    );
  });

  it('calendar files the engine can simulate, through validate and run', async () => {
    await fc.assert(
      fc.asyncProperty(calendarText(true), async (text) => {
        await expectCleanCli(
          await writeCase({ 'cal.yaml': text }, withValue(VALID_DOC, ['calendars'], ['cal.yaml'])),
          dir,
          true,
        );
      }),
      { numRuns: runs(40) },
    );
  });
});
