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
