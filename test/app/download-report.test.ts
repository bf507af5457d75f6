import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAppFiles } from '../../src/app/collect-app-files.js';
import { downloadReport } from '../../src/app/download-report.js';
import { downloadScenario } from '../../src/app/download-scenario.js';
import { pagePreset } from '../../src/app/page-preset.js';
import type { AppData } from '../../src/app/protocol.js';
import { loadScenario } from '../../src/scenario/index.js';
import { cli, ROOT } from '../cli/helpers.js';

/** The SVG charts of a report, in order. */
const charts = (html: string) => [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]);

describe('downloadReport', () => {
  it('writes the report caseload report writes for the downloaded scenario: the same charts and figures', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'caseload-download-report-')), 'scenarios');
    await cp(join(ROOT, 'scenarios'), dir, { recursive: true });
    // Paths as caseload app reads them: relative to where it runs.
    const path = relative(process.cwd(), join(dir, 'baseline-2024.yaml'));
    const collected = await collectAppFiles([path]);
    if (!collected.ok) throw new Error(JSON.stringify(collected.issues));
    const data: AppData = {
      caseloadVersion: '0.0.0-test',
      lang: 'en',
      files: collected.value.files,
      cwd: collected.value.cwd,
      presets: [{ label: 'Baseline 2024', path }],
      replications: 300,
      seed: 9,
    };
    const set = [
      { path: 'inflow.meanPerWeek', value: 28, flag: 'set inflow.meanPerWeek' },
      { path: 'capacity.perWeek', value: 35, flag: 'set capacity.perWeek' },
    ];
    const report = await downloadReport(data, {
      preset: path,
      set,
      replications: 300,
      seed: 9,
      generated: '2024-05-01T09:00:00Z',
    });
    if (!report.ok) throw new Error(JSON.stringify(report.issues));
    const html = report.value;
    expect(html).toContain('<meta name="generator" content="caseload 0.0.0-test">');
    expect(html).toContain('the what-if page');

    const loaded = await loadScenario(path);
    if (!loaded.ok) throw new Error('load');
    const yaml = downloadScenario({
      preset: await pagePreset(path, loaded.value),
      changes: set.map(({ path: field, value }) => ({ setting: { path: field, value }, was: null })),
      replications: 300,
      seed: 9,
      caseloadVersion: '0.0.0-test',
    });
    const scenario = join(dir, 'baseline-2024-what-if.yaml');
    await writeFile(scenario, yaml);
    const out = join(dir, '..', 'report.html');
    const written = await cli('report', scenario, '--workers', '1', '--quiet', '--out', out);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    const expected = await readFile(out, 'utf8');
    expect(charts(html).length).toBeGreaterThanOrEqual(5);
    expect(charts(html)).toEqual(charts(expected));
    const keyFigures = (text: string) => /<section id="key-figures"[\s\S]*?<\/section>/.exec(text)?.[0];
    expect(keyFigures(html)).toBeDefined();
    expect(keyFigures(html)).toBe(keyFigures(expected));

    // In Dutch when the page is: the report's Dutch, as caseload report --lang nl writes it.
    const dutch = await downloadReport(data, {
      preset: path,
      set,
      replications: 300,
      seed: 9,
      generated: '2024-05-01T09:00:00Z',
      lang: 'nl',
    });
    if (!dutch.ok) throw new Error(JSON.stringify(dutch.issues));
    expect(dutch.value).toContain('<html lang="nl">');
    expect(dutch.value).toContain('de wat-als-pagina');
    const nlOut = join(dir, '..', 'report-nl.html');
    const nl = await cli('report', scenario, '--workers', '1', '--quiet', '--lang', 'nl', '--out', nlOut);
    expect(nl.code, nl.stderr).toBe(0);
    expect(charts(dutch.value)).toEqual(charts(await readFile(nlOut, 'utf8')));
  });

  it('gives the issues of values the page cannot run, as the worker does', async () => {
    const path = 'scenarios/baseline-2024.yaml';
    const collected = await collectAppFiles([path]);
    if (!collected.ok) throw new Error('collect');
    const data: AppData = {
      caseloadVersion: 'test',
      lang: 'en',
      files: collected.value.files,
      cwd: collected.value.cwd,
      presets: [{ label: 'Baseline 2024', path }],
      replications: 100,
      seed: 1,
    };
    const report = await downloadReport(data, {
      preset: path,
      set: [{ path: 'inflow.meanPerWeek', value: -5, flag: 'set inflow.meanPerWeek' }],
      replications: 100,
      seed: 1,
      generated: '2024-05-01T09:00:00Z',
    });
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.issues[0]!.problem).toBe('must not be negative, got -5');
  });
});
