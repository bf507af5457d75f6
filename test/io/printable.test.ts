import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, printableLines } from '../../src/scenario/errors.js';
import { escapeXml } from '../../src/io/report/escape-xml.js';
import { runs } from '../fast-check-config.js';

/** Control characters and the marks that reorder text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('writes out control characters and the marks that reorder text, as JSON would', () => {
    expect(printable('a\u001b[31mb')).toBe('a\\u001b[31mb');
    expect(printable('bell\u0007 cr\r lf\n tab\t del\u007f csi\u009b')).toBe(
      'bell\\u0007 cr\\r lf\\n tab\\t del\\u007f csi\\u009b',
    );
    expect(printable('abc\u202edef \u2066x\u2069 \u200f')).toBe('abc\\u202edef \\u2066x\\u2069 \\u200f');
  });

  it('leaves other text as it is: accents, symbols, emoji, the chart characters', () => {
    const text = 'Één plan — 1,440 ● ░ ┤ └─ ≤ € 😀 中文';
    expect(printable(text)).toBe(text);
  });

  it('keeps the line breaks of lines', () => {
    expect(printableLines('one\u0007\ntwo\r\n')).toBe('one\\u0007\ntwo\\r\n');
  });

  it('gives text without control characters, and is the same applied twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        expect(shown).not.toMatch(UNPRINTABLE);
        expect(printable(shown)).toBe(shown);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('escapeXml', () => {
  it('writes out control characters as well as the entities, keeping line breaks', () => {
    expect(escapeXml('<b>\u001b[1m</b>\nx')).toBe('&lt;b&gt;\\u001b[1m&lt;/b&gt;\nx');
  });
});
