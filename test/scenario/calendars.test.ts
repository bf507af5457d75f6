import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';

describe('named calendar files', () => {
  it("add their periods to the scenario's calendar", async () => {
    const loaded = await loadScenario('scenarios/baseline-2024-holidays.yaml');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const labels = loaded.value.scenario.calendar.map((entry) => entry.label);
    expect(labels).toContain('summer holidays');
    expect(labels).toContain('Christmas');
    expect(loaded.value.scenario.calendar.find((e) => e.label === 'Christmas')).toEqual({
      from: '2024-12-23',
      to: '2024-12-31',
      scale: 0.4,
      label: 'Christmas',
    });
  });

  it("keep the scenario's own periods, and report a problem in a calendar file at its line", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-calendars-'));
    await writeFile(
      join(dir, 'bad.yaml'),
      'calendar:\n  - { from: 2024-05-01, to: 2024-04-01, scale: 0.5 }\n  - { from: 2024-06-01, to: 2024-06-02, scale: -1 }\n',
    );
    await writeFile(join(dir, 'good.yaml'), '- { from: 2024-06-01, to: 2024-06-07, scale: 0.5, label: extra }\n');
    const base = `extends: ${process.cwd()}/scenarios/baseline-2024.yaml\ncalendar: [{ from: 2024-03-01, to: 2024-03-01, scale: 0 }]\n`;
    await writeFile(join(dir, 'ok.yaml'), `${base}calendars: [good.yaml]\n`);
    const ok = await loadScenario(join(dir, 'ok.yaml'));
    expect(ok.ok && ok.value.scenario.calendar.map((e) => e.from)).toEqual(['2024-03-01', '2024-06-01']);
    await writeFile(join(dir, 'x.yaml'), `${base}calendars: [bad.yaml, missing.yaml]\n`);
    const bad = await loadScenario(join(dir, 'x.yaml'));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const messages = bad.issues.map(formatIssue);
    expect(
      messages.some((m) =>
        /x\.yaml:3:\d+: calendars\[1\]: cannot read the calendar file "missing\.yaml": no such file/.test(m),
      ),
    ).toBe(true);
    await writeFile(join(dir, 'y.yaml'), `${base}calendars: [bad.yaml]\n`);
    const inFile = await loadScenario(join(dir, 'y.yaml'));
    expect(inFile.ok).toBe(false);
    if (inFile.ok) return;
    const lines = inFile.issues.map(formatIssue).join('\n');
    expect(lines).toMatch(/bad\.yaml:2:\d+: calendar\[1\]/);
    expect(lines).toMatch(/bad\.yaml:3:\d+: calendar\[2\]\.scale: must not be negative/);
  });
});
