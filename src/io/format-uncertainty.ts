import { printableLines } from '../scenario/errors.js';
import type { UncertaintyEstimate } from '../experiment/estimate-uncertainty.js';
import { formatNumber, formatPercent } from './format-number.js';

/**
 * What `caseload uncertainty` prints: the `uncertainty:` block as YAML to
 * paste into a scenario, after comments that give each figure's basis (the
 * history, the observations, the method), and an end-of-line comment on each
 * value that cites the file (so that the report marks it as sourced).
 *
 * @example formatUncertainty(estimate, 'scenarios/data/inflow-history.csv')
 */
export function formatUncertainty(estimate: UncertaintyEstimate, file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const lines: string[] = [
    `# caseload uncertainty ${file}${estimate.trend ? ' --trend' : ''}`,
    ...paragraph(
      `The history: ${estimate.periods} ${estimate.granularity}ly counts of the inflow, ${estimate.first} to ${estimate.last}${
        estimate.source === null ? ' (the file names no source)' : ` (source: ${estimate.source})`
      }. Every factor has mean 1: the scenario's own inflow stays the planning assumption.`,
    ).map((line) => line.replace(/^# {3}/, '# ')),
    '#',
    ...levelComment(estimate),
    ...overdispersionComment(estimate),
    ...trendComment(estimate),
    '# inflow.drift: not estimated (the level factor carries the change from year to year).',
    '# capacity, shares and grantRates: not in an inflow history.',
    'uncertainty:',
  ];
  const { inflow } = estimate.block;
  if (inflow.level !== undefined || inflow.overdispersion !== undefined) lines.push('  inflow:');
  if (inflow.level !== undefined && estimate.level.ok) {
    const level = estimate.level.value;
    lines.push(
      withComment(
        `    level: { cv: ${inflow.level.cv}, distribution: lognormal }`,
        `${name}: ${level.changes.length} yearly change${level.changes.length === 1 ? '' : 's'}, Student t with ${level.df} df`,
      ),
    );
  }
  if (inflow.overdispersion !== undefined && estimate.overdispersion.ok) {
    const od = estimate.overdispersion.value;
    lines.push(
      withComment(
        `    overdispersion: { cv: ${inflow.overdispersion.cv} }`,
        `${name}: ${od.counts} ${estimate.granularity}ly counts in ${od.years} years, ${od.df} df`,
      ),
    );
  }
  lines.push(`  source: ${JSON.stringify(estimate.block.source)}`);
  return printableLines(`${lines.join('\n')}\n`);
}

function withComment(code: string, comment: string): string {
  return `${code.padEnd(52)}# ${comment}`;
}

/** A log change as a percentage change, signed. */
function change(logChange: number): string {
  const percent = Math.expm1(logChange);
  return `${percent > 0 ? '+' : ''}${formatPercent(percent)}`;
}

function levelComment(estimate: UncertaintyEstimate): string[] {
  const head = '# inflow.level, a factor on the inflow drawn once per replication:';
  if (!estimate.level.ok) return [head, ...paragraph(`not estimated: ${estimate.level.reason}.`)];
  const level = estimate.level.value;
  const n = level.changes.length;
  const yearly = estimate.granularity === 'year' ? 'The yearly inflow' : 'The inflow of the complete calendar years';
  const changes = level.changes.map((c) => `${change(c.logChange)} (${c.from} to ${c.to})`).join(', ');
  const forecast = level.trend
    ? '"next year as last year, times the mean change" (a random walk with drift)'
    : '"next year as last year" (a random walk)';
  const spread = level.trend
    ? `their sd about the mean change, widened for the error of that mean, is ${sig(Math.sqrt(level.errorVariance))}`
    : `their root mean square is ${sig(Math.sqrt(level.errorVariance))}`;
  const noise = `the counts' own noise (sd ${sig(Math.sqrt(level.countNoiseVariance))}: Poisson${
    estimate.granularity === 'year' ? '' : ' and the overdispersion'
  }), which the simulation draws itself`;
  return [
    head,
    ...paragraph(
      `${yearly} changed by ${changes}. Read as the errors of the forecast ${forecast}, ${spread} on the log scale; s\u00a0=\u00a0${sig(level.scale)} after taking off ${noise}.${
        level.scale === 0 ? ' The changes are no larger than the count noise alone: no level variation beyond it.' : ''
      } ${n} change${n === 1 ? ' is' : 's are'} few: the next change is Student t with ${level.df} df and scale s (its P95 at ${sig(level.t95)}\u00a0s, a normal's at 1.64\u00a0s); the lognormal with that P5-P95 has sigma\u00a0${sig(level.sigma)}: cv\u00a0${sig(level.cv)}.`,
    ),
  ];
}

function overdispersionComment(estimate: UncertaintyEstimate): string[] {
  const head = "# inflow.overdispersion, a gamma factor on each week's inflow:";
  if (!estimate.overdispersion.ok) return [head, ...paragraph(`not estimated: ${estimate.overdispersion.reason}.`)];
  const od = estimate.overdispersion.value;
  const unit = estimate.granularity;
  const low = Math.sqrt(Math.max(0, od.cv2 - 1.645 * od.standardError));
  const high = Math.sqrt(Math.max(0, od.cv2 + 1.645 * od.standardError));
  const basis = `From ${od.counts} ${unit}ly counts in ${od.years} calendar years (${od.df} df), each year's level (its mean per day) taken out: their squared deviations from it sum to ${formatNumber(od.excess + od.poisson)}, of which Poisson counts would give ${formatNumber(od.poisson)},`;
  if (od.cv2 <= 0)
    return [
      head,
      ...paragraph(
        `${basis} so they vary no more than Poisson counts: no overdispersion (cv^2 ${sig(od.cv2)}, se ${sig(od.standardError)}).`,
      ),
    ];
  const weekly =
    unit === 'week'
      ? ''
      : `; ${sig(od.cvWeek)} a week if the weeks vary independently (cv x sqrt(days per ${unit} / 7))`;
  return [
    head,
    ...paragraph(
      `${basis} so cv^2 = ${sig(od.cv2)} (se ${sig(od.standardError)}): a ${unit}ly cv of ${sig(od.cvPeriod)} (90%: ${sig(low)} to ${sig(high)})${weekly}.`,
    ),
  ];
}

function trendComment(estimate: UncertaintyEstimate): string[] {
  const trend = estimate.trendLevel;
  if (trend === null || !estimate.level.ok) return [];
  const last = estimate.level.value.years.at(-1)!.year;
  return [
    '# The trend (printed, not applied):',
    ...paragraph(
      `the inflow changed by ${change(Math.log1p(trend.changePerYear))} a year on average (the geometric mean change); by that trend the next year's level is ${formatNumber(trend.nextPerWeek, 1)} a week, against ${formatNumber(trend.lastPerWeek, 1)} in ${last}. To follow it, set the scenario's inflow to it yourself: the block stays centred on the scenario's inflow.`,
    ),
  ];
}

/** Text as comment lines of at most 100 characters, indented under a heading. */
function paragraph(text: string): string[] {
  const lines: string[] = [];
  let line = '#  ';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 100 && line !== '#  ') {
      lines.push(line);
      line = '#  ';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  // A no-break space keeps a symbol with its value ("s = 0.134") on one line.
  return lines.map((text) => text.replace(/\u00a0/g, ' '));
}

/** Three significant digits, as a plain number. */
function sig(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}
