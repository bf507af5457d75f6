import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectAppFiles } from '../../src/app/collect-app-files.js';
import { embeddedTexts } from '../../src/app/embedded-texts.js';
import { readValueNotes } from '../../src/io/report/read-value-notes.js';
import { loadScenario, loadScenarioFrom, scenarioValues, variantPaths } from '../../src/scenario/index.js';

/**
 * What `caseload app` embeds (collectAppFiles) is enough for the page's
 * loader: every shipped scenario, and each variant, loads from the embedded
 * files exactly as it loads from the disk (the same scenario, hash, files
 * and warnings), and a file that was not embedded reads as missing.
 */

const SHIPPED = [
  ...readdirSync('scenarios')
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `scenarios/${name}`),
  ...readdirSync('scenarios/options-2024').map((name) => `scenarios/options-2024/${name}`),
];

describe('the embedded files load as the disk does', () => {
  it.each(SHIPPED)('%s and its variants', async (path) => {
    const paths = [path, ...(await variantPaths(path))];
    const collected = await collectAppFiles(paths);
    if (!collected.ok) throw new Error(JSON.stringify(collected.issues));
    const source = embeddedTexts(collected.value.files);
    for (const one of paths) {
      const fromDisk = await loadScenario(one, { replications: 10, seed: 3 });
      const embedded = await loadScenarioFrom(source, one, { replications: 10, seed: 3 });
      expect(embedded).toEqual(fromDisk);
    }
    // Exactly what the loader read: the scenario, its bases, and its calendar and CSV files.
    const loaded = await loadScenario(path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    for (const file of [...loaded.value.files, ...loaded.value.dataFiles])
      expect(Object.keys(collected.value.files)).toContain(file);
  });

  it('a calendar file is embedded by the path the loader resolved, against the working directory', async () => {
    const collected = await collectAppFiles(['scenarios/baseline-2024-holidays.yaml']);
    if (!collected.ok) throw new Error(JSON.stringify(collected.issues));
    expect(collected.value.cwd).toBe(process.cwd());
    expect(Object.keys(collected.value.files)).toContain(`${process.cwd()}/scenarios/calendars/nl-2024.yaml`);
  });
});

describe("the report's notes beside the values", () => {
  it('read from the embedded files as from the disk (the page can build the report)', async () => {
    const path = 'scenarios/options-2024/variants.yaml#30-per-week';
    const collected = await collectAppFiles([path]);
    const loaded = await loadScenario(path);
    if (!collected.ok || !loaded.ok) throw new Error('the variant does not load');
    const values = scenarioValues(loaded.value.node);
    const fromDisk = await readValueNotes(values);
    expect(fromDisk.filter((value) => value.note !== null).length).toBeGreaterThan(5);
    expect(await readValueNotes(values, embeddedTexts(collected.value.files))).toEqual(fromDisk);
    // Without the files, no notes: the values stay.
    const bare = await readValueNotes(values, embeddedTexts({}));
    expect(bare.map((value) => value.note)).toEqual(fromDisk.map(() => null));
  });
});

describe('what was not embedded', () => {
  it('reads as a missing file, with the messages of a missing file', async () => {
    const collected = await collectAppFiles(['scenarios/plan-30-40.yaml']);
    if (!collected.ok) throw new Error(JSON.stringify(collected.issues));
    const { 'scenarios/baseline-2024.yaml': _, ...withoutBase } = collected.value.files;
    expect(Object.keys(withoutBase)).toHaveLength(Object.keys(collected.value.files).length - 1);
    const embedded = await loadScenarioFrom(embeddedTexts(withoutBase), 'scenarios/plan-30-40.yaml');
    expect(embedded.ok).toBe(false);
    if (embedded.ok) return;
    expect(embedded.issues[0]!.problem).toBe('cannot read the base file scenarios/baseline-2024.yaml: no such file');
    const missing = await loadScenarioFrom(embeddedTexts({}), 'plan.yaml#fast');
    const onDisk = await loadScenario('no-such-dir/plan.yaml#fast');
    expect(missing.ok || onDisk.ok).toBe(false);
    if (missing.ok || onDisk.ok) return;
    expect(missing.issues[0]!.problem).toBe(onDisk.issues[0]!.problem.replace('no-such-dir/', ''));
  });

  it('a scenario that does not load gives its issues, every one at once', async () => {
    const collected = await collectAppFiles(['scenarios/nope.yaml', 'scenarios/nope-2.yaml']);
    expect(collected.ok).toBe(false);
    if (collected.ok) return;
    expect(collected.issues.map((issue) => issue.file)).toEqual(['scenarios/nope.yaml', 'scenarios/nope-2.yaml']);
  });
});
