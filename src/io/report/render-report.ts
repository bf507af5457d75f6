import type { MarginalCost } from '../../experiment/marginal-cost.js';
import type { Lang } from '../../i18n/lang.js';
import type { CapacitySummary } from '../../run/capacity-summary.js';
import { laneOutcomes } from '../../run/lane-outcomes.js';
import type { RunSummary } from '../../run/summary.js';
import type { InputIssue } from '../../scenario/errors.js';
import type { Scenario } from '../../scenario/types.js';
import type { Provenance } from '../run-outputs.js';
import { sensitivityRows } from '../sensitivity-rows.js';
import { capacityInWords } from './capacity-in-words.js';
import type { OptionsData } from './chart-types.js';
import { decisionsChart } from './decisions-chart.js';
import { escapeXml } from './escape-xml.js';
import { fanChart } from './fan-chart.js';
import { leadTimeChart } from './lead-time-chart.js';
import { optionsChart } from './options-chart.js';
import type { NotedValue } from './read-value-notes.js';
import type { RunCharts } from './report-charts.js';
import type { ReportKey } from './report-text.js';
import type { ReportWords } from './report-words.js';
import { reportWords } from './report-words.js';
import { roundPercentages } from './round-percentages.js';
import { stackedLanesChart } from './stacked-lanes-chart.js';
import { tornadoChart } from './tornado-chart.js';
import { varianceChart } from './variance-chart.js';
import { weekSpanIn } from './week-span-in.js';

