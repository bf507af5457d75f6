import { printableLines } from '../scenario/errors.js';
import type { Coverage, HistoryScore } from '../experiment/score-history.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';

/** Fewer scored forecasts than this get a plain warning that their coverage says little. */
const FEW_FORECASTS = 20;

/**
 * What `caseload score` prints: the forecast of every period with its bands,
 * what came in, whether it fell in them and its CRPS; the periods not
 * forecast and why; the coverage of both bands with its interval; the mean
 * CRPS; and, where the history has them, whether the backlogs add up.
 *
 * @example formatHistoryScore(score, 'scenarios/data/inflow-history.csv')
 */
export function formatHistoryScore(score: HistoryScore, file: string): string {
  const periods = score.scored.length + score.unscored.length;
  const point =
    score.planPerWeek !== null
      ? `the plan of ${formatNumber(score.planPerWeek, 1)} a week`
      : score.trend
        ? 'the last level times the mean change so far (a random walk with drift)'
        : 'the last level (a random walk: "like the last period")';
  const unit = score.granularity;
  const lines: string[] = [
    `Rolling-origin forecasts of the inflow: ${file} (${periods} ${unit}ly periods)`,
    `Each period is forecast from the periods before it only: ${point},`,
    `times a lognormal level factor with mean 1 (Student t predictive)${
      unit === 'year' ? '' : ' and a gamma factor for the overdispersion'
    }, as the mean of a Poisson count;`,
    `${formatNumber(score.draws)} draws per forecast, seed ${score.seed}.`,
    '',
  ];
  if (score.scored.length > 0) {
    lines.push(
      textTable([
        [
          'period',
          'based on',
          'forecast',
          'level cv',
          'P5',
          'P25',
          'P50',
          'P75',
          'P95',
          'observed',
          'in P5-P95',
          'in P25-P75',
          'CRPS',
        ],
        ...score.scored.map((row) => [
          row.period,
          String(row.basedOn),
          formatNumber(row.forecast),
          row.levelCv.toFixed(3),
          formatNumber(row.p5),
          formatNumber(row.p25),
          formatNumber(row.p50),
          formatNumber(row.p75),
          formatNumber(row.p95),
          formatNumber(row.observed),
          row.in90 ? 'yes' : 'no',
          row.in50 ? 'yes' : 'no',
          formatNumber(row.crps, 1),
        ]),
      ]),
      '',
    );
  }
  if (score.unscored.length > 0)
    lines.push(`Not forecast: ${score.unscored.map((row) => `${row.period} (${row.reason})`).join('; ')}.`);
  const n = score.scored.length;
  if (n === 0) {
    lines.push('No period could be forecast: the history is too short.');
  } else {
    lines.push(
      `Within P5-P95 (nominal 90%): ${describeCoverage(score.coverage90)}.`,
      `Within P25-P75 (nominal 50%): ${describeCoverage(score.coverage50)}.`,
      `Mean CRPS: ${formatNumber(score.meanCrps, 1)} cases (lower is better).`,
    );
    if (n < FEW_FORECASTS)
      lines.push(
        `${n === 1 ? 'One forecast' : `${n} forecasts`} cannot show whether the bands are right: the coverage's 95% interval runs from ${formatPercent(score.coverage90.low, 0)} to ${formatPercent(score.coverage90.high, 0)}.`,
      );
  }
  if (score.balance.length > 0) {
    lines.push('', 'Backlog balance (open before + inflow - decisions = open after):');
    for (const row of score.balance) {
      const gap = row.recorded - row.expected;
      lines.push(
        `  ${row.period}: ${formatNumber(row.backlogBefore)} + ${formatNumber(row.inflow)} - ${formatNumber(row.decisions)} = ${formatNumber(row.expected)}, recorded ${formatNumber(row.recorded)}${
          gap === 0 ? '' : ` (${gap > 0 ? '+' : ''}${formatNumber(gap)})`
        }`,
      );
    }
  }
  return printableLines(`${lines.join('\n')}\n`);
}

function describeCoverage(coverage: Coverage): string {
  return `${coverage.within} of ${coverage.forecasts}, ${formatPercent(coverage.share, 0)} (95% interval ${formatPercent(coverage.low, 0)} to ${formatPercent(coverage.high, 0)})`;
}
