/**
 * The mutation score of the committed baselines, by folder (`npm run mutation:score`).
 * Reads Stryker's incremental files (test/mutation/<folder>.json) and prints the table that docs/development.md
 * shows between its mutation-score markers; `--write` puts it there, `--survivors`
 * lists the mutants no test kills, `--min N` exits 1 when a folder scores below N%.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  MUTATED_FOLDERS,
  readBaselines,
  scoreTable,
  survivorList,
  tallyByFolder,
  withScoreBlock,
} from '../test/mutation/score.js';

const { values } = parseArgs({
  options: {
    write: { type: 'boolean', default: false },
    survivors: { type: 'boolean', default: false },
    min: { type: 'string' },
  },
});

const report = readBaselines(new URL('..', import.meta.url).pathname);
const tallies = tallyByFolder(report);
const table = scoreTable(tallies);
console.log(table);
if (values.survivors) console.log(`\n${survivorList(report)}`);
if (values.write) {
  const docFile = new URL('../docs/development.md', import.meta.url);
  writeFileSync(docFile, withScoreBlock(readFileSync(docFile, 'utf8'), table));
  console.log('wrote the table into docs/development.md');
}
if (values.min !== undefined) {
  const min = Number(values.min);
  const low = MUTATED_FOLDERS.filter((folder) => (tallies.get(folder)?.score ?? 0) < min);
  if (low.length > 0) {
    console.error(`mutation score below ${min}% in ${low.join(', ')}`);
    process.exitCode = 1;
  }
}
