import type { AppData } from '../protocol.js';
import type { PageData } from './page-data.js';
import { PAGE_TEXT } from './page-text.js';
import { escapeHtml } from './render-answers.js';

/**
 * JSON that can stand inside a `<script>` element: every `<` (so no
 * `</script>` or `<!--` in a scenario's text ends or changes the element),
 * `>` and `&`, and the line separators U+2028 and U+2029, written as
 * `\u` escapes. JSON.parse reads it back unchanged.
 *
 * @example scriptJson({ a: '</script>' }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A script's code as the text of an inline `<script>` element: `</script`
 * and `<!--`, which would end the element or change how the browser reads
 * it, written so that they no longer appear (`<\/script`, `<\!--`: the same
 * in a string or a regular expression of the bundle, the only places they
 * can occur).
 */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #154273; --error: #b00020; --bg: #fff; --panel: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; padding: 0.6rem 1rem; background: var(--accent); color: #fff; }
header h1 { font-size: 1.25rem; margin: 0; flex: 1 1 auto; }
header label { font-size: 0.9rem; }
header select, header button { font: inherit; }
button { font: inherit; padding: 0.3rem 0.7rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 4px; cursor: pointer; }
button:disabled { opacity: 0.5; cursor: not-allowed; }
:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
main { display: grid; grid-template-columns: minmax(300px, 420px) minmax(0, 1fr); gap: 1rem; padding: 1rem; align-items: start; }
@media (max-width: 800px) { main { grid-template-columns: minmax(0, 1fr); padding: 0.5rem; } }
#controls { background: var(--panel); padding: 0.75rem; border-radius: 6px; max-height: calc(100vh - 5rem); overflow-y: auto; }
@media (max-width: 800px) { #controls { max-height: none; } }
fieldset { min-width: 0; border: 1px solid var(--line); border-radius: 4px; margin: 0 0 0.75rem; padding: 0.5rem 0.6rem; }
legend { font-weight: 600; padding: 0 0.3rem; }
.control { margin: 0.35rem 0 0.6rem; }
.control > label { display: block; font-weight: 500; }
.control .row { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; }
.control input[type=range] { flex-basis: 8rem; }
.control input[type=range] { flex: 1 1 auto; min-width: 0; }
.control input[type=text] { width: 6.5rem; font: inherit; padding: 0.15rem 0.3rem; }
.control input[type=date] { font: inherit; }
.control .unit { color: var(--muted); font-size: 0.85rem; white-space: nowrap; }
.control .file { color: var(--muted); font-size: 0.8rem; }
.control.changed > label::after { content: " •"; color: var(--accent); }
.control.refused input { border-color: var(--error); outline: 1px solid var(--error); }
.issue { color: var(--error); font-size: 0.85rem; margin: 0.2rem 0 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
#status { color: var(--muted); min-height: 1.4em; margin: 0 0 0.5rem; }
#status.stale { color: #8a5a00; }
#answers.stale { opacity: 0.55; }
#answers.refused { display: none; }
#refused { color: var(--error); font-weight: 500; }
.answer { margin-bottom: 1.25rem; }
.answer h3 { margin: 0 0 0.35rem; font-size: 1.05rem; }
.headline { font-size: 1.2rem; font-weight: 600; margin: 0; }
.interval, .caption { color: var(--muted); margin: 0.1rem 0; }
.chart svg { width: 100%; height: auto; max-width: 820px; display: block; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child { text-align: left; }
tbody tr:last-child th, tbody tr:last-child td { font-weight: 600; }
#prognosis-form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
#prognosis-form label { display: flex; flex-direction: column; font-size: 0.9rem; }
`;

/**
 * The what-if page: one self-contained HTML document with the data as JSON,
 * the worker's code (started from a Blob by the page) and the page's code,
 * so that it opens from a file with no network. Its generator line is how
 * `--force` knows the file as caseload's.
 *
 * @example pageHtml(data, { presets }, pageCode, workerCode)
 */
export function pageHtml(data: AppData, page: PageData, pageCode: string, workerCode: string): string {
  const first = data.presets[0];
  const title = PAGE_TEXT[data.lang].pageTitle.replace('{scenario}', first?.label ?? '');
  return [
    '<!doctype html>',
    `<html lang="${data.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="generator" content="caseload ${escapeHtml(data.caseloadVersion)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<noscript>This page needs JavaScript. / Deze pagina heeft JavaScript nodig.</noscript>',
    '<div id="app"></div>',
    `<script type="application/json" id="caseload-data">${scriptJson(data)}</script>`,
    `<script type="application/json" id="caseload-page">${scriptJson(page)}</script>`,
    `<script type="application/json" id="caseload-worker">${scriptJson(workerCode)}</script>`,
    `<script>${inlineScript(pageCode)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
