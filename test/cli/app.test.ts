import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageData } from '../../src/app/page/page-data.js';
import type { AppData } from '../../src/app/protocol.js';
import { cli, ROOT } from './helpers.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'caseload-app-cli-'));

/** The JSON of the page's script element with this id. */
function embedded<T>(html: string, id: string): T {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (match === null) throw new Error(`no script element ${id}`);
  return JSON.parse(match[1]!) as T;
}

describe('caseload app', () => {
  it('writes one self-contained page with the presets, every file they read, and the page and worker code', async () => {
    const dir = await tempDir();
    const out = join(dir, 'what-if.html');
    const { code, stdout, stderr } = await cli(
      'app',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/variants.yaml#40-per-week',
      '--reps',
      '300',
      '--seed',
      '5',
      '--lang',
      'nl',
      '--out',
      out,
    );
    expect(stderr).toContain('300 replications, seed 5');
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote the what-if page to ${out}\n`);
    expect(await readdir(dir)).toEqual(['what-if.html']);
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<meta name="generator" content="caseload [^"]+">/);
    // No address outside the file: no src or href, no http(s) URL the browser would load.
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:|\/\/)/i);
    // The only address at all is the SVG namespace, a name that is never fetched.
    expect([...new Set(html.match(/\b(https?|wss?|ftp):\/\/[^\s"'`)\\]*/g))]).toEqual(['http://www.w3.org/2000/svg']);
    const data = embedded<AppData>(html, 'caseload-data');
    expect(data.lang).toBe('nl');
    expect(data.replications).toBe(300);
    expect(data.seed).toBe(5);
    expect(data.presets).toEqual([
      { label: 'Plan 2024', path: 'scenarios/options-2024/plan-2024.yaml' },
      { label: '40 a week', path: 'scenarios/options-2024/variants.yaml#40-per-week' },
    ]);
    const page = embedded<PageData>(html, 'caseload-page');
    expect(page.presets.map((p) => [p.scenario.name, p.fileName, p.variant?.name ?? null])).toEqual([
      ['Plan 2024', 'plan-2024.yaml', null],
      ['40 a week', 'variants.yaml', '40-per-week'],
    ]);
    expect(page.presets[1]!.variant!.fields).toEqual({ name: '40 a week', capacity: { perWeek: 40 } });
    expect(page.presets[1]!.scenario.replications).toBe(300);
    // Every file of both chains, as read.
    expect(Object.keys(data.files).sort()).toEqual(
      expect.arrayContaining([
        'scenarios/options-2024/plan-2024.yaml',
        'scenarios/options-2024/variants.yaml',
        expect.stringMatching(/baseline-2024\.yaml$/),
      ]),
    );
    expect(data.files['scenarios/options-2024/plan-2024.yaml']).toBe(
      await readFile(join(ROOT, 'scenarios/options-2024/plan-2024.yaml'), 'utf8'),
    );
    const worker = embedded<string>(html, 'caseload-worker');
    expect(worker.length).toBeGreaterThan(10_000);
  });

  it('keeps a scenario text with </script> and <!-- inside its script element', async () => {
    const dir = await tempDir();
    const base = await readFile(join(ROOT, 'scenarios/baseline-2024.yaml'), 'utf8');
    const hostile = base.replace(
      /^name: .*$/m,
      'name: "A </script><script>alert(1)</script> <!-- plan"\n# ends </SCRIPT > here -->',
    );
    const scenario = join(dir, 'hostile.yaml');
    await writeFile(scenario, hostile);
    const out = join(dir, 'what-if.html');
    const { code, stderr } = await cli('app', scenario, '--reps', '100', '--quiet', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = await readFile(out, 'utf8');
    // Exactly the page's four script elements: none ended or opened by the scenario's text.
    expect(html.match(/<script/gi)).toHaveLength(4);
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html.match(/<!--/g)).toBeNull();
    const data = embedded<AppData>(html, 'caseload-data');
    expect(data.files[scenario]).toBe(hostile);
    expect(data.presets[0]!.label).toBe('A </script><script>alert(1)</script> <!-- plan');
  });

  it('refuses bad input with exit 2 and every problem, and writes nothing', async () => {
    const dir = await tempDir();
    const out = join(dir, 'what-if.html');
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      (await readFile(join(ROOT, 'scenarios/baseline-2024.yaml'), 'utf8')).replace(
        'meanPerWeek: 25',
        'meanPerWeek: -5',
      ),
    );
    const { code, stdout, stderr } = await cli(
      'app',
      'scenarios/baseline-2024.yaml',
      bad,
      'scenarios/missing.yaml',
      '--out',
      out,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.yaml:\d+:\d+: inflow\.meanPerWeek: must not be negative, got -5/);
    expect(stderr).toContain('scenarios/missing.yaml');
    expect(await readdir(dir)).toEqual(['bad.yaml']);

    const flags = await cli('app', 'scenarios/baseline-2024.yaml', '--lang', 'fr', '--reps', 'many', '--out', out);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--lang: must be one of en, nl, got "fr" (nl for Dutch, en for English)');
    expect(flags.stderr).toContain('--reps: must be a number, got "many"');
    expect(await readdir(dir)).toEqual(['bad.yaml']);
  });

  it('replaces an earlier page only with --force, never a file caseload did not write nor an input', async () => {
    const dir = await tempDir();
    const out = join(dir, 'what-if.html');
    const args = ['app', 'scenarios/baseline-2024.yaml', '--reps', '100', '--quiet', '--out', out];
    expect((await cli(...args)).code).toBe(0);
    const again = await cli(...args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--out: .*what-if\.html.*--force/);
    expect((await cli(...args, '--force')).code).toBe(0);

    const mine = join(dir, 'notes.html');
    await writeFile(mine, '<p>my own notes</p>');
    const theirs = await cli('app', 'scenarios/baseline-2024.yaml', '--force', '--out', mine);
    expect(theirs.code).toBe(2);
    expect(await readFile(mine, 'utf8')).toBe('<p>my own notes</p>');

    const input = await cli('app', 'scenarios/baseline-2024.yaml', '--force', '--out', 'scenarios/baseline-2024.yaml');
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('input');
  });
});
