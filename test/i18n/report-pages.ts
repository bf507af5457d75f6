/**
 * Helpers of the report's language tests: write reports through the CLI and
 * take them apart into what a reader sees, and the scenario data they show.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { readValueNotes } from '../../src/io/report/read-value-notes.js';
import { loadScenario, scenarioValues } from '../../src/scenario/index.js';

const FAST = ['--reps', '100', '--workers', '1', '--quiet'];

/** Reports that show every section: uncertainty and a target, flows, a warning, options with staff and costs. */
export const REPORTS: readonly { readonly name: string; readonly files: readonly string[] }[] = [
  { name: 'baseline', files: ['scenarios/baseline-2024.yaml'] },
  { name: 'flows', files: ['scenarios/options-2024/track-switches.yaml'] },
  { name: 'warning', files: ['test/io/report/fixtures/dutch-plan.yaml'] },
  {
    name: 'options',
    files: [
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/40-per-week.yaml',
      'scenarios/options-2024/extra-triage-fte.yaml',
      'scenarios/options-2024/capacity-follows-inflow.yaml',
      'test/io/report/fixtures/dutch-plan.yaml',
    ],
  },
  { name: 'hours', files: ['scenarios/shared-staff.yaml', 'scenarios/shared-staff-hire.yaml'] },
];

/** The report of these files (options after the first) in a language, as `caseload report` writes it. */
export async function writtenReport(files: readonly string[], lang: string): Promise<string> {
  const out = join(await mkdtemp(join(tmpdir(), 'caseload-report-lang-')), 'report.html');
  let stderr = '';
  const code = await runCli(['report', ...files, ...FAST, '--lang', lang, '--out', out], {
    out: () => {},
    err: (text) => (stderr += text),
  });
  if (code !== 0) throw new Error(`caseload report exited ${code}: ${stderr}`);
  return readFile(out, 'utf8');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decodeEntities = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);

/**
 * What a reader sees (or a screen reader reads) of a report: every text node
 * of the HTML and its SVG (titles included, not the style sheet) and every
 * aria-label, unescaped.
 */
export function visibleTexts(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '');
  const labels = [...body.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);
  const nodes = body
    .replace(/<!doctype html>/, '')
    .split(/<[^>]*>/)
    .filter((text) => text.trim() !== '');
  return [...nodes, ...labels].map(decodeEntities);
}

/**
 * The scenario data a report of these files shows as it is written: names,
 * descriptions, lanes, file names, every value with its field, note and
 * place, and the plausibility warnings (the validator's messages, in the
 * CLI's English). Longest first, so that removing them from a text removes
 * a whole one before a part of it.
 */
export async function scenarioData(files: readonly string[]): Promise<string[]> {
  // The replications the tests set on the command line: the assumptions table says where.
  const data = new Set<string>(['--reps']);
  for (const file of files) {
    const loaded = await loadScenario(file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const { scenario, warnings } = loaded.value;
    data.add(file);
    for (const path of loaded.value.files) data.add(path);
    data.add(scenario.name);
    if (scenario.description !== null) data.add(scenario.description);
    for (const lane of scenario.lanes) data.add(lane.name);
    for (const value of await readValueNotes(scenarioValues(loaded.value.node))) {
      for (const text of [value.field, value.value, value.note ?? '', value.where]) data.add(text);
    }
    for (const issue of warnings) {
      for (const text of [issue.problem, issue.allowed ?? '', issue.field, issue.file]) data.add(text);
    }
  }
  data.delete('');
  return [...data].sort((a, b) => b.length - a.length);
}

/** A text without the scenario data in it. */
export function withoutData(text: string, data: readonly string[]): string {
  // A label a chart shortened with an ellipsis to fit its column.
  if (text.endsWith('…') && data.some((item) => item.startsWith(text.slice(0, -1)))) return '';
  let rest = text;
  for (const item of data) rest = rest.split(item).join(' ');
  return rest;
}
