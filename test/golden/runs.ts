/**
 * The commands whose terminal output is kept as a golden file in test/golden/
 * and shown in docs/cli.md (`npm run golden` writes both). `shown` is the
 * command as the docs print it above its output; without it the docs' prose
 * names the command.
 */
export interface GoldenRun {
  readonly file: string;
  readonly args: string[];
  readonly shown?: string | null;
}

const OPTIONS_2024 = [
  '30-per-week',
  '40-per-week',
  'capacity-follows-inflow',
  'inflow-rises-10',
  'extra-triage-fte',
  'faster-hearing-free',
];

export const GOLDEN_RUNS: readonly GoldenRun[] = [
  {
    file: 'run-baseline-2024.txt',
    args: ['run', 'scenarios/baseline-2024.yaml', '--reps', '500', '--seed', '1', '--quiet'],
    shown: null,
  },
  {
    file: 'run-baseline-2024-deterministic.txt',
    args: ['run', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet'],
    shown: null,
  },
  {
    file: 'compare-options-2024.txt',
    args: [
      'compare',
      'scenarios/options-2024/plan-2024.yaml',
      ...OPTIONS_2024.map((name) => `scenarios/options-2024/${name}.yaml`),
      '--quiet',
    ],
    shown: `caseload compare scenarios/options-2024/plan-2024.yaml scenarios/options-2024/{${OPTIONS_2024.join(',')}}.yaml`,
  },
  {
    file: 'compare-shared-staff.txt',
    args: [
      'compare',
      'scenarios/shared-staff.yaml',
      'scenarios/shared-staff-first-applications-first.yaml',
      'scenarios/shared-staff-hire.yaml',
      '--quiet',
    ],
  },
  {
    file: 'target-baseline-2024.txt',
    args: [
      'target',
      'scenarios/baseline-2024.yaml',
      '--backlog',
      '1100',
      '--by',
      '2024-12-31',
      '--confidence',
      '0.9',
      '--quiet',
    ],
  },
  {
    file: 'target-shared-staff-fte.txt',
    args: [
      'target',
      'scenarios/shared-staff.yaml',
      '--lever',
      'fte',
      '--backlog',
      '1800',
      '--by',
      '2024-12-31',
      '--quiet',
    ],
  },
  {
    file: 'sweep-baseline-2024.txt',
    args: [
      'sweep',
      'scenarios/baseline-2024.yaml',
      '--set',
      'capacity.perWeek=28..36:4',
      '--set',
      'inflow.meanPerWeek=20,25,30',
      '--reps',
      '500',
      '--seed',
      '1',
      '--no-uncertainty',
      '--quiet',
    ],
    shown: null,
  },
  { file: 'backtest-2023.txt', args: ['backtest', 'scenarios/backtest-2023.yaml', '--quiet'] },
  { file: 'uncertainty-inflow-history.txt', args: ['uncertainty', 'scenarios/data/inflow-history.csv'] },
  {
    file: 'uncertainty-inflow-history-trend.txt',
    args: ['uncertainty', 'scenarios/data/inflow-history.csv', '--trend'],
  },
  { file: 'score-inflow-history.txt', args: ['score', 'scenarios/data/inflow-history.csv'] },
  {
    file: 'prognosis-baseline-2024.txt',
    args: ['prognosis', 'scenarios/baseline-2024.yaml', '--filed', '2024-03-05', '--quiet'],
  },
  {
    file: 'prognosis-baseline-2024-open-case.txt',
    args: ['prognosis', 'scenarios/baseline-2024.yaml', '--filed', '2023-06-01', '--quiet'],
  },
  {
    file: 'prognosis-baseline-2024-short-horizon.txt',
    args: [
      'prognosis',
      'scenarios/baseline-2024.yaml',
      '--filed',
      '2024-03-05',
      '--horizon',
      '65',
      '--lane',
      'regular',
      '--quiet',
    ],
  },
  {
    file: 'monitor-baseline-2024.txt',
    args: [
      'monitor',
      'scenarios/baseline-2024.yaml',
      '--actuals',
      'scenarios/data/actuals-2024-example.csv',
      '--quiet',
    ],
  },
  {
    file: 'monitor-baseline-2024-learn.txt',
    args: [
      'monitor',
      'scenarios/baseline-2024.yaml',
      '--actuals',
      'scenarios/data/actuals-2024-example.csv',
      '--learn',
      '--no-uncertainty',
      '--quiet',
    ],
  },
  {
    file: 'prognosis-baseline-2024-json.txt',
    args: [
      'prognosis',
      'scenarios/baseline-2024.yaml',
      '--filed',
      '2024-03-05',
      '--horizon',
      '66',
      '--lane',
      'regular',
      '--json',
      '--quiet',
    ],
  },
];

/** What docs/cli.md shows of a golden run: the command (unless the prose names it), then the output. */
export function shownOutput(run: GoldenRun, stdout: string): string {
  if (run.shown === null) return stdout;
  // --quiet keeps notes off stderr in the tests; what is printed on stdout is the same without it.
  const command = run.shown ?? `caseload ${run.args.filter((arg) => arg !== '--quiet').join(' ')}`;
  return `$ ${command}\n${stdout}`;
}
