import { readFile } from 'node:fs/promises';
import type { History } from '../experiment/history.js';
import { readHistoryCsv } from '../io/read-history-csv.js';
import { InputError, issueAt } from '../scenario/errors.js';

/**
 * The history CSV a command names, read and checked; a file that cannot be
 * read or is not a valid history is an input error (exit 2, every problem
 * with its line and column).
 *
 * @example await readHistoryFile('scenarios/data/inflow-history.csv')
 */
export async function readHistoryFile(file: string): Promise<History> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new InputError([issueAt(file, '', `cannot be read: ${reason}`, 'a history CSV file')]);
  }
  const history = readHistoryCsv(text, file);
  if (!history.ok) throw new InputError(history.issues);
  return history.value;
}
