import type { ArgumentsCamelCase, Argv } from 'yargs';
import { scoreHistory } from '../experiment/score-history.js';
import { formatHistoryScore } from '../io/format-history-score.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { countFlag, numericFlag } from './options.js';
import { readHistoryFile } from './read-history.js';

export const command = 'score <history>';
export const describe =
  'Forecast each period of a history CSV from the periods before it and score the forecasts against what came in';

/** Draws of each forecast when --draws is not given. */
const DEFAULT_DRAWS = 20_000;

export function builder(yargs: Argv) {
  return yargs
    .positional('history', {
      type: 'string',
      describe: 'CSV of counts by year, month or week: period (or date), inflow[, decisions, backlog]',
      demandOption: true,
    })
    .option('plan', {
      type: 'string',
      describe: 'A planned inflow per week: the point forecast of every period instead of the last level',
    })
    .option('trend', {
      type: 'boolean',
      default: false,
      describe: 'Forecast the last level times the mean change so far (a random walk with drift)',
    })
    .option('draws', { type: 'string', describe: `Draws per forecast (default ${DEFAULT_DRAWS})` })
    .option('seed', { type: 'string', describe: 'Seed of the draws (default 1)' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the scores as JSON on stdout, nothing else' });
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const issues: InputIssue[] = [];
  const plan = numericFlag(argv.plan, '--plan', issues);
  const draws = countFlag(argv.draws, '--draws', issues) ?? DEFAULT_DRAWS;
  const seed = countFlag(argv.seed, '--seed', issues) ?? 1;
  if (plan !== undefined && !(plan > 0))
    issues.push(issueAt('--plan', '', `must be above 0, got ${plan}`, 'an inflow per week, e.g. --plan 25'));
  if (!(Number.isInteger(draws) && draws >= 100 && draws <= 1_000_000))
    issues.push(issueAt('--draws', '', `must be a whole number from 100 to 1,000,000, got ${draws}`, null));
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    issues.push(issueAt('--seed', '', `must be a whole number from 0 to 4294967295, got ${seed}`, null));
  if (plan !== undefined && argv.trend === true)
    issues.push(
      issueAt('--trend', '', 'cannot go with --plan: the plan is the point forecast', 'one of --plan and --trend'),
    );
  if (issues.length > 0) throw new InputError(issues);
  const file = String(argv.history);
  const history = await readHistoryFile(file);
  const score = scoreHistory(history, { seed, draws, planPerWeek: plan ?? null, trend: argv.trend === true });
  io.out(argv.json === true ? `${JSON.stringify({ file, ...score }, null, 2)}\n` : formatHistoryScore(score, file));
}
