/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The page runs in a browser: its files alone use the DOM's types.
/**
 * The what-if page in the browser: reads the data `caseload app` embedded,
 * starts the engine's worker from the embedded code, builds the controls of
 * the chosen preset, asks the worker shortly after each change and shows its
 * answers (or why there are none), in English or Dutch. Bundled by
 * scripts/build-app.ts into dist/app/page.js.
 */
import { formatDateIn } from '../../i18n/format-date-in.js';
import { formatNumberIn } from '../../i18n/format-number-in.js';
import type { Lang } from '../../i18n/lang.js';
import type { InputIssue } from '../../scenario/errors.js';
import { downloadReport } from '../download-report.js';
import { downloadScenario } from '../download-scenario.js';
import { setWorkingDirectory } from '../shims/process.js';
import type { AppData, WhatIfRequest, WhatIfResponse } from '../protocol.js';
import type { PageData } from './page-data.js';
import { pageControls } from './page-controls.js';
import type { ControlGroup, PageControl } from './page-controls.js';
import { pageSettings, typedValue } from './page-settings.js';
import type { PageSettings } from './page-settings.js';
import { PAGE_TEXT } from './page-text.js';
import type { PageTextKey } from './page-text.js';
import { answersHtml, escapeHtml, pageText, prognosisHtml } from './render-answers.js';
import { startEngine } from './start-engine.js';

const DEBOUNCE_MS = 150;
const GROUPS: readonly { group: ControlGroup; title: PageTextKey }[] = [
  { group: 'inflow', title: 'groupInflow' },
  { group: 'capacity', title: 'groupCapacity' },
  { group: 'lanes', title: 'groupLanes' },
  { group: 'uncertainty', title: 'groupUncertainty' },
  { group: 'target', title: 'groupTarget' },
  { group: 'run', title: 'groupRun' },
];

const data = JSON.parse(document.getElementById('caseload-data')!.textContent ?? '{}') as AppData;
const pageData = JSON.parse(document.getElementById('caseload-page')!.textContent ?? '{}') as PageData;
const workerCode = JSON.parse(document.getElementById('caseload-worker')!.textContent ?? '""') as string;
const root = document.getElementById('app')!;
// The report is made on this thread: its loader resolves calendar paths as the CLI did where the page was made.
setWorkingDirectory(data.cwd);

interface ShownAnswer {
  readonly response: Extract<WhatIfResponse, { ok: true }>;
  readonly settings: PageSettings;
}

const state = {
  lang: data.lang,
  preset: 0,
  /** Typed values by control id; a control not here shows the file's value. */
  values: {} as Record<string, string>,
  filed: '',
  lane: '',
  requestId: 0,
  /** The settings of the request last sent, to pair its answer with. */
  pending: null as PageSettings | null,
  shown: null as ShownAnswer | null,
  refusal: null as { issues: readonly InputIssue[]; settings: PageSettings; error?: string } | null,
  timer: 0 as ReturnType<typeof setTimeout> | 0,
};

const engine = startEngine(workerCode, data, onResponse);

const t = (key: PageTextKey, values: Readonly<Record<string, string | number>> = {}) =>
  pageText(state.lang, key, values);
const preset = () => data.presets[state.preset]!;
const presetPage = () => pageData.presets[state.preset]!;
let controls: PageControl[] = pageControls(presetPage().scenario);

/** A number as the page's inputs show it: the language's decimal mark, no grouping. */
function inputText(value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return state.lang === 'nl' ? String(value).replace('.', ',') : String(value);
}

function decimalsOf(value: number): number {
  const text = String(value);
  return text.includes('.') ? Math.min(4, text.length - text.indexOf('.') - 1) : 0;
}

