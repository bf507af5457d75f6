import { describe, expect, it } from 'vitest';
import { inFlagWord, inFlagWords } from '../../src/cli/flag-words.js';
import { calibrate } from '../../src/experiment/calibrate.js';
import { findTarget } from '../../src/experiment/find-target.js';
import { runSweep } from '../../src/experiment/run-sweep.js';
import { parseSweepGrid } from '../../src/experiment/sweep-grid.js';
import { checkPrognosisQuery } from '../../src/run/prognosis.js';
import { parameterIssue } from '../../src/scenario/errors.js';
import type { ParameterIssue } from '../../src/scenario/errors.js';
import { formatIssue, issueAt } from '../../src/scenario/errors.js';
import type { Checked } from '../../src/scenario/errors.js';
import { benchReference } from '../engine/bench-reference.js';
import { checkedValue } from '../job/helpers.js';
import { cli } from './helpers.js';

const S = 'scenarios/baseline-2024.yaml';
const problems = (checked: Checked<unknown>) => (checked.ok ? [] : checked.issues.map(formatIssue));

describe('the library names its parameters, never a flag', () => {
  it('findTarget: confidence, backlog, date, step, max and lever; runSweep: a setting of set', async () => {
    expect(problems(await findTarget({ file: S, confidence: 2, backlog: -1, date: '2024-02-30', step: 0 }))).toEqual([
      'confidence: must be between 0 and 1, got 2 (a probability in (0, 1), e.g. 0.9)',
      'backlog: must not be negative, got -1 (a number of cases >= 0)',
      'step: must be above 0, got 0 (a number > 0)',
      'date: must be a real date, got "2024-02-30" (a date YYYY-MM-DD)',
    ]);
    expect(problems(await findTarget({ file: S, lever: 'lanes.regular.minWaitWeeks', max: -3 }))).toEqual([
      'max: leaves no value to search: lanes.regular.minWaitWeeks must be at least 0 (a maximum >= 0)',
    ]);
    const rejected = problems(
      await findTarget({
        file: 'scenarios/plan-30-40.yaml',
        lever: 'capacity.inflowPlusMargin.min',
        backlog: 700,
        replications: 100,
      }),
    );
    expect(rejected[0]).toMatch(
      /^lever: capacity\.inflowPlusMargin\.min: .* \(limit the search with a `max` below \d+\)$/,
    );
    const set = await runSweep(S, checkedValue(parseSweepGrid(['capacity.perWeek=-1,30'])), { replications: 10 });
    expect(problems(set)).toEqual([
      `${S}: set capacity.perWeek=-1,30: must not be negative, got -1 [with capacity.perWeek=-1] (a number in [0, 1000000000])`,
    ]);
  });

  it('prognosis: filed and lane', () => {
    expect(problems(checkPrognosisQuery(benchReference(), { filed: 'soon', lane: 'regulr' }))).toEqual([
      'filed: must be a date YYYY-MM-DD, got "soon" (a date from 2023-01-16, the oldest open case at the start, to 2024-12-29, the end of the horizon)',
      'lane: unknown lane "regulr"; did you mean "regular"? (incomplete, hearing-free, safe-country, regular)',
    ]);
  });

  it('parseSweepGrid and calibrate: set and fit', async () => {
    expect(problems(parseSweepGrid(['seed=1,2', 'x=1', 'x=2']))).toEqual([
      'set seed=1,2: cannot sweep seed: every combination runs with the same seed (use `seed`)',
      'set x=2: sets x again (`set x=1` sets it already) (each path once, with all its values)',
    ]);
    expect(
      problems(await calibrate({ file: 'scenarios/backtest-2023.yaml', fit: ['lanes.regulr.minWaitWeeks'] })),
    ).toEqual(['fit: lanes.regulr: unknown lane "regulr" (did you mean "regular"?)']);
  });

  it("no issue of these functions names a flag, except the loader's own --reps, --seed and --horizon", async () => {
    const all = [
      ...problems(await findTarget({ file: S, confidence: 0, step: -1, lever: 'nothing' })),
      ...problems(checkPrognosisQuery(benchReference(), { filed: '1999-01-01', lane: 'x' })),
      ...problems(parseSweepGrid(['a', '=1', 'b=1..0'])),
      ...problems(await calibrate({ file: 'scenarios/backtest-2023.yaml', fit: [] })),
    ];
    expect(all.length).toBeGreaterThan(5);
    for (const line of all) expect(line).not.toMatch(/--(?!reps|seed|horizon)/);
  });
});

