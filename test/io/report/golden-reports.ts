/**
 * The English HTML reports kept as golden files in test/io/report/golden/:
 * a run with an uncertainty block, a deterministic run, a run with a
 * plausibility warning, and two comparisons (with costs, flows and an hours
 * pool). Regenerate with `npm run golden:report`; never
 * edit the files by hand.
 */
export interface GoldenReport {
  /** The file under test/io/report/golden/. */
  readonly file: string;
  /** The command line, with `{out}` where the report is written. */
  readonly args: readonly string[];
}

const FAST = ['--reps', '200', '--workers', '1', '--quiet', '--force'];

export const GOLDEN_REPORTS: readonly GoldenReport[] = [
  { file: 'baseline-2024.html', args: ['report', 'scenarios/baseline-2024.yaml', ...FAST, '--out', '{out}'] },
  {
    file: 'baseline-2024-deterministic.html',
    args: ['report', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet', '--force', '--out', '{out}'],
  },
  {
    file: 'track-switches.html',
    args: ['report', 'scenarios/options-2024/track-switches.yaml', ...FAST, '--out', '{out}'],
  },
  { file: 'dutch-plan.html', args: ['report', 'test/io/report/fixtures/dutch-plan.yaml', ...FAST, '--out', '{out}'] },
  {
    file: 'compare-options-2024.html',
    args: [
      'compare',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/30-per-week.yaml',
      'scenarios/options-2024/40-per-week.yaml',
      'scenarios/options-2024/extra-triage-fte.yaml',
      'scenarios/options-2024/capacity-follows-inflow.yaml',
      'scenarios/options-2024/refiling.yaml',
      'scenarios/options-2024/withdrawals.yaml',
      'test/io/report/fixtures/dutch-plan.yaml',
      ...FAST,
      '--report',
      '{out}',
    ],
  },
  {
    file: 'compare-shared-staff.html',
    args: ['compare', 'scenarios/shared-staff.yaml', 'scenarios/shared-staff-hire.yaml', ...FAST, '--report', '{out}'],
  },
];

/** The report without its generation time, the one line that differs from run to run. */
export function withoutGenerated(html: string): string {
  return html.replace(/<dt>[^<]*<\/dt><dd>\d{4}-\d\d-\d\dT[\d:]+Z<\/dd>/, '<dt>generated</dt><dd>(time)</dd>');
}
