import type { MarginalCost } from '../../experiment/marginal-cost.js';
import type { CapacitySummary } from '../../run/capacity-summary.js';
import { laneOutcomes } from '../../run/lane-outcomes.js';
import type { RunSummary } from '../../run/summary.js';
import type { InputIssue } from '../../scenario/errors.js';
import { formatNumber, formatPercent } from '../format-number.js';
import { formatInterval, formatProbability } from '../format-probability.js';
import { poolName } from '../pool-name.js';
import type { Provenance } from '../run-outputs.js';
import { sensitivityRows } from '../sensitivity-rows.js';
import { weekSpan } from '../week-labels.js';
import type { OptionsData } from './chart-types.js';
import { decisionsChart } from './decisions-chart.js';
import { escapeXml } from './escape-xml.js';
import { fanChart } from './fan-chart.js';
import { formatDate } from './format-date.js';
import { formatSigned } from './format-signed.js';
import { leadTimeChart } from './lead-time-chart.js';
import { optionsChart } from './options-chart.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { NotedValue } from './read-value-notes.js';
import type { RunCharts } from './report-charts.js';
import { roundPercentages } from './round-percentages.js';
import { stackedLanesChart } from './stacked-lanes-chart.js';
import { tornadoChart } from './tornado-chart.js';
import { varianceChart } from './variance-chart.js';

/** One option of a compared report, for its table. */
export interface ReportOption {
  readonly label: string;
  readonly file: string;
  /** sha256 of the option's resolved scenario. */
  readonly hash: string;
  /** The capacity as planned, every pool, in words. */
  readonly capacity: string;
  readonly summary: RunSummary;
  /** Extra cost per extra decision against the base; null for the base and when no run has a cost. */
  readonly marginal: MarginalCost | null;
  /** The values that differ from the base's (none for the base). */
  readonly changes: readonly AssumptionChange[];
  /** Paired 95% interval of the end-backlog change against the base; null for the base. */
  readonly change: {
    readonly mean: number;
    readonly low: number;
    readonly high: number;
    readonly probabilityBelowBase: number;
  } | null;
}

/** A value of an option that differs from the base's. */
export interface AssumptionChange {
  readonly field: string;
  /** The base's value; null when only the option sets the field. */
  readonly base: string | null;
  /** The option's value with its note and where it was written; null when only the base sets the field. */
  readonly option: NotedValue | null;
}

/** A plausibility warning about a scenario of the report, as the CLI prints it on stderr. */
export interface ReportWarning {
  readonly issue: InputIssue;
  /** With options: the labels of the options whose scenario has it; empty for a single scenario. */
  readonly options: readonly string[];
}

/** Everything one report shows, computed beforehand: rendering is pure. */
export interface Report {
  /** The file the user named (the base, with options). */
  readonly file: string;
  readonly description: string | null;
  /** Values allowed but likely meant otherwise (see LoadedScenario.warnings); empty: no section. */
  readonly warnings: readonly ReportWarning[];
  readonly summary: RunSummary;
  readonly charts: RunCharts;
  /** With options: the base first; null for a single scenario. */
  readonly options: { readonly chart: OptionsData; readonly rows: readonly ReportOption[] } | null;
  readonly assumptions: readonly NotedValue[];
  readonly provenance: Provenance;
  /** When the report was made (ISO date and time, UTC). */
  readonly generated: string;
}

const n = (value: number, decimals = 0) => formatNumber(value, decimals);
const h = escapeXml;
/** `2024-12-29` as `29 Dec 2024`. */
const day = (iso: string) => formatDate(parseIsoDate(iso));
const signed = (value: number) => formatSigned(value, 1);

type Target = NonNullable<RunSummary['target']>;

/** A target probability as the report prints it: with its 95% interval when it comes from replications. */
function targetProbability(target: Target): string {
  return target.interval === null
    ? formatPercent(target.probability)
    : formatProbability(target.probability, target.interval);
}