function fileText(control: PageControl): string {
  const v = control.fileValue;
  if (control.dateControl !== undefined || v === null) return t('inFileNone');
  const value = typeof v === 'number' ? formatNumberIn(state.lang, v, decimalsOf(v)) : formatDateIn(state.lang, v);
  const later = (control.fileSchedule ?? []).map((entry) =>
    t('inFileSchedule', {
      value: formatNumberIn(state.lang, entry.value, decimalsOf(entry.value)),
      date: formatDateIn(state.lang, entry.date),
    }),
  );
  return [t('inFile', { value }), ...later].join('; ');
}

function controlHtml(control: PageControl): string {
  const id = `c-${control.id}`;
  const label = t(control.label, control.labelValues ?? {});
  const text = state.values[control.id] ?? inputText(control.fileValue);
  const issue = `<p class="issue" id="${id}-issue" aria-live="polite"></p>`;
  if (control.kind === 'date')
    return `<div class="control" data-control="${control.id}"><label for="${id}">${label}</label><div class="row"><input type="date" id="${id}" value="${escapeHtml(text)}" aria-describedby="${id}-issue"></div>${control.dateOf === undefined ? `<p class="file">${fileText(control)}</p>` : ''}${issue}</div>`;
  const number = typedValue(text, state.lang);
  const slider = typeof number === 'number' ? Math.min(control.max, Math.max(control.min, number)) : control.min;
  return (
    `<div class="control" data-control="${control.id}"><label for="${id}" id="${id}-label">${label}</label>` +
    `<div class="row"><input type="range" id="${id}-range" min="${control.min}" max="${control.max}" step="${control.step}" value="${text === '' ? (control.sliderStart ?? control.min) : slider}" aria-labelledby="${id}-label"${text === '' ? ' data-empty="true"' : ''}>` +
    `<input type="text" inputmode="decimal" id="${id}" value="${escapeHtml(text)}" aria-describedby="${id}-unit ${id}-issue" autocomplete="off">` +
    `<span class="unit" id="${id}-unit">${t(control.unit)}</span></div>` +
    `<p class="file">${fileText(control)}</p>${issue}</div>`
  );
}

/** Builds the whole page from the state (on start, a language switch, a preset switch). */
function render(): void {
  document.documentElement.lang = state.lang;
  document.title = PAGE_TEXT[state.lang].pageTitle.replace('{scenario}', preset().label);
  const scenario = presetPage().scenario;
  const presetOptions = data.presets
    .map((p, i) => `<option value="${i}"${i === state.preset ? ' selected' : ''}>${escapeHtml(p.label)}</option>`)
    .join('');
  const groups = GROUPS.map(({ group, title }) => {
    const inGroup = controls.filter((c) => c.group === group);
    return inGroup.length === 0
      ? ''
      : `<fieldset><legend>${t(title)}</legend>${inGroup.map(controlHtml).join('')}</fieldset>`;
  }).join('');
  const laneOptions = [`<option value="">${t('prognosisAllLanes')}</option>`]
    .concat(
      scenario.lanes.map(
        (lane) =>
          `<option value="${escapeHtml(lane.name)}"${lane.name === state.lane ? ' selected' : ''}>${escapeHtml(lane.name)}</option>`,
      ),
    )
    .join('');
  root.innerHTML = `
<header>
  <h1>${t('heading')} ${escapeHtml(preset().label)}</h1>
  <label>${t('presetLabel')} <select id="preset">${presetOptions}</select></label>
  <button type="button" id="language" lang="${state.lang === 'en' ? 'nl' : 'en'}" aria-label="${t('languageLabel')}">${t('language')}</button>
</header>
<main>
  <form id="controls" novalidate>
    <p>${t('intro')}</p>
    <div class="actions">
      <button type="button" id="reset">${t('reset')}</button>
      <button type="button" id="download-scenario">${t('downloadScenario')}</button>
      <button type="button" id="download-report">${t('downloadReport')}</button>
    </div>
    ${groups}
  </form>
  <section id="results">
    <h2>${t('answersHeading')}</h2>
    <p id="status" role="status"></p>
    <p id="main-thread"${engine.mainThread ? '' : ' hidden'}>${t('statusMainThread')}</p>
    <div id="refused" hidden></div>
    <div id="answers"></div>
    <section class="answer" id="answer-prognosis">
      <h3>${t('prognosisHeading')}</h3>
      <div id="prognosis-form">
        <label for="prognosis-filed">${t('prognosisFiled')}<input type="date" id="prognosis-filed" value="${escapeHtml(state.filed)}" aria-describedby="prognosis-issue"></label>
        <label for="prognosis-lane">${t('prognosisLane')}<select id="prognosis-lane">${laneOptions}</select></label>
      </div>
      <p class="issue" id="prognosis-issue" aria-live="polite"></p>
      <div id="prognosis-answer"></div>
    </section>
  </section>
</main>`;
  wire();
  showResult();
}

