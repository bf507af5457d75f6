import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const S = 'scenarios/baseline-2024.yaml';
const BACKTEST = 'scenarios/backtest-2023.yaml';

/**
 * Every command refuses bad arguments before any work with exit 2 and one
 * line per problem naming the flag (or file), what is wrong and what is
 * allowed: numbers given as text, out-of-range values, empty ranges, paths
 * that do not exist, flags given twice.
 */
const CASES: readonly (readonly [string, readonly string[], string])[] = [
  ['run: text for a number', ['run', S, '--reps', 'ten'], '--reps: must be a number, got "ten"\n'],
  [
    'run: zero replications',
    ['run', S, '--reps', '0'],
    `${S}: --reps: must be at least 1, got 0 (an integer in [1, 10000000])\n`,
  ],
  [
    'run: a fraction',
    ['run', S, '--reps', '1.5'],
    `${S}: --reps: must be a whole number, got 1.5 (an integer in [1, 10000000])\n`,
  ],
  [
    'run: a negative seed',
    ['run', S, '--seed', '-1'],
    `${S}: --seed: must not be negative, got -1 (an integer in [0, 4294967295])\n`,
  ],
  [
    'run: horizon too long',
    ['run', S, '--horizon', '100000'],
    `${S}: --horizon: must be at most 5200, got 100000 (an integer in [1, 5200])\n`,
  ],
  ['run: zero workers', ['run', S, '--workers', '0'], '--workers: must be a whole number from 1 to 256, got 0\n'],
  ['run: workers as text', ['run', S, '--workers', 'two'], '--workers: must be a number, got "two"\n'],
  [
    'run: an empty shard',
    ['run', S, '--shard', '3/2', '--out', 'x'],
    '--shard: must be K/N with 1 <= K <= N <= 100000, or auto, got "3/2" (e.g. --shard 2/8, or --shard auto in a batch job)\n',
  ],
  [
    'run: a flag given twice',
    ['run', S, '--reps', '5', '--reps', '6'],
    '--reps: is given 2 times (5, 6) (give it once)\n',
  ],
  ['run: no such scenario', ['run', 'no/such.yaml'], 'no/such.yaml: cannot read the scenario file: no such file\n'],
  [
    'run: unknown flag',
    ['run', S, '--bogus'],
    'caseload: Unknown argument: bogus\nRun "caseload --help" for the commands and their options.\n',
  ],
  [
    'validate: no such scenario',
    ['validate', 'no/such.yaml'],
    'no/such.yaml: cannot read the scenario file: no such file\n',
  ],
  [
    'compare: no such option',
    ['compare', S, 'no/such.yaml'],
    'no/such.yaml: cannot read the scenario file: no such file\n',
  ],
  [
    'compare: nothing to compare',
    ['compare', S],
    `${S}: variants: there is nothing to compare: no options named and no variants in the file (option files after the base, or variants: in the base file)\n`,
  ],
  ['target: text for a number', ['target', S, '--backlog', 'abc'], '--backlog: must be a number, got "abc"\n'],
  [
    'target: a negative backlog',
    ['target', S, '--backlog', '-5'],
    '--backlog: must not be negative, got -5 (a number of cases >= 0)\n',
  ],
  [
    'target: an impossible date',
    ['target', S, '--by', '2024-13-01'],
    '--by: must be a real date, got "2024-13-01" (a date YYYY-MM-DD)\n',
  ],
  [
    'target: a date before the horizon',
    ['target', S, '--by', '2023-01-01'],
    "--by: 2023-01-01 is before the end of the scenario's first week, 2024-01-07 (a date from 2024-01-07 to 2025-01-04)\n",
  ],
  [
    'target: confidence above 1',
    ['target', S, '--confidence', '1.5'],
    '--confidence: must be between 0 and 1, got 1.5 (a probability in (0, 1), e.g. 0.9)\n',
  ],
  ['target: a zero step', ['target', S, '--step', '0'], '--step: must be above 0, got 0 (a number > 0)\n'],
  [
    'sweep: no --set',
    ['sweep', S],
    '--set: is missing: name at least one field to sweep (e.g. --set capacity.perWeek=28..40:2)\n',
  ],
  [
    'sweep: an empty range',
    ['sweep', S, '--set', 'capacity.perYear=30..20'],
    '--set capacity.perYear=30..20: the range 30..20 is empty: 30 is greater than 20 (from..to:step with from <= to)\n',
  ],
  [
    'sweep: a zero step',
    ['sweep', S, '--set', 'capacity.perYear=20..30:0'],
    '--set capacity.perYear=20..30:0: the step of 20..30:0 must be positive, got 0 (from..to:step with step > 0)\n',
  ],
  [
    'sweep: no values',
    ['sweep', S, '--set', 'capacity.perYear='],
    '--set capacity.perYear=: gives no values after "=" (a list 20,25,30, a range from..to:step such as 28..40:2, or both: 1,5..9:2)\n',
  ],
  [
    'sweep: not a csv',
    ['sweep', S, '--set', 'capacity.perYear=1600', '--out', 'x.txt'],
    '--out: must name a .csv file, got "x.txt" (a file such as sweep.csv; unlike run, sweep writes one file, not a directory)\n',
  ],
  ['merge: no such path', ['merge', 'no/such/dir'], 'no/such/dir: no such file or directory\n'],
  [
    'backtest: nothing observed',
    ['backtest', S],
    `${S}: observed: is missing: there is nothing to backtest against (an observed: block with the published figures of the period)\n`,
  ],
  [
    'calibrate: no --fit',
    ['calibrate', BACKTEST],
    '--fit: is required: name the fields to fit (e.g. --fit lanes.regular.minWaitWeeks)\n',
  ],
  [
    'calibrate: zero rounds',
    ['calibrate', BACKTEST, '--fit', 'lanes.regular.minWaitWeeks', '--rounds', '0'],
    '--rounds: must be a whole number from 1 to 20, got 0\n',
  ],
  [
    'prognosis: an impossible date',
    ['prognosis', S, '--filed', '2024-02-30'],
    '--filed: must be a date YYYY-MM-DD, got "2024-02-30" (a date from 2023-01-02, the oldest open case at the start, to 2033-12-18, 520 weeks from the start)\n',
  ],
  [
    'prognosis: no such lane',
    ['prognosis', S, '--filed', '2024-03-01', '--lane', 'nolane'],
    '--lane: unknown lane "nolane" (incomplete, hearing-free, safe-country, regular)\n',
  ],
  [
    'prognosis: horizon as text',
    ['prognosis', S, '--filed', '2024-03-01', '--horizon', 'abc'],
    '--horizon: must be a number, got "abc"\n',
  ],
  [
    'report: no --out',
    ['report', S],
    'caseload: Missing required argument: out\nName the file: --out report.html\nRun "caseload --help" for the commands and their options.\n',
  ],
  [
    'report: negative replications',
    ['report', S, '--out', 'OUT/r.html', '--reps', '-1'],
    `${S}: --reps: must be at least 1, got -1 (an integer in [1, 10000000])\n`,
  ],
  [
    'no command',
    [],
    'caseload: Name a command: run, validate, compare, report, app, target, sweep, merge, backtest, calibrate, uncertainty, score, prognosis or monitor (see --help)\nRun "caseload --help" for the commands and their options.\n',
  ],
  [
    'unknown command',
    ['bogus'],
    'caseload: Unknown argument: bogus\nRun "caseload --help" for the commands and their options.\n',
  ],
];

describe('every command validates its arguments', () => {
  it.each(CASES)('%s', async (_name, args, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-args-'));
    const { code, stdout, stderr } = await cli(...args.map((a) => a.replace('OUT', dir)));
    expect(stderr).toBe(message);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });
});
