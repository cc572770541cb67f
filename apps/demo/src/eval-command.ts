import path from 'node:path';
import type { AccuracyReport, Benchmark, Item, PromptMode } from '@kensa/core';
import {
  defaultResponseCachePath,
  describeRunSources,
  disabledResponseCache,
  type EvaluationResult,
  evaluate,
  finishRun,
  openResponseCache,
  type RecordedBenchmarkOptions,
  type ResponseCache,
  ResponseCacheError,
  VERSION as RUNNER_VERSION,
  type RunSources,
} from '@kensa/runner';
import { renderAccuracyTable } from './accuracy-table';
import { recordedOptions } from './benchmark-options';
import { accuracyReportJson, type BenchmarkResult, scoreBenchmark } from './benchmark-result';
import { type EvalOptions, type EvalSettings, parseEvalSettings } from './eval-settings';
import { type ExamModeCell, renderExamModeTable } from './exam-mode-table';
import { examReportJson, renderExamTable } from './exam-table';
import { exitCodes } from './exit-codes';
import { percent, percentRange } from './format';
import type { Io } from './io';
import { loadSources } from './load-sources';
import { loadRegistry } from './plugin-loader';
import { createProgressBar } from './progress-bar';
import { writeRunReport } from './report-command';
import { UsageError } from './usage-error';
import { KENSA_VERSION } from './version';

export type { EvalOptions } from './eval-settings';

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function promptModeOf(benchmark: Benchmark, requested: string | undefined): PromptMode {
  const mode =
    requested === undefined
      ? benchmark.prompts[0]
      : benchmark.prompts.find((prompt) => prompt.id === requested);
  if (mode === undefined) {
    const known = benchmark.prompts.map((prompt) => prompt.id).join(', ');
    throw new UsageError(`Benchmark '${benchmark.id}' has no prompt mode '${requested}'; modes: ${known}.`);
  }
  return mode;
}

/** The prompt modes asked for (`--mode 3shot,3shot-explain`), or the benchmark's default. */
function promptModesOf(benchmark: Benchmark, requested: string | undefined): PromptMode[] {
  const ids = requested === undefined ? [undefined] : requested.split(',').map((id) => id.trim());
  return ids.map((id) => promptModeOf(benchmark, id));
}

function describeTiming(result: EvaluationResult, builtin: boolean): string {
  const seconds = result.durationMs / 1000;
  const answered = result.records.length - result.resumed;
  const rate = seconds > 0 ? (answered / seconds).toFixed(1) : '–';
  // A built-in baseline computes its answers: it sends no requests and uses no cache.
  const requests = builtin
    ? ''
    : ` · ${result.requestsSent} requests sent · ${result.cacheHits} from the cache`;
  return (
    `${result.records.length} answers (${result.resumed} resumed from the run log) in ${seconds.toFixed(1)} s · ` +
    `${rate} answers/s${requests}`
  );
}

/** With K samples per question, the table scores the first; say so. */
function samplesNote(settings: EvalSettings): string {
  return settings.samples > 1
    ? `The table scores sample 0 of ${settings.samples} per question; every sample is in the run log (log.jsonl).\n`
    : '';
}

/**
 * The response cache; where this Node has no SQLite driver (Node 20 without the optional better-sqlite3), the run
 * goes on uncached, saying so, rather than failing.
 */
function openCacheOrWarn(file: string, log: (message: string) => void): ResponseCache {
  try {
    return openResponseCache(file);
  } catch (error) {
    if (!ResponseCacheError.isInstance(error) || error.reason !== 'unavailable') throw error;
    log(`kensa: warning: replies are not cached: ${error.message}`);
    return disabledResponseCache();
  }
}

/** One benchmark in one prompt mode, ready to run. */
interface RunPlan {
  readonly benchmark: Benchmark;
  readonly mode: PromptMode;
  readonly items: readonly Item[];
  readonly allItems: readonly Item[];
  readonly examples: readonly Item[];
  /** As given or defaulted, for the "run again with --out" hint. */
  readonly out: string;
  readonly runDir: string;
  /** Recorded in the manifest: where the data came from, and the benchmark's `-T` options. */
  readonly sources: RunSources;
  readonly benchmarkOptions: { benchmarkOptions?: RecordedBenchmarkOptions };
}

