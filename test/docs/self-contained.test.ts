import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

/**
 * The repository explains itself: no tracked file points at notes that live
 * outside it, every relative link of the docs leads to a file in it, and the
 * README stays a front door. The names below are put together from pieces so
 * that this file does not mention them itself.
 */
const OUTSIDE = ['..' + '/shared', 'DOMAIN' + '.md', 'MODEL' + '.md', 'STYLE' + '.md', 'seeds' + '/'];

function trackedFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter((file) => file !== '' && file !== 'package-lock.json' && existsSync(join(ROOT, file)));
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** The markdown files a reader walks: the README and docs/*.md. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

/** Link targets of a markdown text, outside code blocks and code spans: [text](target), ![alt](target) and [label]: target. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
  const references = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]!);
  return [...inline, ...references];
}

describe('the repository is self-contained', () => {
  it('no tracked file mentions notes outside the repository', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(50);
    const mentions: string[] = [];
    for (const file of files) {
      const content = readFileSync(join(ROOT, file));
      if (isBinary(content)) continue;
      const lines = content.toString('utf8').split('\n');
      lines.forEach((line, i) => {
        for (const name of OUTSIDE) if (line.includes(name)) mentions.push(`${file}:${i + 1}: ${name}`);
      });
    }
    expect(mentions).toEqual([]);
  });

  it('every relative link in README.md and docs/*.md leads to a file in the repository', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of markdownFiles()) {
      for (const target of linkTargets(readFileSync(join(ROOT, file), 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        const path = resolve(ROOT, dirname(file), decodeURI(target.split('#')[0]!));
        const inside = !relative(ROOT, path).startsWith('..');
        checked++;
        if (!inside || !existsSync(path)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('every source path that README.md, docs/*.md and scripts/ name exists (a .js import names its .ts)', () => {
    const missing: string[] = [];
    let checked = 0;
    const sources = [...markdownFiles(), ...readdirSync(join(ROOT, 'scripts')).map((name) => `scripts/${name}`)];
    for (const file of sources) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/\b((?:src|test|bench|scripts)\/[A-Za-z0-9_./-]*[A-Za-z0-9_/])/g)) {
        const path = match[1]!.replace(/\/$/, '');
        if (path.includes('*')) continue;
        checked++;
        const exists = existsSync(join(ROOT, path)) || existsSync(join(ROOT, path.replace(/\.js$/, '.ts')));
        if (!exists) missing.push(`${file}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('the README is a front door: at most 300 lines, with the two Quick start commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(300);
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(quickStart).toMatch(/^npm install && npm start$/m);
    expect(quickStart).toMatch(/^npm test$/m);
  });
});
