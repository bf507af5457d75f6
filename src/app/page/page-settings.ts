import type { Lang } from '../../i18n/lang.js';
import type { InputIssue } from '../../scenario/errors.js';
import { decimalComma, groupedNumber, plainNumber, scenarioField } from '../../scenario/index.js';
import type { FieldSetting } from '../../scenario/index.js';
import type { ScenarioChange } from '../download-scenario.js';
import type { PageControl } from './page-controls.js';

/** What the page's controls ask for: the settings to send, and what the page refuses itself. */
export interface PageSettings {
  /** Only what differs from the file, in the order of the controls; `flag` is `set <path>`, as the CLI names a setting. */
  readonly set: readonly FieldSetting[];
  /** The same, with the file's values, for a downloaded scenario. */
  readonly changes: readonly ScenarioChange[];
  /** Which control each setting's flag (and `replications`, `seed`) belongs to. */
  readonly controlOf: ReadonlyMap<string, string>;
  readonly replications: number;
  readonly seed: number;
  /**
   * Problems the page finds before asking, by control id, as the CLI words
   * them: replications and seed as `--reps` and `--seed` take them (they are
   * not fields), and a number written with a group separator (`1.600`) as
   * `--set` refuses it.
   */
  readonly refused: ReadonlyMap<string, InputIssue>;
}

/**
 * A typed value as `--set` passes it: a number when it reads as one (in
 * Dutch also with a decimal comma, 27,5), else the text as typed, so that
 * the loader says what is wrong with it in its own words.
 *
 * @example typedValue('28', 'en') // 28
 * @example typedValue('27,5', 'nl') // 27.5
 * @example typedValue('abc', 'en') // 'abc'
 */
export function typedValue(text: string, lang: Lang): number | string {
  const trimmed = text.trim();
  const written = lang === 'nl' && /^[-+]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(written)) return Number(written);
  return text;
}

/**
 * The settings of the page's values (by control id, as typed): a control
 * whose value is the file's sets nothing; a change from a date sets its
 * field at the date of its date control once a value is typed.
 *
 * @example pageSettings(controls, { inflow: '28' }, 'en').set // [{ path: 'inflow.meanPerWeek', value: 28, flag: 'set inflow.meanPerWeek' }]
 */
export function pageSettings(
  controls: readonly PageControl[],
  values: Readonly<Record<string, string>>,
  lang: Lang,
): PageSettings {
  const set: FieldSetting[] = [];
  const changes: ScenarioChange[] = [];
  const controlOf = new Map<string, string>([
    ['replications', 'replications'],
    ['seed', 'seed'],
  ]);
  const refused = new Map<string, InputIssue>();
  const lanes = [
    ...new Set(controls.flatMap((c) => (c.labelValues?.['lane'] === undefined ? [] : [c.labelValues['lane']]))),
  ];
  const run = { replications: 0, seed: 0 };
  for (const control of controls) {
    if (control.dateOf !== undefined) continue;
    const text = values[control.id] ?? (control.fileValue === null ? '' : String(control.fileValue));
    if (control.path === '') {
      const flag = control.id === 'seed' ? '--seed' : '--reps';
      const problem = countProblem(text);
      if (problem !== null) refused.set(control.id, { ...problem, file: flag, line: null, column: null, field: '' });
      run[control.id as 'replications' | 'seed'] = Number(text.trim());
      continue;
    }
    if (control.kind === 'date') {
      if (text !== control.fileValue) add(control, control.path, text, String(control.fileValue));
      continue;
    }
    if (control.dateControl !== undefined) {
      if (text.trim() === '') continue;
      const date = values[control.dateControl] ?? String(controls.find((c) => c.id === control.dateControl)?.fileValue);
      add(control, `${control.path}.${date}`, typedValue(text, lang), null);
      continue;
    }
    const value = typedValue(text, lang);
    if (value !== control.fileValue) add(control, control.path, value, String(control.fileValue));
    const grouped = groupedNumber(text);
    const field = scenarioField(control.path.replace(/\.\d{4}-\d{2}-\d{2}$/, ''), lanes);
    if (grouped !== null && text.includes('.') && field.ok && field.value.number?.thousands === true)
      refused.set(control.id, {
        file: '',
        line: null,
        column: null,
        field: `set ${control.path}`,
        problem: `"${text.trim()}" looks like ${plainNumber(grouped)} written with a group separator (a dot is a decimal point)`,
        allowed: `write ${grouped}${field.value.number.integer ? '' : `, or ${Number(text)} for ${plainNumber(Number(text))}`}`,
      });
  }
  return { set, changes, controlOf, refused, ...run };

  /** What `--reps` and `--seed` say of a value that is no number (see countFlag in the CLI); null for a number. */
  function countProblem(text: string): Pick<InputIssue, 'problem' | 'allowed'> | null {
    const trimmed = text.trim();
    const grouped = groupedNumber(trimmed);
    if (grouped !== null)
      return {
        problem: `${trimmed} looks like ${plainNumber(grouped)} written with a group separator; write ${grouped}`,
        allowed: null,
      };
    if (decimalComma(trimmed) !== null)
      return { problem: `must be a whole number, got ${trimmed} (a decimal comma)`, allowed: null };
    if (trimmed === '' || !Number.isFinite(Number(trimmed)))
      return { problem: `must be a number, got "${trimmed}"`, allowed: null };
    return null;
  }

  function add(control: PageControl, path: string, value: unknown, was: string | null): void {
    const setting = { path, value, flag: `set ${path}` };
    set.push(setting);
    changes.push({ setting: { path, value }, was });
    controlOf.set(setting.flag, control.id);
  }
}
