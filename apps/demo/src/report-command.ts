import path from 'node:path';
import { type Benchmark, createRegistry, type Item } from '@kensa/core';
import { writeFileAtomic } from '@kensa/runner';
import Table from 'cli-table3';
import { exitCodes } from './exit-codes';
import { percent, percentRange } from './format';
import type { Io } from './io';
import { createItemLoader, type LoadedRun, loadRun } from './load-run';
import { modeName } from './mode-name';
import { parseNumberOption } from './parse-number-option';
import { loadRegistry } from './plugin-loader';
import { renderReportHtml } from './report-html';
import { buildReportModel, type ReportModel, reportSummaryJson } from './report-model';
import { expandRunDirs } from './run-dirs';
import { UsageError } from './usage-error';

export interface ReportOptions {
  readonly html?: string;
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly seed?: string;
  readonly resamples?: string;
  readonly plugin?: readonly string[];
}

/** Builds the report model from run folders and writes the HTML file; returns the model. */
export async function writeReport(
  runs: readonly LoadedRun[],
  htmlPath: string,
  settings: { readonly seed?: number; readonly samples?: number } = {},
): Promise<ReportModel> {
  const model = buildReportModel(runs, {
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.samples === undefined ? {} : { bootstrapSamples: settings.samples }),
  });
  await writeFileAtomic(htmlPath, Buffer.from(renderReportHtml(model), 'utf8'));
  return model;
}

/**
 * Writes `report.html` into a finished run folder (the last step of `kensa eval` and `kensa score --out`) and
 * prints its path. A report that cannot be written is a warning: the run itself is complete.
 */
export async function writeRunReport(
  runDir: string,
  benchmark: Benchmark,
  items: readonly Item[],
  log: (message: string) => void,
): Promise<string | undefined> {
  const htmlPath = path.join(runDir, 'report.html');
  try {
    const run = await loadRun(runDir, {
      registry: createRegistry([benchmark]),
      loadItems: async () => items,
    });
    await writeReport([run], htmlPath);
    log(`Report: ${htmlPath}`);
    return htmlPath;
  } catch (error) {
    log(`kensa: could not write the report: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function summaryTable(model: ReportModel): string {
  const table = new Table({
    head: ['#', 'Model', 'Benchmark', 'Mode', 'Mean score (95% CI)', 'Exams passed', 'Accuracy (95% CI)'],
    style: { head: [], border: [] },
  });
  for (const run of model.runs) {
    const ci = run.meanScoreCi95;
    table.push([
      run.id.replace('run-', ''),
      run.label,
      run.benchmark,
      modeName(run.mode),
      run.meanScore === undefined || ci === undefined
        ? '–'
        : `${run.meanScore.toFixed(1)} (${ci[0].toFixed(1)}–${ci[1].toFixed(1)})`,
      run.exams === undefined ? '–' : `${run.examsPassed}/${run.exams.length}`,
      `${percent(run.accuracy)} (${percentRange(run.accuracyCi95)})`,
    ]);
  }
  return `${table.toString()}\n`;
}

/** `kensa report <run-dir>…`: one self-contained HTML report (and optionally a JSON summary) from run folders. */
export async function reportCommand(
  runDirs: readonly string[],
  options: ReportOptions,
  io: Io,
): Promise<number> {
  if (runDirs.length === 0) throw new UsageError('Give at least one run folder.');
  const seed = parseNumberOption('--seed', options.seed, { integer: true, min: 0 });
  const samples = parseNumberOption('--resamples', options.resamples, { integer: true, min: 1 });
  const log = (message: string) => io.stderr(`${message}\n`);
  const loadItems = createItemLoader({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    env: io.env,
    log,
  });
  const registry = await loadRegistry(options.plugin, io.cwd);
  const runs: LoadedRun[] = [];
  for (const directory of expandRunDirs(runDirs, io.cwd))
    runs.push(await loadRun(path.resolve(io.cwd, directory), { registry, loadItems }));
  // One folder (a run, or the parent of a multi-mode run): inside it, as `kensa eval` writes it. Several: in
  // the current folder.
  const htmlPath = path.resolve(
    io.cwd,
    options.html ??
      (runDirs.length === 1 ? path.join(runDirs[0] as string, 'report.html') : 'kensa-report.html'),
  );
  const model = await writeReport(runs, htmlPath, {
    ...(seed === undefined ? {} : { seed }),
    ...(samples === undefined ? {} : { samples }),
  });
  for (const warning of model.warnings) log(`kensa: warning: ${warning}`);
  if (options.json) {
    io.stdout(`${JSON.stringify(reportSummaryJson(model, htmlPath), null, 2)}\n`);
    log(`Report: ${htmlPath}`);
  } else {
    io.stdout(summaryTable(model));
    io.stdout(`Report: ${htmlPath}\n`);
  }
  return exitCodes.success;
}
