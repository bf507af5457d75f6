import { simulateDeterministic } from '../../engine/simulate.js';
import type { MonitorRun, ReforecastView } from '../../monitor/monitor-actuals.js';
import { reforecastHeading, reforecastRows } from '../format-monitor.js';
import type { MonitorResult } from '../../monitor/monitor-actuals.js';
import { signedPercent } from '../../monitor/verdicts.js';
import { summarize, weeklyRows } from '../../run/summary.js';
import type { InputIssue } from '../../scenario/errors.js';
import type { Scenario } from '../../scenario/types.js';
import type { Provenance } from '../run-outputs.js';
import type { FanChartData } from './chart-types.js';
import { escapeXml } from './escape-xml.js';
import { fanChart } from './fan-chart.js';
import { periodBandsChart } from './period-bands-chart.js';
import type { PeriodBandsData } from './period-bands-chart.js';
import { REPORT_STYLE, table, WARNINGS_STYLE } from './render-report.js';
import { reportCharts } from './report-charts.js';
import { ENGLISH } from './report-words.js';

/** Everything the monitor's page shows, computed beforehand: rendering is pure. */
export interface MonitorReport {
  /** The scenario file the user named. */
  readonly file: string;
  readonly description: string | null;
  readonly result: MonitorResult;
  /** The plan's fan of the total backlog per week, with the actual backlogs as dots (and the re-forecast as a second fan). */
  readonly fan: FanChartData;
  /** Inflow and decisions per period against the plan's band; null when the actuals give neither. */
  readonly periods: PeriodBandsData | null;
  readonly reforecast: ReforecastView | null;
  /** The scenario's plausibility warnings and the actuals' breaks of conservation, as the CLI prints them. */
  readonly warnings: readonly InputIssue[];
  readonly provenance: Provenance;
  /** When the page was made (ISO date and time, UTC). */
  readonly generated: string;
}

/**
 * The monitor's page from its run: the fan of the plan as `caseload run`'s
 * report draws it (the same replications, so the same band), the actual
 * backlogs as dots on it, and, with a re-forecast, its fan from the last
 * actual date (the seam: `reforecast`, null until there is one); inflow and
 * decisions per period against their bands. `generated` is passed in so
 * that the same inputs give the same page.
 *
 * @example renderMonitorReport(buildMonitorReport({ file, scenario, run, reforecast: null, warnings: [], provenance, generated }))
 */
export function buildMonitorReport(input: {
  readonly file: string;
  readonly scenario: Scenario;
  readonly run: MonitorRun;
  readonly reforecast: ReforecastView | null;
  readonly warnings: readonly InputIssue[];
  readonly provenance: Provenance;
  readonly generated: string;
}): MonitorReport {
  const { scenario, run, reforecast } = input;
  const expected = simulateDeterministic(run.plan);
  const summary = summarize(scenario, run.plan, run.tally, expected);
  const planFan = reportCharts(summary, weeklyRows(scenario, run.plan, run.tally, expected), run.plan, run.tally).fan;
  const backlog = run.result.rows.filter((row) => row.measure === 'backlog' && row.lane === 'total');
  const fan: FanChartData = {
    ...planFan,
    ...(backlog.length === 0
      ? {}
      : {
          points: {
            label: 'actual backlog',
            dates: backlog.map((row) => row.to),
            values: backlog.map((row) => row.actual),
          },
        }),
    ...(reforecast === null
      ? {}
      : {
          second: {
            label: `re-forecast from ${reforecast.from}`,
            dates: reforecast.points.map((point) => point.date),
            p5: reforecast.points.map((point) => point.p5),
            p50: reforecast.points.map((point) => point.p50),
            p95: reforecast.points.map((point) => point.p95),
          },
        }),
  };
  return {
    file: input.file,
    description: scenario.description,
    result: run.result,
    fan,
    periods: periodsData(run),
    reforecast,
    warnings: input.warnings,
    provenance: input.provenance,
    generated: input.generated,
  };
}

/** Inflow and decisions of all lanes per period: the plan's band and the actuals; null when the actuals give neither. */
function periodsData(run: MonitorRun): PeriodBandsData | null {
  const { bands, result } = run;
  const dates = run.periods.map((period) => period.to);
  const series = (['inflow', 'decisions'] as const).flatMap((measure) => {
    const s = bands.series.findIndex((key) => key.measure === measure && key.lane === null);
    const rows = result.rows.filter((row) => row.measure === measure && row.lane === 'total');
    if (s < 0 || rows.length === 0) return [];
    const actual = new Map(rows.map((row) => [row.to, row.actual]));
    const values = bands.values[s]!;
    return [
      {
        label: measure,
        p5: values.map((q) => q.p5),
        p50: values.map((q) => q.p50),
        p95: values.map((q) => q.p95),
        actual: dates.map((date) => actual.get(date) ?? Number.NaN),
      },
    ];
  });
  return series.length === 0 ? null : { dates, unit: result.actuals.period, series };
}

