import type { ArgumentsCamelCase, Argv } from 'yargs';
import { estimateUncertainty } from '../experiment/estimate-uncertainty.js';
import { formatUncertainty } from '../io/format-uncertainty.js';
import type { CliIo } from './io.js';
import { readHistoryFile } from './read-history.js';

export const command = 'uncertainty <history>';
export const describe =
  "Estimate a scenario's uncertainty: block (the inflow's level and overdispersion) from a history CSV";

export function builder(yargs: Argv) {
  return yargs
    .positional('history', {
      type: 'string',
      describe: 'CSV of counts by year, month or week: period (or date), inflow[, decisions, backlog]',
      demandOption: true,
    })
    .option('trend', {
      type: 'boolean',
      default: false,
      describe: 'Measure the level against the trend (the mean change) and print the level it points to',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the estimate as JSON on stdout, nothing else',
    });
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const file = String(argv.history);
  const history = await readHistoryFile(file);
  const name = file.split(/[\\/]/).pop() ?? file;
  const estimate = estimateUncertainty(history, { trend: argv.trend === true, name });
  io.out(
    argv.json === true ? `${JSON.stringify({ file, ...estimate }, null, 2)}\n` : formatUncertainty(estimate, file),
  );
}
