import path from 'node:path';
import {
  createItemLoader,
  fixed,
  type LoadedRun,
  loadRun,
  modeName,
  percent,
  percentRange,
  type ReportModel,
  reportSummaryJson,
  writeReport,
} from '@kensa/report';
import Table from 'cli-table3';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { loadRegistry } from '../../plugin-loader';
import { expandRunDirs } from '../../run-dirs';
import { UsageError } from '../../usage-error';

export interface ReportOptions {
  readonly html?: string;
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly seed?: string;
  readonly resamples?: string;
  readonly plugin?: readonly string[];
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
      run.meanScore === undefined || !Number.isFinite(run.meanScore) || ci === undefined
        ? '–'
        : `${fixed(run.meanScore)} (${fixed(ci[0])}–${fixed(ci[1])})`,
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
