/**
 * Mutation testing of the four mutated folders (`npm run test:mutation`): runs
 * StrykerJS once per folder (stryker.config.mjs, CASELOAD_MUTATE), each against
 * its own incremental baseline in test/mutation/, then prints the score table
 * of the baselines. `--only engine,stats` picks folders; every other argument
 * goes to Stryker (`--force` retests every mutant, `--mutate <glob>` narrows the
 * files). Property tests run a tenth of their cases unless CASELOAD_FC_RUNS says
 * otherwise. Exits 1 when a Stryker run fails or, with `--min N`, when a folder
 * scores below N%.
 */
import { spawnSync } from 'node:child_process';
import { MUTATED_FOLDERS, RUN_NAMES as NAMES, readBaselines, scoreTable, tallyByFolder } from '../test/mutation/score.js';

const args = process.argv.slice(2);
let only: string[] = [...NAMES];
let min: number | undefined;
const forwarded: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--only') only = (args[++i] ?? '').split(',').filter((name) => name !== '');
  else if (arg === '--min') min = Number(args[++i]);
  else forwarded.push(arg);
}
const unknown = only.filter((name) => !(NAMES as readonly string[]).includes(name));
if (unknown.length > 0 || only.length === 0) {
  console.error(`--only: "${unknown.join(',')}" is not a mutated folder (allowed: ${NAMES.join(', ')}, comma-separated)`);
  process.exit(2);
}
if (min !== undefined && !(min >= 0 && min <= 100)) {
  console.error('--min: must be a percentage from 0 to 100');
  process.exit(2);
}

let failed = false;
for (const name of only) {
  console.log(`\n== mutation testing: ${name} ==`);
  const run = spawnSync('npx', ['stryker', 'run', ...forwarded], {
    stdio: 'inherit',
    env: { ...process.env, CASELOAD_MUTATE: name, CASELOAD_FC_RUNS: process.env['CASELOAD_FC_RUNS'] ?? '0.1' },
  });
  if (run.status !== 0) {
    console.error(`mutation testing of ${name} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}

const tallies = tallyByFolder(readBaselines('.'));
console.log(`\n${scoreTable(tallies)}`);
if (min !== undefined) {
  const low = MUTATED_FOLDERS.filter((folder) => tallies.get(folder)!.score < min);
  if (low.length > 0) {
    console.error(`mutation score below ${min}% in ${low.join(', ')}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
