import path from 'node:path';
import type { AccuracyReport, Benchmark, Item, PromptMode } from '@kensa/core';
import {
  type BenchmarkResult,
  benchmarkResultJson,
  percent,
  percentRange,
  runFromRecords,
  scoreEvaluation,
  writeRunReport,
} from '@kensa/report';
import {
  acquireRunLock,
  defaultCacheDir,
  describeRunSources,
  type EvaluationResult,
  evaluate,
  finishRun,
  loadSources,
  noRedaction,
  parseItemsCached,
  type RecordedBenchmarkOptions,
  type ReplySource,
  type ResponseCache,
  VERSION as RUNNER_VERSION,
  type RunSources,
  redactEndpoint,
} from '@kensa/runner';
import { recordedOptions } from '../../benchmark-options';
import { renderExamTable } from '../../exam-table';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { loadRegistry } from '../../plugin-loader';
import { openCommandCache } from '../../response-cache-option';
import { UsageError } from '../../usage-error';
import { KENSA_VERSION } from '../../version';
import { renderAccuracyTable } from './accuracy-table';
import { type BatchMode, createBatchMode } from './eval-batch';
import { type EvalOptions, type EvalSettings, parseEvalSettings } from './eval-settings';
import { type ExamModeCell, renderExamModeTable } from './exam-mode-table';
import { planImages } from './image-mode-option';
import { createProgressBar } from './progress-bar';
import { describeSampling, truncatedRecords, truncationHint } from './sampling-header';

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

/**
 * Evaluates one plan into its run folder, scores the first samples, and writes the summary and the report.
 * Undefined when a batch mode left answers pending (nothing to score yet).
 */
async function runPlan(
  plan: RunPlan,
  settings: EvalSettings,
  cache: ResponseCache,
  io: Io,
  batch: BatchMode | undefined,
): Promise<RunOutcome | undefined> {
  const { benchmark, mode } = plan;
  const { model } = settings;
  const redact = io.redact ?? noRedaction;
  const evaluateWith = async (replies?: ReplySource): Promise<EvaluationResult> => {
    const progress = createProgressBar(io, benchmark.id);
    try {
      return await evaluatePlan(plan, settings, cache, progress.onEvent, replies, redact);
    } finally {
      progress.stop();
    }
  };
  const result =
    batch === undefined
      ? await evaluateWith()
      : await batch.evaluate({ runDir: plan.runDir, benchmark: benchmark.id }, evaluateWith);
  if (result === undefined) return undefined;

  const scored = scoreEvaluation(benchmark, plan.items, result.records, settings.method);
  const failures = result.failures.map((record) => ({
    itemId: record.itemId,
    sample: record.sample,
    error: record.error,
  }));
  const truncated = truncatedRecords(result.records).length;
  const extra = {
    ...(truncated > 0 ? { truncated } : {}),
    run: {
      dir: plan.runDir,
      model: model.name,
      endpoint: model.endpoint,
      mode: mode.id,
      images: settings.images,
      scoring: settings.method,
      samples: settings.samples,
      sampling: settings.sampling,
      ...(result.manifest.sampleSeeds === undefined ? {} : { sampleSeeds: result.manifest.sampleSeeds }),
      ...(result.manifest.likelihoodMethod === undefined
        ? {}
        : { likelihoodMethod: result.manifest.likelihoodMethod }),
    },
    failures,
    ...(result.abortReason === undefined ? {} : { aborted: result.abortReason }),
    timing: {
      durationMs: result.durationMs,
      requestsSent: result.requestsSent,
      ...(result.tokenizeCalls > 0 ? { tokenizeCalls: result.tokenizeCalls } : {}),
      cacheHits: result.cacheHits,
      resumed: result.resumed,
    },
  };
  const document = benchmarkResultJson(scored, extra);
  await finishRun(plan.runDir, result.manifest, document, redact);
  // The report shows the scores just computed: the run is not read back and scored again.
  const run = runFromRecords({
    directory: plan.runDir,
    manifest: result.manifest,
    benchmark,
    items: plan.allItems,
    records: result.records,
    result: scored,
  });
  await writeRunReport(run, (message) => io.stderr(`${message}\n`));
  return { scored, document, result, failures };
}