interface RunOutcome {
  readonly scored: BenchmarkResult;
  readonly document: unknown;
  readonly result: EvaluationResult;
  readonly failures: readonly { itemId: string; sample: number; error: string | undefined }[];
}

/** Evaluates one plan into its run folder, scores the first samples, and writes the summary and the report. */
async function runPlan(
  plan: RunPlan,
  settings: EvalSettings,
  cache: ResponseCache,
  io: Io,
): Promise<RunOutcome> {
  const { benchmark, mode } = plan;
  const { model } = settings;
  const progress = createProgressBar(io, benchmark.id);
  let result: EvaluationResult;
  try {
    result = await evaluate({
      benchmarkId: benchmark.id,
      benchmarkVersion: benchmark.version,
      items: plan.items,
      examples: plan.examples,
      mode,
      method: settings.method,
      ...(benchmark.likelihood === undefined ? {} : { likelihood: benchmark.likelihood }),
      model,
      sampling: settings.sampling,
      samples: settings.samples,
      concurrency: settings.concurrency,
      ...(settings.retries === undefined ? {} : { retries: settings.retries }),
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      cache,
      runDir: plan.runDir,
      sources: plan.sources,
      ...plan.benchmarkOptions,
      packages: { '@kensa/core': KENSA_VERSION, '@kensa/runner': RUNNER_VERSION },
      onEvent: progress.onEvent,
    });
  } finally {
    progress.stop();
  }

  const firstSamples = result.records.filter((record) => record.sample === 0 && record.status === 'ok');
  const answers = new Map(firstSamples.map((record) => [record.itemId, record.reply?.text ?? '']));
  const normAnswers =
    settings.method === 'likelihood'
      ? new Map(firstSamples.map((record) => [record.itemId, record.reply?.likelihood?.byMean ?? '']))
      : undefined;
  const scored = scoreBenchmark(benchmark, plan.items, answers, 'normalized', normAnswers);
  const failures = result.failures.map((record) => ({
    itemId: record.itemId,
    sample: record.sample,
    error: record.error,
  }));
  const extra = {
    run: {
      dir: plan.runDir,
      model: model.name,
      endpoint: model.endpoint,
      mode: mode.id,
      scoring: settings.method,
      samples: settings.samples,
    },
    failures,
    ...(result.abortReason === undefined ? {} : { aborted: result.abortReason }),
    timing: {
      durationMs: result.durationMs,
      requestsSent: result.requestsSent,
      cacheHits: result.cacheHits,
      resumed: result.resumed,
    },
  };
  const document =
    scored.kind === 'exam' ? examReportJson(scored.report, extra) : accuracyReportJson(scored.report, extra);
  await finishRun(plan.runDir, result.manifest, document);
  await writeRunReport(plan.runDir, benchmark, plan.allItems, (message) => io.stderr(`${message}\n`));
  return { scored, document, result, failures };
}

function printOutcome(plan: RunPlan, outcome: RunOutcome, settings: EvalSettings, io: Io): void {
  const { benchmark, mode } = plan;
  const { scored, result, failures } = outcome;
  if (scored.kind === 'exam') {
    io.stdout(
      renderExamTable(scored.report, { title: `${benchmark.title} — ${settings.model.name} (${mode.id})` }),
    );
  } else {
    const unread = scored.report.unparsed + scored.report.missing;
    io.stdout(
      `${benchmark.title} — ${settings.model.name} (${settings.method === 'likelihood' ? 'likelihood' : mode.id}): ` +
        `${percent(scored.report.accuracy)} (95% CI ${percentRange(scored.report.ci95)}), n=${scored.report.n}` +
        `${unread > 0 ? `; ${unread} answer(s) unread or missing, counted wrong` : ''}\n`,
    );
  }
  io.stdout(samplesNote(settings));
  io.stdout(`${describeTiming(result, settings.model.endpoint === 'builtin')}\n`);
  if (failures.length > 0) {
    io.stdout(
      `${failures.length} failed after retries (counted as wrong; run again with --out ${plan.out} to retry them):\n`,
    );
    for (const failure of failures.slice(0, 10))
      io.stdout(`  ${failure.itemId}#${failure.sample}: ${failure.error}\n`);
  }
}

