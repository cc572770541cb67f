import path from 'node:path';
import type { AccuracyReport, Benchmark } from '@kensa/core';
import {
  defaultResponseCachePath,
  disabledResponseCache,
  type EvaluationResult,
  evaluate,
  finishRun,
  openResponseCache,
  resolveModel,
} from '@kensa/runner';
import { renderAccuracyTable } from './accuracy-table';
import { accuracyReportJson, scoreBenchmark } from './benchmark-result';
import { examReportJson, renderExamTable } from './exam-table';
import { exitCodes } from './exit-codes';
import { percent, percentRange } from './format';
import type { Io } from './io';
import { loadSources } from './load-sources';
import { parseNumberOption } from './parse-number-option';
import { loadRegistry } from './plugin-loader';
import { createProgressBar } from './progress-bar';
import { writeRunReport } from './report-command';
import { UsageError } from './usage-error';
import { KENSA_VERSION } from './version';

export interface EvalOptions {
  readonly model?: string;
  readonly baseUrl?: string;
  readonly api?: 'chat' | 'completions';
  readonly mode?: string;
  readonly scoring?: string;
  readonly concurrency?: string;
  readonly limit?: string;
  readonly samples?: string;
  readonly temperature?: string;
  readonly maxTokens?: string;
  readonly seed?: string;
  readonly timeout?: string;
  readonly retries?: string;
  readonly out?: string;
  readonly cache?: boolean;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly plugin?: readonly string[];
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function promptModeOf(benchmark: Benchmark, requested: string | undefined) {
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

function describeTiming(result: EvaluationResult): string {
  const seconds = result.durationMs / 1000;
  const answered = result.records.length - result.resumed;
  const rate = seconds > 0 ? (answered / seconds).toFixed(1) : '–';
  return (
    `${result.records.length} answers (${result.resumed} resumed from the run log) in ${seconds.toFixed(1)} s · ` +
    `${rate} answers/s · ${result.requestsSent} requests sent · ${result.cacheHits} from the cache`
  );
}

/** `kensa eval`: asks a model (or a baseline) every question, writes a resumable run folder, prints the table. */
export async function evalCommand(benchmarkIds: string, options: EvalOptions, io: Io): Promise<number> {
  const registry = await loadRegistry(options.plugin, io.cwd);
  const benchmarks = benchmarkIds.split(',').map((id) => registry.get(id.trim()));
  const method = options.scoring ?? 'generate';
  if (method !== 'generate' && method !== 'likelihood') {
    throw new UsageError(`--scoring must be 'generate' or 'likelihood', not '${method}'.`);
  }
  for (const benchmark of benchmarks) {
    if (method === 'likelihood' && benchmark.likelihood === undefined) {
      throw new UsageError(
        `Benchmark '${benchmark.id}' does not support --scoring likelihood; use --scoring generate.`,
      );
    }
  }
  const baseURL = options.baseUrl ?? io.env.OPENAI_BASE_URL;
  if (options.model === undefined && baseURL !== undefined) {
    throw new UsageError('--model is required with --base-url (the model name the server knows).');
  }
  const modelName = options.model ?? 'baseline:examinee-majority';
  const seed = parseNumberOption('--seed', options.seed, { integer: true, min: 0 });
  const model = resolveModel({
    model: modelName,
    ...(baseURL === undefined ? {} : { baseURL }),
    ...(io.env.OPENAI_API_KEY ? { apiKey: io.env.OPENAI_API_KEY } : {}),
    ...(options.api === undefined ? {} : { api: options.api }),
    ...(seed === undefined ? {} : { seed }),
  });
  const samples = parseNumberOption('--samples', options.samples, { integer: true, min: 1 }) ?? 1;
  const limit = parseNumberOption('--limit', options.limit, { integer: true, min: 1 });
  const concurrency =
    parseNumberOption('--concurrency', options.concurrency, { integer: true, min: 1 }) ?? 16;
  const temperature = parseNumberOption('--temperature', options.temperature, { min: 0 });
  const maxTokens = parseNumberOption('--max-tokens', options.maxTokens, { integer: true, min: 1 });
  const timeoutSeconds = parseNumberOption('--timeout', options.timeout, { min: 0.001 });
  const retries = parseNumberOption('--retries', options.retries, { integer: true, min: 0 });
  const log = (message: string) => io.stderr(`${message}\n`);

  const cache =
    options.cache === false || !model.cacheable
      ? disabledResponseCache()
      : openResponseCache(defaultResponseCachePath(io.env));
  let exitCode: number = exitCodes.success;
  const documents: unknown[] = [];
  const accuracyReports = new Map<string, AccuracyReport>();
  try {
    for (const benchmark of benchmarks) {
      const mode = promptModeOf(benchmark, options.mode);
      const contents = await loadSources(benchmark.sources, {
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        env: io.env,
        log,
      });
      const allItems = benchmark.parse(contents);
      const items = limit === undefined ? allItems : allItems.slice(0, limit);
      const examples = benchmark.examples?.(contents) ?? [];
      const defaultOut = path.join(
        'kensa-runs',
        `${benchmark.id}-${slug(model.name)}-${mode.id}-${timestamp()}`,
      );
      const out =
        options.out === undefined
          ? defaultOut
          : benchmarks.length > 1
            ? path.join(options.out, benchmark.id)
            : options.out;
      const runDir = path.resolve(io.cwd, out);
      log(`Run folder: ${runDir}`);

      const progress = createProgressBar(io, benchmark.id);
      let result: EvaluationResult;
      try {
        result = await evaluate({
          benchmarkId: benchmark.id,
          benchmarkVersion: benchmark.version,
          items,
          examples,
          mode,
          method,
          ...(benchmark.likelihood === undefined ? {} : { likelihood: benchmark.likelihood }),
          model,
          sampling: {
            ...(temperature === undefined ? {} : { temperature }),
            ...(maxTokens === undefined ? {} : { maxTokens }),
            ...(seed === undefined ? {} : { seed }),
          },
          samples,
          concurrency,
          ...(retries === undefined ? {} : { retries }),
          ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
          cache,
          runDir,
          packages: { '@kensa/core': KENSA_VERSION },
          onEvent: progress.onEvent,
        });
      } finally {
        progress.stop();
      }

      const firstSamples = result.records.filter((record) => record.sample === 0 && record.status === 'ok');
      const answers = new Map(firstSamples.map((record) => [record.itemId, record.reply?.text ?? '']));
      const normAnswers =
        method === 'likelihood'
          ? new Map(firstSamples.map((record) => [record.itemId, record.reply?.likelihood?.byMean ?? '']))
          : undefined;
      const scored = scoreBenchmark(benchmark, items, answers, 'normalized', normAnswers);
      const failures = result.failures.map((record) => ({
        itemId: record.itemId,
        sample: record.sample,
        error: record.error,
      }));
      const extra = {
        run: {
          dir: runDir,
          model: model.name,
          endpoint: model.endpoint,
          mode: mode.id,
          scoring: method,
          samples,
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
        scored.kind === 'exam'
          ? examReportJson(scored.report, extra)
          : accuracyReportJson(scored.report, extra);
      if (scored.kind === 'accuracy') accuracyReports.set(benchmark.id, scored.report);
      await finishRun(runDir, result.manifest, document);
      await writeRunReport(runDir, benchmark, allItems, log);
      documents.push(document);

      if (!options.json) {
        if (scored.kind === 'exam') {
          io.stdout(
            renderExamTable(scored.report, { title: `${benchmark.title} — ${model.name} (${mode.id})` }),
          );
        } else {
          const unread = scored.report.unparsed + scored.report.missing;
          io.stdout(
            `${benchmark.title} — ${model.name} (${method === 'likelihood' ? 'likelihood' : mode.id}): ` +
              `${percent(scored.report.accuracy)} (95% CI ${percentRange(scored.report.ci95)}), n=${scored.report.n}` +
              `${unread > 0 ? `; ${unread} answer(s) unread or missing, counted wrong` : ''}\n`,
          );
        }
        io.stdout(`${describeTiming(result)}\n`);
        if (failures.length > 0) {
          io.stdout(
            `${failures.length} failed after retries (counted as wrong; run again with --out ${out} to retry them):\n`,
          );
          for (const failure of failures.slice(0, 10))
            io.stdout(`  ${failure.itemId}#${failure.sample}: ${failure.error}\n`);
        }
      }
      if (result.abortReason !== undefined) log(`kensa: ${result.abortReason}`);
      if (failures.length > 0 || result.abortReason !== undefined) exitCode = exitCodes.failures;
    }
  } finally {
    cache.close();
  }
  if (!options.json && accuracyReports.size > 1) {
    const label = `${model.name} (${method === 'likelihood' ? 'likelihood' : (benchmarks[0]?.prompts[0]?.id ?? '')})`;
    io.stdout(renderAccuracyTable([...accuracyReports.keys()], [{ label, reports: accuracyReports }]));
  }
  if (options.json)
    io.stdout(`${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`);
  return exitCode;
}