/** "about 9,599 replications would give ±1 percentage point", or '' in deterministic mode. */
function replicationsForOnePoint(target: Target): string {
  return target.replicationsForOnePoint === null
    ? ''
    : `about ${n(target.replicationsForOnePoint)} replications would give ±1 percentage point`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1): string {
  const cell = (tag: string, text: string, i: number) =>
    `<${tag}${i >= numericFrom ? ' class="num"' : ''}>${text}</${tag}>`;
  return [
    '<table>',
    `<thead><tr>${head.map((text, i) => cell('th', h(text), i)).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((text, i) => cell('td', text, i)).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

function figure(id: string, title: string, svg: string, caption: string): string {
  return `<figure class="chart" id="${id}">\n<h3>${h(title)}</h3>\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

/**
 * The report as one self-contained HTML page: key figures, the charts as
 * inline SVG, the summary tables, every scenario value with what it rests on,
 * and provenance. No scripts and no external requests: it opens offline and
 * prints on A4.
 *
 * @example await writeFileAtomically('report.html', renderReport(report))
 */
export function renderReport(report: Report): string {
  const s = report.summary;
  const end = s.endBacklog.total;
  const mode = s.deterministic
    ? 'deterministic (expected values, one path)'
    : `${n(s.reps)} replications, seed ${s.seed}`;
  const keyFigures = [
    [
      `Open cases on ${day(s.end)}`,
      `${n(end.p50)}`,
      s.deterministic ? 'expected-value path' : `median; 90% between ${n(end.p5)} and ${n(end.p95)}`,
    ],
    ['Open cases at the start', n(s.startBacklog.total), day(s.start)],
    ...(s.target === undefined
      ? []
      : [
          [
            `Chance of ≤ ${n(s.target.backlog)} by ${day(s.target.date)}`,
            formatPercent(s.target.probability),
            s.target.interval === null
              ? 'on the expected-value path'
              : `share of the ${n(s.reps)} replications that reach the target, 95% interval ` +
                `${formatInterval(s.target.interval)}; ${replicationsForOnePoint(s.target)}`,
          ],
        ]),
    [
      'Lead time of decided cases',
      `${n(s.leadTimeDays.all.p50)} days`,
      `median; 90% within ${n(s.leadTimeDays.all.p90)} days, mean ${n(s.leadTimeDays.all.mean)}`,
    ],
    [
      'Decisions in the horizon',
      n(s.decisions.total),
      `${n(s.decisions.total / s.horizonWeeks, 1)} a week; ${n(s.arrivals.total)} new applications`,
    ],
    capacityFigure(s),
    ...(s.staff === undefined
      ? []
      : [['Staff', `${n(s.staff.fte, 1)} FTE`, `paid on average; ${n(s.staff.hoursPerWeek)} productive hours a week`]]),
    ...(s.capacity.cost === null ? [] : [costFigure(s.capacity)]),
  ];
  const target = s.target;
  const sections: string[] = [
    [
      `<header>\n<h1>${h(s.scenario)}</h1>\n`,
      report.description === null ? '' : `<p class="lead">${h(report.description)}</p>\n`,
      `<p class="meta">${h(mode)}; ${s.horizonWeeks} weeks, ${day(s.start)} to ${day(s.end)}. `,
      `Scenario file <code>${h(report.file)}</code>.</p>\n</header>`,
    ].join(''),
    ...(report.warnings.length === 0 ? [] : [warningsSection(report.warnings, report.options !== null)]),
    [
      '<section id="key-figures" aria-label="Key figures">\n<dl class="figures">\n',
      keyFigures
        .map(([label, value, note]) => {
          return `<div><dt>${h(label!)}</dt><dd><strong>${h(value!)}</strong><span>${h(note!)}</span></dd></div>`;
        })
        .join('\n'),
      '\n</dl>\n</section>',
    ].join(''),
    '<section id="charts">\n<h2>Projection</h2>',
    figure(
      'chart-fan',
      'Total backlog at the end of each week',
      fanChart(report.charts.fan),
      `The median of the replications (line), the middle 50% (dark band) and 90% (light band) of them, and the expected-value path (dashed).${
        target === undefined ? '' : ` ${h(targetSentence(target, s.reps))}`
      }`,
    ),
    figure(
      'chart-lanes',
      'Backlog by lane (mean, stacked)',
      stackedLanesChart(report.charts.lanes),
      `Mean open cases per lane at the end of each week; lanes in priority order (${h(s.lanes.join(', '))}), the first at the bottom.`,
    ),
    figure(
      'chart-decisions',
      'Decisions per week against capacity',
      decisionsChart(report.charts.decisions),
      [
        'Mean decisions per week over the replications, and the capacity of the week in decisions',
        report.charts.decisions.capacityLabel.includes('hours')
          ? " (a pool counted in hours divided by the mean hours per decision of that week's decisions)"
          : '',
        '; holidays lower the capacity. ',
        'Where decisions fall short of the capacity, too few cases were past their minimum wait.',
      ].join(''),
    ),
    figure(
      'chart-lead-time',
      'Lead time of the cases decided in the horizon',
      leadTimeChart(report.charts.leadTime),
      "Share of each lane's decided cases decided within a number of days of filing; the marks show the median (P50) and P90. Cases still open at the end are not counted.",
    ),
    '</section>',
    bandSection(s, report.charts),
  ];
  if (report.options !== null) sections.push(optionsSection(report.options));
  sections.push(summarySection(s), assumptionsSection(report.assumptions), provenanceSection(report));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="caseload ${h(report.provenance.caseloadVersion)}">`,
    `<title>${h(s.scenario)}: caseload report</title>`,
    `<style>\n${STYLE}${report.warnings.length === 0 ? '' : `\n${WARNINGS_STYLE}`}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The plausibility warnings, in a box under the title: each with where it was
 * written, its field and the value likely meant, and in a comparison the
 * options that have it.
 */
function warningsSection(warnings: readonly ReportWarning[], withOptions: boolean): string {
  const one = warnings.length === 1;
  return [
    '<section id="warnings" class="warnings" aria-label="Warnings about the scenario">',
    '<h2>Warnings about the scenario</h2>',
    `<p>${one ? 'This value is' : `These ${warnings.length} values are`} allowed, but almost surely meant otherwise. ` +
      `The figures in this report were computed with ${one ? 'it' : 'them'} as written: correct ` +
      `${one ? 'it in its file' : 'them in their files'} and run again (<code>--strict</code> refuses such values).</p>`,
    table(
      [...(withOptions ? ['option'] : []), 'where', 'field', 'warning'],
      warnings.map(({ issue, options }) => [
        ...(withOptions ? [h(options.join(', '))] : []),
        `<code>${h(issueLocation(issue))}</code>`,
        issue.field === '' ? '' : `<code>${h(issue.field)}</code>`,
        h(issue.allowed === null ? issue.problem : `${issue.problem} (${issue.allowed})`),
      ]),
      99,
    ),
    '</section>',
  ].join('\n');
}

/** `file:line:col` of an issue, as far as it is known. */
function issueLocation({ file, line, column }: InputIssue): string {
  if (line === null) return file;
  return column === null ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** The key figure of the capacity: realised over the horizon, beside the capacity as planned. */
function capacityFigure(s: RunSummary): [string, string, string] {
  const c = s.capacity.total;
  const planned = c.planned === null ? 'it follows the inflow' : `planned ${n(c.planned)} as written`;
  return [
    `Capacity in the ${s.horizonWeeks} weeks`,
    `${n(c.realised)} ${c.unit}`,
    `realised (after the calendar, ramp-up and uncertainty, mean per replication); ${planned}`,
  ];
}

/** The key figure of the cost: of the pools with a cost, per decision of theirs, and what has no cost. */
function costFigure(c: CapacitySummary): [string, string, string] {
  const cost = c.cost!;
  const each = cost.perDecision === null ? '' : `${n(cost.perDecision)} per decision of the pools with a cost`;
  return ['Staff cost', n(cost.total), [each, uncostedSentence(c)].filter((part) => part !== '').join('; ')];
}

/** Which capacity has no cost, in words; '' when every pool has one. */
function uncostedSentence(c: CapacitySummary): string {
  const cost = c.cost;
  if (cost === null || cost.uncosted.length === 0) return '';
  const plural = cost.uncosted.length > 1;
  return `${cost.uncosted.map(poolName).join(' and ')} (${n(cost.uncostedDecisions)} decisions) ${plural ? 'have' : 'has'} no cost in the scenario and ${plural ? 'are' : 'is'} not counted`;
}

/** Where the fan chart's caption says how often the target is reached. */
function targetSentence(target: Target, reps: number): string {
  const where = `The target of ${n(target.backlog)} open cases by ${day(target.date)}`;
  if (target.interval === null)
    return `${where} is ${target.probability >= 1 ? '' : 'not '}reached on the expected-value path.`;
  return `${where} is reached in ${targetProbability(target)} of the ${n(reps)} replications; ${replicationsForOnePoint(target)}.`;
}

/** What the bands include, the spread per replication and, with an uncertainty block, its variance and tornado. */
function bandSection(s: RunSummary, charts: RunCharts): string {
  const parts = ['<section id="band">', '<h2>Where the band comes from</h2>'];
  if (s.deterministic) {
    parts.push(
      '<p>A deterministic run has no band: one expected-value path, with every percentile equal to it.</p>',
      '</section>',
    );
    return parts.join('\n');
  }
  const only = s.bandIncludes.length <= 1;
  parts.push(
    `<p>The bands of the charts above include${only ? ' only' : ''}:</p>`,
    `<ul class="band-includes">\n${s.bandIncludes.map((what) => `<li>${h(what)}</li>`).join('\n')}\n</ul>`,
  );
  if (only)
    parts.push(
      "<p>The inflow level and the capacity are taken as known: they are the scenario's values, exactly, in every " +
        'replication. The band shows only the chance in the weekly arrivals, not what the plan does not know about ' +
        'its own figures; an <code>uncertainty:</code> block in the scenario adds that.</p>',
    );
  const q = s.spread;
  const row = (what: string, quantiles: RunSummary['spread']['endBacklog']) => [
    h(what),
    n(quantiles.mean),
    n(quantiles.p5),
    n(quantiles.p50),
    n(quantiles.p95),
  ];
  parts.push(
    `<h3>Per replication over the ${s.horizonWeeks} weeks (${n(s.reps)} replications)</h3>`,
    table(
      ['', 'mean', 'P5', 'P50', 'P95'],
      [
        row('new applications (arrivals)', q.arrivals),
        row('decisions', q.decisions),
        row(`backlog at the end (${day(s.end)})`, q.endBacklog),
      ],
    ),
  );
  const u = s.uncertainty;
  if (u !== undefined && charts.variance !== null) parts.push(varianceFigure(u, charts.variance));
  if (u !== undefined) parts.push(sensitivityFigure(s, u, charts.tornado));
  else if (!only)
    parts.push(
      '<p class="note">The split of the band by source and the sensitivity to each parameter are not in this run\'s results.</p>',
    );
  parts.push('</section>');
  return parts.join('\n');
}

type Explanation = NonNullable<RunSummary['uncertainty']>;

function varianceFigure(u: Explanation, data: NonNullable<RunCharts['variance']>): string {
  const percents = roundPercentages(u.variance.shares.map((share) => share.share));
  return [
    figure(
      'chart-variance',
      'Variance of the backlog at the end, by source',
      varianceChart(data),
      `Each source's part of the variance of the open cases on ${h(day(data.endDate))} over the replications ` +
        `(sd ${h(n(Math.sqrt(Math.max(0, u.variance.total))))}), from ${h(n(u.variance.runs))} runs. ${h(u.variance.method)} ` +
        'The percentages are rounded so that they still add up to 100%.',
    ),
    table(
      ['source', 'share', 'as sd'],
      u.variance.shares.map((share, i) => [
        h(share.label),
        `${n(percents[i]!, 1)}%`,
        share.variance > 0 ? n(Math.sqrt(share.variance)) : '0',
      ]),
    ),
  ].join('\n');
}

function sensitivityFigure(s: RunSummary, u: Explanation, data: RunCharts['tornado']): string {
  const notShown =
    u.sensitivity.notShown.length === 0
      ? ''
      : `<p class="note">Not in the tornado, as they have no single P10 or P90 setting (their part is in the variance above): ${h(u.sensitivity.notShown.join('; '))}.</p>`;
  if (data === null)
    return [
      '<h3>Sensitivity</h3>',
      '<p>No parameter of the uncertainty block has a single P10 and P90 setting, so there is no tornado.</p>',
      notShown,
    ].join('\n');
  const base = u.sensitivity.base;
  const target = s.target;
  const caption = [
    `The mean open cases on ${day(data.endDate)} with one parameter at its P10 (orange) or its P90 (blue) and `,
    `every other source of uncertainty off, against ${n(base.endBacklogMean)} with all at their means (the vertical `,
    'line); the Poisson noise of the arrivals stays in every run. The labels at the ends of a bar give the parameter ',
    "there, as a factor on the scenario's value (for the inflow drift, the level reached by the last week).",
    target === undefined
      ? ''
      : ` The dashed line is the target of ${n(target.backlog)} open cases by ${day(target.date)}.`,
  ].join('');
  const probabilityHead = target === undefined ? [] : ['P(target), 95% interval'];
  const rows = sensitivityRows(u, target !== undefined, {
    label: h,
    factor: (value) => `×${n(value, 2)}`,
    backlog: (mean) => n(mean),
    probability: (point) =>
      point.probability === undefined
        ? '–'
        : `<span class="nowrap">${formatProbability(point.probability.probability, point.probability)}</span>`,
  });
  const withTarget =
    target === undefined || base.probability === undefined
      ? ''
      : `<p class="note">With every parameter at its mean the target is reached in ${h(formatProbability(base.probability.probability, base.probability))} of the replications; ` +
        `in the run, where the parameters vary, in ${h(targetProbability(target))}.</p>`;
  return [
    figure('chart-tornado', 'Sensitivity of the backlog at the end to each parameter', tornadoChart(data), h(caption)),
    notShown,
    table(
      ['parameter', 'at P10', 'mean end backlog', ...probabilityHead, 'at P90', 'mean end backlog', ...probabilityHead],
      rows,
    ),
    withTarget,
  ].join('\n');
}

function optionsSection(options: NonNullable<Report['options']>): string {
  const rows = options.rows;
  const hasTarget = rows.some((o) => o.summary.target !== undefined);
  const hasStaff = rows.some((o) => o.summary.staff !== undefined);
  const hasCost = rows.some((o) => o.summary.capacity.cost !== null);
  const hasMarginal = rows.some((o) => o.marginal !== null);
  const forOnePoint = Math.max(0, ...rows.map((o) => o.summary.target?.replicationsForOnePoint ?? 0));
  const name = (o: ReportOption) =>
    `${h(o.label)}${o.change === null ? ' <span class="badge">base</span>' : ''}<br><code>${h(o.file)}</code>`;
  const weeks = rows[0]!.summary.horizonWeeks;
  const units = [...new Set(rows.map((o) => o.summary.capacity.total.unit))];
  const unit = (o: ReportOption) => (units.length > 1 ? ` ${o.summary.capacity.total.unit}` : '');
  const costNotes = rows.flatMap((o) => {
    const sentence = uncostedSentence(o.summary.capacity);
    return sentence === '' ? [] : [`${h(o.label)}: ${h(sentence)}.`];
  });
  const differs = rows.filter((o) => o.marginal?.uncostedDiffers === true).map((o) => h(o.label));
  return [
    '<section id="options">',
    '<h2>Options compared</h2>',
    figure(
      'chart-options',
      'End backlog and lead time by option',
      optionsChart(options.chart),
      'Every option ran the same replications with the same random numbers as the base (common random numbers), ' +
        'so the change against the base is measured pair by pair; its 95% interval is printed on each row.',
    ),
    `<h3>Capacity and cost over the ${weeks} weeks${units.length === 1 ? ` (${h(units[0]!)})` : ''}</h3>`,
    table(
      [
        'option',
        'capacity as planned',
        'planned',
        'realised',
        'decisions',
        ...(hasStaff ? ['FTE paid'] : []),
        ...(hasCost ? ['staff cost', 'per decision'] : []),
        ...(hasMarginal ? ['extra decisions', 'extra cost per extra decision'] : []),
      ],
      rows.map((o) => {
        const c = o.summary.capacity;
        return [
          name(o),
          h(o.capacity),
          c.total.planned === null ? 'follows the inflow' : `${n(c.total.planned)}${unit(o)}`,
          `${n(c.total.realised)}${unit(o)}`,
          n(o.summary.decisions.total),
          ...(hasStaff ? [o.summary.staff === undefined ? '–' : n(o.summary.staff.fte, 1)] : []),
          ...(hasCost
            ? [c.cost === null ? '–' : n(c.cost.total), c.cost?.perDecision == null ? '–' : n(c.cost.perDecision)]
            : []),
          ...(hasMarginal
            ? [
                o.marginal === null ? '–' : formatSigned(o.marginal.extraDecisions, 0),
                o.marginal?.perExtraDecision == null ? '–' : n(o.marginal.perExtraDecision),
              ]
            : []),
        ];
      }),
      2,
    ),
    [
      '<p class="note">Planned: the capacity as written, a lane\'s own capacity included (in the shared pool\'s unit, at ',
      "that lane's hours per decision); realised: what the runs had after the calendar, the ramp-up of new staff and the ",
      'uncertain productivity, and decisions: what they decided, both mean per replication.',
      hasCost ? ' Staff cost: of the pools with costPerFteYear, per decision of those pools.' : '',
      hasMarginal
        ? ' Extra cost per extra decision: the cost above the base over the decisions above it (– when it decides no more).'
        : '',
      '</p>',
    ].join(''),
    ...(costNotes.length === 0 ? [] : [`<p class="note">${costNotes.join(' ')}</p>`]),
    ...(differs.length === 0
      ? []
      : [
          `<p class="note">${differs.join(', ')}: the capacity without a cost differs from the base's; what that difference costs is not in the extra cost.</p>`,
        ]),
    '<h3>Outcome</h3>',
    table(
      [
        'option',
        'end backlog P50',
        'P5',
        'P95',
        'change vs base (95% interval)',
        'P(below base)',
        ...(hasTarget ? ['P(target), 95% interval'] : []),
        'lead time P50 (days)',
        'P90',
      ],
      rows.map((o) => [
        name(o),
        n(o.summary.endBacklog.total.p50),
        n(o.summary.endBacklog.total.p5),
        n(o.summary.endBacklog.total.p95),
        o.change === null ? '' : `${signed(o.change.mean)} (${signed(o.change.low)} to ${signed(o.change.high)})`,
        o.change === null ? '' : formatPercent(o.change.probabilityBelowBase, 0),
        ...(hasTarget ? [o.summary.target === undefined ? '–' : targetProbability(o.summary.target)] : []),
        n(o.summary.leadTimeDays.all.p50),
        n(o.summary.leadTimeDays.all.p90),
      ]),
    ),
    forOnePoint > 0
      ? `<p class="note">About ${n(forOnePoint)} replications would give every option's target probability to ±1 percentage point.</p>`
      : '',
    changesSection(rows),
    '</section>',
  ].join('\n');
}

/** Per option, the values that differ from the base's, with what each rests on. */
function changesSection(rows: readonly ReportOption[]): string {
  const base = rows[0]!;
  const parts = [
    '<h3 id="option-assumptions">What each option changes</h3>',
    `<p>The values of each option that differ from the base's (${h(base.label)}), as written in its files, with the comment beside each; the base's are under Assumptions below.</p>`,
  ];
  for (const o of rows.slice(1)) {
    parts.push(`<h4>${h(o.label)}</h4>`);
    if (o.changes.length === 0) {
      parts.push('<p class="note">No value differs from the base\'s.</p>');
      continue;
    }
    parts.push(
      table(
        ['field', 'base', 'option', 'basis', 'note', 'where'],
        o.changes.map((change) => {
          const v = change.option;
          return [
            `<code>${h(change.field)}</code>`,
            change.base === null ? '–' : h(change.base),
            v === null ? '(not set)' : h(v.value),
            v === null ? '' : basisBadge(v.basis),
            v === null ? '' : h(v.note ?? ''),
            v === null ? '' : `<code>${h(v.where)}</code>`,
          ];
        }),
        99,
      ),
    );
  }
  return parts.join('\n');
}

function basisBadge(basis: NotedValue['basis']): string {
  return `<span class="badge ${basis === 'not stated' ? 'none' : basis}">${h(basis)}</span>`;
}

function summarySection(s: RunSummary): string {
  return [
    '<section id="summary">',
    '<h2>Summary</h2>',
    '<h3>Total backlog at the quarter ends</h3>',
    table(
      ['date', 'week', 'ISO week', 'mean', 'P5', 'P25', 'P50', 'P75', 'P95', 'expected-value path'],
      [
        [day(s.start), 'start', '', n(s.startBacklog.total), '', '', '', '', '', n(s.startBacklog.total)],
        ...s.milestones.map((m) => [
          day(m.date),
          String(m.week),
          h(m.isoWeek),
          n(m.total.mean),
          n(m.total.p5),
          n(m.total.p25),
          n(m.total.p50),
          n(m.total.p75),
          n(m.total.p95),
          n(m.deterministic),
        ]),
      ],
    ),
    `<p class="note">The backlog at the end of each week. Weeks count from 0: ${h(weekSpan(s.start, s.horizonWeeks))}; ISO weeks as in ISO 8601 (Monday to Sunday).</p>`,
    `<h3>Backlog by lane on ${h(day(s.end))}</h3>`,
    table(
      ['lane', 'start', 'mean', 'P5', 'P50', 'P95', 'expected-value path'],
      [
        ...s.lanes.map((lane) => {
          const q = s.endBacklog.byLane[lane]!;
          return [
            h(lane),
            n(s.startBacklog.byLane[lane]!),
            n(q.mean),
            n(q.p5),
            n(q.p50),
            n(q.p95),
            n(s.deterministicEndBacklog.byLane[lane]!),
          ];
        }),
        [
          'total',
          n(s.startBacklog.total),
          n(s.endBacklog.total.mean),
          n(s.endBacklog.total.p5),
          n(s.endBacklog.total.p50),
          n(s.endBacklog.total.p95),
          n(s.deterministicEndBacklog.total),
        ],
      ],
    ),
    '<h3>Decisions and lead times (mean per replication; lead time in days from filing to decision)</h3>',
    table(
      ['lane', 'new applications', 'decisions', 'grants', 'refusals', 'grant rate', 'lead time mean', 'P50', 'P90'],
      laneOutcomes(s).map((o) => [
        h(o.lane),
        n(o.arrivals),
        n(o.decisions),
        n(o.grants),
        n(o.refusals),
        Number.isNaN(o.grantRate) ? '–' : formatPercent(o.grantRate),
        n(o.leadTimeDays.mean),
        n(o.leadTimeDays.p50),
        n(o.leadTimeDays.p90),
      ]),
    ),
    ...(s.flows === undefined
      ? []
      : [
          '<h3>Flows (mean per replication)</h3>',
          '<p>Arrivals that were refused applicants filing again (included in the new applications above), cases that moved between lanes keeping their filing date (a moved case is decided, and its lead time counted, in the lane it moved to), and open cases withdrawn without a decision.</p>',
          table(
            ['lane', 'new applications', 'of which refiled', 'moved in', 'moved out', 'withdrawn'],
            laneOutcomes(s).flatMap((o) =>
              o.flows === undefined
                ? []
                : [
                    [
                      h(o.lane),
                      n(o.arrivals),
                      n(o.flows.refilings),
                      n(o.flows.movedIn),
                      n(o.flows.movedOut),
                      n(o.flows.withdrawals),
                    ],
                  ],
            ),
          ),
        ]),
    '</section>',
  ].join('\n');
}

function assumptionsSection(values: readonly NotedValue[]): string {
  const count = (basis: string) => values.filter((v) => v.basis === basis).length;
  return [
    '<section id="assumptions">',
    '<h2>Assumptions</h2>',
    [
      '<p>Every value of the scenario as written in its files (after <code>extends</code>, calendars, variants and ',
      'command-line overrides), with the comment beside it. ',
      `<span class="badge source">source</span> ${count('source')} values cite a published figure or data file; `,
      `<span class="badge assumption">assumption</span> ${count('assumption')} are assumptions; `,
      `<span class="badge setting">setting</span> ${count('setting')} set up the run; `,
      `<span class="badge none">not stated</span> ${count('not stated')} say neither. `,
      'Fields not listed take their defaults (see docs/scenarios.md in caseload).</p>',
    ].join(''),
    table(
      ['field', 'value', 'basis', 'note', 'where'],
      values.map((v) => [
        `<code>${h(v.field)}</code>`,
        h(v.value),
        basisBadge(v.basis),
        h(v.note ?? ''),
        `<code>${h(v.where)}</code>`,
      ]),
      99,
    ),
    '</section>',
  ].join('\n');
}

function provenanceSection(report: Report): string {
  const p = report.provenance;
  const rows: [string, string][] = [
    ['caseload version', h(p.caseloadVersion)],
    ['scenario hash (sha256)', `<code>${h(p.scenarioHash)}</code>`],
    ['scenario files (base last)', p.files.map((file) => `<code>${h(file)}</code>`).join(', ')],
    ...(report.options === null
      ? []
      : ([
          [
            'scenario hashes of the options',
            report.options.rows.map((o) => `${h(o.label)}: <code>${h(o.hash)}</code>`).join('<br>'),
          ],
        ] as [string, string][])),
    ['seed', String(p.seed)],
    ['replications', p.deterministic ? 'deterministic (expected values)' : n(p.replications)],
    ['generated', h(report.generated)],
  ];
  return [
    '<section id="provenance">',
    '<h2>Provenance</h2>',
    `<dl class="provenance">\n${rows.map(([label, value]) => `<dt>${h(label)}</dt><dd>${value}</dd>`).join('\n')}\n</dl>`,
    '<p>The same scenario files, seed and replications give the same figures on any machine and with any number of worker threads.</p>',
    '</section>',
  ].join('\n');
}

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d0d0d0; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.45; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 36px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.lead { font-size: 1.05rem; margin: 4px 0; }
.meta, figcaption { color: var(--muted); font-size: 0.9rem; }
code { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; font-size: 0.85em; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin: 20px 0; }
.figures div { background: var(--band); border-left: 4px solid #0072B2; padding: 10px 12px; }
.figures dt { font-size: 0.85rem; color: var(--muted); }
.figures dd { margin: 2px 0 0; }
.figures strong { display: block; font-size: 1.5rem; }
.figures span { font-size: 0.8rem; color: var(--muted); }
figure.chart { margin: 16px 0 28px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 6px 0 14px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 0.75rem; border: 1px solid currentColor; white-space: nowrap; }
.badge.source { color: #005a8c; }
.badge.assumption { color: #9a4a00; }
.badge.setting { color: #3d3d3d; }
.badge.none { color: #6a6a6a; border-style: dashed; }
.note { color: var(--muted); font-size: 0.9rem; }
.nowrap { white-space: nowrap; }
.band-includes { margin: 4px 0 10px; }
.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 0.9rem; }
.provenance dt { color: var(--muted); }
.provenance dd { margin: 0; word-break: break-all; }
@page { size: A4; margin: 14mm; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
  table { font-size: 8.5pt; }
  tr { break-inside: avoid; }
  .figures div { border: 1px solid var(--rule); border-left: 4px solid #0072B2; }
}
`.trim();

/** The style of the warnings box: only in a report that has one, so that a report without warnings stays as it was. */
const WARNINGS_STYLE = `
.warnings { background: #fdf0e8; border-left: 4px solid #D55E00; padding: 2px 16px 8px; margin: 20px 0; break-inside: avoid; page-break-inside: avoid; }
.warnings h2 { border-bottom: none; margin: 12px 0 4px; color: #8a3200; }
.warnings table { background: #fff; }
@media print {
  .warnings { border: 1px solid var(--rule); border-left: 4px solid #D55E00; }
}
`.trim();
