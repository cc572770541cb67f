import type { Benchmark, Registry } from '@kensa/core';
import { type Model, resolveModel, type SamplingParameters } from '@kensa/runner';
import { configureBenchmarks, parseOptionPairs } from './benchmark-options';
import type { Io } from './io';
import { parseNumberOption } from './parse-number-option';
import { UsageError } from './usage-error';

/** `kensa eval`'s flags as commander hands them over (strings, unparsed). */
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
  /** `-T key=value`, repeatable: options for the benchmark's factory. */
  readonly benchmarkOption?: readonly string[];
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
  const baseURL = options.baseUrl ?? io.env.OPENAI_BASE_URL;
  if (options.model === undefined && baseURL !== undefined) {
    throw new UsageError('--model is required with --base-url (the model name the server knows).');
  }
  const seed = parseNumberOption('--seed', options.seed, { integer: true, min: 0 });
  const temperature = parseNumberOption('--temperature', options.temperature, { min: 0 });
  const maxTokens = parseNumberOption('--max-tokens', options.maxTokens, { integer: true, min: 1 });
  const timeoutSeconds = parseNumberOption('--timeout', options.timeout, { min: 0.001 });
  return {
    benchmarks,
    registryIds,
    benchmarkOptions,
    method,
    model: resolveModel({
      model: options.model ?? 'baseline:examinee-majority',
      ...(baseURL === undefined ? {} : { baseURL }),
      ...(io.env.OPENAI_API_KEY ? { apiKey: io.env.OPENAI_API_KEY } : {}),
      ...(options.api === undefined ? {} : { api: options.api }),
      ...(seed === undefined ? {} : { seed }),
    }),
    sampling: {
      ...(temperature === undefined ? {} : { temperature }),
      ...(maxTokens === undefined ? {} : { maxTokens }),
      ...(seed === undefined ? {} : { seed }),
    },
    samples: parseNumberOption('--samples', options.samples, { integer: true, min: 1 }) ?? 1,
    limit: parseNumberOption('--limit', options.limit, { integer: true, min: 1 }),
    concurrency: parseNumberOption('--concurrency', options.concurrency, { integer: true, min: 1 }) ?? 16,
    retries: parseNumberOption('--retries', options.retries, { integer: true, min: 0 }),
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
  };
}