/** One option of a compared report, for its table. */
export interface ReportOption {
  readonly label: string;
  readonly file: string;
  /** sha256 of the option's resolved scenario. */
  readonly hash: string;
  /** The capacity as planned, every pool, in English words (see describeScenarioCapacity). */
  readonly capacity: string;
  /** The scenario's capacity, to write it in another language; without it, `capacity` is shown as it is. */
  readonly capacitySpec?: Pick<Scenario, 'capacity' | 'lanes'>;
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

const h = escapeXml;

type Target = NonNullable<RunSummary['target']>;

/** A target probability as the report prints it: with its 95% interval when it comes from replications. */
function targetProbability(target: Target, w: ReportWords): string {
  return target.interval === null ? w.percent(target.probability) : w.probability(target.probability, target.interval);
}

/** "about 9,599 replications would give ±1 percentage point", or '' in deterministic mode. */
function replicationsForOnePoint(target: Target, w: ReportWords): string {
  return target.replicationsForOnePoint === null
    ? ''
    : w.say('forOnePoint', { reps: w.number(target.replicationsForOnePoint) });
}

/** An HTML table: the head escaped, the cells as given (HTML), the columns from `numericFrom` on right-aligned numbers. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1): string {
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

/*
 * The catalog's texts are plain text without markup (but for the keys ending
 * in Html): some are escaped where they are written and some not, as the
 * English report always did, so that it stays byte for byte as it was.
 */

/**
 * The report as one self-contained HTML page: key figures, the charts as
 * inline SVG, the summary tables, every scenario value with what it rests on,
 * and provenance, in English or Dutch (`lang`, or the words of another
 * catalog). No scripts and no external requests: it opens offline and prints
 * on A4.
 *
 * @example await writeFileAtomically('rapport.html', renderReport(report, 'nl'))
 */
export function renderReport(report: Report, lang: Lang | ReportWords = 'en'): string {
  const w = typeof lang === 'string' ? reportWords(lang) : lang;
  const n = (value: number, decimals = 0) => w.number(value, decimals);
  const day = (iso: string) => w.date(iso);
  const s = report.summary;
  const end = s.endBacklog.total;
  const mode = s.deterministic
    ? w.say('modeDeterministic')
    : w.say('modeReplications', { reps: n(s.reps), seed: s.seed });
  const keyFigures = [
    [
      w.say('figureEndBacklog', { date: day(s.end) }),
      `${n(end.p50)}`,
      s.deterministic
        ? w.say('figureEndBacklogPath')
        : w.say('figureEndBacklogNote', { p5: n(end.p5), p95: n(end.p95) }),
    ],
    [w.say('figureStartBacklog'), n(s.startBacklog.total), day(s.start)],
    ...(s.target === undefined
      ? []
      : [
          [
            w.say('figureTarget', { backlog: n(s.target.backlog), date: day(s.target.date) }),
            w.percent(s.target.probability),
            s.target.interval === null
              ? w.say('figureTargetPath')
              : w.say('figureTargetNote', {
                  reps: n(s.reps),
                  interval: w.interval(s.target.interval),
                  forOnePoint: replicationsForOnePoint(s.target, w),
                }),
          ],
        ]),
    [
      w.say('figureLeadTime'),
      w.say('figureLeadTimeValue', { days: n(s.leadTimeDays.all.p50) }),
      w.say('figureLeadTimeNote', { p90: n(s.leadTimeDays.all.p90), mean: n(s.leadTimeDays.all.mean) }),
    ],
    [
      w.say('figureDecisions'),
      n(s.decisions.total),
      w.say('figureDecisionsNote', {
        perWeek: n(s.decisions.total / s.horizonWeeks, 1),
        arrivals: n(s.arrivals.total),
      }),
    ],
    capacityFigure(s, w),
    ...(s.staff === undefined
      ? []
      : [
          [
            w.say('figureStaff'),
            w.say('figureStaffValue', { fte: n(s.staff.fte, 1) }),
            w.say('figureStaffNote', { hours: n(s.staff.hoursPerWeek) }),
          ],
        ]),
    ...(s.capacity.cost === null ? [] : [costFigure(s.capacity, w)]),
  ];
  const target = s.target;
  const sections: string[] = [
    [
      `<header>\n<h1>${h(s.scenario)}</h1>\n`,
      report.description === null ? '' : `<p class="lead">${h(report.description)}</p>\n`,
      `<p class="meta">${h(w.say('metaSpan', { mode, weeks: s.horizonWeeks, start: day(s.start), end: day(s.end) }))}`,
      `${w.say('metaFileHtml', { file: h(report.file) })}</p>\n</header>`,
    ].join(''),
    ...(report.warnings.length === 0 ? [] : [warningsSection(report.warnings, report.options !== null, w)]),
    [
      `<section id="key-figures" aria-label="${h(w.say('keyFiguresLabel'))}">\n<dl class="figures">\n`,
      keyFigures
        .map(([label, value, note]) => {
          return `<div><dt>${h(label!)}</dt><dd><strong>${h(value!)}</strong><span>${h(note!)}</span></dd></div>`;
        })
        .join('\n'),
      '\n</dl>\n</section>',
    ].join(''),
    `<section id="charts">\n<h2>${h(w.say('projection'))}</h2>`,
    figure(
      'chart-fan',
      w.say('fanTitle'),
      fanChart(report.charts.fan, w),
      `${h(w.say('fanCaption'))}${target === undefined ? '' : ` ${h(targetSentence(target, s.reps, w))}`}`,
    ),
    figure(
      'chart-lanes',
      w.say('lanesTitle'),
      stackedLanesChart(report.charts.lanes, w),
      w.say('lanesCaption', { lanes: h(s.lanes.join(', ')) }),
    ),
    figure(
      'chart-decisions',
      w.say('decisionsTitle'),
      decisionsChart(report.charts.decisions, w),
      w.say('decisionsCaption', {
        hours: report.charts.decisions.capacityInHours ? w.say('decisionsCaptionHours') : '',
      }),
    ),
    figure(
      'chart-lead-time',
      w.say('leadTimeTitle'),
      leadTimeChart(report.charts.leadTime, w),
      w.say('leadTimeCaption'),
    ),
    '</section>',
    bandSection(s, report.charts, w),
  ];
  if (report.options !== null) sections.push(optionsSection(report.options, w));
  sections.push(summarySection(s, w), assumptionsSection(report.assumptions, w), provenanceSection(report, w));
  return [
    '<!doctype html>',
    `<html lang="${w.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="caseload ${h(report.provenance.caseloadVersion)}">`,
    `<title>${h(w.say('pageTitle', { scenario: s.scenario }))}</title>`,
    `<style>\n${REPORT_STYLE}${report.warnings.length === 0 ? '' : `\n${WARNINGS_STYLE}`}\n</style>`,
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
 * options that have it. The warning itself is in the words of the CLI's
 * message, in English.
 */
function warningsSection(warnings: readonly ReportWarning[], withOptions: boolean, w: ReportWords): string {
  const one = warnings.length === 1;
  return [
    `<section id="warnings" class="warnings" aria-label="${h(w.say('warningsLabel'))}">`,
    `<h2>${h(w.say('warningsLabel'))}</h2>`,
    `<p>${one ? w.say('warningsOneHtml') : w.say('warningsManyHtml', { count: warnings.length })}</p>`,
    table(
      [...(withOptions ? [w.say('headOption')] : []), w.say('headWhere'), w.say('headField'), w.say('headWarning')],
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

/** A capacity unit of the run (`decisions` or `hours`) in the language. */
function unitIn(unit: string, w: ReportWords): string {
  if (unit === 'decisions') return w.say('unitDecisions');
  if (unit === 'hours') return w.say('unitHours');
  return unit;
}

/** The key figure of the capacity: realised over the horizon, beside the capacity as planned. */
function capacityFigure(s: RunSummary, w: ReportWords): [string, string, string] {
  const c = s.capacity.total;
  const planned =
    c.planned === null
      ? w.say('figureCapacityFollows')
      : w.say('figureCapacityPlanned', { planned: w.number(c.planned) });
  return [
    w.say('figureCapacity', { weeks: s.horizonWeeks }),
    `${w.number(c.realised)} ${unitIn(c.unit, w)}`,
    w.say('figureCapacityNote', { planned }),
  ];
}

/** The key figure of the cost: of the pools with a cost, per decision of theirs, and what has no cost. */
function costFigure(c: CapacitySummary, w: ReportWords): [string, string, string] {
  const cost = c.cost!;
  const each = cost.perDecision === null ? '' : w.say('figureCostPerDecision', { cost: w.number(cost.perDecision) });
  return [
    w.say('figureCost'),
    w.number(cost.total),
    [each, uncostedSentence(c, w)].filter((part) => part !== '').join('; '),
  ];
}

/** A capacity pool in words: the shared capacity, or a lane's own. */
function poolIn(pool: string, w: ReportWords): string {
  return pool === 'shared' ? w.say('poolShared') : w.say('poolOwn', { lane: pool });
}

/** Which capacity has no cost, in words; '' when every pool has one. */
function uncostedSentence(c: CapacitySummary, w: ReportWords): string {
  const cost = c.cost;
  if (cost === null || cost.uncosted.length === 0) return '';
  return w.say(cost.uncosted.length > 1 ? 'uncostedMany' : 'uncostedOne', {
    pools: cost.uncosted.map((pool) => poolIn(pool, w)).join(w.say('poolsAnd')),
    decisions: w.number(cost.uncostedDecisions),
  });
}

/** Where the fan chart's caption says how often the target is reached. */
function targetSentence(target: Target, reps: number, w: ReportWords): string {
  const values = { backlog: w.number(target.backlog), date: w.date(target.date) };
  if (target.interval === null)
    return w.say(target.probability >= 1 ? 'targetReachedPath' : 'targetMissedPath', values);
  return w.say('targetReachedIn', {
    ...values,
    probability: targetProbability(target, w),
    reps: w.number(reps),
    forOnePoint: replicationsForOnePoint(target, w),
  });
}

/** What the bands include, the spread per replication and, with an uncertainty block, its variance and tornado. */
function bandSection(s: RunSummary, charts: RunCharts, w: ReportWords): string {
  const n = (value: number, decimals = 0) => w.number(value, decimals);
  const parts = ['<section id="band">', `<h2>${h(w.say('bandHeading'))}</h2>`];
  if (s.deterministic) {
    parts.push(`<p>${w.say('bandDeterministic')}</p>`, '</section>');
    return parts.join('\n');
  }
  const only = s.bandIncludes.length <= 1;
  parts.push(
    `<p>${h(w.say(only ? 'bandIncludesOnly' : 'bandIncludes'))}</p>`,
    `<ul class="band-includes">\n${s.bandIncludes.map((what) => `<li>${h(w.phrase(what))}</li>`).join('\n')}\n</ul>`,
  );
  if (only) parts.push(`<p>${w.say('bandOnlyHtml')}</p>`);
  const q = s.spread;
  const row = (what: string, quantiles: RunSummary['spread']['endBacklog']) => [
    h(what),
    n(quantiles.mean),
    n(quantiles.p5),
    n(quantiles.p50),
    n(quantiles.p95),
  ];
  parts.push(
    `<h3>${h(w.say('spreadHeading', { weeks: s.horizonWeeks, reps: n(s.reps) }))}</h3>`,
    table(
      ['', w.say('headMean'), 'P5', 'P50', 'P95'],
      [
        row(w.say('spreadArrivals'), q.arrivals),
        row(w.say('spreadDecisions'), q.decisions),
        row(w.say('spreadEndBacklog', { date: w.date(s.end) }), q.endBacklog),
      ],
    ),
  );
  const u = s.uncertainty;
  if (u !== undefined && charts.variance !== null) parts.push(varianceFigure(u, charts.variance, w));
  if (u !== undefined) parts.push(sensitivityFigure(s, u, charts.tornado, w));
  else if (!only) parts.push(`<p class="note">${w.say('bandNoSplit')}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

type Explanation = NonNullable<RunSummary['uncertainty']>;

function varianceFigure(u: Explanation, data: NonNullable<RunCharts['variance']>, w: ReportWords): string {
  const percents = roundPercentages(u.variance.shares.map((share) => share.share));
  return [
    figure(
      'chart-variance',
      w.say('varianceTitle'),
      varianceChart(data, w),
      w.say('varianceCaption', {
        date: h(w.date(data.endDate)),
        sd: h(w.number(Math.sqrt(Math.max(0, u.variance.total)))),
        runs: h(w.number(u.variance.runs)),
        method: h(w.phrase(u.variance.method)),
      }),
    ),
    table(
      [w.say('headSource'), w.say('headShare'), w.say('headAsSd')],
      u.variance.shares.map((share, i) => [
        h(w.phrase(share.label)),
        `${w.number(percents[i]!, 1)}%`,
        share.variance > 0 ? w.number(Math.sqrt(share.variance)) : '0',
      ]),
    ),
  ].join('\n');
}

function sensitivityFigure(s: RunSummary, u: Explanation, data: RunCharts['tornado'], w: ReportWords): string {
  const notShown =
    u.sensitivity.notShown.length === 0
      ? ''
      : `<p class="note">${w.say('sensitivityNotShown', { parameters: h(u.sensitivity.notShown.map(w.phrase).join('; ')) })}</p>`;
  if (data === null)
    return [`<h3>${h(w.say('sensitivityHeading'))}</h3>`, `<p>${w.say('sensitivityNone')}</p>`, notShown].join('\n');
  const base = u.sensitivity.base;
  const target = s.target;
  const caption = [
    w.say('tornadoCaption', { date: w.date(data.endDate), base: w.number(base.endBacklogMean) }),
    target === undefined
      ? ''
      : w.say('tornadoCaptionTarget', { backlog: w.number(target.backlog), date: w.date(target.date) }),
  ].join('');
  const probabilityHead = target === undefined ? [] : [w.say('headTargetProbability')];
  const rows = sensitivityRows(u, target !== undefined, {
    label: (label) => h(w.phrase(label)),
    factor: (value) => `×${w.number(value, 2)}`,
    backlog: (mean) => w.number(mean),
    probability: (point) =>
      point.probability === undefined
        ? '–'
        : `<span class="nowrap">${w.probability(point.probability.probability, point.probability)}</span>`,
  });
  // The first row is the base, which sensitivityRows names in English.
  const named = rows.map((row, i) => (i === 0 ? [h(w.say('legendAllMeans')), ...row.slice(1)] : row));
  const withTarget =
    target === undefined || base.probability === undefined
      ? ''
      : `<p class="note">${h(
          w.say('sensitivityWithTarget', {
            base: w.probability(base.probability.probability, base.probability),
            run: targetProbability(target, w),
          }),
        )}</p>`;
  return [
    figure('chart-tornado', w.say('tornadoTitle'), tornadoChart(data, w), h(caption)),
    notShown,
    table(
      [
        w.say('headParameter'),
        w.say('headAtP10'),
        w.say('headMeanEndBacklog'),
        ...probabilityHead,
        w.say('headAtP90'),
        w.say('headMeanEndBacklog'),
        ...probabilityHead,
      ],
      named,
    ),
    withTarget,
  ].join('\n');
}

function optionsSection(options: NonNullable<Report['options']>, w: ReportWords): string {
  const n = (value: number, decimals = 0) => w.number(value, decimals);
  const rows = options.rows;
  const hasTarget = rows.some((o) => o.summary.target !== undefined);
  const hasStaff = rows.some((o) => o.summary.staff !== undefined);
  const hasCost = rows.some((o) => o.summary.capacity.cost !== null);
  const hasMarginal = rows.some((o) => o.marginal !== null);
  const forOnePoint = Math.max(0, ...rows.map((o) => o.summary.target?.replicationsForOnePoint ?? 0));
  const name = (o: ReportOption) =>
    `${h(o.label)}${o.change === null ? ` <span class="badge">${h(w.say('badgeBase'))}</span>` : ''}<br><code>${h(o.file)}</code>`;
  const weeks = rows[0]!.summary.horizonWeeks;
  const units = [...new Set(rows.map((o) => o.summary.capacity.total.unit))];
  const unit = (o: ReportOption) => (units.length > 1 ? ` ${unitIn(o.summary.capacity.total.unit, w)}` : '');
  const costNotes = rows.flatMap((o) => {
    const sentence = uncostedSentence(o.summary.capacity, w);
    return sentence === '' ? [] : [`${h(o.label)}: ${h(sentence)}.`];
  });
  const differs = rows.filter((o) => o.marginal?.uncostedDiffers === true).map((o) => h(o.label));
  const dash = (value: number | null | undefined, write: (value: number) => string) =>
    value == null ? '–' : write(value);
  return [
    '<section id="options">',
    `<h2>${h(w.say('optionsHeading'))}</h2>`,
    figure('chart-options', w.say('optionsChartTitle'), optionsChart(options.chart, w), w.say('optionsChartCaption')),
    `<h3>${
      units.length === 1
        ? h(w.say('capacityHeadingUnit', { weeks, unit: unitIn(units[0]!, w) }))
        : h(w.say('capacityHeading', { weeks }))
    }</h3>`,
    table(
      [
        w.say('headOption'),
        w.say('headCapacityPlanned'),
        w.say('headPlanned'),
        w.say('headRealised'),
        w.say('headDecisions'),
        ...(hasStaff ? [w.say('headFtePaid')] : []),
        ...(hasCost ? [w.say('headStaffCost'), w.say('headPerDecision')] : []),
        ...(hasMarginal ? [w.say('headExtraDecisions'), w.say('headExtraCost')] : []),
      ],
      rows.map((o) => {
        const c = o.summary.capacity;
        return [
          name(o),
          h(o.capacitySpec === undefined ? o.capacity : capacityInWords(o.capacitySpec, w)),
          c.total.planned === null ? h(w.say('followsInflow')) : `${n(c.total.planned)}${h(unit(o))}`,
          `${n(c.total.realised)}${h(unit(o))}`,
          n(o.summary.decisions.total),
          ...(hasStaff ? [dash(o.summary.staff?.fte, (fte) => n(fte, 1))] : []),
          ...(hasCost ? [dash(c.cost?.total, n), dash(c.cost?.perDecision, n)] : []),
          ...(hasMarginal
            ? [
                o.marginal === null ? '–' : w.signed(o.marginal.extraDecisions, 0),
                dash(o.marginal?.perExtraDecision, n),
              ]
            : []),
        ];
      }),
      2,
    ),
    [
      `<p class="note">${w.say('capacityNote')}`,
      hasCost ? w.say('capacityNoteCost') : '',
      hasMarginal ? w.say('capacityNoteMarginal') : '',
      '</p>',
    ].join(''),
    ...(costNotes.length === 0 ? [] : [`<p class="note">${costNotes.join(' ')}</p>`]),
    ...(differs.length === 0
      ? []
      : [`<p class="note">${w.say('uncostedDiffers', { options: differs.join(', ') })}</p>`]),
    `<h3>${h(w.say('outcomeHeading'))}</h3>`,
    table(
      [
        w.say('headOption'),
        w.say('headEndBacklogP50'),
        'P5',
        'P95',
        w.say('headChangeVsBase'),
        w.say('headBelowBase'),
        ...(hasTarget ? [w.say('headTargetProbability')] : []),
        w.say('headLeadTimeP50Days'),
        'P90',
      ],
      rows.map((o) => [
        name(o),
        n(o.summary.endBacklog.total.p50),
        n(o.summary.endBacklog.total.p5),
        n(o.summary.endBacklog.total.p95),
        o.change === null
          ? ''
          : h(
              w.say('changeInterval', {
                mean: w.signed(o.change.mean, 1),
                low: w.signed(o.change.low, 1),
                high: w.signed(o.change.high, 1),
              }),
            ),
        o.change === null ? '' : w.percent(o.change.probabilityBelowBase, 0),
        ...(hasTarget ? [o.summary.target === undefined ? '–' : targetProbability(o.summary.target, w)] : []),
        n(o.summary.leadTimeDays.all.p50),
        n(o.summary.leadTimeDays.all.p90),
      ]),
    ),
    forOnePoint > 0 ? `<p class="note">${w.say('optionsForOnePoint', { reps: n(forOnePoint) })}</p>` : '',
    changesSection(rows, w),
    '</section>',
  ].join('\n');
}

/** Per option, the values that differ from the base's, with what each rests on. */
function changesSection(rows: readonly ReportOption[], w: ReportWords): string {
  const base = rows[0]!;
  const parts = [
    `<h3 id="option-assumptions">${h(w.say('changesHeading'))}</h3>`,
    `<p>${w.say('changesIntro', { base: h(base.label) })}</p>`,
  ];
  for (const o of rows.slice(1)) {
    parts.push(`<h4>${h(o.label)}</h4>`);
    if (o.changes.length === 0) {
      parts.push(`<p class="note">${w.say('changesNone')}</p>`);
      continue;
    }
    parts.push(
      table(
        [
          w.say('headField'),
          w.say('headBase'),
          w.say('headOption'),
          w.say('headBasis'),
          w.say('headNote'),
          w.say('headWhere'),
        ],
        o.changes.map((change) => {
          const v = change.option;
          return [
            `<code>${h(change.field)}</code>`,
            change.base === null ? '–' : h(change.base),
            v === null ? h(w.say('notSet')) : h(v.value),
            v === null ? '' : basisBadge(v.basis, w),
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

const BASIS_KEYS: Readonly<Record<NotedValue['basis'], ReportKey>> = {
  source: 'basisSource',
  assumption: 'basisAssumption',
  setting: 'basisSetting',
  'not stated': 'basisNone',
};

function basisBadge(basis: NotedValue['basis'], w: ReportWords): string {
  return `<span class="badge ${basis === 'not stated' ? 'none' : basis}">${h(w.say(BASIS_KEYS[basis]))}</span>`;
}

function summarySection(s: RunSummary, w: ReportWords): string {
  const n = (value: number, decimals = 0) => w.number(value, decimals);
  const day = (iso: string) => w.date(iso);
  const path = w.say('headPath');
  // laneOutcomes ends with the row of all lanes together, named `all`.
  const laneName = (lane: string, i: number) => (i === s.lanes.length ? w.say('rowAll') : lane);
  return [
    '<section id="summary">',
    `<h2>${h(w.say('summaryHeading'))}</h2>`,
    `<h3>${h(w.say('quartersHeading'))}</h3>`,
    table(
      [
        w.say('headDate'),
        w.say('headWeek'),
        w.say('headIsoWeek'),
        w.say('headMean'),
        'P5',
        'P25',
        'P50',
        'P75',
        'P95',
        path,
      ],
      [
        [day(s.start), h(w.say('rowStart')), '', n(s.startBacklog.total), '', '', '', '', '', n(s.startBacklog.total)],
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
    `<p class="note">${w.say('quartersNote', { weeks: h(weekSpanIn(s.start, s.horizonWeeks, w)) })}</p>`,
    `<h3>${h(w.say('byLaneHeading', { date: day(s.end) }))}</h3>`,
    table(
      [w.say('headLane'), w.say('headStart'), w.say('headMean'), 'P5', 'P50', 'P95', path],
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
          h(w.say('rowTotal')),
          n(s.startBacklog.total),
          n(s.endBacklog.total.mean),
          n(s.endBacklog.total.p5),
          n(s.endBacklog.total.p50),
          n(s.endBacklog.total.p95),
          n(s.deterministicEndBacklog.total),
        ],
      ],
    ),
    `<h3>${h(w.say('outcomesHeading'))}</h3>`,
    table(
      [
        w.say('headLane'),
        w.say('headNewApplications'),
        w.say('headDecisions'),
        w.say('headGrants'),
        w.say('headRefusals'),
        w.say('headGrantRate'),
        w.say('headLeadTimeMean'),
        'P50',
        'P90',
      ],
      laneOutcomes(s).map((o, i) => [
        h(laneName(o.lane, i)),
        n(o.arrivals),
        n(o.decisions),
        n(o.grants),
        n(o.refusals),
        Number.isNaN(o.grantRate) ? '–' : w.percent(o.grantRate),
        n(o.leadTimeDays.mean),
        n(o.leadTimeDays.p50),
        n(o.leadTimeDays.p90),
      ]),
    ),
    ...(s.flows === undefined
      ? []
      : [
          `<h3>${h(w.say('flowsHeading'))}</h3>`,
          `<p>${w.say('flowsIntro')}</p>`,
          table(
            [
              w.say('headLane'),
              w.say('headNewApplications'),
              w.say('headRefiled'),
              w.say('headMovedIn'),
              w.say('headMovedOut'),
              w.say('headWithdrawn'),
            ],
            laneOutcomes(s).flatMap((o, i) =>
              o.flows === undefined
                ? []
                : [
                    [
                      h(laneName(o.lane, i)),
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

function assumptionsSection(values: readonly NotedValue[], w: ReportWords): string {
  const count = (basis: NotedValue['basis']) => values.filter((v) => v.basis === basis).length;
  const badge = (basis: NotedValue['basis'], key: ReportKey) =>
    `${basisBadge(basis, w)} ${h(w.say(key, { count: count(basis) }))}`;
  return [
    '<section id="assumptions">',
    `<h2>${h(w.say('assumptionsHeading'))}</h2>`,
    [
      `<p>${w.say('assumptionsIntroHtml')}`,
      badge('source', 'assumptionsSource'),
      badge('assumption', 'assumptionsAssumption'),
      badge('setting', 'assumptionsSetting'),
      badge('not stated', 'assumptionsNone'),
      `${h(w.say('assumptionsDefaults'))}</p>`,
    ].join(''),
    table(
      [w.say('headField'), w.say('headValue'), w.say('headBasis'), w.say('headNote'), w.say('headWhere')],
      values.map((v) => [
        `<code>${h(v.field)}</code>`,
        h(v.value),
        basisBadge(v.basis, w),
        h(v.note ?? ''),
        `<code>${h(v.where)}</code>`,
      ]),
      99,
    ),
    '</section>',
  ].join('\n');
}

function provenanceSection(report: Report, w: ReportWords): string {
  const p = report.provenance;
  const rows: [string, string][] = [
    [w.say('provenanceVersion'), h(p.caseloadVersion)],
    [w.say('provenanceHash'), `<code>${h(p.scenarioHash)}</code>`],
    [w.say('provenanceFiles'), p.files.map((file) => `<code>${h(file)}</code>`).join(', ')],
    ...(report.options === null
      ? []
      : ([
          [
            w.say('provenanceOptionHashes'),
            report.options.rows.map((o) => `${h(o.label)}: <code>${h(o.hash)}</code>`).join('<br>'),
          ],
        ] as [string, string][])),
    [w.say('provenanceSeed'), String(p.seed)],
    [w.say('provenanceReplications'), p.deterministic ? h(w.say('provenanceDeterministic')) : w.number(p.replications)],
    [w.say('provenanceGenerated'), h(report.generated)],
  ];
  return [
    '<section id="provenance">',
    `<h2>${h(w.say('provenanceHeading'))}</h2>`,
    `<dl class="provenance">\n${rows.map(([label, value]) => `<dt>${h(label)}</dt><dd>${value}</dd>`).join('\n')}\n</dl>`,
    `<p>${w.say('provenanceSame')}</p>`,
    '</section>',
  ].join('\n');
}

/** The report's style sheet: also the monitor's page's (monitor-report.ts). */
export const REPORT_STYLE = `
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
export const WARNINGS_STYLE = `
.warnings { background: #fdf0e8; border-left: 4px solid #D55E00; padding: 2px 16px 8px; margin: 20px 0; break-inside: avoid; page-break-inside: avoid; }
.warnings h2 { border-bottom: none; margin: 12px 0 4px; color: #8a3200; }
.warnings table { background: #fff; }
@media print {
  .warnings { border: 1px solid var(--rule); border-left: 4px solid #D55E00; }
}
`.trim();
