// @ts-check
/**
 * A Stryker reporter that appends each surviving or uncovered mutant to
 * reports/mutation/<folder>.survivors.txt as soon as it is tested, so that a
 * long run (the engine's takes hours) can be worked on before it ends. The
 * file is started afresh at each run; the full reports still come at the end.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const file = `reports/mutation/${process.env.CASELOAD_MUTATE ?? 'engine'}.survivors.txt`;

class SurvivorsReporter {
  onDryRunCompleted() {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  }

  /** @param {Readonly<import('@stryker-mutator/api/core').MutantResult>} mutant */
  onMutantTested(mutant) {
    if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') return;
    const { line, column } = mutant.location.start;
    const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 120);
    appendFileSync(file, `${relative(process.cwd(), mutant.fileName)}:${line}:${column} ${mutant.status} ${mutant.mutatorName}: ${replacement}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'survivors', SurvivorsReporter)];
