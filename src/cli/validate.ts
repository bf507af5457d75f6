import type { ArgumentsCamelCase, Argv } from 'yargs';
import { InputError, printable } from '../scenario/errors.js';
import { validateScenario } from '../scenario/index.js';
import type { CliIo } from './io.js';
import { reportWarnings, STRICT_OPTION } from './warnings.js';

export const command = 'validate <scenario>';
export const describe = 'Check a scenario file and report every problem in it';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('json', { type: 'boolean', default: false, describe: 'Print the resolved scenario as JSON' })
    .option('strict', STRICT_OPTION);
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const file = String(argv.scenario);
  // The file, then every variant: each must be a valid scenario too.
  const validated = await validateScenario(file);
  if (!validated.ok) throw new InputError(validated.issues);
  reportWarnings(validated.value.warnings, io, argv.strict === true);
  const { scenario, files, hash, variants } = validated.value;
  if (argv.json === true) {
    io.out(`${JSON.stringify({ files, hash, scenario }, null, 2)}\n`);
    return;
  }
  const lanes = scenario.lanes.map((lane) => lane.name).join(', ');
  const withVariants = variants.length === 0 ? '' : `; variants ${variants.join(', ')}`;
  io.out(
    `${file}: valid: ${printable(scenario.name)}, ${scenario.horizonWeeks} weeks from ${scenario.start}, lanes ${lanes}${withVariants}\n`,
  );
}
