import type { Lang } from '../i18n/lang.js';
import { buildReport } from '../io/report/build-report.js';
import { readValueNotes } from '../io/report/read-value-notes.js';
import { renderReport } from '../io/report/render-report.js';
import { runScenario } from '../run/run-scenario.js';
import { formatIssue } from '../scenario/errors.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { loadScenarioFrom, scenarioValues } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import { embeddedTexts } from './embedded-texts.js';
import type { AppData } from './protocol.js';

/** The what-if page's current state: a preset with the page's settings, replications and seed. */
export interface WhatIfState {
  /** `AppPreset.path`. */
  readonly preset: string;
  readonly set: readonly FieldSetting[];
  readonly replications: number;
  readonly seed: number;
  /** When the report is written, as the report shows it (ISO 8601, seconds). */
  readonly generated: string;
  /** The report's language, the page's; English when absent. */
  readonly lang?: Lang;
}

/**
 * The HTML report of the what-if page's current state, as `caseload report`
 * writes it for the same scenario: loaded from the files embedded in the
 * page with the page's settings, run as `caseload run` runs it (the band
 * explained), and rendered by the report's own builder. A value set on the
 * page is noted as set there. Runs on this thread: in the page, or in Node.
 *
 * @example await downloadReport(data, { preset: 'scenarios/baseline-2024.yaml', set: [], replications: 1000, seed: 7, generated: '2024-05-01T09:00:00Z' })
 */
export async function downloadReport(data: AppData, state: WhatIfState): Promise<Checked<string>> {
  const source = embeddedTexts(data.files);
  const loaded = await loadScenarioFrom(source, state.preset, {
    set: state.set,
    replications: state.replications,
    seed: state.seed,
  });
  if (!loaded.ok) return loaded;
  const { scenario, hash, files, node, warnings } = loaded.value;
  const result = await runScenario(scenario, { workers: 1 });
  const assumptions = (await readValueNotes(scenarioValues(node), source)).map((value) =>
    value.at.kind === 'flag'
      ? { ...value, where: state.lang === 'nl' ? 'de wat-als-pagina' : 'the what-if page' }
      : value,
  );
  const shown = new Map<string, InputIssue>();
  for (const warning of warnings) if (!shown.has(formatIssue(warning))) shown.set(formatIssue(warning), warning);
  const html = renderReport(
    buildReport({
      file: state.preset,
      run: { scenario, ...result },
      assumptions,
      warnings: [...shown.values()],
      provenance: {
        caseloadVersion: data.caseloadVersion,
        scenarioHash: hash,
        files,
        seed: scenario.seed,
        replications: result.summary.reps,
        deterministic: false,
      },
      generated: state.generated,
    }),
    state.lang ?? 'en',
  );
  return { ok: true, value: html };
}
