import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMessages } from './helpers.js';

const NUL = 'its name holds a NUL byte (\\0), which no file name can hold';

/** A scenario file with `text` in a fresh folder; a YAML "\0" in it writes a NUL byte. */
async function scenarioFile(text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-nul-'));
  const file = join(dir, 'x.yaml');
  await writeFile(file, text);
  return { dir, file };
}

describe('a NUL byte in a path a scenario names is a plain error at its key', () => {
  it('in extends', async () => {
    const { dir, file } = await scenarioFile('name: X\nextends: "base\\0.yaml"\n');
    expect(await loadMessages(file)).toEqual([
      `${file}:2:1: extends: cannot read the base file ${dir}/base\\0.yaml: ${NUL} (a path relative to the file that extends it)`,
    ]);
  });

  it('in calendars', async () => {
    const base = resolve('scenarios/baseline-2024.yaml');
    const { file } = await scenarioFile(`extends: ${base}\ncalendars: ["holidays\\0.yaml"]\n`);
    expect(await loadMessages(file)).toEqual([
      `${file}:2:13: calendars[0]: cannot read the calendar file "holidays\\0.yaml": ${NUL} (a list of calendar files, each a YAML list of { from, to, scale, label } or a mapping with such a calendar: list)`,
    ]);
  });

  it('in the file of a CSV', async () => {
    const base = resolve('scenarios/backtest-2023-observed-inflow.yaml');
    const { dir, file } = await scenarioFile(`extends: ${base}\ninflow:\n  observed:\n    file: "in\\0.csv"\n`);
    expect(await loadMessages(file)).toEqual([
      `${file}:4:11: inflow.observed.file: cannot read the CSV file ${dir}/in\\0.csv: ${NUL} (a CSV file, relative to the scenario file)`,
    ]);
  });

  it('other control characters in a path are shown as escapes, the message on one line', async () => {
    const { dir, file } = await scenarioFile('name: X\nextends: "new\\nline\\e.yaml"\n');
    expect(await loadMessages(file)).toEqual([
      `${file}:2:1: extends: cannot read the base file ${dir}/new\\nline\\x1b.yaml: no such file (a path relative to the file that extends it)`,
    ]);
  });
});
