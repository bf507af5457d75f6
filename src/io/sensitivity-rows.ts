import type { SensitivityPoint, UncertaintyExplanation } from '../run/explain-uncertainty.js';

/** How one output writes the cells of the sensitivity table. */
export interface SensitivityCells {
  readonly label: (label: string) => string;
  /** A parameter's P10 or P90 value, a factor on the scenario's. */
  readonly factor: (value: number) => string;
  readonly backlog: (mean: number) => string;
  /** The target probability at a setting (only called when the run has a target). */
  readonly probability: (point: SensitivityPoint) => string;
}

/**
 * The body of the sensitivity table, as the terminal and the report print it:
 * the base (every parameter at its mean), then per parameter its P10 and P90
 * with the mean end backlog and, with a target, the target probability.
 */
export function sensitivityRows(x: UncertaintyExplanation, hasTarget: boolean, cells: SensitivityCells): string[][] {
  const probability = (point: SensitivityPoint) => (hasTarget ? [cells.probability(point)] : []);
  const base = x.sensitivity.base;
  return [
    [
      'all at their means',
      '',
      cells.backlog(base.endBacklogMean),
      ...probability(base),
      '',
      '',
      ...(hasTarget ? [''] : []),
    ],
    ...x.sensitivity.rows.map((row) => [
      cells.label(row.label),
      cells.factor(row.p10.value ?? Number.NaN),
      cells.backlog(row.p10.endBacklogMean),
      ...probability(row.p10),
      cells.factor(row.p90.value ?? Number.NaN),
      cells.backlog(row.p90.endBacklogMean),
      ...probability(row.p90),
    ]),
  ];
}
