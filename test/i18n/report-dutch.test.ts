import { beforeAll, describe, expect, it } from 'vitest';
import { reportText } from '../../src/io/report/report-text.js';
import { REPORTS, scenarioData, visibleTexts, withoutData, writtenReport } from './report-pages.js';

/**
 * The pieces of English catalog text a Dutch report may hold all the same:
 * words Dutch writes the same way (`basis` is English for what it is, and
 * Dutch for the base), and the names of the scenario format and the CLI.
 */
const SAME_IN_DUTCH = new Set([
  ...['week', 'start', 'parameter', 'basis', 'seed', 'ISO', 'factor, cv', 'P10', 'P90', 'P50', 'P5–P95', 'P25–P75'],
  ...['extends', 'uncertainty', '--strict', 'costPerFteYear'],
]);

/** The English catalog's literal pieces (between placeholders and tags) with a word of three or more letters. */
const englishPieces = [
  ...new Set(
    Object.values(reportText('en')).flatMap((text) =>
      text
        .split(/\{\w+\}|<[^>]*>/)
        .map((piece) => piece.replace(/^[\s,;:.()]+|[\s,;:.()]+$/g, ''))
        .filter((piece) => /[A-Za-z]{3,}/.test(piece) && !SAME_IN_DUTCH.has(piece)),
    ),
  ),
];

describe('the HTML report in Dutch', () => {
  const pages = new Map<string, { html: string; visible: string; text: string }>();
  beforeAll(async () => {
    for (const { name, files } of REPORTS) {
      const html = await writtenReport(files, 'nl');
      const data = await scenarioData(files);
      const texts = visibleTexts(html);
      pages.set(name, {
        html,
        visible: texts.join('\n'),
        text: texts.map((text) => withoutData(text, data)).join('\n'),
      });
    }
  }, 60_000);

  it.each(REPORTS.map((r) => r.name))('%s: holds no English text of the catalog', (name) => {
    const { text } = pages.get(name)!;
    const escapeRegExp = (piece: string) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found = englishPieces.filter((piece) =>
      new RegExp(`(^|[^A-Za-z])${escapeRegExp(piece)}([^A-Za-z]|$)`).test(text),
    );
    expect(found).toEqual([]);
  });

  it('writes numbers and dates the Dutch way: 1.440, 46,0%, 31 december 2024, jan 2024 on the axes', () => {
    const { html, visible: text, text: withoutScenario } = pages.get('baseline')!;
    expect(html).toContain('<html lang="nl">');
    expect(text).toContain('Openstaande zaken bij de start\n1.440\n1 januari 2024');
    expect(text).toContain('Kans op ≤ 1.100 op 31 december 2024');
    expect(text).toMatch(/\n\d{1,2},\d%\n/);
    expect(text).toContain('\njan 2024\n');
    expect(text).toContain('\nmrt\n');
    // No number grouped the English way but in the scenario's own words.
    expect(withoutScenario).not.toMatch(/\d,\d{3}\b/);
    expect(html).toContain('<title>Baseline 2024: caseload-rapport</title>');
    expect(html).toContain('<h2>Prognose</h2>');
    expect(html).toMatch(/class="axis-title"[^>]*>openstaande zaken</);
  });

  it('writes a capacity in Dutch in the table of the options: 1.600 beslissingen per jaar, 21,6 u per week', () => {
    const { html } = pages.get('options')!;
    expect(html).toContain('<td>1.600 beslissingen per jaar + incomplete: 1 fte (21,6 u per week)</td>');
    expect(html).toContain('<td class="num">volgt de instroom</td>');
    expect(html).toContain('<td>instroom + 10%, minstens 0 per week</td>');
  });
});
