import type { Benchmark, ImageMode, Registry } from '@kensa/core';
import {
  createReplicaPool,
  defaultMaxReplyBytes,
  defaultTemperature,
  type Model,
  resolveModel,
  type SamplingParameters,
} from '@kensa/runner';
import { configureBenchmarks, parseOptionPairs } from '../../benchmark-options';
import type { Io } from '../../io';
import { parseNumberOption } from '../../parse-number-option';
import { UsageError } from '../../usage-error';
import { parseImageMode } from './image-mode-option';

/** `kensa eval`'s flags as commander hands them over (strings, unparsed). */
export interface EvalOptions {
  readonly model?: string;
  /** One URL, or several replicas of the same model (`--base-url` repeated). */
  readonly baseUrl?: string | readonly string[];
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
  readonly maxReplySize?: string;
  readonly out?: string;
  readonly cache?: boolean;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly plugin?: readonly string[];
  /** `-T key=value`, repeatable: options for the benchmark's factory. */
  readonly benchmarkOption?: readonly string[];
  readonly images?: string;
  readonly batchOut?: string;
  readonly batchIn?: string | readonly string[];
  readonly batch?: string;
  readonly batchPollInterval?: string;
}

/** The flags checked and parsed: everything a run needs, or a UsageError naming the flag that is wrong. */
export interface EvalSettings {
  /** The benchmarks, built with their `-T` options. */
  readonly benchmarks: readonly Benchmark[];
  /** Their ids as given (a `-T` option may change a benchmark's own id, e.g. `subset=usmleqa_jp`). */
  readonly registryIds: readonly string[];
  /** The `-T` options as given. */
  readonly benchmarkOptions: Readonly<Record<string, string>>;
  readonly method: 'generate' | 'likelihood';
  readonly model: Model;
  readonly sampling: SamplingParameters;
  readonly samples: number;
  readonly limit: number | undefined;
  readonly concurrency: number;
  readonly retries: number | undefined;
  readonly timeoutMs: number | undefined;
  /** Whether the temperature sent is Kensa's default rather than --temperature. */
  readonly defaultTemperature: boolean;
  readonly images: ImageMode;
  /** Every `--base-url` (or `OPENAI_BASE_URL`), redaction left to the model; empty for the default. */
  readonly baseURLs: readonly string[];
  readonly apiKey: string | undefined;
  /** How requests are answered when not sent one by one. */
  readonly batch:
    | { readonly kind: 'out'; readonly file: string }
    | { readonly kind: 'in'; readonly files: readonly string[] }
    | { readonly kind: 'openai'; readonly pollIntervalMs: number }
    | undefined;
}

function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function parseBatch(options: EvalOptions, model: Model, baseURLs: readonly string[]): EvalSettings['batch'] {
  const batchIn = listOf(options.batchIn);
  const given = [
    ...(options.batchOut === undefined ? [] : ['--batch-out']),
    ...(batchIn.length === 0 ? [] : ['--batch-in']),
    ...(options.batch === undefined ? [] : ['--batch']),
  ];
  if (given.length === 0) return undefined;
  if (given.length > 1) throw new UsageError(`Give one of ${given.join(', ')}, not several.`);
  if (!model.cacheable) {
    throw new UsageError(`${given[0]} needs a served --model; built-in baselines answer at once.`);
  }
  if (options.out === undefined) {
    throw new UsageError(
      `${given[0]} needs --out DIR: the run folder that batch results are taken into, now and on later runs.`,
    );
  }
  if (baseURLs.length > 1) throw new UsageError(`${given[0]} takes one --base-url, not ${baseURLs.length}.`);
  if (options.batchOut !== undefined) return { kind: 'out', file: options.batchOut };
  if (batchIn.length > 0) return { kind: 'in', files: batchIn };
  if (options.batch !== 'openai') {
    throw new UsageError(`--batch must be 'openai' (the OpenAI Batch API), not '${options.batch}'.`);
  }
  const seconds = parseNumberOption('--batch-poll-interval', options.batchPollInterval, { min: 0.001 }) ?? 10;
  return { kind: 'openai', pollIntervalMs: seconds * 1000 };
}

