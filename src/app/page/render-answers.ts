import { fill } from '../../i18n/fill.js';
import { formatDateIn } from '../../i18n/format-date-in.js';
import { formatNumberIn, formatPercentIn } from '../../i18n/format-number-in.js';
import type { Lang } from '../../i18n/lang.js';
import { fanChart } from '../../io/report/fan-chart.js';
import { reportWords } from '../../io/report/report-words.js';
import type { Prognosis } from '../../run/prognosis.js';
import { formatIssue } from '../../scenario/errors.js';
import type { WhatIfResponse } from '../protocol.js';
import { PAGE_TEXT } from './page-text.js';
import type { PageTextKey } from './page-text.js';

type Answer = Extract<WhatIfResponse, { ok: true }>;

/**
 * Text for HTML: `&`, `<`, `>` and quotes escaped.
 *
 * @example escapeHtml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * A catalog string of `lang` with its placeholders filled (values escaped for HTML).
 *
 * @example pageText('nl', 'inFile', { value: '1.600' }) // 'in het bestand: 1.600'
 */
export function pageText(lang: Lang, key: PageTextKey, values: Readonly<Record<string, string | number>> = {}): string {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(String(v))]));
  return fill(escapeHtml(PAGE_TEXT[lang][key]), escaped);
}

function num(lang: Lang, value: number | null | undefined, decimals = 0): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? PAGE_TEXT[lang].notANumber
    : formatNumberIn(lang, value, decimals);
}

function signed(lang: Lang, value: number): string {
  return value > 0 ? `+${num(lang, value)}` : num(lang, value);
}

/**
 * The answers of one run as HTML: the target's probability with its 95%
 * interval, the fan chart, the end backlog and lead times per lane, the
 * decisions and cost, and the change against the file's scenario. Every
 * number that a test compares carries a `data-value` with the number itself.
 *
 * @example answersHtml(response, 'nl', 'Plan 2024')
 */
