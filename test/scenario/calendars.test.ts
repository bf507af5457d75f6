import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { compile, loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { dayNumber, weekOf } from '../../src/time/weeks.js';

async function holidays2024(): Promise<Scenario> {
  const loaded = await loadScenario('scenarios/baseline-2024-holidays.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value.scenario;
}

describe('named calendar files', () => {
  it("add their periods to the scenario's calendar", async () => {
    const loaded = await loadScenario('scenarios/baseline-2024-holidays.yaml');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const labels = loaded.value.scenario.calendar.map((entry) => entry.label);
    expect(labels).toContain('summer holidays');
    expect(labels).toContain('Christmas');
    expect(loaded.value.scenario.calendar.find((e) => e.label === 'Christmas')).toEqual({
      from: '2024-12-25',
      to: '2024-12-26',
      scale: 0,
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

describe('the shipped 2024 calendar', () => {
  it('closes every public holiday central government does not work on a weekday, Easter included', async () => {
    const scenario = await holidays2024();
    const scaleOn = (date: string) =>
      scenario.calendar
        .filter((e) => dayNumber(e.from)! <= dayNumber(date)! && dayNumber(date)! <= dayNumber(e.to)!)
        .map((e) => e.scale);
    // New Year's Day, Good Friday, Easter Monday, Ascension Day, Whit Monday, Christmas Day, Boxing Day.
    for (const date of [
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-09',
      '2024-05-20',
      '2024-12-25',
      '2024-12-26',
    ])
      expect(scaleOn(date), date).toEqual([0]);
    // King's Day (Saturday) and Liberation Day (Sunday) are listed, for the record.
    expect(scaleOn('2024-04-27')).toEqual([0]);
    expect(scaleOn('2024-05-05')).toEqual([0]);
  });

  it("costs a fifth of each Easter week; King's Day (a Saturday) and Liberation Day (a Sunday) cost nothing", async () => {
    const scenario = await holidays2024();
    const scale = compile(scenario).pools[0]!.calendarScale;
    const factor = (date: string) => scale[weekOf(scenario.start, date)]!;
    expect(factor('2024-03-29')).toBeCloseTo(4 / 5, 15);
    expect(factor('2024-04-01')).toBeCloseTo(4 / 5, 15);
    expect(factor('2024-04-27')).toBe(1);
    expect(factor('2024-05-05')).toBe(1);
    // Ascension Day and the bridge day: 2/5. The Christmas week: 0.4 on Monday, Tuesday and Friday, 0 on the holidays.
    expect(factor('2024-05-09')).toBeCloseTo(3 / 5, 15);
    expect(factor('2024-12-25')).toBeCloseTo((3 * 0.4) / 5, 15);
    // Summer: four whole weeks at 0.7.
    expect(factor('2024-07-22')).toBeCloseTo(0.7, 15);
    expect(factor('2024-08-12')).toBeCloseTo(0.7, 15);
  });
});
