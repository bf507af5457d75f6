import { rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { calibrate } from '../experiment/calibrate.js';
import type { CalibrationResult } from '../experiment/calibrate.js';
import { calibratedScenarioYaml } from '../io/calibrated-scenario.js';
import { formatNumber, formatPercent } from '../io/format-number.js';
import { textTable } from '../io/text-table.js';
import { formatIssue, InputError, issueAt, printable } from '../scenario/errors.js';
import { validateScenario } from '../scenario/index.js';
import { inFlagWords } from './flag-words.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { checkOutputFile, FORCE_OPTION } from './output-guard.js';
import { claimOutputs, scenarioFileInputs, writeOutputs } from './claim-outputs.js';
import { reportScenarioWarnings, STRICT_OPTION, warningsJson } from './warnings.js';
import { countFlag, workersFlag } from './options.js';

export const command = 'calibrate <scenario>';
export const describe = 'Fit free parameters of a scenario to its observed: figures, and write a calibrated scenario';

export function builder(yargs: Argv) {
  return yargs
    .parserConfiguration({ 'greedy-arrays': false })
    .positional('scenario', { type: 'string', describe: 'Scenario file with an observed: block', demandOption: true })
    .option('fit', {
      type: 'string',
      array: true,
      describe: 'A number field to fit, by its dotted path (repeat for more)',
    })
    .option('out', {
      type: 'string',
      describe: 'Where to write the calibrated scenario',
      defaultDescription: '<scenario>.calibrated.yaml beside it',
    })
    .option('rounds', { type: 'string', describe: 'Passes of coordinate descent (default 3)' })
    .option('reps', { type: 'string', describe: "Replications per evaluation (default: the scenario's)" })
    .option('seed', { type: 'string', describe: "Seed of every evaluation (default: the scenario's)" })
    .option('workers', { type: 'string', describe: 'Worker threads', defaultDescription: 'the number of cores' })
    .option('force', FORCE_OPTION)
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION);
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const note = noter(io, argv.quiet === true);
  const issues: InputIssue[] = [];
  const replications = countFlag(argv.reps, '--reps', issues);
  const seed = countFlag(argv.seed, '--seed', issues);
  const rounds = countFlag(argv.rounds, '--rounds', issues);
  const workers = workersFlag(argv.workers, issues);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1 && rounds <= 20))
    issues.push(issueAt('--rounds', '', `must be a whole number from 1 to 20, got ${rounds}`, null));
  const fit = argv.fit === undefined ? [] : [argv.fit].flat().map(String);
  if (fit.length === 0)
    issues.push(issueAt('--fit', '', 'is required: name the fields to fit', 'e.g. --fit lanes.regular.minWaitWeeks'));
  const file = String(argv.scenario);
  const out =
    typeof argv.out === 'string' ? argv.out : join(dirname(file), `${basename(file, extname(file))}.calibrated.yaml`);
  const inputs = await scenarioFileInputs(file);
  await checkOutputFile(out, argv.force === true, '--out', issues, inputs);
  if (issues.length > 0) throw new InputError(issues);
  const scenarioWarnings = await reportScenarioWarnings(file, { replications, seed }, io, argv.strict === true);
  await claimOutputs([{ path: out, flag: '--out' }], inputs, note);

  const started = Date.now();
  const result = await calibrate({
    file,
    fit,
    replications,
    seed,
    workers,
    rounds,
    onEvaluation: (values, loss) =>
      note(`caseload:   ${values.map((v) => Number(v.toPrecision(6))).join(', ')}: error ${loss.toPrecision(4)}`),
  });
  if (!result.ok) throw new InputError(result.issues);
  note(`caseload: ${result.value.evaluations} evaluations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const warning of result.value.warnings) io.err(`warning: ${formatIssue(inFlagWords(warning))}\n`);
  await writeOutputs([{ path: out, text: calibratedScenarioYaml(result.value, file, out), flag: '--out' }]);
  // What caseload writes must load: a file the loader refuses is caseload's fault, not the user's.
  const written = await validateScenario(out);
  if (!written.ok) {
    await rm(out, { force: true });
    throw new Error(
      `the calibrated scenario does not load, so it was not kept:\n${written.issues.map(formatIssue).join('\n')}`,
    );
  }
  io.out(
    argv.json === true
      ? `${JSON.stringify({ ...result.value, ...warningsJson([...scenarioWarnings, ...result.value.warnings]), file: out }, null, 2)}\n`
      : formatCalibration(result.value, file, out),
  );
}

function formatCalibration(result: CalibrationResult, file: string, out: string): string {
  const error = (value: number | null) => (value === null ? '-' : `${value > 0 ? '+' : ''}${formatPercent(value)}`);
  const lines = [
    `${printable(result.scenario)} (${file}): ${result.parameters.length} parameter${result.parameters.length === 1 ? '' : 's'} fitted to the observed figures`,
    `${formatNumber(result.reps)} replications per evaluation, seed ${result.seed}, ${result.evaluations} evaluations`,
    '',
    textTable([
      ['parameter', 'before', 'after'],
      ...result.parameters.map((p) => [
        p.path,
        String(Number(p.before.toPrecision(6))),
        String(Number(p.after.toPrecision(6))),
      ]),
    ]),
    '',
    textTable([
      ['figure', 'observed', 'error before', 'error after'],
      ...result.before.rows.map((row, i) => [
        row.metric,
        formatNumber(row.observed),
        error(row.relativeError),
        error(result.after.rows[i]?.relativeError ?? null),
      ]),
      ['sum of squared relative errors', '', result.before.loss.toPrecision(4), result.after.loss.toPrecision(4)],
    ]),
    '',
    `Wrote the calibrated scenario to ${out} (it extends ${file}).`,
  ];
  return `${lines.join('\n')}\n`;
}
