import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGNOSIS_HEADER } from '../../src/io/format-prognosis.js';
import { cli } from './helpers.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-prognosis-'));

describe('caseload prognosis', () => {
  it('prints per lane the median and 90% decision dates and waits, and with --horizon notes what falls beyond it', async () => {
    const { code, stdout, stderr } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2024-03-05',
      '--reps',
      '200',
      '--horizon',
      '52',
      '--workers',
      '1',
    );
    expect(code).toBe(0);
    expect(stderr).toContain('caseload: Baseline 2024: 200 replications of 52 weeks');
    expect(stdout).toContain('; 2024-01-01 to 2024-12-29: week 0 (ISO 2024-W01) to week 51 (ISO 2024-W52)');
    expect(stdout).toContain('A case filed on 2024-03-05 (week 9, ISO 2024-W10) is decided by');
    expect(stdout).toMatch(/median \(50%\)\s+90%\s+decided by 2024-12-29/);
    for (const lane of ['incomplete', 'hearing-free', 'safe-country', 'regular']) expect(stdout).toContain(lane);
    // Eight weeks' minimum wait for incomplete cases: week 17 ends 2024-05-05, ISO week 18.
    expect(stdout).toMatch(/incomplete\s+\d+\.\d\s+2024-05-05 \(2024-W18, 8 wk\)/);
    expect(stdout).toMatch(/regular\s+\d+\.\d\s+after 2024-12-29\s+after 2024-12-29\s+\d+\.\d%/);
    expect(stdout).toMatch(
      /regular: (none of these cases is|only \d+\.\d% of these cases are) decided by 2024-12-29, so the median and the 90% decision fall after it; run a longer --horizon, or leave --horizon out/,
    );
    // The scenario's own horizon: nothing assumed past it.
    expect(stdout).not.toContain('it assumes');
  });

  it('--json gives the documented shape, one lane with --lane', async () => {
    const { code, stdout, stderr } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2024-02-01',
      '--lane',
      'safe-country',
      '--reps',
      '100',
      '--seed',
      '3',
      '--workers',
      '1',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const answer = JSON.parse(stdout);
    // The fields of before first, in their order; then what was added.
    expect(Object.keys(answer)).toEqual([
      'scenario',
      'seed',
      'reps',
      'filed',
      'week',
      'lanes',
      'isoWeek',
      'openAtStart',
      'start',
      'horizonWeeks',
      'horizonEnd',
      'runOn',
    ]);
    expect(answer).toMatchObject({
      scenario: 'Baseline 2024',
      seed: 3,
      reps: 100,
      filed: '2024-02-01',
      week: 4,
      isoWeek: '2024-W05',
      openAtStart: false,
      start: '2024-01-01',
      horizonWeeks: 52,
      horizonEnd: '2024-12-29',
      runOn: { capWeeks: 520, stoppedShort: null },
    });
    expect(answer.lanes).toHaveLength(1);
    const lane = answer.lanes[0];
    expect(Object.keys(lane)).toEqual(['lane', 'cases', 'p50', 'p90', 'decidedWithinHorizon', 'beyondHorizon']);
    expect(lane).toMatchObject({ lane: 'safe-country', decidedWithinHorizon: 1, beyondHorizon: false });
    expect(lane.p50).toEqual({
      waitWeeks: expect.any(Number),
      date: expect.stringMatching(/^2024-\d\d-\d\d$/),
      isoWeek: expect.stringMatching(/^2024-W\d\d$/),
    });
    expect(lane.p50.waitWeeks).toBeGreaterThanOrEqual(4);
    expect(lane.p90.waitWeeks).toBeGreaterThanOrEqual(lane.p50.waitWeeks);
  });

  it('--json reports beyond-horizon percentiles as null with the share decided', async () => {
    const { code, stdout } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2024-11-05',
      '--lane',
      'regular',
      '--reps',
      '100',
      '--horizon',
      '52',
      '--workers',
      '1',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    const lane = JSON.parse(stdout).lanes[0];
    expect(lane).toMatchObject({ lane: 'regular', p50: null, p90: null, beyondHorizon: true });
    expect(lane.decidedWithinHorizon).toBeGreaterThanOrEqual(0);
    expect(lane.decidedWithinHorizon).toBeLessThan(0.5);
  });

  const bad: [string, string[], string][] = [
    [
      'not a date',
      ['--filed', '5 March'],
      '--filed: must be a date YYYY-MM-DD, got "5 March" (a date from 2023-01-02, the oldest open case at the start, to 2033-12-18, 520 weeks from the start)\n',
    ],
    [
      'an impossible date',
      ['--filed', '2024-02-30', '--horizon', '52'],
      '--filed: must be a date YYYY-MM-DD, got "2024-02-30" (a date from 2023-01-02, the oldest open case at the start, to 2024-12-29, the end of the horizon)\n',
    ],
    [
      'a date older than every case open at the start',
      ['--filed', '2022-12-31'],
      "--filed: 2022-12-31 is older than every case open at the start: the oldest was filed in week -52 (ISO 2023-W01, 2023-01-02 to 2023-01-08), as the scenario's initialBacklog gives at scenarios/baseline-2024.yaml:26 (a date from 2023-01-02, the oldest open case at the start, to 2033-12-18, 520 weeks from the start)\n",
    ],
    [
      'a date older than every open case of the lane asked',
      ['--filed', '2022-12-31', '--lane', 'regular'],
      "--filed: 2022-12-31 is older than every case of lane regular open at the start: the oldest was filed in week -52 (ISO 2023-W01, 2023-01-02 to 2023-01-08), as the scenario's initialBacklog gives at scenarios/baseline-2024.yaml:31 (a date from 2023-01-02, the oldest open case at the start, to 2033-12-18, 520 weeks from the start)\n",
    ],
    [
      'a date after the horizon --horizon asks for',
      ['--filed', '2025-01-01', '--horizon', '52'],
      '--filed: 2025-01-01 is after the end of the horizon (a date from 2023-01-02, the oldest open case at the start, to 2024-12-29, the end of the horizon)\n',
    ],
    [
      'a date after the most weeks caseload runs on to',
      ['--filed', '2033-12-19'],
      '--filed: 2033-12-19 is after the last week caseload runs to, 2033-12-18 (a date from 2023-01-02, the oldest open case at the start, to 2033-12-18, 520 weeks from the start)\n',
    ],
    [
      'an unknown lane',
      ['--filed', '2024-03-05', '--lane', 'regulr'],
      '--lane: unknown lane "regulr"; did you mean "regular"? (incomplete, hearing-free, safe-country, regular)\n',
    ],
    ['a bad --reps', ['--filed', '2024-03-05', '--reps', 'many'], '--reps: must be a number, got "many"\n'],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one message for ${what}, before simulating`, async () => {
      const { code, stdout, stderr } = await cli('prognosis', BASELINE, ...args, '--workers', '1');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(message);
    });
  }

  it('a missing --filed is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli('prognosis', BASELINE);
    expect(code).toBe(2);
    expect(stderr).toContain('filed');
  });
});

/** A one-lane scenario file in a temp directory: 1,000 open cases over 40 weeks, the capacity and inflow as given. */
async function oneLane(inflow: string, capacity: string): Promise<string> {
  const file = join(await tempDir(), 'one-lane.yaml');
  await writeFile(
    file,
    [
      'name: One lane',
      'start: 2024-01-01',
      'horizonWeeks: 52',
      'seed: 1',
      `inflow: ${inflow}`,
      `capacity: ${capacity}`,
      'initialBacklog:',
      '  spreadWeeks: 40',
      '  lanes:',
      '    only: 1000',
      'lanes:',
      '  only:',
      '    share: 1',
      '    grantRate: 0.3',
      '',
    ].join('\n'),
  );
  return file;
}

describe('caseload prognosis for a case open at the start, and running on past the horizon', () => {
  it('answers for a filing date before the start from the open cases of that week, and says where their ages come from', async () => {
    const { code, stdout } = await cli('prognosis', BASELINE, '--filed', '2023-06-01', '--reps', '100', '--quiet');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'A case filed on 2023-06-01 (week -31, ISO 2023-W22), still open at the start (2024-01-01), is decided by',
    );
    expect(stdout).toMatch(/open cases filed that week\s+median \(50%\)\s+90%\s+decided by/);
    // 1,300 regular cases over 52 weeks: 25 of week -31; decided in 2024, some 57 weeks after filing.
    expect(stdout).toMatch(
      /regular\s+25\.0\s+2024-\d\d-\d\d \(2024-W\d\d, \d+ wk\)\s+2024-\d\d-\d\d \(2024-W\d\d, \d+ wk\)\s+100\.0%/,
    );
    // 20 hearing-free cases over 52 weeks leave weeks without any: said so.
    expect(stdout).toMatch(/hearing-free\s+0\s+-\s+-\s+-/);
    expect(stdout).toContain('hearing-free: none of its open cases at the start was filed in that week');
    expect(stdout).toContain(
      "The filing weeks of the cases open at the start are the scenario's (incomplete, hearing-free, safe-country, regular: spread evenly over the 52 weeks before the start by initialBacklog).",
    );
  });

  it('--json: openAtStart, and per lane its oldest open week and where the ages come from', async () => {
    const { code, stdout } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2023-06-01',
      '--lane',
      'regular',
      '--reps',
      '50',
      '--quiet',
      '--json',
    );
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ week: -31, isoWeek: '2023-W22', openAtStart: true, horizonWeeks: 52 });
    expect(answer.lanes[0]).toMatchObject({
      lane: 'regular',
      cases: 25,
      oldestOpenWeek: -52,
      openCasesBasis: 'spread evenly over the 52 weeks before the start by initialBacklog',
      beyondHorizon: false,
    });
    expect(answer.lanes[0].p90.waitWeeks).toBeGreaterThan(31);
  });

  it('without --horizon runs on until 90% of the cohort is decided, as --horizon that long would, and says what it assumes past the horizon', async () => {
    const common = ['prognosis', BASELINE, '--filed', '2024-11-05', '--lane', 'regular', '--reps', '60', '--seed', '9'];
    const ran = await cli(...common, '--json');
    expect(ran.code).toBe(0);
    // Doubling the weeks: 104 are not enough for this cohort, 208 are.
    expect(ran.stderr).toContain(
      'caseload: less than 90% of the cohort of regular is decided by 2024-12-29; running on to 104 weeks (2025-12-28)',
    );
    expect(ran.stderr).toContain(
      'caseload: less than 90% of the cohort of regular is decided by 2025-12-28; running on to 208 weeks (2027-12-26)',
    );
    const answer = JSON.parse(ran.stdout);
    expect(answer.horizonWeeks).toBe(208);
    expect(answer.runOn).toEqual({ capWeeks: 520, stoppedShort: null });
    expect(answer.lanes[0].p90).not.toBeNull();
    expect(answer.pastScenarioHorizon).toEqual({
      scenarioHorizonWeeks: 52,
      scenarioEnd: '2024-12-29',
      assumptions: [
        'inflow: 25 a week (inflow.meanPerWeek), as in the scenario',
        'capacity: 1,600 decisions a year, 30.8 a week (capacity.perYear, as in the scenario)',
        'calendar: none, as in the scenario: every week has its full capacity',
        'uncertainty: the inflow level, the capacity productivity and the grant rates drawn for each replication stay as drawn; the week-to-week capacity noise goes on',
        'lanes: shares, priorities, minimum waits and grant rates as in the scenario',
      ],
    });
    const asked = await cli(...common, '--horizon', '208', '--json', '--quiet');
    const same = JSON.parse(asked.stdout);
    expect(same.lanes).toEqual(answer.lanes);
    // --horizon past the scenario's own horizon: the same assumptions, no running on.
    expect(same.pastScenarioHorizon).toEqual(answer.pastScenarioHorizon);
    expect(same.runOn).toBeUndefined();
    const text = await cli(...common, '--quiet');
    expect(text.stdout).toContain(
      'The scenario ends on 2024-12-29 (week 51); the run went on 156 weeks more, to decide the cohort (without --horizon caseload runs on, doubling the weeks, at most 520 weeks from the start; --horizon 208 gives the same answer). After 2024-12-29 it assumes:\n  - inflow: 25 a week (inflow.meanPerWeek), as in the scenario\n',
    );
  });

  it('a filing date after the horizon is answered by running on', async () => {
    const { code, stdout } = await cli(
      'prognosis',
      BASELINE,
      '--filed',
      '2025-03-01',
      '--reps',
      '40',
      '--quiet',
      '--json',
    );
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.week).toBe(60);
    expect(answer.horizonWeeks).toBeGreaterThanOrEqual(104);
    expect(answer.pastScenarioHorizon.scenarioHorizonWeeks).toBe(52);
  });

  it('stops at 520 weeks and says so when a cohort is still undecided there', async () => {
    // One decision a week for 1,000 open cases and 5 new a week: a case filed in week 10 waits over 1,000 weeks.
    const file = await oneLane('{ meanPerWeek: 5 }', '{ perWeek: 1 }');
    const { code, stdout, stderr } = await cli('prognosis', file, '--filed', '2024-03-12', '--reps', '5');
    expect(code).toBe(0);
    expect(stderr).toContain('running on to 520 weeks (2033-12-18)');
    expect(stdout).toMatch(/only\s+\d+\.\d\s+after 2033-12-18\s+after 2033-12-18\s+0\.0%/);
    expect(stdout).toContain(
      'only: none of these cases is decided by 2033-12-18, so the median and the 90% decision fall after it; caseload stopped there: caseload runs at most 520 weeks (10 years) from the start, to 2033-12-18.',
    );
  });

  it('stops where the scenario cannot run longer, and says why; a date after that is an input error', async () => {
    const weekly = `{ weeklyMeans: [${Array(52).fill(5).join(', ')}] }`;
    const file = await oneLane(weekly, '{ perWeek: 10 }');
    const late = await cli('prognosis', file, '--filed', '2024-12-02', '--reps', '5', '--quiet');
    expect(late.code).toBe(0);
    expect(late.stdout).toContain(
      'caseload stopped there: the scenario cannot run past 2024-12-29: horizonWeeks is 104 weeks, but inflow.weeklyMeans has only 52 values (at most 52 weeks).',
    );
    const after = await cli('prognosis', file, '--filed', '2025-02-03', '--reps', '5', '--quiet');
    expect(after.code).toBe(2);
    expect(after.stdout).toBe('');
    expect(after.stderr).toBe(
      "--filed: 2025-02-03 is after the end of the scenario's horizon, 2024-12-29, and the scenario cannot run longer: horizonWeeks is 104 weeks, but inflow.weeklyMeans has only 52 values (at most 52 weeks) (a date up to 2024-12-29, or a scenario that runs longer)\n",
    );
    expect(after.stderr).toContain('weeklyMeans');
  });
});

describe('prognosis.csv from run --out', () => {
  it('is written in deterministic mode: one row per week and lane', async () => {
    const dir = await tempDir();
    const { code } = await cli('run', BASELINE, '--deterministic', '--out', dir, '--quiet');
    expect(code).toBe(0);
    const csv = (await readFile(join(dir, 'prognosis.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe(PROGNOSIS_HEADER.join(','));
    // The weeks of the open cases at the start (52 before it) and those of the horizon.
    expect(csv).toHaveLength(1 + (52 + 52) * 4);
    expect(csv[1]).toMatch(/^-52,2023-01-02,2023-01-08,2023-W01,incomplete,/);
    expect(csv[1 + 52 * 4]).toMatch(/^0,2024-01-01,2024-01-07,2024-W01,incomplete,/);
    // Late regular cases are decided after the horizon: empty P50/P90 cells.
    expect(csv[104 * 4]).toMatch(/^51,2024-12-23,2024-12-29,2024-W52,regular,[\d.]+,[\d.]+,,,,,,$/);
  });

  it('merge of shards writes the same prognosis.csv as one run', async () => {
    const [whole, shards, merged] = await Promise.all([tempDir(), tempDir(), tempDir()]);
    const common = ['--reps', '60', '--seed', '11', '--workers', '1', '--quiet'];
    expect((await cli('run', BASELINE, ...common, '--out', whole)).code).toBe(0);
    expect((await cli('run', BASELINE, ...common, '--shard', '1/2', '--out', shards)).code).toBe(0);
    expect((await cli('run', BASELINE, ...common, '--shard', '2/2', '--out', shards)).code).toBe(0);
    expect((await cli('merge', shards, '--out', merged, '--quiet')).code).toBe(0);
    const expected = await readFile(join(whole, 'prognosis.csv'), 'utf8');
    expect(await readFile(join(merged, 'prognosis.csv'), 'utf8')).toBe(expected);
  });
});
