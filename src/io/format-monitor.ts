import type { MonitorResult, ReforecastView } from '../monitor/monitor-actuals.js';
import { signedPercent } from '../monitor/verdicts.js';
import { printableLines } from '../scenario/errors.js';
import { labelledLines, wrapText } from './fit-table.js';
import { formatNumber } from './format-number.js';
import { textTable } from './text-table.js';

/**
 * The terminal report of `caseload monitor`: what was compared, a verdict
 * per measure, every actual figure against the plan's band (P5 to P95) with
 * where it lies and, for inflow and decisions, the cumulative deviation from
 * the plan, the periods whose backlog breaks conservation, and, when there
 * is one, the re-forecast from the last actual date.
 *
 * @example formatMonitor(result, 'scenarios/baseline-2024.yaml')
 */
export function formatMonitor(result: MonitorResult, file: string, reforecast: ReforecastView | null = null): string {
  const n = (value: number) => formatNumber(value);
  const a = result.actuals;
  const unit = a.period === 'week' ? 'week' : 'month';
  const lines = [
    ...wrapText(
      `${result.scenario} (${file}) against the actuals in ${a.file}: ${a.periods} ${unit}${a.periods === 1 ? '' : 's'}, ${a.from} to ${a.to}${a.source === null ? '' : ` (source: ${a.source})`}`,
    ),
    ...wrapText(
      `The plan: ${n(result.replications)} replications, seed ${result.seed}; ${
        result.uncertainty
          ? "its bands include the scenario's uncertainty: block (what the plan does not know); --no-uncertainty for the plan taken as known"
          : 'its bands hold only the luck of the weekly draws around the plan'
      }.`,
    ),
    '',
    'Verdicts',
    ...(result.verdicts.length === 0
      ? ['  none: the actuals give no figure of all lanes together']
      : labelledLines(result.verdicts.map((v) => [v.measure, v.text]))),
  ];
  if (reforecast?.text !== undefined) lines.push(...labelledLines([['re-forecast', reforecast.text]]));
  const withLanes = result.rows.some((row) => row.lane !== 'total');
  const lane = (value: string) => (withLanes ? [value] : []);
  const withSums = result.rows.some((row) => row.cumulative !== null);
  const sumHead = withSums ? ['sum', 'deviation', 'share', 'sum status'] : [];
  lines.push(
    '',
    ...wrapText(
      "Each figure against the plan's band (P5 to P95 over the replications): below, inside or above it. " +
        "For inflow and decisions, the sum since the first period with the figure, its deviation from the plan's mean sum, " +
        "and where the sum lies against the band of the plan's sum.",
    ),
    textTable([
      ['period', 'measure', ...lane('lane'), 'actual', 'P5', 'P50', 'P95', 'status', ...sumHead],
      ...result.rows.map((r) => {
        const c = r.cumulative;
        const sums = !withSums
          ? []
          : c === null
            ? ['', '', '', '']
            : [n(c.actual), signedNumber(c.deviation), c.share === null ? '-' : signedPercent(c.share), c.status];
        return [
          r.period,
          r.measure,
          ...lane(r.lane),
          n(r.actual),
          n(r.plan.p5),
          n(r.plan.p50),
          n(r.plan.p95),
          r.status,
          ...sums,
        ];
      }),
    ]),
  );
  if (result.conservation.length > 0)
    lines.push(
      '',
      ...wrapText(
        `Conservation: in ${result.conservation.length} period${result.conservation.length === 1 ? '' : 's'} the backlog is not the one before + inflow - decisions (a data correction? the figures are compared as given)`,
      ),
      textTable([
        ['period', 'lane', 'before', 'inflow', 'decisions', 'expected', 'backlog', 'break', 'line'],
        ...result.conservation.map((b) => [
          b.period,
          b.lane,
          `${n(b.before)}${b.beforeFrom === 'scenario' ? ' (start)' : ''}`,
          n(b.inflow),
          n(b.decisions),
          n(b.before + b.inflow - b.decisions),
          n(b.backlog),
          signedNumber(b.break),
          String(b.line),
        ]),
      ]),
    );
  if (reforecast !== null && reforecast.points.length > 0) {
    const end = reforecast.points[reforecast.points.length - 1]!;
    lines.push(
      '',
      `Re-forecast from ${reforecast.from}: total backlog on ${end.date}: P50 ${n(end.p50)} (P5 to P95: ${n(end.p5)} to ${n(end.p95)})` +
        (reforecast.target === undefined || reforecast.target === null
          ? ''
          : `; ${n(reforecast.target.backlog)} or fewer by ${reforecast.target.date}: ${Math.round(reforecast.target.probability * 100)}%`),
    );
  }
  return printableLines(`${lines.join('\n')}\n`);
}

/** A number of cases with its sign: `+12`, `-3`, `0`. */
function signedNumber(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded);
}
