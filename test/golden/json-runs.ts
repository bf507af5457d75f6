/**
 * The commands whose `--json` output is kept byte for byte in test/golden/json/
 * (`npm run golden:json` writes them). Every shipped scenario and option, for
 * run, compare, target, sweep, backtest and prognosis, at a fixed seed: a
 * refactoring must leave every one of these results unchanged.
 */
const reps = ['--reps', '400', '--seed', '7', '--workers', '2', '--quiet', '--json'];

const scenarios = [
  'baseline-2024.yaml',
  'baseline-2024-holidays.yaml',
  'plan-30-40.yaml',
  'shared-staff.yaml',
  'shared-staff-hire.yaml',
  'shared-staff-first-applications-first.yaml',
  'bench-reference.yaml',
  'backtest-2023.yaml',
  'backtest-2023-observed-inflow.yaml',
  'options-2024/plan-2024.yaml',
  'options-2024/30-per-week.yaml',
  'options-2024/40-per-week.yaml',
  'options-2024/extra-triage-fte.yaml',
  'options-2024/triage-within-2-weeks.yaml',
  'options-2024/triage-team.yaml',
  'options-2024/faster-hearing-free.yaml',
  'options-2024/capacity-follows-inflow.yaml',
  'options-2024/inflow-rises-10.yaml',
  'options-2024/extra-fte-where-needed.yaml',
  'options-2024/variants.yaml#30-per-week',
  'options-2024/variants.yaml#35-per-week',
  'options-2024/variants.yaml#40-per-week',
  'options-2024/variants.yaml#capacity-follows-inflow',
  'options-2024/variants.yaml#inflow-rises-10',
].map((file) => `scenarios/${file}`);

/** A file name from the arguments that tell the commands apart. */
const name = (args: readonly string[]) =>
  args
    .filter((arg) => !reps.includes(arg))
    .join(' ')
    .replace(/scenarios\/(options-2024\/)?/g, '')
    .replace(/\.yaml/g, '')
    .replace(/[^A-Za-z0-9.-]+/g, '_');

const commands: string[][] = [
  ...scenarios.map((s) => ['run', s, ...reps]),
  ...scenarios.map((s) => ['run', s, '--deterministic', '--quiet', '--json']),
  [
    'compare',
    'scenarios/options-2024/plan-2024.yaml',
    'scenarios/options-2024/30-per-week.yaml',
    'scenarios/options-2024/40-per-week.yaml',
    'scenarios/options-2024/extra-triage-fte.yaml',
    'scenarios/options-2024/triage-within-2-weeks.yaml',
    'scenarios/options-2024/triage-team.yaml',
    'scenarios/options-2024/faster-hearing-free.yaml',
    'scenarios/options-2024/capacity-follows-inflow.yaml',
    'scenarios/options-2024/inflow-rises-10.yaml',
    ...reps,
  ],
  ['compare', 'scenarios/options-2024/variants.yaml', ...reps],
  [
    'compare',
    'scenarios/shared-staff.yaml',
    'scenarios/shared-staff-hire.yaml',
    'scenarios/shared-staff-first-applications-first.yaml',
    ...reps,
  ],
  ['target', 'scenarios/baseline-2024.yaml', ...reps],
  ['target', 'scenarios/baseline-2024.yaml', '--confidence', '0.9', '--lever', 'perWeek', ...reps],
  ['target', 'scenarios/shared-staff.yaml', '--lever', 'fte', '--backlog', '1100', '--by', '2024-12-31', ...reps],
  ['target', 'scenarios/options-2024/extra-triage-fte.yaml', '--backlog', '1050', '--by', '2024-12-31', ...reps],
  [
    'sweep',
    'scenarios/baseline-2024.yaml',
    '--set',
    'capacity.perYear=1500,1600,1700',
    '--set',
    'inflow.meanPerWeek=23,25,27',
    ...reps,
  ],
  ['sweep', 'scenarios/shared-staff.yaml', '--set', 'capacity.staff.fte=4, 5', ...reps], // "4,5" would read as 4.5 FTE: a space after the comma makes it two values
  ['backtest', 'scenarios/backtest-2023.yaml', ...reps],
  ['backtest', 'scenarios/backtest-2023-observed-inflow.yaml', ...reps],
  ['prognosis', 'scenarios/baseline-2024.yaml', '--filed', '2024-03-01', ...reps],
  ['prognosis', 'scenarios/baseline-2024.yaml', '--filed', '2024-06-03', '--lane', 'regular', ...reps],
  ['prognosis', 'scenarios/plan-30-40.yaml', '--filed', '2024-02-05', ...reps],
];

export const JSON_GOLDEN_RUNS: readonly { file: string; args: string[] }[] = commands.map((args) => ({
  file: `${name(args)}.json`,
  args,
}));
