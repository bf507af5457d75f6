import { describe, expect, it } from 'vitest';
import { reportText } from '../../src/io/report/report-text.js';

const en = reportText('en');
const nl = reportText('nl');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the HTML report's catalog", () => {
  it('has the same keys in English and Dutch', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(en).length).toBeGreaterThan(200);
  });

  it.each(Object.keys(en))('%s: a text in both languages, with the same placeholders', (key) => {
    const english = en[key as keyof typeof en];
    const dutch = nl[key as keyof typeof nl];
    expect(english.trim()).not.toBe('');
    expect(dutch.trim()).not.toBe('');
    expect(placeholders(dutch)).toEqual(placeholders(english));
    // Markup only in the keys that say so; elsewhere the text is escaped or written as plain text.
    if (!key.endsWith('Html')) {
      expect(english).not.toMatch(/[<>&"]/);
      expect(dutch).not.toMatch(/[<>&"]/);
    } else {
      expect(dutch.match(/<[^>]+>/g)).toEqual(english.match(/<[^>]+>/g));
    }
  });
});