function evaluatePlan(
  plan: RunPlan,
  settings: EvalSettings,
  cache: ResponseCache,
  onEvent: Parameters<typeof evaluate>[0]['onEvent'],
  replies: ReplySource | undefined,
  redact: (text: string) => string,
): Promise<EvaluationResult> {
  const { benchmark, mode } = plan;
  return evaluate({
    benchmarkId: benchmark.id,
    benchmarkVersion: benchmark.version,
    items: plan.items,
    examples: plan.examples,
    mode,
    method: settings.method,
    ...(benchmark.likelihood === undefined ? {} : { likelihood: benchmark.likelihood }),
    model: settings.model,
    sampling: settings.sampling,
    samples: settings.samples,
    concurrency: settings.concurrency,
    ...(settings.retries === undefined ? {} : { retries: settings.retries }),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    cache,
    runDir: plan.runDir,
    sources: plan.sources,
    ...plan.benchmarkOptions,
    images: settings.images,
    packages: { '@kensa/core': KENSA_VERSION, '@kensa/runner': RUNNER_VERSION },
    ...(settings.baseURLs.length > 1 ? { extra: { endpoints: settings.baseURLs.map(redactEndpoint) } } : {}),
    ...(replies === undefined ? {} : { replies }),
    ...(onEvent === undefined ? {} : { onEvent }),
    redact,
    lockHeld: true,
  });
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
  if (result.manifest.likelihoodMethod !== undefined) {
    const asked = result.records.filter((record) => !record.cached && record.status === 'ok').length;
    const perItem =
      result.tokenizeCalls > 0
        ? `, ${result.tokenizeCalls} tokenize calls (${(result.tokenizeCalls / Math.max(asked, 1)).toFixed(1)} per item asked)`
        : '';
    io.stdout(
      `Likelihood by ${result.manifest.likelihoodMethod === 'token-ids' ? "server token ids (prompt + option after the prompt's own tokens, as med-eval and lm-evaluation-harness count)" : 'proven character offsets'}${perItem}\n`,
    );
  }
  const truncated = truncatedRecords(result.records).length;
  if (truncated > 0) io.stdout(`${truncationHint(truncated, settings)}\n`);
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

  const cache = openCommandCache(options.cache, model, io, { batchWrites: true });
  const batch = await createBatchMode(settings, io);
  let exitCode: number = exitCodes.success;
  const documents: unknown[] = [];
  const accuracyReports = new Map<string, AccuracyReport>();
  try {
    for (const [index, benchmark] of benchmarks.entries()) {
      const modes = modesOf.get(benchmark.id) ?? [];
      const dataDir = options.dataDir ?? io.env.KENSA_DATA_DIR;
      const sourceOptions = {
        ...(dataDir === undefined ? {} : { dataDir }),
        env: io.env,
        log,
      };
      const contents = await loadSources(benchmark.sources, sourceOptions);
      const sources = describeRunSources(benchmark.sources, contents, dataDir);
      const benchmarkOptions = recordedOptions(
        settings.registryIds[index] ?? benchmark.id,
        settings.benchmarkOptions,
        benchmark,
      );
      // Parsed and validated once per source content; a warm start reads the items back from the cache.
      const parsed = await parseItemsCached(benchmark, contents, {
        cacheDir: options.cache === false ? undefined : defaultCacheDir(io.env),
        // Two instances of one plugin built with other -T options parse the same files into other items.
        variant: JSON.stringify(benchmarkOptions.benchmarkOptions ?? null),
      });
      const examples = parsed.examples;
      const images = await planImages(benchmark, parsed.items, settings.images, sourceOptions);
      if (images.note !== '') log(images.note);
      const allItems = images.items;
      const items = settings.limit === undefined ? allItems : allItems.slice(0, settings.limit);
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
          benchmark: images.benchmark,
          mode: images.wrap(mode),
          items,
          allItems,
          examples,
          out,
          runDir: path.resolve(io.cwd, out),
          sources,
          benchmarkOptions,
        };
        // One writer per run folder: taken before anything is written, held until the report is written.
        const lock = acquireRunLock(plan.runDir, { onNotice: (message) => log(`kensa: ${message}`) });
        log(`Run folder: ${plan.runDir}`);
        if (model.cacheable) log(describeSampling(settings));
        let outcome: RunOutcome | undefined;
        try {
          outcome = await runPlan(plan, settings, cache, io, batch);
        } finally {
          lock.release();
        }
        if (outcome === undefined) continue;
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
    if (batch !== undefined) exitCode = Math.max(exitCode, await batch.finish());
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
