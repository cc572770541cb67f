import { appendFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultCacheDir,
  defaultTemperature,
  generateGroundTruth,
  loadSources,
  noRedaction,
  parseItemsCached,
  resolveModel,
  writeFileAtomic,
} from '@kensa/runner';
import { configureBenchmarks, parseOptionPairs, recordedOptions } from '../../benchmark-options';
import { exitCodes } from '../../exit-codes';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { loadRegistry } from '../../plugin-loader';
import { openCommandCache } from '../../response-cache-option';
import { UsageError } from '../../usage-error';
import { checkBaseUrl } from '../eval/eval-settings';

export interface RpoGroundTruthOptions {
  readonly model?: string;
  readonly baseUrl?: string;
  readonly out?: string;
  readonly summary?: string;
  readonly dataDir?: string;
  readonly benchmarkOption?: readonly string[];
  readonly plugin?: readonly string[];
  readonly limit?: string;
  readonly concurrency?: string;
  readonly temperature?: string;
  readonly maxTokens?: string;
  readonly timeout?: string;
  readonly retries?: string;
  /** `--no-cache`: neither read nor write the response cache. */
  readonly cache?: boolean;
  readonly json?: boolean;
}

/** `explanations.jsonl` → `explanations.rejected.json`. */
export function groundTruthSummaryPath(out: string): string {
  const parsed = path.parse(out);
  return path.join(parsed.dir, `${parsed.name}.rejected.json`);
}

/**
 * `kensa rpo ground-truth`: asks a teacher model to explain each question's key, keeps the explanations whose
 * final answer line Kensa's own extraction reads as the key, and writes them as the JSONL `kensa rpo build
 * --explanations` reads. The rest are listed on stderr and in a summary beside it, never written as ground truth.
 */
export async function rpoGroundTruthCommand(
  benchmarkId: string,
  options: RpoGroundTruthOptions,
  io: Io,
): Promise<number> {
  if (options.out === undefined) {
    throw new UsageError('--out FILE is required (the explanations JSONL to write).');
  }
  if (options.model === undefined) {
    throw new UsageError('--model is required: the teacher model that writes the explanations.');
  }
  if (options.model.startsWith('baseline:')) {
    throw new UsageError(
      `--model must be a served model; the baseline '${options.model}' writes no explanations.`,
    );
  }
  const baseURL = options.baseUrl ?? io.env.OPENAI_BASE_URL;
  if (baseURL !== undefined) checkBaseUrl(baseURL, options.baseUrl === undefined);
  const limit = parseNumberOption('--limit', options.limit, { integer: true, min: 1 });
  const concurrency = parseNumberOption('--concurrency', options.concurrency, { integer: true, min: 1 }) ?? 4;
  const temperature = parseNumberOption('--temperature', options.temperature, { min: 0 });
  const maxTokens = parseNumberOption('--max-tokens', options.maxTokens, { integer: true, min: 1 });
  const timeout = parseNumberOption('--timeout', options.timeout, { min: 0.001 });
  const retries = parseNumberOption('--retries', options.retries, { integer: true, min: 0 });

  const registry = await loadRegistry(options.plugin, io.cwd);
  const benchmarkOptions = parseOptionPairs(options.benchmarkOption);
  const [benchmark] = configureBenchmarks([registry.get(benchmarkId)], benchmarkOptions);
  if (benchmark === undefined) throw new UsageError(`Unknown benchmark '${benchmarkId}'.`);
  const dataDir = options.dataDir ?? io.env.KENSA_DATA_DIR;
  const log = (message: string) => io.stderr(`${message}\n`);
  const contents = await loadSources(benchmark.sources, {
    ...(dataDir === undefined ? {} : { dataDir }),
    env: io.env,
    log,
  });
  const parsed = await parseItemsCached(benchmark, contents, {
    cacheDir: options.cache === false ? undefined : defaultCacheDir(io.env),
    // As kensa eval keys them: items built with other -T options are other items.
    variant: JSON.stringify(
      recordedOptions(benchmarkId, benchmarkOptions, benchmark).benchmarkOptions ?? null,
    ),
  });
  const items = limit === undefined ? parsed.items : parsed.items.slice(0, limit);

  const apiKey = io.env.OPENAI_API_KEY ? io.env.OPENAI_API_KEY : undefined;
  const model = resolveModel({
    model: options.model,
    ...(baseURL === undefined ? {} : { baseURL }),
    ...(apiKey === undefined ? {} : { apiKey }),
    maxConnections: concurrency,
  });
  const sentTemperature = temperature ?? defaultTemperature(options.model);
  log(
    `Asking ${options.model} (${model.endpoint}) to explain the key of ${items.length} ${benchmark.id} questions…`,
  );
  const redact = io.redact ?? noRedaction;
  const out = path.resolve(io.cwd, options.out);
  // Accepted explanations are appended as they come, so an interrupted run keeps them; the finished file is
  // then rewritten in benchmark order.
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, '');
  // Replies already paid for (an interrupted or failed earlier run) come from the cache; new ones go in as they come.
  const cache = openCommandCache(options.cache, model, io);
  const result = await generateGroundTruth({
    items,
    examples: parsed.examples,
    model,
    sampling: {
      ...(sentTemperature === undefined ? {} : { temperature: sentTemperature }),
      ...(maxTokens === undefined ? {} : { maxTokens }),
    },
    concurrency,
    ...(retries === undefined ? {} : { retries }),
    ...(timeout === undefined ? {} : { timeoutMs: Math.max(1, Math.round(timeout * 1000)) }),
    cache,
    redact,
    onItem: (outcome) => {
      if (!outcome.accepted) return;
      const line = { problem_id: outcome.problem_id, explanation: outcome.explanation };
      appendFileSync(out, redact(`${JSON.stringify(line)}\n`));
    },
  }).finally(() => cache.close());

  const lines = result.accepted.map((line) => `${JSON.stringify(line)}\n`).join('');
  await writeFileAtomic(out, new TextEncoder().encode(redact(lines)));
  const summaryFile =
    options.summary === undefined ? groundTruthSummaryPath(out) : path.resolve(io.cwd, options.summary);
  const summary = {
    benchmark: benchmark.id,
    benchmarkVersion: benchmark.version,
    teacher: { model: options.model, endpoint: model.endpoint },
    questions: items.length,
    accepted: result.accepted.map((line) => line.problem_id),
    rejected: result.rejected.filter((entry) => entry.status === 'rejected'),
    failed: result.rejected.filter((entry) => entry.status === 'failed'),
    skipped: result.rejected.filter((entry) => entry.status === 'skipped'),
    fromCache: result.cacheHits,
    requestsSent: result.requestsSent,
    explanations: out,
  };
  await mkdir(path.dirname(summaryFile), { recursive: true });
  await writeFile(summaryFile, redact(`${JSON.stringify(summary, null, 2)}\n`));

  for (const entry of result.rejected) io.stderr(`${entry.status} ${entry.id}: ${entry.reason}\n`);
  const unwritten = summary.rejected.length + summary.failed.length;
  if (options.json) {
    io.stdout(`${JSON.stringify({ ...summary, summary: summaryFile })}\n`);
  } else {
    io.stdout(
      `${result.accepted.length} of ${items.length} explanations accepted → ${out}\n` +
        `${summary.rejected.length} rejected, ${summary.failed.length} failed, ${summary.skipped.length} skipped (ruled out of scoring) → ${summaryFile}\n` +
        `${result.requestsSent} requests sent, ${result.cacheHits} replies from the cache\n`,
    );
  }
  return unwritten > 0 ? exitCodes.failures : exitCodes.success;
}
