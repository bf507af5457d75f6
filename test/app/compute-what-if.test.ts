import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeWhatIf, WhatIfSuperseded } from '../../src/app/compute-what-if.js';
import type { AppData, WhatIfRequest, WhatIfResponse } from '../../src/app/protocol.js';
import { compareOptions } from '../../src/experiment/compare-options.js';
import type { FieldSetting } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { cli, ROOT } from '../cli/helpers.js';
import { appDataFor } from './browser-worker.js';

/**
 * The what-if page's answers against the CLI's: computeWhatIf (the code the
 * page's worker runs) loads the embedded files through the real loader and
 * runs the real job, so its summary is what `caseload run --json` prints for
 * a scenario with the same values, seed and replications.
 */

const BASELINE = 'scenarios/baseline-2024.yaml';
const HOLIDAYS = 'scenarios/baseline-2024-holidays.yaml';
const OBSERVED = 'scenarios/backtest-2023-observed-inflow.yaml';
const VARIANT = 'scenarios/options-2024/variants.yaml#30-per-week';

let data: AppData;
let dir: string;

beforeAll(async () => {
  data = await appDataFor([BASELINE, HOLIDAYS, OBSERVED, VARIANT]);
  dir = await mkdtemp(join(tmpdir(), 'caseload-what-if-'));
});

/** What `caseload run <file> --reps --seed --json` prints, without its warnings (the response has them apart). */
async function cliRun(file: string, replications: number, seed: number, ...more: string[]): Promise<unknown> {
  const run = await cli(
    'run',
    file,
    '--reps',
    `${replications}`,
    '--seed',
    `${seed}`,
    '--workers',
    '1',
    '--json',
    ...more,
  );
  expect(run.code).toBe(0);
  const { warnings: _, ...summary } = JSON.parse(run.stdout) as Record<string, unknown>;
  return summary;
}

/** A scenario file that extends `base` (a path from the root) and sets `values` (YAML lines), as "Download scenario" writes one. */
async function childOf(base: string, name: string, lines: string): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, `extends: ${join(ROOT, base)}\n${lines}`);
  return file;
}

async function ok(request: WhatIfRequest): Promise<Extract<WhatIfResponse, { ok: true }>> {
  const response = await computeWhatIf(request, data);
  if (!response.ok) throw new Error(`refused: ${JSON.stringify(response.issues)}`);
  expect(response.id).toBe(request.id);
  return response;
}

/** As printed: JSON drops undefined fields, as the CLI's output does. */
const printed = (value: unknown) => JSON.parse(JSON.stringify(value));

const CHANGES: FieldSetting[] = [
  { path: 'inflow.meanPerWeek', value: 28, flag: 'inflow' },
  { path: 'capacity.perWeek', value: 35, flag: 'capacity' },
];