function wire(): void {
  for (const control of controls) {
    const input = document.getElementById(`c-${control.id}`) as HTMLInputElement;
    const range = document.getElementById(`c-${control.id}-range`) as HTMLInputElement | null;
    input.addEventListener('input', () => {
      state.values[control.id] = input.value;
      const number = typedValue(input.value, state.lang);
      if (range !== null && typeof number === 'number' && number >= control.min && number <= control.max)
        range.value = String(number);
      changed();
    });
    range?.addEventListener('input', () => {
      input.value = inputText(Number(range.value));
      state.values[control.id] = input.value;
      changed();
    });
  }
  document.getElementById('preset')!.addEventListener('change', (event) => {
    state.preset = Number((event.target as HTMLSelectElement).value);
    state.values = {};
    state.lane = '';
    controls = pageControls(presetPage().scenario);
    render();
    document.getElementById('preset')!.focus();
    changed();
  });
  document.getElementById('language')!.addEventListener('click', () => {
    const next: Lang = state.lang === 'en' ? 'nl' : 'en';
    for (const [id, text] of Object.entries(state.values)) {
      const value = typedValue(text, state.lang);
      if (typeof value === 'number') state.values[id] = next === 'nl' ? String(value).replace('.', ',') : String(value);
    }
    state.lang = next;
    render();
    document.getElementById('language')!.focus();
  });
  document.getElementById('reset')!.addEventListener('click', () => {
    state.values = {};
    render();
    document.getElementById('reset')!.focus();
    changed();
  });
  document.getElementById('download-scenario')!.addEventListener('click', downloadCurrent);
  document.getElementById('download-report')!.addEventListener('click', () => void downloadReportOfCurrent());
  document.getElementById('prognosis-filed')!.addEventListener('input', (event) => {
    state.filed = (event.target as HTMLInputElement).value;
    changed();
  });
  document.getElementById('prognosis-lane')!.addEventListener('change', (event) => {
    state.lane = (event.target as HTMLSelectElement).value;
    changed();
  });
}

/** A value changed: the answers shown are stale until the new ones come. */
function changed(): void {
  document.getElementById('answers')?.classList.add('stale');
  setStatus(t('statusStale'), true);
  markChanged();
  if (state.timer !== 0) clearTimeout(state.timer);
  state.timer = setTimeout(ask, DEBOUNCE_MS);
  updateDownload();
}

function markChanged(): void {
  const settings = pageSettings(controls, state.values, state.lang);
  const changedIds = new Set(settings.controlOf.values());
  for (const control of controls) {
    const element = document.querySelector(`[data-control="${control.id}"]`);
    const isRun = control.path === '' && control.dateOf === undefined;
    const differs = isRun
      ? state.values[control.id] !== undefined &&
        typedValue(state.values[control.id]!, state.lang) !== control.fileValue
      : changedIds.has(control.id) &&
        [...settings.controlOf.entries()].some(([flag, id]) => id === control.id && flag.startsWith('set '));
    element?.classList.toggle('changed', differs);
  }
}

function setStatus(text: string, stale: boolean): void {
  const status = document.getElementById('status');
  if (status === null) return;
  status.textContent = text;
  status.classList.toggle('stale', stale);
}

