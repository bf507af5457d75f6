import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/main.js';
import { replicationsForHalfWidth, wilsonInterval } from '../../src/stats/proportion.js';
import { cli } from './helpers.js';

// The plan taken as known (--no-uncertainty): the figures below are of the Poisson-only theory.
const BASE = [
  'target',
  'scenarios/baseline-2024.yaml',
  '--no-uncertainty',
  '--backlog',
  '1100',
  '--by',
  '2024-12-31',
  '--confidence',
  '0.9',
  '--reps',
  '300',
  '--seed',
  '7',
  '--workers',
  '1',
];

describe('caseload target', () => {
  it('is listed in the help', async () => {
    const help = await buildCli().getHelp();
    expect(help).toContain('caseload target <scenario>');
  });

  it('prints the answer, the neighbours, the values searched and the analytic relief with the comparison', async () => {
    const { code, stdout, stderr } = await cli(...BASE);
    expect(code).toBe(0);
    expect(stdout).toContain('Baseline 2024 (scenarios/baseline-2024.yaml)');
    expect(stdout).toContain(
      'Target: total backlog <= 1,100 by 2024-12-31 (end of week 51, ISO 2024-W52, on 2024-12-29) with 90%\n  confidence',
    );
    expect(stdout).toContain('Lever: perWeek (capacity.perWeek, decisions/week), in steps of 1');
    const answer =
      /Answer: perWeek = (\d+) decisions\/week, probability (\d+\.\d)% \(95% interval (\d+\.\d)-(\d+\.\d)%\): its lower bound \d+\.\d\d% clears 90%\n/.exec(
        stdout,
      );
    expect(answer).not.toBeNull();
    const value = Number(answer![1]);
    expect(value).toBeGreaterThan(31);
    const [probability, low, high] = answer!.slice(2).map(Number);
    expect(low).toBeGreaterThanOrEqual(90);
    expect(low! < probability! && probability! < high!).toBe(true);
    expect(stdout).toMatch(
      new RegExp(
        '\\n  perWeek  probability  95% interval\\n' +
          `  ${value - 1} +\\d+\\.\\d% +\\d+\\.\\d-\\d+\\.\\d%  one step below: short of 90%\\n` +
          `  ${value} +${answer![2]}% +${answer![3]}-${answer![4]}%  the answer\\n` +
          `  ${value + 1} +\\d+\\.\\d% +\\d+\\.\\d-\\d+\\.\\d%  one step above\\n`,
      ),
    );
    expect(stdout).toMatch(
      new RegExp(
        `\\nA 95% interval of \\+/-1 percentage point at ${answer![2]}% takes [\\d,]+ replications \\(this search: 300\\)\\.\\n`,
      ),
    );
    expect(stdout).toMatch(
      /\nEvaluated \d values, in order \(probability, 95% interval\): 30 \(\d+\.\d%, \d+\.\d-\d+\.\d%\),/,
    );
    expect(stdout).not.toContain('cannot tell');
    expect(stdout).toContain('(1,440 - 1,100) / 52 weeks + 25.00 mean inflow a week = 31.54 decisions/week');
    expect(stdout).toMatch(
      new RegExp(`The simulated answer ${value} is \\d+\\.\\d\\d above the analytic 31\\.54 \\(\\+\\d+\\.\\d%\\)`),
    );
    expect(stdout).toContain('minimum');
    expect(stderr).toMatch(/caseload: {3}perWeek 30: probability \d+\.\d% \(95% interval \d+\.\d-\d+\.\d%\)\n/);
  });

  it('--json prints only the result as JSON in the documented shape', async () => {
    const { code, stdout, stderr } = await cli(...BASE, '--json', '--quiet');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({
      lever: 'perWeek',
      field: 'capacity.perWeek',
      value: expect.any(Number),
      probability: expect.any(Number),
      confidence: 0.9,
      target: { kind: 'backlog', backlog: 1100, date: '2024-12-31', week: 51, lanes: null },
      reps: 300,
      seed: 7,
    });
    expect(r.analyticRelief.perWeek).toBe((1440 - 1100) / 52 + 25);
    expect(r.comparison).toMatchObject({
      analytic: r.analyticRelief.perWeek,
      difference: expect.any(Number),
      percent: expect.any(Number),
    });
    const evaluation = {
      probability: expect.any(Number),
      successes: expect.any(Number),
      probabilityInterval: { low: expect.any(Number), high: expect.any(Number) },
    };
    expect(r.neighbours).toEqual([
      { value: r.value - 1, ...evaluation },
      { value: r.value + 1, ...evaluation },
    ]);
    expect(r.neighbours[0].probabilityInterval.low).toBeLessThan(0.9);
    expect(r.probability).toBeGreaterThanOrEqual(0.9);
    expect(r.probabilityInterval.low).toBeGreaterThanOrEqual(0.9);
    expect(r.probabilityInterval.high).toBeGreaterThanOrEqual(r.probability);
    expect(r.replicationsForOnePoint).toBe(replicationsForHalfWidth(r.probability));
    expect([r.undecided, r.cannotTell]).toEqual([null, false]);
    for (const e of r.evaluations) {
      expect(Object.keys(e).sort()).toEqual(['probability', 'probabilityInterval', 'successes', 'value']);
      expect(e.probability).toBe(e.successes / 300);
      const { low, high } = wilsonInterval(e.successes, 300);
      expect(e.probabilityInterval).toEqual({ low, high });
    }
    expect(r.evaluations).toContainEqual({
      value: r.value,
      probability: r.probability,
      successes: r.probability * 300,
      probabilityInterval: r.probabilityInterval,
    });
  });

  it('notes go to stderr, so --json without --quiet still prints clean JSON', async () => {
    const { code, stdout, stderr } = await cli(...BASE, '--json');
    expect(code).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stderr).toContain('evaluations of 300 replications');
  });

  it('gives the same answer for the same seed', async () => {
    const a = await cli(...BASE, '--quiet');
    const b = await cli(...BASE, '--quiet');
    expect(b.stdout).toBe(a.stdout);
  });

  it('--lever fte on the staff scenario gives FTE and the analytic relief in FTE', async () => {
    const { code, stdout } = await cli(
      'target',
      'scenarios/shared-staff.yaml',
      '--lever',
      'fte',
      '--backlog',
      '1800',
      '--by',
      '2024-12-31',
      '--reps',
      '200',
      '--workers',
      '1',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Answer: fte = \d+ FTE, probability/);
    expect(stdout).toMatch(
      /in FTE: x 12\.09 h per decision \(inflow-weighted\) \/ \(36\.0 h x 60% productive x calendar 0\.977\)/,
    );
    expect(stdout).toMatch(/The simulated answer \d+ is \d+\.\d\d (above|below) the analytic 149\.\d\d/);
  });

  it('says clearly when no value reaches the target, with exit code 0', async () => {
    const { code, stdout } = await cli(
      'target',
      'scenarios/baseline-2024.yaml',
      '--backlog',
      '10',
      '--by',
      '2024-02-01',
      '--max',
      '100',
      '--reps',
      '100',
      '--workers',
      '1',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('No value of perWeek up to 100 reaches 90%');
    const json = JSON.parse(
      (
        await cli(
          'target',
          'scenarios/baseline-2024.yaml',
          '--backlog',
          '10',
          '--by',
          '2024-02-01',
          '--max',
          '100',
          '--reps',
          '100',
          '--workers',
          '1',
          '--quiet',
          '--json',
        )
      ).stdout,
    );
    expect(json.value).toBeNull();
  });

  it('says when the replications cannot tell, and how many would: 20 of 20 is not 90% for sure, 35 are', async () => {
    const met = ['target', 'scenarios/baseline-2024.yaml', '--backlog', '5000', '--by', '2024-12-31', '--max', '40'];
    const few = await cli(...met, '--reps', '20', '--workers', '1', '--quiet');
    expect(few.code).toBe(0);
    const text = few.stdout.replace(/\n {2}/g, ' ');
    expect(text).toContain(
      'The replications cannot tell whether perWeek = 0 reaches 90%: its probability is 100.0% (95% interval 83.9-100.0%), and no value up to 40 clears 90% with its interval (at 40: 100.0%, 95% interval 83.9-100.0%).',
    );
    expect(text).toContain(
      'About 35 replications (this search: 20) would tell, if the probability stays near 100.0%: the fewest whose 95% interval is within the 10.0 points between it and 90%. +/-1 percentage point takes 381.',
    );
    expect(few.stdout).not.toContain('Answer:');
    // docs/cli.md shows these lines as printed (copied by hand: the test keeps the copy true).
    const lines = few.stdout.split('\n');
    const from = lines.findIndex((line) => line.startsWith('The replications cannot tell'));
    const shown = lines.slice(from, from + 5).join('\n');
    expect(shown).toMatch(/^The replications cannot tell[\s\S]*takes 381\.$/);
    expect(readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')).toContain(shown);
    const json = JSON.parse((await cli(...met, '--reps', '20', '--workers', '1', '--quiet', '--json')).stdout);
    expect(json).toMatchObject({ value: null, cannotTell: true, undecided: { value: 0, replicationsToSeparate: 35 } });
    const enough = await cli(...met, '--reps', '35', '--workers', '1', '--quiet');
    expect(enough.stdout).toContain(
      'Already met at the lowest value allowed: perWeek = 0 decisions/week gives probability 100.0% (95% interval 90.1-100.0%)',
    );
    expect(enough.stdout).not.toContain('cannot tell');
  });

  it('names the value that reaches the confidence on the estimate only, below the answer', async () => {
    // Seed 11, 400 replications, the plan taken as known: 33 a week gives 99.25% (397 of 400, interval 97.8-99.7%), 34 gives 100%.
    const { stdout } = await cli(
      'target',
      'scenarios/baseline-2024.yaml',
      '--no-uncertainty',
      '--backlog',
      '1100',
      '--by',
      '2024-12-31',
      '--confidence',
      '0.9875',
      '--reps',
      '400',
      '--seed',
      '11',
      '--workers',
      '1',
      '--quiet',
    );
    // Sentences wrap at 100 characters with an indent of two spaces.
    const text = stdout.replace(/\n {2}/g, ' ');
    expect(text).toContain('with 98.75% confidence');
    expect(text).toContain(
      'Answer: perWeek = 34 decisions/week, probability 100.0% (95% interval 99.0-100.0%): its lower bound 99.05% clears 98.75%',
    );
    expect(stdout).toMatch(
      /\n {2}33 +99\.3% +97\.8-99\.7% {2}one step below: 98\.75% on the estimate, not with its interval\n/,
    );
    expect(text).toContain(
      'perWeek = 33 reaches 98.75% on the estimate, 99.3% (95% interval 97.8-99.7%), but its interval does not clear it: the replications cannot tell whether 33 is enough.',
    );
    expect(text).toContain(
      `About 1,897 replications (this search: 400) would tell, if the probability stays near 99.3%: the fewest whose 95% interval is within the 0.5 points between it and 98.75%. +/-1 percentage point takes 661.`,
    );
  });

  it('each bad argument exits 2 with one message naming the flag, and no stack trace', async () => {
    const cases: [string[], string][] = [
      [['--lever', 'capacity.perWek'], '--lever: capacity.perWek: unknown key "perWek" (did you mean "perWeek"?)'],
      [['--lever', 'perweek'], '--lever: unknown lever "perweek" (did you mean "perWeek"?)'],
      [['--lever', 'FTE'], '--lever: unknown lever "FTE" (did you mean "fte"?)'],
      [['--lever', 'lanes.regulr.share'], '--lever: lanes.regulr: unknown lane "regulr" (did you mean "regular"?)'],
      [
        ['--lever', 'capacity.staff.fte'],
        '--lever: capacity.staff.fte needs a scenario whose capacity is a staff pool',
      ],
      [['--lever', 'capacity.unit'], '--lever: capacity.unit: is one of: decisions, hours, not a number'],
      [['--confidence', '1.5'], '--confidence: must be between 0 and 1, got 1.5'],
      [['--confidence', '0'], '--confidence: must be between 0 and 1'],
      [['--confidence', 'high'], '--confidence: must be a number, got "high"'],
      [['--backlog', '-10'], '--backlog: must not be negative, got -10'],
      [['--backlog', 'lots'], '--backlog: must be a number, got "lots"'],
      [['--by', '2024-13-01'], '--by: must be a real date, got "2024-13-01"'],
      [['--by', '31-12-2024'], '--by: must be a real date'],
      [['--by', '2025-06-30'], "--by: 2025-06-30 is after the end of the scenario's horizon"],
      [['--reps', 'ten'], '--reps: must be a number, got "ten"'],
      [['--reps', '0'], '--reps: '],
      [['--seed', 'abc'], '--seed: must be a number'],
      [['--seed', '-4'], '--seed: '],
      [['--workers', '0'], '--workers: must be a whole number from 1 to 256'],
      [['--step', '-1'], '--step: must be above 0'],
      [['--lanes', 'safe-contry'], '--lanes: safe-contry: no lane named "safe-contry" (did you mean "safe-country"?)'],
      [['--lanes', 'regular,'], '--lanes: has an empty lane name in "regular,"'],
      [['--lead-time', '120', '--by', '2024-12-31'], '--by: is for a backlog target'],
      [['--lead-time', '120', '--backlog', '900'], '--backlog: cannot go with --lead-time'],
      [
        ['--lead-time-p90', '120', '--percentile', '80'],
        '--lead-time-p90: is shorthand for --lead-time 120 --percentile 90',
      ],
      [['--lead-time', '120', '--percentile', '0'], '--percentile: must be between 0 and 100, got 0'],
      [['--lead-time', '120', '--filed-to', '2024-11-01'], '--filed-to: cases filed in week 43'],
      [['--lead-time', '400'], '--lead-time: leaves no cases to count'],
      [['--filed-from', '2024-01-01'], '--filed-from: is for a lead-time target'],
    ];
    for (const [flags, message] of cases) {
      const { code, stdout, stderr } = await cli('target', 'scenarios/baseline-2024.yaml', '--quiet', ...flags);
      expect(code, flags.join(' ')).toBe(2);
      expect(stdout, flags.join(' ')).toBe('');
      expect(stderr, flags.join(' ')).toContain(message);
      expect(stderr.trim().split('\n'), flags.join(' ')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--lanes: the backlog of some lanes together, without the analytic relief', async () => {
    const { code, stdout } = await cli(
      ...BASE.map((flag) => (flag === '1100' ? '1000' : flag)),
      '--lanes',
      'regular,safe-country',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Target: backlog of safe-country and regular together <= 1,000 by 2024-12-31 (end of week 51, ISO\n  2024-W52, on 2024-12-29) with 90% confidence',
    );
    expect(stdout).toMatch(/\nAnswer: perWeek = \d+ decisions\/week, probability /);
    expect(stdout).toContain("Analytic relief: not given for a target on some lanes (the planners' mean-value");
  });

  it("--lead-time-p90 with --lanes: the P90 lead time of those lanes' cases, in text and JSON", async () => {
    const flags = ['target', 'scenarios/baseline-2024.yaml', '--lead-time-p90', '120', '--lanes', 'safe-country'];
    const { code, stdout } = await cli(...flags, '--reps', '300', '--seed', '7', '--quiet', '--workers', '1');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Target: P90 lead time <= 120 days (17 whole weeks) with 90% confidence, of the cases of safe-country\n' +
        '  filed from 2024-01-01 to 2024-09-01 (weeks 0 to 34)',
    );
    expect(stdout).toMatch(/\nAnswer: perWeek = \d+ decisions\/week, probability /);
    const json = JSON.parse((await cli(...flags, '--reps', '300', '--seed', '7', '--json', '--quiet')).stdout);
    expect(json.target).toEqual({
      kind: 'leadTime',
      days: 120,
      percentile: 90,
      withinWeeks: 17,
      filedFrom: '2024-01-01',
      filedTo: '2024-09-01',
      fromWeek: 0,
      toWeek: 34,
      lanes: ['safe-country'],
    });
    const same = JSON.parse(
      (
        await cli(
          ...flags.slice(0, 2),
          '--lead-time',
          '120',
          '--percentile',
          '90',
          '--lanes',
          'safe-country',
          '--reps',
          '300',
          '--seed',
          '7',
          '--json',
          '--quiet',
        )
      ).stdout,
    );
    expect(same.value).toBe(json.value);
  });

  it('needs --backlog and --by when the scenario names no target; a missing file is exit 2', async () => {
    const none = await cli('target', 'scenarios/shared-staff.yaml', '--lever', 'fte', '--quiet');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--backlog: is required');
    expect(none.stderr).toContain('--by: is required');
    const missing = await cli('target', 'no/such.yaml', '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such.yaml');
    const unknown = await cli('target', 'scenarios/baseline-2024.yaml', '--levr', 'fte');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown argument');
  });
});
