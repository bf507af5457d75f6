/** The commands whose terminal output is kept as a golden file. */
export const GOLDEN_RUNS: readonly { file: string; args: string[] }[] = [
  {
    file: 'run-baseline-2024.txt',
    args: ['run', 'scenarios/baseline-2024.yaml', '--reps', '500', '--seed', '1', '--quiet'],
  },
  {
    file: 'run-baseline-2024-deterministic.txt',
    args: ['run', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet'],
  },
];
