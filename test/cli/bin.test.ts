import { describe, expect, it } from 'vitest';
import { spawnCli } from './helpers.js';

describe('the caseload bin', () => {
  it('--version prints the package version', () => {
    const { code, stdout } = spawnCli('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help lists the commands', () => {
    const { code, stdout } = spawnCli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('caseload run <scenario>');
    expect(stdout).toContain('caseload validate <scenario>');
  });

  it('a bad scenario exits 2 with one message and no stack trace', () => {
    const { code, stderr, stdout } = spawnCli('run', 'no/such/file.yaml');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('no/such/file.yaml');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the deterministic baseline projection', () => {
    const { code, stdout } = spawnCli('run', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet');
    expect(code).toBe(0);
    expect(stdout).toMatch(/2024-12-29\s+51\s+2024-W52\s+1,140/);
  });
});
