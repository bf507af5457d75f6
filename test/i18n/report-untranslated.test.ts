import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REPORTS, scenarioData, visibleTexts, withoutData, writtenReport } from './report-pages.js';

/**
 * The pseudo-language: the English catalog with every letter outside a
 * placeholder and a tag written in full width (`ｏｐｅｎ ｃａｓｅｓ`). A report
 * in it shows every text of the catalog in full width, so that any letter
 * left in normal width came from somewhere else: the code (a string not in
 * the catalog), or the scenario.
 */
vi.mock('../../src/io/report/report-text.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/io/report/report-text.js')>();
  const wide = (text: string) =>
    text
      .split(/(\{\w+\}|<[^>]*>)/)
      .map((part, i) =>
        i % 2 === 1 ? part : part.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
      )
      .join('');
  const pseudo = Object.fromEntries(Object.entries(original.reportText('en')).map(([key, text]) => [key, wide(text)]));
  return {
    ...original,
    // 'nl' stands for the pseudo-language here; English stays English, as the run's phrases are matched on it.
    reportText: (lang: 'en' | 'nl') => (lang === 'nl' ? pseudo : original.reportText('en')),
  };
});

/**
 * Words the report writes that are neither catalog text nor scenario data,
 * each for a reason: the Dutch month names of its dates (src/i18n), and the
 * distributions of an uncertainty block named in the band's list as the
 * scenario names them.
 */
const NOT_CATALOG = new Set([
  ...['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober'],
  ...['november', 'december', 'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  ...['lognormal', 'gamma'],
]);

describe('the HTML report in a pseudo-language', () => {
  const pages = new Map<string, { html: string; data: string[] }>();
  beforeAll(async () => {
    for (const { name, files } of REPORTS)
      pages.set(name, { html: await writtenReport(files, 'nl'), data: await scenarioData(files) });
  }, 60_000);

  it.each(REPORTS.map((r) => r.name))(
    '%s: every visible text is catalog text, numbers and dates, or scenario data',
    (name) => {
      const { html, data } = pages.get(name)!;
      const untranslated = new Set<string>();
      for (const text of visibleTexts(html)) {
        // Hashes and times are not words; what is left after the scenario data must be in full width.
        const rest = withoutData(text.replace(/\b[0-9a-f]{64}\b/g, ' ').replace(/\d{4}-\d\d-\d\dT[\d:]+Z/g, ' '), data);
        for (const word of rest.match(/[A-Za-zÀ-ɏ]{2,}/g) ?? [])
          if (!NOT_CATALOG.has(word)) untranslated.add(`${word} (in "${text.trim().slice(0, 80)}")`);
      }
      expect([...untranslated]).toEqual([]);
    },
  );

  it('shows the catalog: the page title, a heading, an axis title, a legend and an aria-label', () => {
    const { html } = pages.get('baseline')!;
    expect(html).toContain('<title>Baseline 2024: ｃａｓｅｌｏａｄ ｒｅｐｏｒｔ</title>');
    expect(html).toContain('<h2>Ｐｒｏｊｅｃｔｉｏｎ</h2>');
    expect(html).toMatch(/class="axis-title"[^>]*>ｏｐｅｎ ｃａｓｅｓ</);
    expect(html).toMatch(/aria-label="Ｆａｎ ｃｈａｒｔ/);
    expect(html).toContain('<html lang="nl">');
  });
});
