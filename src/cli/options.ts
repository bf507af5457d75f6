import { availableParallelism } from 'node:os';
import type { InputIssue } from '../scenario/errors.js';
import { issueAt } from '../scenario/errors.js';
import { CSV_DIALECTS } from '../io/to-csv.js';
import type { CsvDialect } from '../io/to-csv.js';
import { isLang, LANGS } from '../i18n/lang.js';
import type { Lang } from '../i18n/lang.js';
import { decimalComma, groupedNumber, MAX_WORKERS, plainNumber } from '../scenario/index.js';
import { resolveShard } from './shard-auto.js';
import type { ResolvedShard, ShardEnvironment } from './shard-auto.js';

/**
 * A numeric flag as the user typed it: undefined when absent, the number when
 * it reads as one, an issue when not (`--reps ten`). A decimal comma
 * (`--confidence 0,9`) is an issue that shows the number with a point; a
 * comma that may also group thousands (`--max 1,500`) one that shows both
 * readings. Range checks are the loader's, which knows what each field allows.
 */
export function numericFlag(value: unknown, flag: string, issues: InputIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const comma = decimalComma(text);
  const grouped = groupedNumber(text);
  if (comma !== null && grouped !== null) {
    issues.push(
      issueAt(
        flag,
        '',
        `${text} has a comma, which may be a decimal comma (${comma}) or a group separator (${grouped})`,
        `write ${comma} or ${grouped}`,
      ),
    );
    return undefined;
  }
  if (comma !== null) {
    issues.push(issueAt(flag, '', `${text} has a decimal comma; write ${comma}`, null));
    return undefined;
  }
  return parsedNumber(text, flag, issues);
}

/**
 * A flag that counts (`--reps`, `--seed`, `--horizon`, `--workers`,
 * `--backlog`, ...) as the user typed it, as `numericFlag` reads it, except
 * that a group separator is an issue that shows the number without it:
 * `--reps 1.000` would otherwise run 1 replication.
 *
 * @example countFlag('1.000', '--reps', issues) // undefined; issues: '--reps: 1.000 looks like 1,000 written with a group separator; write 1000'
 */
export function countFlag(value: unknown, flag: string, issues: InputIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const grouped = groupedNumber(text);
  if (grouped !== null) {
    issues.push(
      issueAt(flag, '', `${text} looks like ${plainNumber(grouped)} written with a group separator; write ${grouped}`),
    );
    return undefined;
  }
  const comma = decimalComma(text);
  if (comma !== null) {
    issues.push(issueAt(flag, '', `must be a whole number, got ${text} (a decimal comma)`, null));
    return undefined;
  }
  return parsedNumber(text, flag, issues);
}

function parsedNumber(text: string, flag: string, issues: InputIssue[]): number | undefined {
  const number = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number)) {
    issues.push(issueAt(flag, '', `must be a number, got "${text}"`, null));
    return undefined;
  }
  return number;
}

/**
 * `--workers N`: a whole number from 1 to 256; the number of cores when absent.
 */
export function workersFlag(value: unknown, issues: InputIssue[]): number {
  const number = countFlag(value, '--workers', issues);
  if (number === undefined) return availableParallelism();
  if (!Number.isInteger(number) || number < 1 || number > MAX_WORKERS) {
    issues.push(
      issueAt('--workers', '', `must be a whole number from 1 to ${MAX_WORKERS}, got ${String(value)}`, null),
    );
    return 1;
  }
  return number;
}

/**
 * `--shard K/N` or `--shard auto` (with `--shard-count N`): shard K (1-based)
 * of N, from the flag or, for auto, from the batch engine's environment `env`
 * (see resolveShard); null when absent or wrong (with an issue).
 *
 * @example shardFlag({ shard: '2/4' }, {}, issues) // { index: 2, count: 4 }
 */
export function shardFlag(
  argv: Readonly<Record<string, unknown>>,
  env: ShardEnvironment | undefined,
  issues: InputIssue[],
): ResolvedShard | null {
  return resolveShard(argv['shard'], argv['shardCount'], env ?? {}, issues);
}

/** `--shard-count`, on the commands that take `--shard`. */
export const SHARD_COUNT_OPTION = {
  type: 'string',
  describe:
    "With --shard auto in a Kubernetes Indexed Job: the number of shards (the Job's completions); also CASELOAD_SHARD_COUNT",
} as const;

/** `--csv-dialect`, on the commands that write CSV files (run, sweep, merge). */
export const CSV_DIALECT_OPTION = {
  type: 'string',
  describe:
    'CSV files for programs (rfc4180: comma, decimal point) or for Excel with Dutch settings (nl: semicolon, decimal comma, rounded, a first line saying what wrote the file)',
  defaultDescription: 'rfc4180',
} as const;

/**
 * `--csv-dialect rfc4180|nl` (any case): the dialect, rfc4180 when absent;
 * an issue for another value, or when no CSV file is written (`writes`
 * false: say where to give it instead).
 *
 * @example csvDialectFlag('NL', true, '', issues) // 'nl'
 */
export function csvDialectFlag(value: unknown, writes: boolean, instead: string, issues: InputIssue[]): CsvDialect {
  if (value === undefined) return 'rfc4180';
  const text = String(value).trim().toLowerCase();
  const dialect = CSV_DIALECTS.find((name) => name === text);
  if (dialect === undefined) {
    issues.push(
      issueAt(
        '--csv-dialect',
        '',
        `must be one of ${CSV_DIALECTS.join(', ')}, got "${String(value)}"`,
        'nl for Excel with Dutch settings',
      ),
    );
    return 'rfc4180';
  }
  if (!writes) issues.push(issueAt('--csv-dialect', '', 'is used only where CSV files are written', instead));
  return dialect;
}

/** `--lang`, on the commands that write the HTML report (report, and run and compare with --report). */
export const LANG_OPTION = {
  type: 'string',
  describe: 'Language of the HTML report: en (English) or nl (Dutch: 1.440, 31 december 2024)',
  defaultDescription: 'en',
} as const;

/**
 * `--lang en|nl` (any case): the language, en when absent; an issue for
 * another value, or when no HTML report is written (`writes` false: say
 * where to give it instead).
 *
 * @example langFlag('NL', true, '', issues) // 'nl'
 */
export function langFlag(value: unknown, writes: boolean, instead: string, issues: InputIssue[]): Lang {
  if (value === undefined) return 'en';
  const text = String(value).trim().toLowerCase();
  if (!isLang(text)) {
    issues.push(
      issueAt(
        '--lang',
        '',
        `must be one of ${LANGS.join(', ')}, got "${String(value)}"`,
        'nl for Dutch, en for English',
      ),
    );
    return 'en';
  }
  if (!writes) issues.push(issueAt('--lang', '', 'is used only where the HTML report is written', instead));
  return text;
}