const h = escapeXml;

/**
 * The monitor's page as one self-contained HTML file (no scripts, no
 * requests), in English: the verdicts, the plan's fan with the actuals (and
 * the re-forecast), inflow and decisions per period, every figure against
 * its band, the breaks of conservation, and provenance.
 */
export function renderMonitorReport(report: MonitorReport): string {
  const r = report.result;
  const w = ENGLISH;
  const n = (value: number) => w.number(value);
  const unit = r.actuals.period;
  const sections: string[] = [
    [
      `<header>\n<h1>${h(`Monitor: ${r.scenario}`)}</h1>\n`,
      report.description === null ? '' : `<p class="lead">${h(report.description)}</p>\n`,
      `<p class="meta">${h(
        `The actuals in ${r.actuals.file}: ${r.actuals.periods} ${unit}${r.actuals.periods === 1 ? '' : 's'}, ` +
          `${w.date(r.actuals.from)} to ${w.date(r.actuals.to)}${r.actuals.source === null ? '' : ` (source: ${r.actuals.source})`}, ` +
          `against ${n(r.replications)} replications of the plan (seed ${r.seed}), ` +
          (r.uncertainty
            ? "whose bands include the scenario's uncertainty: block."
            : 'whose bands hold only the luck of the weekly draws around the plan.'),
      )} Scenario: <code>${h(report.file)}</code></p>\n</header>`,
    ].join(''),
  ];
  if (report.warnings.length > 0) sections.push(warningsSection(report.warnings));
  sections.push(
    '<section id="verdicts">',
    '<h2>Verdicts</h2>',
    `<ul class="verdicts">\n${r.verdicts.map((v) => `<li><strong>${h(v.measure)}</strong>: ${h(v.text)}</li>`).join('\n')}${
      report.reforecast?.text === undefined
        ? ''
        : `\n<li><strong>re-forecast</strong>: ${h(report.reforecast.text)}</li>`
    }\n</ul>`,
    `<p class="note">${h(
      'Inflow and decisions are judged by their sum since the first period with the figure against the band of the plan’s sum (P5 to P95 over the replications), which narrows relative to the sum as periods add up: a drift leaves it before any single period leaves its own band. The backlog is judged by its last figure.',
    )}</p>`,
    '</section>',
    '<section id="charts">',
    '<h2>The plan and the actuals</h2>',
    figure(
      'chart-fan',
      'Total backlog: the plan’s fan and the actuals',
      fanChart(report.fan, w),
      report.reforecast === null
        ? 'The plan’s total backlog per week (P5–P95 and P25–P75 bands, median, deterministic path), as caseload run draws it, with the actual backlog at the end of each period as dots.'
        : `The plan’s total backlog per week, with the actual backlog at the end of each period as dots and the re-forecast from ${w.date(report.reforecast.from)} as a second fan.`,
    ),
    report.periods === null
      ? ''
      : figure(
          'chart-periods',
          `Inflow and decisions per ${unit}`,
          periodBandsChart(report.periods),
          `Per ${unit}: the plan’s P5–P95 band and median (dashed), and the actual figure as a dot.`,
        ),
    '</section>',
    report.reforecast === null ? '' : reforecastSection(report.reforecast),
    rowsSection(r),
  );
  if (r.conservation.length > 0) sections.push(conservationSection(r));
  sections.push(provenanceSection(report));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="caseload ${h(report.provenance.caseloadVersion)}">`,
    `<title>${h(`Monitor: ${r.scenario}`)}</title>`,
    `<style>\n${REPORT_STYLE}${report.warnings.length === 0 ? '' : `\n${WARNINGS_STYLE}`}\n.status-above, .status-below { font-weight: 600; }\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...sections.filter((section) => section !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function figure(id: string, title: string, svg: string, caption: string): string {
  return `<figure class="chart" id="${id}">\n<h3>${h(title)}</h3>\n${svg}\n<figcaption>${h(caption)}</figcaption>\n</figure>`;
}

function status(value: string): string {
  return `<span class="status-${h(value)}">${h(value)}</span>`;
}

function rowsSection(r: MonitorResult): string {
  const w = ENGLISH;
  const n = (value: number) => w.number(value);
  const signed = (value: number) => {
    const rounded = Math.round(value);
    return rounded > 0 ? `+${n(rounded)}` : rounded === 0 ? '0' : `−${n(-rounded)}`;
  };
  return [
    '<section id="figures">',
    '<h2>Each figure against the plan</h2>',
    `<p>${h(
      'The plan’s P5, P50 and P95 of the same figure over its replications, and where the actual lies: below the P5, inside the band, or above the P95. For inflow and decisions, the sum since the first period with the figure against the plan’s mean sum and the band of the sum.',
    )}</p>`,
    table(
      [
        'period',
        'measure',
        'lane',
        'actual',
        'P5',
        'P50',
        'P95',
        'status',
        'sum',
        'plan',
        'deviation',
        'share',
        'sum status',
      ],
      r.rows.map((row) => {
        const c = row.cumulative;
        return [
          h(row.period),
          h(row.measure),
          h(row.lane),
          n(row.actual),
          n(row.plan.p5),
          n(row.plan.p50),
          n(row.plan.p95),
          status(row.status),
          c === null ? '' : n(c.actual),
          c === null ? '' : n(c.plan.mean),
          c === null ? '' : signed(c.deviation),
          c === null || c.share === null ? '' : h(signedPercent(c.share)),
          c === null ? '' : status(c.status),
        ];
      }),
      3,
    ),
    '</section>',
  ].join('\n');
}

function conservationSection(r: MonitorResult): string {
  const n = (value: number) => ENGLISH.number(value);
  return [
    '<section id="conservation">',
    '<h2>Breaks of conservation in the actuals</h2>',
    `<p>${h(
      'Periods whose backlog is not the backlog before plus the inflow minus the decisions, beyond max(1 case, 0.5% of the backlog before): a data correction, withdrawals or cases moved between lanes. The figures are compared as given; nothing is corrected.',
    )}</p>`,
    table(
      ['period', 'lane', 'line', 'backlog before', 'inflow', 'decisions', 'expected', 'backlog', 'break'],
      r.conservation.map((b) => [
        h(b.period),
        h(b.lane),
        String(b.line),
        `${n(b.before)}${b.beforeFrom === 'scenario' ? ' (the scenario’s start)' : ''}`,
        n(b.inflow),
        n(b.decisions),
        n(b.before + b.inflow - b.decisions),
        n(b.backlog),
        `${b.break > 0 ? '+' : '−'}${n(Math.abs(b.break))}`,
      ]),
      3,
    ),
    '</section>',
  ].join('\n');
}

function warningsSection(warnings: readonly InputIssue[]): string {
  const where = ({ file, line, column }: InputIssue) =>
    line === null ? file : column === null ? `${file}:${line}` : `${file}:${line}:${column}`;
  return [
    '<section id="warnings" class="warnings" aria-label="Warnings">',
    '<h2>Warnings</h2>',
    table(
      ['where', 'field', 'warning'],
      warnings.map((issue) => [
        `<code>${h(where(issue))}</code>`,
        issue.field === '' ? '' : `<code>${h(issue.field)}</code>`,
        h(issue.allowed === null ? issue.problem : `${issue.problem} (${issue.allowed})`),
      ]),
      99,
    ),
    '</section>',
  ].join('\n');
}

function provenanceSection(report: MonitorReport): string {
  const p = report.provenance;
  const rows: [string, string][] = [
    ['caseload version', h(p.caseloadVersion)],
    ['scenario sha256', `<code>${h(p.scenarioHash)}</code>`],
    ['files', p.files.map((file) => `<code>${h(file)}</code>`).join(', ')],
    ['actuals', `<code>${h(report.result.actuals.file)}</code>`],
    ['seed', String(p.seed)],
    ['replications', ENGLISH.number(p.replications)],
    ['generated', h(report.generated)],
  ];
  return [
    '<section id="provenance">',
    '<h2>Provenance</h2>',
    `<dl class="provenance">\n${rows.map(([label, value]) => `<dt>${h(label)}</dt><dd>${value}</dd>`).join('\n')}\n</dl>`,
    '</section>',
  ].join('\n');
}

/** The re-forecast's figures and every assumption it made. */
function reforecastSection(view: ReforecastView): string {
  return [
    '<section id="reforecast">',
    `<h2>${h(reforecastHeading(view))}</h2>`,
    `<table class="reforecast">\n<tbody>\n${reforecastRows(view)
      .map(([label, text]) => `<tr><th scope="row">${h(label)}</th><td>${h(text)}</td></tr>`)
      .join('\n')}\n</tbody>\n</table>`,
    view.assumptions.length === 0
      ? ''
      : `<h3>Its assumptions</h3>\n<ul class="assumptions">\n${view.assumptions.map((text) => `<li>${h(text)}</li>`).join('\n')}\n</ul>`,
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