/**
 * `kensa eval`: asks a model (or a baseline) every question of each benchmark, in each prompt mode asked for,
 * writes a resumable run folder per run, and prints the tables: per exam for exam benchmarks (and the mean score
 * by mode when several modes ran), Table 3 for several accuracy benchmarks.
 */
export async function evalCommand(benchmarkIds: string, options: EvalOptions, io: Io): Promise<number> {
  const settings = parseEvalSettings(benchmarkIds, options, await loadRegistry(options.plugin, io.cwd), io);
  const { benchmarks, model } = settings;
  const log = (message: string) => io.stderr(`${message}\n`);
  const modesOf = new Map(
    benchmarks.map((benchmark) => [benchmark.id, promptModesOf(benchmark, options.mode)]),
  );
  if (settings.method === 'likelihood' && [...modesOf.values()].some((modes) => modes.length > 1)) {
    throw new UsageError('--scoring likelihood scores the options, not a prompt: give one --mode at most.');
  }

  const cache =
    options.cache === false || !model.cacheable
      ? disabledResponseCache()
      : openCacheOrWarn(defaultResponseCachePath(io.env), log);
  let exitCode: number = exitCodes.success;
  const documents: unknown[] = [];
  const accuracyReports = new Map<string, AccuracyReport>();
  try {
    for (const [index, benchmark] of benchmarks.entries()) {
      const modes = modesOf.get(benchmark.id) ?? [];
      const dataDir = options.dataDir ?? io.env.KENSA_DATA_DIR;
      const contents = await loadSources(benchmark.sources, {
        ...(dataDir === undefined ? {} : { dataDir }),
        env: io.env,
        log,
      });
      const sources = describeRunSources(benchmark.sources, contents, dataDir);
      const benchmarkOptions = recordedOptions(
        settings.registryIds[index] ?? benchmark.id,
        settings.benchmarkOptions,
        benchmark,
      );
      const allItems = benchmark.parse(contents);
      const items = settings.limit === undefined ? allItems : allItems.slice(0, settings.limit);
      const examples = benchmark.examples?.(contents) ?? [];
      const examCells: ExamModeCell[] = [];
      for (const mode of modes) {
        // Several runs in one command go to subfolders of --out: <benchmark>/<mode> as needed.
        const subfolders = [
          ...(benchmarks.length > 1 ? [benchmark.id] : []),
          ...(modes.length > 1 ? [mode.id] : []),
        ];
        const out =
          options.out === undefined
            ? path.join('kensa-runs', `${benchmark.id}-${slug(model.name)}-${mode.id}-${timestamp()}`)
            : path.join(options.out, ...subfolders);
        const plan: RunPlan = {
          benchmark,
          mode,
          items,
          allItems,
          examples,
          out,
          runDir: path.resolve(io.cwd, out),
          sources,
          benchmarkOptions,
        };
        log(`Run folder: ${plan.runDir}`);
        const outcome = await runPlan(plan, settings, cache, io);
        documents.push(outcome.document);
        if (outcome.scored.kind === 'accuracy') accuracyReports.set(benchmark.id, outcome.scored.report);
        else examCells.push({ mode: mode.id, report: outcome.scored.report });
        if (!options.json) printOutcome(plan, outcome, settings, io);
        if (outcome.result.abortReason !== undefined) log(`kensa: ${outcome.result.abortReason}`);
        if (outcome.failures.length > 0 || outcome.result.abortReason !== undefined)
          exitCode = exitCodes.failures;
      }
      if (!options.json && examCells.length > 1)
        io.stdout(renderExamModeTable(benchmark.title, model.name, examCells));
    }
  } finally {
    cache.close();
  }
  if (!options.json && accuracyReports.size > 1) {
    const label = `${model.name} (${settings.method === 'likelihood' ? 'likelihood' : (benchmarks[0]?.prompts[0]?.id ?? '')})`;
    io.stdout(renderAccuracyTable([...accuracyReports.keys()], [{ label, reports: accuracyReports }]));
  }
  if (options.json)
    io.stdout(`${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`);
  return exitCode;
}
