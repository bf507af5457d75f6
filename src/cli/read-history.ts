import type { History } from '../experiment/history.js';
import { readHistoryCsv } from '../io/read-history-csv.js';
import { InputError, issueAt } from '../scenario/errors.js';
import { readText } from '../scenario/index.js';

/**
 * The history CSV a command names, read and checked; a file that cannot be
 * read (missing, not a regular file, over the size cap for CSV data) or is
 * not a valid history is an input error (exit 2, every problem with its line
 * and column).
 *
 * @example await readHistoryFile('scenarios/data/inflow-history.csv')
 */
export async function readHistoryFile(file: string): Promise<History> {
  const read = await readText(file, 'csv');
  if (!read.ok) throw new InputError([issueAt(file, '', `cannot be read: ${read.reason}`, 'a history CSV file')]);
  const history = readHistoryCsv(read.text, file);
  if (!history.ok) throw new InputError(history.issues);
  return history.value;
}