function ask(): void {
  state.timer = 0;
  const settings = pageSettings(controls, state.values, state.lang);
  state.requestId += 1;
  if (settings.refused.size > 0) {
    state.pending = null;
    state.shown = null;
    // The worker is not asked: its word on the other values still holds where they are as they were.
    const before = state.refusal;
    const still =
      before?.issues.filter((issue) => {
        const flag = issueFlag(issue);
        const then = before.settings.set.find((setting) => setting.flag === flag);
        const now = settings.set.find((setting) => setting.flag === flag);
        return then !== undefined && now !== undefined && then.value === now.value;
      }) ?? [];
    const issues = [...settings.refused.values(), ...still];
    state.refusal = {
      settings,
      issues: issues.filter((issue, i) => issues.findIndex((other) => issueText(other) === issueText(issue)) === i),
    };
    showResult();
    return;
  }
  state.pending = settings;
  const request: WhatIfRequest = {
    id: state.requestId,
    preset: preset().path,
    set: settings.set,
    replications: settings.replications,
    seed: settings.seed,
    prognosis:
      state.filed === '' ? undefined : { filed: state.filed, ...(state.lane === '' ? {} : { lane: state.lane }) },
    explain: false,
  };
  setStatus(t('statusComputing'), true);
  engine.ask(request);
}

function onResponse(response: WhatIfResponse): void {
  if (response.id !== state.requestId || state.pending === null) return;
  const settings = state.pending;
  state.pending = null;
  if (response.ok) {
    state.shown = { response, settings };
    state.refusal = null;
  } else {
    state.shown = null;
    state.refusal = { issues: response.issues, settings, error: (response as { error?: string }).error };
  }
  showResult();
}

/** The flag an issue names: a setting (`set <path>`, as the worker words it or as the CLI does, `--set <path>`), `replications`, `seed`, `--filed`, `--lane`. */
function issueFlag(issue: InputIssue): string {
  const named = (issue as { parameter?: string }).parameter ?? '';
  for (const candidate of [named, issue.field, issue.file]) {
    const plain = candidate
      .replace(/^--set /, 'set ')
      .replace(/^--reps$/, 'replications')
      .replace(/^--seed$/, 'seed');
    if (plain.startsWith('set ') || ['replications', 'seed', '--filed', '--lane', 'filed', 'lane'].includes(plain))
      return plain.replace(/^(filed|lane)$/, '--$1');
  }
  return '';
}

/** An issue as the CLI words it, without the file (the page's own preset): `--set inflow.meanPerWeek: must not be negative, got -5 (a number in [0, 100000])`. */
function issueText(issue: InputIssue): string {
  const words = (text: string) =>
    text
      .replace(/^set /, '--set ')
      .replace(/^replications$/, '--reps')
      .replace(/^seed$/, '--seed');
  // The file is the preset's (the page's own): only a flag is named.
  const flagLike = (text: string) => /^(--|set )/.test(text) || text === 'replications' || text === 'seed';
  const where = [words(flagLike(issue.file) ? issue.file : ''), words(issue.field)]
    .filter((part) => part !== '')
    .join(': ');
  return `${where === '' ? '' : `${where}: `}${issue.problem}${issue.allowed === null ? '' : ` (${issue.allowed})`}`;
}