describe('computeWhatIf gives the numbers caseload run prints', () => {
  it('the baseline with inflow 28 and capacity 35 a week, 1,000 replications, seed 7', async () => {
    const response = await ok({ id: 1, preset: BASELINE, set: CHANGES, replications: 1000, seed: 7 });
    const child = await childOf(
      BASELINE,
      'inflow-28-capacity-35',
      'inflow:\n  meanPerWeek: 28\ncapacity:\n  perWeek: 35\n',
    );
    expect(printed(response.summary)).toEqual(await cliRun(child, 1000, 7));
    // The band is explained as caseload run explains it (11 more plans for the baseline's block).
    expect(response.summary.uncertainty?.variance.runs).toBeGreaterThan(1);
    expect(response.summary.reps).toBe(1000);
    expect(response.weekly.filter((row) => row.lane === 'total')).toHaveLength(52);
  });

  it("the file's preset beside it: caseload run's summary of the file, without the explanation of its band", async () => {
    const response = await ok({ id: 2, preset: BASELINE, set: CHANGES, replications: 1000, seed: 7 });
    const { uncertainty, ...file } = (await cliRun(BASELINE, 1000, 7)) as Record<string, unknown>;
    expect(uncertainty).toBeDefined();
    expect(printed(response.file)).toEqual(file);
    expect(response.file.endBacklog.total.mean).not.toBe(response.summary.endBacklog.total.mean);
  });

  it.each([
    ['a calendar file', HOLIDAYS, 400, 3],
    ['a CSV file of observed inflow', OBSERVED, 400, 11],
    ['a variant (file#variant) of a file that extends another', VARIANT, 400, 5],
  ])('a scenario with %s, as in the file', async (_, preset, replications, seed) => {
    const response = await ok({ id: 3, preset, set: [], replications, seed });
    expect(printed(response.summary)).toEqual(await cliRun(preset, replications, seed));
    expect(response.endBacklogChange).toBeNull();
    expect(response.file).toEqual(
      Object.fromEntries(Object.entries(response.summary).filter(([k]) => k !== 'uncertainty')),
    );
  });

  it('a scenario with a calendar file, changed', async () => {
    const set = [{ path: 'capacity.perWeek', value: 33 }];
    const response = await ok({ id: 4, preset: HOLIDAYS, set, replications: 400, seed: 3 });
    const child = await childOf(HOLIDAYS, 'holidays-33', 'capacity:\n  perWeek: 33\n');
    expect(printed(response.summary)).toEqual(await cliRun(child, 400, 3));
  });

  it('without the explanation of the band: the same summary without its uncertainty', async () => {
    const quick = await ok({ id: 5, preset: BASELINE, set: CHANGES, replications: 300, seed: 7, explain: false });
    const full = await ok({ id: 6, preset: BASELINE, set: CHANGES, replications: 300, seed: 7 });
    expect(quick.summary.uncertainty).toBeUndefined();
    const { uncertainty: _, ...rest } = full.summary;
    expect(quick.summary).toEqual(rest);
    expect(quick.endBacklogChange).toEqual(full.endBacklogChange);
  });

  it('the plausibility warnings come with the answer, as caseload run prints them', async () => {
    // 1.6 a year is allowed but almost surely meant as 1,600 (1.600 written the Dutch way).
    const response = await ok({
      id: 7,
      preset: BASELINE,
      set: [{ path: 'capacity.perYear', value: 1.6 }],
      replications: 50,
      seed: 7,
    });
    expect(response.warnings.length).toBeGreaterThan(0);
    const child = await childOf(BASELINE, 'per-year-1-6', 'capacity:\n  perYear: 1.6\n');
    const run = await cli('run', child, '--reps', '50', '--seed', '7', '--workers', '1', '--json');
    for (const warning of response.warnings) expect(run.stderr).toContain(warning.problem);
  });
});

describe('the change against the file, pair by pair', () => {
  it('equals what caseload compare measures for the same pair (compareOptions), and its options equal standalone runs', async () => {
    const response = await ok({ id: 8, preset: BASELINE, set: CHANGES, replications: 1000, seed: 7 });
    const base = await loadScenario(BASELINE, { replications: 1000, seed: 7 });
    const option = await loadScenario(BASELINE, { replications: 1000, seed: 7, set: CHANGES });
    if (!base.ok || !option.ok) throw new Error('the baseline does not load');
    const compared = await compareOptions(
      [
        { label: 'file', scenario: base.value.scenario },
        { label: 'changed', scenario: option.value.scenario },
      ],
      { seed: 7, replications: 1000 },
    );
    const interval = compared[1]!.endBacklog!.interval();
    expect(response.endBacklogChange).toEqual({ mean: interval.mean, low: interval.low, high: interval.high });
    // compare's summaries are the standalone runs' (without the explanation of the band).
    expect(compared[0]!.summary).toEqual(response.file);
    const { uncertainty: _, ...changed } = response.summary;
    expect(compared[1]!.summary).toEqual(changed);
  });

  it('is the mean of the differences: the difference of the means, inside its interval', async () => {
    const response = await ok({ id: 9, preset: BASELINE, set: CHANGES, replications: 1000, seed: 7 });
    const change = response.endBacklogChange!;
    expect(change.mean).toBeCloseTo(response.summary.endBacklog.total.mean - response.file.endBacklog.total.mean, 9);
    expect(change.low).toBeLessThan(change.mean);
    expect(change.high).toBeGreaterThan(change.mean);
    // Paired: far narrower than the spread of either end backlog.
    expect(change.high - change.low).toBeLessThan(
      (response.file.endBacklog.total.p95 - response.file.endBacklog.total.p5) / 10,
    );
  });

  it('is null when nothing is changed', async () => {
    const response = await ok({ id: 10, preset: BASELINE, set: [], replications: 100, seed: 7 });
    expect(response.endBacklogChange).toBeNull();
  });
});

