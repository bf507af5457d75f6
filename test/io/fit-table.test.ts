import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTable, labelledLines, wrapText } from '../../src/io/fit-table.js';
import { textTable } from '../../src/io/text-table.js';
import { runs } from '../fast-check-config.js';

const word = fc.stringMatching(/^[A-Za-z+%(),.-]{1,14}$/);
const label = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const figure = fc.oneof(
  fc.integer({ min: -99_999_999, max: 99_999_999 }).map((value) => value.toLocaleString('en-US')),
  fc.constant('-'),
  fc.constant('100.0% (99.6-100.0%)'),
  fc.constant('-479.9 (-481.5 to -478.2)'),
);

describe('fitTable', () => {
  it('a table that fits is the plain text table', () => {
    const rows = [
      ['lane', 'mean', 'P90'],
      ['regular', '1,024', '420'],
    ];
    expect(fitTable(rows)).toBe(textTable(rows));
  });

  it('fits the width, keeping every figure on one line and every word of the labels and headers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((columns) =>
          fc.tuple(
            fc.array(label, { minLength: columns + 1, maxLength: columns + 1 }),
            fc.array(fc.tuple(label, fc.array(figure, { minLength: columns, maxLength: columns })), {
              minLength: 1,
              maxLength: 6,
            }),
          ),
        ),
        fc.integer({ min: 60, max: 120 }),
        ([header, body], width) => {
          const rows = [header, ...body.map(([name, figures]) => [name, ...figures])];
          const text = fitTable(rows, width);
          for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
          const lines = text.split('\n');
          for (const [, figures] of body)
            for (const cell of figures)
              expect(
                lines.some((line) => line.includes(cell)),
                cell,
              ).toBe(true);
          const words = text.split(/\s+/).join('');
          for (const cell of [...header, ...body.map(([name]) => name)])
            for (const w of cell.split(' ')) expect(words, w).toContain(w);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('keeps a label word whole when the label column narrows to its wrapped lines (found by test:soak)', () => {
    const rows = [
      ['%', ')', 'a', '...)%A%%a', 'A'],
      ['(),), (-', '-479.9 (-481.5 to -478.2)', '10,000,000', '-', '-'],
    ];
    const lines = fitTable(rows, 62).split('\n');
    expect(lines[1]).toMatch(/^ {2}\(\),\), +-479\.9/);
    expect(lines[2]).toBe('    (-');
  });

  it('wraps long option names in the header over lines, bottom-aligned, and splits what still does not fit', () => {
    const rows = [
      ['lane', 'Shared staff', 'Shared staff, first applications first', 'Shared staff, 8 FTE hired in April'],
      ['regular', '18', '1,692', '18'],
    ];
    const text = fitTable(rows, 60);
    expect(text.split('\n').every((line) => line.length <= 60)).toBe(true);
    expect(text).toContain('  regular');
    expect(text.split('\n').filter((line) => line.startsWith('  lane'))).not.toHaveLength(0);
  });
});

describe('fitTable with key columns of figures and dotted paths as headers (a sweep)', () => {
  const options = { keys: 2, firstColumn: 'figures', breakAfterDots: true } as const;
  const rows = [
    ['capacity.perWeek', 'inflow.meanPerWeek.2024-04-01', 'mean', 'P5-P95', 'P(target)', 'decisions'],
    ['28', '27.5', '1,026', '975-1,078', '98.6% (97.1-99.3%)', '1,456'],
    ['100', '20', '818', '767-870', '100.0% (99.2-100.0%)', '1,664'],
  ];

  it('a table that fits keeps its headers whole and right-aligns the first column', () => {
    expect(fitTable(rows, 100, 2, options).split('\n')).toEqual([
      '  capacity.perWeek  inflow.meanPerWeek.2024-04-01   mean     P5-P95             P(target)  decisions',
      '                28                           27.5  1,026  975-1,078    98.6% (97.1-99.3%)      1,456',
      '               100                             20    818    767-870  100.0% (99.2-100.0%)      1,664',
    ]);
  });

  it('wraps a path after its dots, never inside a word, and a split repeats every key column', () => {
    expect(fitTable(rows, 60, 2, options).split('\n')).toEqual([
      '                    inflow.meanPerWeek.',
      '  capacity.perWeek           2024-04-01   mean     P5-P95',
      '                28                 27.5  1,026  975-1,078',
      '               100                   20    818    767-870',
      '',
      '                  inflow.',
      '  capacity.  meanPerWeek.',
      '    perWeek    2024-04-01             P(target)  decisions',
      '         28          27.5    98.6% (97.1-99.3%)      1,456',
      '        100            20  100.0% (99.2-100.0%)      1,664',
    ]);
  });

  it('fits the width with up to three key columns, each row whole beside its keys in every part', () => {
    const path = fc
      .array(fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('.'));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 3 })
          .chain((keys) =>
            fc.tuple(
              fc.constant(keys),
              fc.array(path, { minLength: keys, maxLength: keys }),
              fc.array(label, { minLength: 1, maxLength: 9 }),
            ),
          ),
        fc.integer({ min: 80, max: 120 }),
        fc.integer({ min: 1, max: 4 }),
        ([keys, paths, headers], width, count) => {
          // The first key names the row ('#' is in no header); the others are values as a sweep has them.
          const body = Array.from({ length: count }, (_, r) => [
            ...paths.map((_, k) => (k === 0 ? `#${r}` : k === 1 ? '27.5' : '2024-04-01')),
            ...headers.map((_, i) => (i % 2 === 0 ? '100.0% (99.6-100.0%)' : `${r},${i}00`)),
          ]);
          const text = fitTable([[...paths, ...headers], ...body], width, 2, { ...options, keys });
          const lines = text.split('\n');
          for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
          for (const p of paths) for (const part of p.split(/(?<=\.)/)) expect(text).toContain(part);
          for (const row of body) {
            const own = lines.filter((line) => line.trim().split(/\s+/)[0] === row[0]);
            for (const cell of row.slice(keys)) expect(own.some((line) => line.includes(cell))).toBe(true);
            for (const line of own) expect(line.trim().split(/\s+/).slice(0, keys)).toEqual(row.slice(0, keys));
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe('wrapText and labelledLines', () => {
  it('wrap at spaces with a hanging indent; a word longer than the line keeps its own', () => {
    expect(wrapText('a bb ccc dddd', 6, 2)).toEqual(['a bb', '  ccc', '  dddd']);
    expect(wrapText('see scenarios/options-2024/extra-triage-fte.yaml now', 20)).toEqual([
      'see',
      'scenarios/options-2024/extra-triage-fte.yaml',
      'now',
    ]);
    expect(labelledLines([['30 a week', 'thirty decisions a week, as planned']], 30)).toEqual([
      '  30 a week  thirty decisions',
      '             a week, as',
      '             planned',
    ]);
  });
});