describe('the CLI names the flags', () => {
  it('inFlagWords: a parameter, one setting of it, a scenario issue caused by a setting, and mentions', () => {
    const flagged = (issue: Parameters<typeof inFlagWords>[0]) => formatIssue(inFlagWords(issue));
    expect(flagged(parameterIssue('date', '', 'must be a real date, got "x"', 'a date YYYY-MM-DD'))).toBe(
      '--by: must be a real date, got "x" (a date YYYY-MM-DD)',
    );
    expect(
      flagged(parameterIssue('set x=2', '', 'sets x again (`set x=1` sets it already)', 'use `replications`')),
    ).toBe('--set x=2: sets x again (--set x=1 sets it already) (use --reps)');
    const caused: ParameterIssue = {
      ...issueAt('a.yaml', 'lever perWeek', 'must not be negative, got -3'),
      parameter: 'lever',
    };
    expect(flagged(caused)).toBe('a.yaml: --lever perWeek: must not be negative, got -3');
    // Issues that are not about a parameter, and backticks that are not parameters, stay as they are.
    expect(flagged(issueAt('max', '', 'a file named max, `not` a parameter'))).toBe(
      'max: a file named max, `not` a parameter',
    );
    expect(flagged(parameterIssue('max', '', 'see `target.backlog`'))).toBe('--max: see `target.backlog`');
  });

  it('prints the same messages as before the library spoke of parameters', async () => {
    const stderr = async (...args: string[]) => (await cli(...args)).stderr;
    expect(await stderr('target', S, '--confidence', '2', '--by', '2024-02-30')).toBe(
      '--confidence: must be between 0 and 1, got 2 (a probability in (0, 1), e.g. 0.9)\n--by: must be a real date, got "2024-02-30" (a date YYYY-MM-DD)\n',
    );
    expect(await stderr('sweep', S, '--set', 'seed=1,2', '--set', 'x=1', '--set', 'x=2')).toBe(
      '--set seed=1,2: cannot sweep seed: every combination runs with the same seed (use --seed)\n--set x=2: sets x again (--set x=1 sets it already) (each path once, with all its values)\n',
    );
    expect(await stderr('target', S, '--lever', 'perWeek', '--max', '-5')).toBe(
      '--max: leaves no value to search: capacity.perWeek must be at least 0 (a maximum >= 0)\n',
    );
    const rejected = await stderr(
      'target',
      'scenarios/plan-30-40.yaml',
      '--lever',
      'capacity.inflowPlusMargin.min',
      '--backlog',
      '700',
      '--reps',
      '100',
      '--quiet',
    );
    expect(rejected).toMatch(
      /^--lever: capacity\.inflowPlusMargin\.min: .* \(limit the search with a --max below \d+\)\n/,
    );
    expect(await stderr('sweep', S, '--set', 'capacity.perWeek=-1,30', '--reps', '10')).toBe(
      `${S}: --set capacity.perWeek=-1,30: must not be negative, got -1 [with capacity.perWeek=-1] (a number in [0, 1000000000])\n`,
    );
    expect(await stderr('calibrate', 'scenarios/backtest-2023.yaml', '--fit', 'lanes.regulr.minWaitWeeks')).toBe(
      '--fit: lanes.regulr: unknown lane "regulr" (did you mean "regular"?)\n',
    );
  });
});

describe('overrides of the loader', () => {
  it('the library names the override; the CLI names its flag', async () => {
    const { loadScenario } = await import('../../src/scenario/index.js');
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', {
      replications: 0,
      set: [{ path: 'capacity.perWek', value: 3 }],
    });
    expect(loaded.ok).toBe(false);
    const library = loaded.ok ? [] : loaded.issues.map(formatIssue);
    expect(library).toEqual([
      'scenarios/baseline-2024.yaml: replications: must be at least 1, got 0 (an integer in [1, 10000000])',
      'scenarios/baseline-2024.yaml: set capacity.perWek: unknown key "perWek" (did you mean "perWeek"?)',
    ]);
    const cli = loaded.ok ? [] : loaded.issues.map((issue) => formatIssue(inFlagWords(issue)));
    expect(cli).toEqual([
      'scenarios/baseline-2024.yaml: --reps: must be at least 1, got 0 (an integer in [1, 10000000])',
      'scenarios/baseline-2024.yaml: --set capacity.perWek: unknown key "perWek" (did you mean "perWeek"?)',
    ]);
  });

  it('inFlagWord writes a parameter with its setting as the command line does', () => {
    expect(inFlagWord('replications')).toBe('--reps');
    expect(inFlagWord('horizonWeeks')).toBe('--horizon');
    expect(inFlagWord('set capacity.perWeek')).toBe('--set capacity.perWeek');
    expect(inFlagWord('unknown words')).toBe('unknown words');
  });
});