function showResult(): void {
  const answers = document.getElementById('answers');
  const refused = document.getElementById('refused');
  const prognosis = document.getElementById('prognosis-answer');
  if (answers === null || refused === null || prognosis === null) return;
  for (const element of document.querySelectorAll('.issue')) element.textContent = '';
  for (const element of document.querySelectorAll('.control.refused')) element.classList.remove('refused');
  for (const control of controls) {
    document.getElementById(`c-${control.id}`)?.removeAttribute('aria-invalid');
  }
  if (state.refusal !== null) {
    const elsewhere: string[] = [];
    for (const issue of state.refusal.issues) {
      const flag = issueFlag(issue);
      const id = state.refusal.settings.controlOf.get(flag);
      const target =
        id !== undefined
          ? document.getElementById(`c-${id}-issue`)
          : flag === '--filed' || flag === '--lane'
            ? document.getElementById('prognosis-issue')
            : null;
      if (target === null) {
        elsewhere.push(issueText(issue));
        continue;
      }
      target.textContent = [target.textContent, issueText(issue)].filter((s) => s !== '').join(' ');
      if (id !== undefined) {
        document.querySelector(`[data-control="${id}"]`)?.classList.add('refused');
        document.getElementById(`c-${id}`)?.setAttribute('aria-invalid', 'true');
      }
    }
    if (state.refusal.error !== undefined) elsewhere.push(state.refusal.error);
    answers.innerHTML = '';
    answers.classList.remove('stale');
    prognosis.innerHTML = '';
    refused.hidden = false;
    refused.innerHTML = `<p>${t('refused')}</p>${
      elsewhere.length === 0
        ? ''
        : `<p>${t('issuesElsewhere')}</p><ul>${elsewhere.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>`
    }`;
    setStatus('', false);
  } else if (state.shown !== null) {
    const { response } = state.shown;
    refused.hidden = true;
    refused.innerHTML = '';
    answers.classList.remove('stale');
    answers.innerHTML = answersHtml(response, state.lang, preset().label);
    prognosis.innerHTML =
      response.prognosis === null ? `<p>${t('prognosisHint')}</p>` : prognosisHtml(response.prognosis, state.lang);
    setStatus(
      t('statusDone', {
        millis: formatNumberIn(state.lang, response.millis),
        reps: formatNumberIn(state.lang, response.summary.reps),
        seed: String(response.summary.seed),
      }),
      false,
    );
    if (state.timer !== 0 || state.pending !== null) {
      answers.classList.add('stale');
      setStatus(t('statusStale'), true);
    }
  } else setStatus(t('statusComputing'), true);
  markChanged();
  updateDownload();
}

/** The download gives the numbers shown: only with a current answer. */
function updateDownload(): void {
  const current = state.shown !== null && state.timer === 0 && state.pending === null;
  for (const id of ['download-scenario', 'download-report']) {
    const button = document.getElementById(id) as HTMLButtonElement | null;
    if (button === null) continue;
    button.disabled = !current;
    button.title = current ? '' : PAGE_TEXT[state.lang].downloadBlocked;
  }
}

/** Saves a text as a file through the browser's download. */
function save(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a download of the current preset: `plan-2024-what-if.yaml`, `variants-40-per-week-what-if-report.html`. */
function downloadName(suffix: string): string {
  const page = presetPage();
  return `${page.fileName.replace(/\.(ya?ml|json)$/i, '')}${page.variant === null ? '' : `-${page.variant.name}`}-what-if${suffix}`;
}

/**
 * The HTML report of the values shown, made with the report's own builder on
 * this thread (the worker answers the page; a report is asked for seldom).
 */
async function downloadReportOfCurrent(): Promise<void> {
  if (state.shown === null) return;
  const { settings } = state.shown;
  const button = document.getElementById('download-report') as HTMLButtonElement;
  button.disabled = true;
  setStatus(t('statusReport'), false);
  // Let the status show before the run takes the thread.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const report = await downloadReport(data, {
    preset: preset().path,
    set: settings.set,
    replications: settings.replications,
    seed: settings.seed,
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    lang: state.lang,
  });
  showResult();
  if (report.ok) save(report.value, downloadName('-report.html'), 'text/html');
}

function downloadCurrent(): void {
  if (state.shown === null) return;
  const { settings } = state.shown;
  const text = downloadScenario({
    preset: presetPage(),
    changes: settings.changes,
    replications: settings.replications,
    seed: settings.seed,
    caseloadVersion: data.caseloadVersion,
  });
  save(text, downloadName('.yaml'), 'application/yaml');
}

render();
changed();
