import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import {
  folderOfRun,
  MUTATED_FOLDERS,
  measuredRuns,
  type Report,
  readBaselines,
  readFloors,
  type ReportMutant,
  scoreBlockOf,
  scoreTable,
  survivorList,
  type Tally,
  tallyByFolder,
  withScoreBlock,
} from './score.js';

function mutant(status: string, line = 1, replacement = 'x'): ReportMutant {
  return {
    id: `${status}${line}`,
    mutatorName: 'ArithmeticOperator',
    replacement,
    status,
    location: { start: { line, column: 3 } },
  };
}

describe('the mutation score of a report', () => {
  const report: Report = {
    files: {
      'src/engine/step.ts': {
        mutants: [mutant('Killed'), mutant('Killed'), mutant('Timeout'), mutant('Survived', 9, 'a\n  - b')],
      },
      'src/scenario/compile/pools.ts': { mutants: [mutant('NoCoverage', 4), mutant('CompileError'), mutant('Killed')] },
      'src/scenario/load.ts': { mutants: [mutant('Survived')] },
      'src/stats/crps.ts': {
        mutants: [
          mutant('Ignored'),
          { ...mutant('Ignored'), statusReason: 'Static mutant (and "ignoreStatic" was enabled)' },
          mutant('RuntimeError'),
        ],
      },
    },
  };

  it('counts detected (killed, timed out) over detected and undetected (survived, not covered), by folder', () => {
    const tallies = tallyByFolder(report);
    expect(tallies.get('src/engine')).toMatchObject({ killed: 2, timeout: 1, survived: 1, score: 75 });
    expect(tallies.get('src/scenario/compile')).toMatchObject({ killed: 1, noCoverage: 1, compileError: 1, score: 50 });
    expect(tallies.get('src/stats')).toMatchObject({ ignored: 1, static: 1, other: 1, score: 0 });
    expect(tallies.get('total')).toMatchObject({
      killed: 3,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      score: (100 * 4) / 6,
    });
    expect([...tallies.keys()]).toEqual([...MUTATED_FOLDERS, 'total']);
  });

  it('leaves out files outside the mutated folders', () => {
    expect(tallyByFolder(report).get('total')!.survived).toBe(1);
    expect(survivorList(report)).not.toContain('load.ts');
  });

  it('floors the score in the table, so 89.99% never shows as 90.0%', () => {
    const files: Report['files'] = {
      'src/random/a.ts': { mutants: [...Array.from({ length: 8999 }, () => mutant('Killed')), mutant('Survived')] },
    };
    files['src/random/a.ts']!.mutants.push(...Array.from({ length: 1000 }, () => mutant('Survived')));
    const table = scoreTable(tallyByFolder({ files }));
    expect(table).toContain('| `src/random/` | 8999 | 0 | 1001 | 0 | 0 | 0 | 0 | 89.9% |');
  });

  it('lists each survivor by place, mutator and replacement on one line', () => {
    expect(survivorList(report).split('\n')).toEqual([
      'src/engine/step.ts:9:3 Survived ArithmeticOperator: a - b',
      'src/scenario/compile/pools.ts:4:3 NoCoverage ArithmeticOperator: x',
    ]);
  });

  it('puts the table between the markers of a document and reads it back', () => {
    const doc = 'before\n<!-- mutation-score:begin -->\nold\n<!-- mutation-score:end -->\nafter\n';
    const written = withScoreBlock(doc, '| new |');
    expect(written).toBe('before\n<!-- mutation-score:begin -->\n| new |\n<!-- mutation-score:end -->\nafter\n');
    expect(scoreBlockOf(written)).toBe('| new |');
    expect(() => withScoreBlock('no markers', 'x')).toThrow(/mutation-score:begin/);
  });
});

describe('the committed baselines (test/mutation/<folder>.json)', () => {
  const tallies = (): Map<string, Tally> => tallyByFolder(readBaselines(ROOT));

  it('is what docs/development.md states (npm run mutation:score -- --write)', () => {
    const doc = readFileSync(join(ROOT, 'docs/development.md'), 'utf8');
    expect(scoreBlockOf(doc)).toBe(scoreTable(tallies()));
  });

  it('has a floor for each folder measured (test/mutation/floors.json), and each scores at least its floor', () => {
    const byFolder = tallies();
    const floors = readFloors(ROOT);
    expect(Object.keys(floors).sort()).toEqual(measuredRuns(ROOT).sort());
    for (const name of measuredRuns(ROOT)) {
      const folder = folderOfRun(name);
      const tally = byFolder.get(folder)!;
      expect(tally.killed, folder).toBeGreaterThan(0);
      expect(tally.other, `${folder}: mutants neither tested nor left out by the checker`).toBe(0);
      expect(tally.score, folder).toBeGreaterThanOrEqual(floors[name]);
    }
  });

  it('keeps each floor within a point of its score (a ratchet: raised as tests raise the score), up to the aim of 90%', () => {
    const byFolder = tallies();
    const floors = readFloors(ROOT);
    for (const name of measuredRuns(ROOT)) {
      const score = byFolder.get(folderOfRun(name))!.score;
      expect(floors[name], name).toBeGreaterThanOrEqual(Math.min(90, Math.floor(score) - 1));
    }
  });
});
