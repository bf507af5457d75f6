import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, uncostedPlan } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-report-cli-'));
const charts = (html: string) => [...html.matchAll(/<svg [^>]*data-chart="([a-z-]+)"/g)].map((m) => m[1]);

describe('caseload report', () => {
  it('writes one self-contained HTML file with the charts (the baseline explains its band), the tables and provenance', async () => {
    const dir = await tempDir();
    const file = join(dir, 'report.html');
    const { code, stdout, stderr } = await cli(
      'report',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '100',
      '--workers',
      '1',
      '--out',
      file,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote the report to ${file}\n`);
    expect(stderr).toContain('100 replications');
    const html = await readFile(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(charts(html)).toEqual(['fan', 'lanes', 'decisions', 'lead-time', 'variance', 'tornado']);
    expect(html).toContain('<title>Baseline 2024: caseload report</title>');
    for (const id of ['key-figures', 'band', 'summary', 'assumptions', 'provenance'])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain('@media print');
    expect(html).toContain('decision memo: inflow about 25 per week');
    expect(html).toMatch(/scenario hash \(sha256\)<\/dt><dd><code>[0-9a-f]{64}<\/code>/);
    expect(html).not.toMatch(/NaN|Infinity|undefined|<script/);
    expect(await readdir(dir)).toEqual(['report.html']);
  });

  it('with options, adds the options chart and table, the base first', async () => {
    const dir = await tempDir();
    const file = join(dir, 'options.html');
    const { code } = await cli(
      'report',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/40-per-week.yaml',
      '--reps',
      '100',
      '--workers',
      '1',
      '--quiet',
      '--out',
      file,
    );
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(charts(html)).toEqual(['fan', 'lanes', 'decisions', 'lead-time', 'options']);
    expect(html).toContain('data-series="option:40 a week"');
    expect(html).toMatch(/<section id="options">[\s\S]*40 a week[\s\S]*<\/section>/);
    // Provenance names every option's scenario hash, the base's first.
    expect(html).toMatch(
      /scenario hashes of the options<\/dt><dd>Plan 2024: <code>[0-9a-f]{64}<\/code><br>40 a week: <code>[0-9a-f]{64}<\/code><\/dd>/,
    );
  });

  it("every option's row has its own capacity (its own pools too), realised beside planned, FTE and cost; and what it changes", async () => {
    const dir = await tempDir();
    // The plan without a cost, so that the option's cost is its FTE's alone.
    const plan = await uncostedPlan();
    const option = join(dir, 'triage-fte.yaml');
    await writeFile(
      option,
      [
        `extends: ${plan}`,
        'name: One triage FTE',
        'lanes:',
        '  incomplete:',
        '    minWaitWeeks: 2        # assumption: checked within two weeks',
        '    hoursPerDecision: 4    # assumption: a file check',
        '    capacity:',
        '      staff: { fte: 1, hoursPerFteWeek: 36, productiveShare: 0.6, costPerFteYear: 85000 }   # assumption: one FTE',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'options.html');
    const { code } = await cli(
      'compare',
      plan,
      option,
      'scenarios/baseline-2024-holidays.yaml',
      '--reps',
      '100',
      '--workers',
      '1',
      '--quiet',
      '--report',
      file,
    );
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    const section = html.slice(
      html.indexOf('<section id="options">'),
      html.indexOf('</section>', html.indexOf('<section id="options">')),
    );
    const row = (label: string) => {
      const start = section.indexOf(`<tr><td>${label}`);
      return section.slice(start, section.indexOf('</tr>', start)).replace(/<[^>]+>/g, '|');
    };
    const cells = (label: string) =>
      row(label)
        .split('|')
        .filter((cell) => cell !== '');
    // The option: its own FTE in the capacity, more capacity than the base, its FTE, its cost and its price per extra decision.
    const fte = cells('One triage FTE');
    expect(fte).toContain('1,600 decisions a year + incomplete: 1 FTE (21.6 h a week)');
    expect(fte).toContain('1,881');
    expect(fte).toContain('1.0');
    expect(fte).toContain('85,000');
    expect(fte.some((cell) => /^\+\d{3}$/.test(cell))).toBe(true);
    // The holidays: planned 1,600 as the base, realised less.
    const holidays = cells('Baseline 2024 with holidays');
    expect(holidays).toContain('1,600');
    const realised = Number(holidays[holidays.indexOf('1,600') + 1]!.replace(/,/g, ''));
    expect(realised).toBeLessThan(1590);
    expect(section).toContain('the shared capacity (');
    // What each option changes against the base, with its note and where it was written.
    const changes = section.slice(section.indexOf('What each option changes'));
    expect(changes).toMatch(/<code>lanes\.incomplete\.minWaitWeeks<\/code><\/td><td>8<\/td><td>2<\/td>/);
    expect(changes).toContain(
      '<code>lanes.incomplete.capacity.staff.costPerFteYear</code></td><td>–</td><td>85000</td>',
    );
    expect(changes).toContain('assumption: checked within two weeks');
    expect(changes).toMatch(/<code>calendar\[0\]\.from<\/code>/);
    expect(changes).not.toContain('<code>name</code>');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('--deterministic draws the expected-value path, with no bands to speak of', async () => {
    const file = join(await tempDir(), 'det.html');
    const { code } = await cli('report', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet', '--out', file);
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('deterministic (expected values, one path)');
    expect(html).toContain('<strong>1,140</strong>');
  });

  it('run --report and compare --report write the same kind of report beside their usual output', async () => {
    const dir = await tempDir();
    const run = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '50',
      '--workers',
      '1',
      '--quiet',
      '--report',
      join(dir, 'run.html'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Total backlog at the end of the week');
    expect(charts(await readFile(join(dir, 'run.html'), 'utf8'))).toEqual([
      'fan',
      'lanes',
      'decisions',
      'lead-time',
      'variance',
      'tornado',
    ]);
    const compare = await cli(
      'compare',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/30-per-week.yaml',
      '--reps',
      '50',
      '--workers',
      '1',
      '--quiet',
      '--report',
      join(dir, 'compare.html'),
    );
    expect(compare.code).toBe(0);
    expect(compare.stdout).toContain('30 a week');
    expect(charts(await readFile(join(dir, 'compare.html'), 'utf8'))).toContain('options');
  });

  it('refuses bad arguments with exit 2 and one clear line each, before any work and without writing', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'sub'));
    const cases: [string[], RegExp][] = [
      [['report', 'scenarios/baseline-2024.yaml'], /Missing required argument: out|Name the file: --out report\.html/],
      [
        ['report', 'scenarios/baseline-2024.yaml', '--out', join(dir, 'sub')],
        /--out: ".*sub" is a directory \(a file name\)/,
      ],
      [['report', 'scenarios/baseline-2024.yaml', '--out', ''], /--out: must name a file, got an empty string/],
      [
        [
          'report',
          'scenarios/baseline-2024.yaml',
          'scenarios/options-2024/40-per-week.yaml',
          '--deterministic',
          '--out',
          join(dir, 'x.html'),
        ],
        /--deterministic: cannot be combined with options/,
      ],
      [
        ['report', 'scenarios/baseline-2024.yaml', '--reps', 'many', '--out', join(dir, 'x.html')],
        /--reps: must be a number, got "many"/,
      ],
      [['report', 'scenarios/no-such-file.yaml', '--out', join(dir, 'x.html')], /no-such-file\.yaml/],
      [
        [
          'run',
          'scenarios/baseline-2024.yaml',
          '--shard',
          '1/2',
          '--out',
          join(dir, 'shards'),
          '--report',
          join(dir, 'x.html'),
        ],
        /--report: cannot be combined with --shard/,
      ],
      [
        ['compare', 'scenarios/options-2024/plan-2024.yaml', '--report', join(dir, 'sub')],
        /--report: ".*sub" is a directory/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, stdout } = await cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
      expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(stdout).toBe('');
    }
    expect(await readdir(dir)).toEqual(['sub']);
  });

  it('escapes what the scenario says: a name, description or comment with markup stays text', async () => {
    const dir = await tempDir();
    const base = await readFile('scenarios/baseline-2024.yaml', 'utf8');
    const hostile = base
      .replace('name: Baseline 2024', 'name: "<script>alert(1)</script> & co"')
      .replace(
        'meanPerWeek: 25          # decision memo',
        'meanPerWeek: 25          # </td><script>x()</script> decision memo',
      );
    expect(hostile).not.toBe(base);
    await (await import('node:fs/promises')).writeFile(
      join(dir, 'x.yaml'),
      hostile.replace('$schema=./schema.json', ''),
    );
    const file = join(dir, 'r.html');
    const { code, stderr } = await cli(
      'report',
      join(dir, 'x.yaml'),
      '--reps',
      '20',
      '--workers',
      '1',
      '--quiet',
      '--out',
      file,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script|<\/td><script/i);
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt; decision memo');
  });

  it('a report path that cannot be written is an input error, and leaves nothing behind', async () => {
    const dir = await tempDir();
    const blocked = join(dir, 'file');
    await (await import('node:fs/promises')).writeFile(blocked, 'not a directory');
    const { code, stderr } = await cli(
      'report',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '20',
      '--workers',
      '1',
      '--quiet',
      '--out',
      join(blocked, 'report.html'),
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `--out: cannot write "${join(blocked, 'report.html')}": a part of the path is a file, not a directory ("${blocked}") (a file in a directory you can write to)\n`,
    );
    expect(await readdir(dir)).toEqual(['file']);
  });
});

describe('warnings about the scenario in the report', () => {
  /** A folder whose name needs escaping in HTML, with a baseline that plans 1.600 decisions a year (read as 1.6). */
  async function dutchScenario(): Promise<{ dir: string; dutch: string; where: string }> {
    const dir = join(await tempDir(), 'r&d <plans>');
    await mkdir(dir);
    const dutch = join(dir, 'dutch.yaml');
    await writeFile(
      dutch,
      `extends: ${resolve('scenarios/baseline-2024.yaml')}\nname: Dutch\ncapacity:\n  perYear: 1.600\n`,
    );
    return { dir, dutch, where: `${dutch}:4:12` };
  }
  const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const section = (html: string) => {
    const start = html.indexOf('<section id="warnings"');
    return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
  };
  const FAST = ['--reps', '20', '--workers', '1', '--quiet'];

  it('run --report and report show each warning near the top, with its file, line and column, field and the value likely meant', async () => {
    const { dir, dutch, where } = await dutchScenario();
    for (const args of [
      ['run', dutch, ...FAST, '--report', join(dir, 'run.html')],
      ['report', dutch, ...FAST, '--out', join(dir, 'report.html')],
    ]) {
      const { code, stderr } = await cli(...args);
      expect(code, args[0]).toBe(0);
      expect(stderr, args[0]).toContain(`warning: ${where}: capacity.perYear: 1.600 is read as 1.6`);
      const html = await readFile(args.at(-1)!, 'utf8');
      const warnings = section(html);
      expect(warnings, args[0]).toContain('<h2>Warnings about the scenario</h2>');
      expect(warnings).toContain(`<code>${escaped(where)}</code>`);
      expect(warnings).toContain('<code>capacity.perYear</code>');
      expect(warnings).toContain('1.600 is read as 1.6 (a dot is a decimal point): did you mean 1,600?');
      expect(warnings).not.toContain('r&d <plans>');
      // Near the top: after the title, before the key figures.
      expect(html.indexOf('<section id="warnings"')).toBeGreaterThan(html.indexOf('</header>'));
      expect(html.indexOf('<section id="warnings"')).toBeLessThan(html.indexOf('<section id="key-figures"'));
    }
  });

  it('compare --report names the option whose scenario has the warning, and only that one', async () => {
    const { dir, dutch, where } = await dutchScenario();
    const faster = join(dir, 'faster.yaml');
    await writeFile(
      faster,
      `extends: ${resolve('scenarios/baseline-2024.yaml')}\nname: Faster\ncapacity:\n  perWeek: 40\n`,
    );
    const file = join(dir, 'compare.html');
    const { code } = await cli('compare', 'scenarios/baseline-2024.yaml', faster, dutch, ...FAST, '--report', file);
    expect(code).toBe(0);
    const warnings = section(await readFile(file, 'utf8'));
    expect(warnings).toContain(`<code>${escaped(where)}</code>`);
    expect(warnings).toMatch(/<td>Dutch<\/td>/);
    expect(warnings).not.toContain('Faster');
    expect(warnings).not.toContain('Baseline 2024');
  });

  it('a scenario without warnings has no warnings section (and no style for one)', async () => {
    const file = join(await tempDir(), 'plain.html');
    const { code } = await cli('report', 'scenarios/baseline-2024.yaml', ...FAST, '--out', file);
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).not.toContain('id="warnings"');
    expect(html).not.toMatch(/warning/i);
  });

  it('with --strict nothing is written', async () => {
    const { dir, dutch } = await dutchScenario();
    const file = join(dir, 'strict.html');
    const { code } = await cli('run', dutch, ...FAST, '--report', file, '--strict');
    expect(code).toBe(2);
    expect(await readdir(dir)).toEqual(['dutch.yaml']);
  });
});