export function parseEvalSettings(
  benchmarkIds: string,
  options: EvalOptions,
  registry: Registry,
  io: Io,
): EvalSettings {
  const registryIds = benchmarkIds.split(',').map((id) => id.trim());
  const benchmarkOptions = parseOptionPairs(options.benchmarkOption);
  const benchmarks = configureBenchmarks(
    registryIds.map((id) => registry.get(id)),
    benchmarkOptions,
  );
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
  const given = listOf(options.baseUrl);
  const baseURLs = given.length > 0 ? given : listOf(io.env.OPENAI_BASE_URL);
  const baseURL = baseURLs[0];
  for (const url of baseURLs) checkBaseUrl(url, given.length === 0);
  if (options.model === undefined && baseURL !== undefined) {
    throw new UsageError('--model is required with --base-url (the model name the server knows).');
  }
  const seed = parseNumberOption('--seed', options.seed, { integer: true, min: 0 });
  const temperature = parseNumberOption('--temperature', options.temperature, { min: 0 });
  const maxTokens = parseNumberOption('--max-tokens', options.maxTokens, { integer: true, min: 1 });
  const timeoutSeconds = parseNumberOption('--timeout', options.timeout, { min: 0.001 });
  const modelName = options.model ?? 'baseline:examinee-majority';
  // A benchmark wants the most likely answer, not the server's default draw (Ollama 0.8, vLLM the model's
  // generation_config, OpenAI 1): temperature 0 unless asked otherwise; reasoning models take only their default.
  const sentTemperature =
    temperature ?? (modelName.startsWith('baseline:') ? undefined : defaultTemperature(modelName));
  const apiKey = io.env.OPENAI_API_KEY ? io.env.OPENAI_API_KEY : undefined;
  const concurrency =
    parseNumberOption('--concurrency', options.concurrency, { integer: true, min: 1 }) ?? 16;
  const maxReplyMegabytes = parseNumberOption('--max-reply-size', options.maxReplySize, { min: 0.001 });
  const modelAt = (url: string | undefined) =>
    resolveModel({
      model: modelName,
      ...(url === undefined ? {} : { baseURL: url }),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(options.api === undefined ? {} : { api: options.api }),
      ...(seed === undefined ? {} : { seed }),
      maxConnections: concurrency,
      maxReplyBytes:
        maxReplyMegabytes === undefined ? defaultMaxReplyBytes : Math.round(maxReplyMegabytes * 1024 * 1024),
    });
  const model =
    baseURLs.length > 1
      ? createReplicaPool({
          replicas: baseURLs.map(modelAt),
          concurrencyPerReplica: concurrency,
          onHealth: ({ endpoint, down, reason }) =>
            io.stderr(
              down
                ? `kensa: replica ${endpoint} failed (${reason}); backing it off, the others go on.\n`
                : `kensa: replica ${endpoint} answers again.\n`,
            ),
        })
      : modelAt(baseURL);
  return {
    benchmarks,
    registryIds,
    benchmarkOptions,
    method,
    model,
    sampling: {
      ...(sentTemperature === undefined ? {} : { temperature: sentTemperature }),
      ...(maxTokens === undefined ? {} : { maxTokens }),
      ...(seed === undefined ? {} : { seed }),
    },
    samples: parseNumberOption('--samples', options.samples, { integer: true, min: 1 }) ?? 1,
    limit: parseNumberOption('--limit', options.limit, { integer: true, min: 1 }),
    // --concurrency is per endpoint: each replica gets as many requests in flight as a lone server would.
    concurrency: concurrency * Math.max(1, baseURLs.length),
    retries: parseNumberOption('--retries', options.retries, { integer: true, min: 0 }),
    timeoutMs: timeoutSeconds === undefined ? undefined : Math.max(1, Math.round(timeoutSeconds * 1000)),
    baseURLs,
    apiKey,
    batch: parseBatch(options, model, baseURLs),
    defaultTemperature: temperature === undefined,
    images: parseImageMode(options.images, options.api),
  };
}

/** A base URL that cannot be called is bad usage; the value is not echoed, since it may hold a key. */
export function checkBaseUrl(value: string, fromEnvironment: boolean): void {
  const name = fromEnvironment ? 'OPENAI_BASE_URL' : '--base-url';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${name} is not a URL; give the server's OpenAI-compatible API root, e.g. http://localhost:8000/v1.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${name} must be an http:// or https:// URL (got ${url.protocol}), e.g. http://localhost:8000/v1.`,
    );
  }
}