describe('bad changes are refused with the messages of the CLI', () => {
  it.each([
    ['a negative capacity', { path: 'capacity.perWeek', value: -5, flag: 'capacity' }, 'capacity:\n  perWeek: -5\n'],
    ['text for a number', { path: 'capacity.perWeek', value: 'abc', flag: 'capacity' }, 'capacity:\n  perWeek: abc\n'],
    ['an unknown field', { path: 'capacity.perWeeks', value: 3, flag: 'capacity' }, 'capacity:\n  perWeeks: 3\n'],
    [
      'a share above 1',
      { path: 'lanes.regular.share', value: 1.5, flag: 'share' },
      'lanes:\n  regular:\n    share: 1.5\n',
    ],
  ])('%s: nothing runs, and the issue names the control', async (name, setting, yaml) => {
    const response = await computeWhatIf(
      { id: 11, preset: BASELINE, set: [setting], replications: 100, seed: 7 },
      data,
    );
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.issues.length).toBeGreaterThan(0);
    expect(response.error).toBeUndefined();
    expect(response.issues.some((issue) => issue.field === setting.flag)).toBe(true);
    const child = await childOf(BASELINE, name.replaceAll(' ', '-'), yaml);
    const run = await cli('run', child, '--reps', '100', '--workers', '1');
    expect(run.code).toBe(2);
    for (const issue of response.issues) {
      expect(run.stderr).toContain(issue.problem);
      if (issue.allowed !== null) expect(run.stderr).toContain(`(${issue.allowed})`);
    }
  });

  it('a preset that is not among the embedded files reads as a missing file, as the CLI says it', async () => {
    const response = await computeWhatIf(
      { id: 12, preset: 'scenarios/nope.yaml', set: [], replications: 10, seed: 1 },
      data,
    );
    const run = await cli('run', 'scenarios/nope.yaml');
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(run.stderr).toContain(`${response.issues[0]!.file}: ${response.issues[0]!.problem}`);
  });
});

describe('when will a case be decided: as caseload prognosis answers', () => {
  it.each([
    ['a date within the horizon, every lane', { filed: '2024-03-05' }, false],
    ['a case open at the start, one lane', { filed: '2023-09-01', lane: 'regular' }, false],
    ['a date late in the horizon: it runs on past the horizon', { filed: '2024-12-20', lane: 'regular' }, true],
  ])('%s', async (_, query, runsOn) => {
    const response = await ok({ id: 13, preset: BASELINE, set: [], replications: 300, seed: 7, prognosis: query });
    const args = [
      'prognosis',
      BASELINE,
      '--filed',
      query.filed,
      '--reps',
      '300',
      '--seed',
      '7',
      '--workers',
      '1',
      '--json',
    ];
    const run = await cli(...args, ...('lane' in query ? ['--lane', query.lane] : []));
    expect(run.code).toBe(0);
    expect(printed(response.prognosis)).toEqual(JSON.parse(run.stdout));
    if (runsOn) expect(response.prognosis!.horizonWeeks).toBeGreaterThan(52);
  });

  it('with the changes, as for a scenario file with those values', async () => {
    const query = { filed: '2024-06-03', lane: 'regular' };
    const response = await ok({ id: 14, preset: BASELINE, set: CHANGES, replications: 300, seed: 7, prognosis: query });
    const child = await childOf(BASELINE, 'prognosis-28-35', 'inflow:\n  meanPerWeek: 28\ncapacity:\n  perWeek: 35\n');
    const args = ['prognosis', child, '--filed', query.filed, '--lane', 'regular', '--reps', '300', '--seed', '7'];
    const run = await cli(...args, '--workers', '1', '--json');
    expect(run.code).toBe(0);
    expect(printed(response.prognosis)).toEqual(JSON.parse(run.stdout));
  });

  it('a bad date or lane is refused before anything runs, in the words of caseload prognosis', async () => {
    const response = await computeWhatIf(
      {
        id: 15,
        preset: BASELINE,
        set: [],
        replications: 300,
        seed: 7,
        prognosis: { filed: '2024-13-01', lane: 'regulr' },
      },
      data,
    );
    const run = await cli('prognosis', BASELINE, '--filed', '2024-13-01', '--lane', 'regulr');
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.issues.map((issue) => issue.file)).toEqual(['filed', 'lane']);
    for (const issue of response.issues) expect(run.stderr).toContain(`--${issue.file}: ${issue.problem}`);
  });
});

describe('a superseded request', () => {
  it('stops with WhatIfSuperseded when the caller says a newer one came in', async () => {
    await expect(
      computeWhatIf({ id: 16, preset: BASELINE, set: CHANGES, replications: 100, seed: 7 }, data, {
        superseded: () => true,
      }),
    ).rejects.toBeInstanceOf(WhatIfSuperseded);
  });
});
