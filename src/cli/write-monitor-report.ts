import { buildMonitorReport, renderMonitorReport } from '../io/report/monitor-report.js';
import type { MonitorRun, ReforecastView } from '../monitor/monitor-actuals.js';
import type { InputIssue } from '../scenario/errors.js';
import type { LoadedScenario } from '../scenario/index.js';
import { caseloadVersion } from './version.js';
import { shownWarnings } from './warnings.js';

/**
 * The monitor's HTML page (see buildMonitorReport) with its provenance and
 * the warnings as the CLI prints them (the scenario's and the actuals'
 * breaks of conservation); `reforecast` is the second fan, null for none.
 */
export function monitorReportHtml(input: {
  readonly file: string;
  readonly loaded: LoadedScenario;
  readonly run: MonitorRun;
  readonly reforecast: ReforecastView | null;
  readonly warnings: readonly InputIssue[];
}): string {
  const { scenario, files, hash } = input.loaded;
  return renderMonitorReport(
    buildMonitorReport({
      file: input.file,
      scenario,
      run: input.run,
      reforecast: input.reforecast,
      warnings: [...shownWarnings(input.warnings).values()],
      provenance: {
        caseloadVersion: caseloadVersion(),
        scenarioHash: hash,
        files,
        seed: scenario.seed,
        replications: scenario.replications,
        deterministic: false,
      },
      generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    }),
  );
}