export function answersHtml(answer: Answer, lang: Lang, presetLabel: string): string {
  const s = answer.summary;
  const parts: string[] = [];
  const warnings = [...new Set(answer.warnings.map((warning) => `warning: ${formatIssue(warning)}`))];
  if (warnings.length > 0)
    parts.push(
      `<section class="answer warnings" id="answer-warnings"><p>${pageText(lang, 'warningsHeading')}</p><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></section>`,
    );
  const target = s.target;
  parts.push(`<section class="answer" id="answer-target"><h3>${pageText(lang, 'targetHeading')}</h3>`);
  if (target === undefined) parts.push(`<p>${pageText(lang, 'noTarget')}</p>`);
  else {
    parts.push(
      `<p class="headline" data-probability="${target.probability}">${pageText(lang, 'targetAnswer', {
        backlog: num(lang, target.backlog),
        date: formatDateIn(lang, target.date),
        probability: formatPercentIn(lang, target.probability, 1),
      })}</p>`,
    );
    if (target.interval !== null)
      parts.push(
        `<p class="interval" data-low="${target.interval.low}" data-high="${target.interval.high}">${pageText(lang, 'targetInterval', { low: formatPercentIn(lang, target.interval.low, 1), high: formatPercentIn(lang, target.interval.high, 1) })}</p>`,
      );
  }
  parts.push('</section>');

  const total = answer.weekly.filter((row) => row.lane === 'total');
  const chart = fanChart(
    {
      dates: [s.start, ...total.map((row) => row.date)],
      p5: [s.startBacklog.total, ...total.map((row) => row.p5)],
      p25: [s.startBacklog.total, ...total.map((row) => row.p25)],
      p50: [s.startBacklog.total, ...total.map((row) => row.p50)],
      p75: [s.startBacklog.total, ...total.map((row) => row.p75)],
      p95: [s.startBacklog.total, ...total.map((row) => row.p95)],
      deterministic: [s.startBacklog.total, ...total.map((row) => row.deterministic)],
      target:
        target === undefined
          ? null
          : { backlog: target.backlog, date: target.date, probability: target.probability, interval: target.interval },
    },
    reportWords(lang),
  );
  parts.push(
    `<section class="answer" id="answer-chart"><h3>${pageText(lang, 'chartHeading')}</h3><div class="chart">${chart}</div><p class="caption">${pageText(lang, 'chartCaption')}</p></section>`,
  );

  const row = (name: string, q: { p5: number; p50: number; p95: number }, lane: string | null) => {
    const lead = lane === null ? s.leadTimeDays.all : s.leadTimeDays.byLane[lane];
    const decided = lane === null ? s.decisions.total : s.decisions.byLane[lane];
    const cells = [q.p5, q.p50, q.p95].map(
      (v, i) => `<td data-value="${v}" data-q="${['p5', 'p50', 'p95'][i]}">${num(lang, v)}</td>`,
    );
    return `<tr data-lane="${escapeHtml(lane ?? 'total')}"><th scope="row">${escapeHtml(name)}</th>${cells.join('')}<td data-value="${lead?.mean}">${num(lang, lead?.mean)}</td><td data-value="${lead?.p90}">${num(lang, lead?.p90)}</td><td data-value="${decided}">${num(lang, decided)}</td></tr>`;
  };
  const head = (
    [
      'laneColumn',
      'p5Column',
      'p50Column',
      'p95Column',
      'leadTimeColumn',
      'leadTimeP90Column',
      'decisionsColumn',
    ] as const
  )
    .map((key) => `<th scope="col">${pageText(lang, key)}</th>`)
    .join('');
  parts.push(
    `<section class="answer" id="answer-end"><h3>${pageText(lang, 'endBacklogHeading', { date: formatDateIn(lang, s.end) })}</h3>`,
    `<div class="table-scroll"><table><thead><tr>${head}</tr></thead><tbody>`,
    ...s.lanes.map((lane) => row(lane, s.endBacklog.byLane[lane]!, lane)),
    row(PAGE_TEXT[lang].totalRow, s.endBacklog.total, null),
    '</tbody></table></div></section>',
  );

  const cost = s.capacity.cost;
  parts.push(
    `<section class="answer" id="answer-decisions"><h3>${pageText(lang, 'decisionsHeading')}</h3>`,
    `<p data-decisions="${s.decisions.total}">${pageText(lang, 'decisionsTotal', { decisions: num(lang, s.decisions.total), grants: num(lang, s.grants.total), refusals: num(lang, s.refusals.total) })}</p>`,
    cost === null
      ? `<p>${pageText(lang, 'noCost')}</p>`
      : `<p data-cost="${cost.total}">${pageText(lang, 'costTotal', { cost: num(lang, cost.total), perDecision: num(lang, cost.perDecision) })}</p>`,
    '</section>',
  );

  const change = answer.endBacklogChange;
  parts.push(`<section class="answer" id="answer-change"><h3>${pageText(lang, 'changeHeading')}</h3>`);
  parts.push(
    change === null
      ? `<p>${pageText(lang, 'changeNone')}</p>`
      : `<p data-change="${change.mean}">${pageText(lang, 'changeAnswer', { preset: presetLabel, change: signed(lang, change.mean), low: signed(lang, change.low), high: signed(lang, change.high) })}</p>`,
    `<p>${pageText(lang, 'changeFileMedian', { value: num(lang, answer.file.endBacklog.total.p50) })}</p>`,
    '</section>',
  );
  return parts.join('');
}

/**
 * The answer to "when will a case filed then be decided", per lane: the
 * dates by which half and 90% of the cohort are decided.
 *
 * @example prognosisHtml(response.prognosis, 'en')
 */
export function prognosisHtml(prognosis: Prognosis, lang: Lang): string {
  const date = (point: { date: string } | null) =>
    point === null
      ? pageText(lang, 'prognosisBeyond', { date: formatDateIn(lang, prognosis.horizonEnd) })
      : formatDateIn(lang, point.date);
  const lines = prognosis.lanes.map((lane) =>
    lane.cases === 0 || lane.decidedWithinHorizon === null
      ? `<li data-lane="${escapeHtml(lane.lane)}">${escapeHtml(lane.lane)}: ${pageText(lang, 'prognosisNone')}</li>`
      : `<li data-lane="${escapeHtml(lane.lane)}" data-p50="${lane.p50?.date ?? ''}" data-p90="${lane.p90?.date ?? ''}">${pageText(lang, 'prognosisAnswer', { lane: lane.lane, p50: date(lane.p50), p90: date(lane.p90) })}</li>`,
  );
  const open = prognosis.openAtStart
    ? `<p>${pageText(lang, 'prognosisOpenAtStart', {
        cases: num(
          lang,
          prognosis.lanes.reduce((sum, lane) => sum + lane.cases, 0),
        ),
      })}</p>`
    : '';
  return `${open}<ul class="prognosis">${lines.join('')}</ul>`;
}
