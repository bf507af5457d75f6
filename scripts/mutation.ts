/**
 * Mutation testing of the four mutated folders (`npm run test:mutation`): runs
 * StrykerJS once per folder (stryker.config.mjs, CASELOAD_MUTATE), each against
 * its own incremental baseline in test/mutation/, then prints the score table
 * of the baselines. It runs the folders that have a floor in
 * test/mutation/floors.json; `--only engine,stats` picks others; every other argument
 * goes to Stryker (`--force` retests every mutant, `--mutate <glob>` narrows the
 * files). Property tests run a tenth of their cases unless CASELOAD_FC_RUNS says
 * otherwise. Exits 1 when a Stryker run fails or a folder scores below its
 * floor in test/mutation/floors.json (or below N% with `--min N`).
 */
import { spawnSync } from 'node:child_process';
import {
  folderOfRun,
  RUN_NAMES as NAMES,
  readBaselines,
  type RunName,
  readFloors,
  scoreTable,
  tallyByFolder,
} from '../test/mutation/score.js';

const args = process.argv.slice(2);
// By default the folders that have a floor (test/mutation/floors.json): those measured so far.
let only: string[] = Object.keys(readFloors('.'));
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
  console.error(
    `--only: "${unknown.join(',')}" is not a mutated folder (allowed: ${NAMES.join(', ')}, comma-separated)`,
  );
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
const floors: Partial<Record<RunName, number>> = readFloors('.');
for (const name of only as RunName[]) {
  const folder = folderOfRun(name);
  const score = tallies.get(folder)!.score;
  const floor = Math.max(floors[name] ?? 0, min ?? 0);
  if (score < floor) {
    console.error(`mutation score of ${folder}/ is ${score.toFixed(1)}%, below its floor of ${floor}%`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
