import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_DOC_FILE, HELP_BLOCKS, helpText, withFreshHelp } from '../../scripts/gen-cli-docs.js';

describe('docs/cli.md shows the real --help of every command (regenerate with npm run docs:cli)', () => {
  it('every help block is the current --help text', async () => {
    const markdown = readFileSync(CLI_DOC_FILE, 'utf8');
    expect(markdown).toBe(await withFreshHelp(markdown));
  });

  it('has a block for every command that caseload --help lists', async () => {
    const overview = await helpText('caseload');
    const commands = [...overview.matchAll(/^ {2}caseload (\w+)/gm)].map((match) => match[1]);
    expect(commands.length).toBeGreaterThanOrEqual(10);
    expect([...HELP_BLOCKS].filter((block) => block !== 'caseload').sort()).toEqual(commands.sort());
  });
});
