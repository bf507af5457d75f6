import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { edit, messages, VALID } from './helpers.js';

async function scratch(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-hostile-values-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('YAML tags outside the core schema', () => {
  it('!!omap and !!pairs are located input errors (was: "internal error: unexpected YAML node", exit 1)', async () => {
    expect(messages(edit('name: Test', 'name: !!omap [a: 1, b: 2]'))).toEqual([
      'x.yaml:1:7: name: YAML tag !!omap is not supported: write a plain mapping',
    ]);
    expect(messages(edit('    share: 0.8', '    share: !!pairs\n      - a: 1\n      - a: 2'))).toEqual([
      'x.yaml:13:12: lanes.regular.share: YAML tag !!pairs is not supported: write a plain mapping',
    ]);
    const dir = await scratch({ 'x.yaml': edit('name: Test', 'name: !!omap [a: 1]') });
    const result = await cli('validate', join(dir, 'x.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${join(dir, 'x.yaml')}:1:7: name: YAML tag !!omap is not supported: write a plain mapping\n`,
    );
  });

  it('!!set, !!binary, !!timestamp and a tag of our own are refused, each at its tag (was: read as a mapping, bytes, a date or text)', () => {
    expect(messages(edit('name: Test', 'name: !!set {a, b}'))).toEqual([
      'x.yaml:1:7: name: YAML tag !!set is not supported: write a list',
    ]);
    expect(messages(edit('name: Test', 'name: !!binary VGVzdA=='))).toEqual([
      'x.yaml:1:7: name: YAML tag !!binary is not supported: write plain text',
    ]);
    expect(messages(edit('start: 2024-01-01', 'start: !!timestamp 2024-01-01'))).toEqual([
      'x.yaml:2:8: start: YAML tag !!timestamp is not supported: write the date as YYYY-MM-DD, without the tag',
    ]);
    expect(messages(edit('name: Test', 'name: &n !include other.yaml'))).toEqual([
      'x.yaml:1:10: name: YAML tag !include is not supported: leave the tag out',
    ]);
    expect(messages(edit('name: Test', 'name: !<tag:example.com,2024:x> Test'))).toEqual([
      'x.yaml:1:7: name: YAML tag !<tag:example.com,2024:x> is not supported: leave the tag out',
    ]);
    expect(messages(edit('name: Test', '!secret name: Test'))).toEqual([
      'x.yaml:1:1: name: YAML tag !secret is not supported: leave the tag out',
    ]);
    expect(messages(`--- !scenario\n${VALID}`)).toEqual([
      'x.yaml:1:5: YAML tag !scenario is not supported: leave the tag out',
    ]);
  });

  it('a value under an alias with a tag is reported once', () => {
    expect(messages(edit('name: Test', 'name: Test\ndescription: &d !x text\nx: [*d, *d, *d]'))).toEqual([
      'x.yaml:2:17: description: YAML tag !x is not supported: leave the tag out',
    ]);
  });

  it('a core tag the value does not fit is refused (was: "must be a whole number, got "12"" for !!float 12)', () => {
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: !!int many'))).toEqual([
      'x.yaml:3:15: horizonWeeks: YAML tag !!int does not fit the value "many": leave the tag out',
    ]);
  });

  it('the core tags are read as without them', () => {
    expect(messages(edit('name: Test', 'name: !!str 12'))).toEqual([]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: !!int 52'))).toEqual([]);
    expect(messages(edit('name: Test', 'name: ! Test'))).toEqual([]);
    expect(messages(edit('inflow:', 'inflow: !!map'))).toEqual([]);
  });
});
