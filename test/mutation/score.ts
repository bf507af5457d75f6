/**
 * The mutation score of a Stryker report (the mutation-testing-report-schema
 * JSON that the incremental file and reports/mutation/mutation.json hold), by
 * mutated folder, the way Stryker counts it: detected (killed or timed out)
 * over detected plus undetected (survived or not covered); mutants that do not
 * compile, fail at run time or are ignored are left out.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MUTATED_FOLDERS = ['src/engine', 'src/random', 'src/stats', 'src/scenario/compile'] as const;

/** The name of each folder's Stryker run (CASELOAD_MUTATE) and of its baseline, test/mutation/<name>.json. */
export const RUN_NAMES = ['engine', 'random', 'stats', 'compile'] as const;

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number; column: number } };
}

export interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  compileError: number;
  /** Left out by a `// Stryker disable` comment that gives the reason (an equivalent mutant). */
  ignored: number;
  /** Module-level code run once at import, which `ignoreStatic` leaves out (it would need a fresh process per mutant). */
  static: number;
  /** Any other status: a run error, or not tested yet. */
  other: number;
  score: number;
}

function folderOf(file: string): string | undefined {
  const normal = file.replace(/\\/g, '/');
  return MUTATED_FOLDERS.find((folder) => normal.startsWith(`${folder}/`));
}

function emptyTally(): Tally {
  return {
    killed: 0,
    timeout: 0,
    survived: 0,
    noCoverage: 0,
    compileError: 0,
    ignored: 0,
    static: 0,
    other: 0,
    score: 0,
  };
}

function count(tally: Tally, status: string, reason = ''): void {
  if (status === 'Killed') tally.killed++;
  else if (status === 'Timeout') tally.timeout++;
  else if (status === 'Survived') tally.survived++;
  else if (status === 'NoCoverage') tally.noCoverage++;
  else if (status === 'CompileError') tally.compileError++;
  else if (status === 'Ignored' && reason.startsWith('Static mutant')) tally.static++;
  else if (status === 'Ignored') tally.ignored++;
  else tally.other++;
}

function withScore(tally: Tally): Tally {
  const detected = tally.killed + tally.timeout;
  const valid = detected + tally.survived + tally.noCoverage;
  return { ...tally, score: valid === 0 ? 0 : (100 * detected) / valid };
}

export type RunName = (typeof RUN_NAMES)[number];

/** The mutated folder of a run: src/<name>, or src/scenario/compile for "compile". */
export function folderOfRun(name: RunName): (typeof MUTATED_FOLDERS)[number] {
  return name === 'compile' ? 'src/scenario/compile' : `src/${name}`;
}

/**
 * The score each folder may not fall below (test/mutation/floors.json), in
 * percent: the gate of `npm run test:mutation` and CI. A floor is raised when
 * tests raise the score; 90 is the aim for every folder.
 */
export function readFloors(root: string): Record<RunName, number> {
  return JSON.parse(readFileSync(join(root, 'test/mutation/floors.json'), 'utf8')) as Record<RunName, number>;
}

/** The committed baselines (Stryker's incremental files) of the folders measured so far, as one report. */
export function readBaselines(root: string): Report {
  const files: Report['files'] = {};
  for (const name of measuredRuns(root)) {
    const report = JSON.parse(readFileSync(baselineFile(root, name), 'utf8')) as Report;
    Object.assign(files, report.files);
  }
  return { files };
}

/** test/mutation/<name>.json: the baseline of one folder. */
export function baselineFile(root: string, name: RunName): string {
  return join(root, 'test/mutation', `${name}.json`);
}

/** The folders that have a committed baseline. */
export function measuredRuns(root: string): RunName[] {
  return RUN_NAMES.filter((name) => existsSync(baselineFile(root, name)));
}

/** The tally of each mutated folder and of all of them ("total"), in MUTATED_FOLDERS order. */
export function tallyByFolder(report: Report): Map<string, Tally> {
  const tallies = new Map<string, Tally>(MUTATED_FOLDERS.map((folder) => [folder, emptyTally()]));
  const total = emptyTally();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = folderOf(file);
    if (folder === undefined) continue;
    for (const mutant of mutants) {
      count(tallies.get(folder)!, mutant.status, mutant.statusReason);
      count(total, mutant.status, mutant.statusReason);
    }
  }
  const result = new Map<string, Tally>();
  for (const [folder, tally] of tallies) result.set(folder, withScore(tally));
  result.set('total', withScore(total));
  return result;
}

/** The markdown table of the tallies, the score floored to a tenth of a percent. */
export function scoreTable(tallies: Map<string, Tally>): string {
  const lines = [
    '| folder | killed | timed out | survived | not covered | not compiled | marked equivalent | static | score |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [folder, t] of tallies) {
    const name = folder === 'total' ? '**all four**' : `\`${folder}/\``;
    const measured = t.killed + t.timeout + t.survived + t.noCoverage > 0;
    const score = measured ? `${(Math.floor(t.score * 10) / 10).toFixed(1)}%` : 'not measured yet';
    lines.push(
      `| ${name} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.compileError} | ${t.ignored} | ${t.static} | ${folder === 'total' ? `**${score}**` : score} |`,
    );
  }
  return lines.join('\n');
}

/** One line per mutant that survived or that no test covered: file:line:column, mutator, replacement. */
export function survivorList(report: Report): string {
  const lines: string[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    if (folderOf(file) === undefined) continue;
    const left = mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort(
        (a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
      );
    for (const m of left) {
      const where = `${file}:${m.location.start.line}:${m.location.start.column}`;
      const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
      lines.push(`${where} ${m.status} ${m.mutatorName}: ${replacement}`);
    }
  }
  return lines.join('\n');
}

const BEGIN = '<!-- mutation-score:begin -->';
const END = '<!-- mutation-score:end -->';

/** The document with the table between its mutation-score markers. */
export function withScoreBlock(doc: string, table: string): string {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`the document has no ${BEGIN} ... ${END} block`);
  return `${doc.slice(0, begin + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

/** The table between the document's mutation-score markers, or undefined. */
export function scoreBlockOf(doc: string): string | undefined {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) return undefined;
  return doc.slice(begin + BEGIN.length, end).trim();
}
