import path from 'node:path';
import { writeFileAtomic } from '@kensa/runner';
import type { LoadedRun } from './load-run';
import { renderReportHtml } from './report-html';
import { buildReportModel, type ReportModel } from './report-model';

export interface WriteReportSettings {
  /** Bootstrap seed of the intervals; 0 by default. */
  readonly seed?: number;
  /** Bootstrap resamples; 2,000 by default. */
  readonly samples?: number;
}

/** Builds the report model from runs and writes the self-contained HTML file (atomically); returns the model. */
export async function writeReport(
  runs: readonly LoadedRun[],
  htmlPath: string,
  settings: WriteReportSettings = {},
): Promise<ReportModel> {
  const model = buildReportModel(runs, {
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.samples === undefined ? {} : { bootstrapSamples: settings.samples }),
  });
  await writeFileAtomic(htmlPath, Buffer.from(renderReportHtml(model), 'utf8'));
  return model;
}

/**
 * Writes `report.html` into a finished run's folder (the last step of `kensa eval` and `kensa score --out`) and
 * logs its path. A report that cannot be written is only logged: the run itself is complete.
 */
export async function writeRunReport(
  run: LoadedRun,
  log: (message: string) => void = () => {},
): Promise<string | undefined> {
  const htmlPath = path.join(run.directory, 'report.html');
  try {
    await writeReport([run], htmlPath);
    log(`Report: ${htmlPath}`);
    return htmlPath;
  } catch (error) {
    log(`kensa: could not write the report: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
