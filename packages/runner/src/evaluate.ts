import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChatMessage,
  type Item,
  KensaError,
  type LikelihoodPrompt,
  type PromptMode,
  scoreItem,
} from '@kensa/core';
import pLimit from 'p-limit';
import { classifyModelError } from './classify-model-error';
import { readLikelihoodReply } from './likelihood-reply';
import type { Model, ModelReply, ModelRequest, SamplingParameters } from './model';
import { prepareQuestion, type Question } from './prepare-question';
import { canonicalJson, requestHash } from './request-hash';
import type { ResponseCache } from './response-cache';
import { backoffDelay } from './retry-delay';
import { logFile, manifestFile, RunLog, readJsonFile, writeJsonFile } from './run-folder';
import { checkSameRun, type RunIdentity, type RunManifest } from './run-manifest';
import type { RecordedBenchmarkOptions, RunRecord } from './run-record';
import type { RunSources } from './run-sources';
import { sha256Hex } from './sha256';

/** One finished (or finally failed) attempt at one sample of one item: a line of `log.jsonl`. */
export interface EvaluationRecord extends RunRecord {
  readonly promptHash: string;
  readonly requestHash: string;
  readonly messages: readonly ChatMessage[];
  readonly attempts: number;
  readonly cached: boolean;
  readonly latencyMs: number;
  readonly finishedAt: string;
}

export type EvaluationEvent =
  | { readonly type: 'start'; readonly total: number; readonly alreadyDone: number }
  | { readonly type: 'record'; readonly record: EvaluationRecord }
  | {
      readonly type: 'retry';
      readonly itemId: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    };

export interface EvaluateOptions {
  readonly benchmarkId: string;
  readonly benchmarkVersion: string;
  readonly items: readonly Item[];
  readonly examples: readonly Item[];
  readonly mode: PromptMode;
  /**
   * `generate` (default): the model answers and the answer is read from its reply. `likelihood`: each option is
   * scored by its log-probability after the prompt (needs `likelihood` and a completions endpoint).
   */
  readonly method?: 'generate' | 'likelihood';
  readonly likelihood?: { render(item: Item): LikelihoodPrompt };
  readonly model: Model;
  readonly sampling?: SamplingParameters;
  /** Samples per item (K); 1 by default. */
  readonly samples?: number;
  /** Requests in flight at once; 16 by default. */
  readonly concurrency?: number;
  /** Retries after the first attempt; 5 by default. */
  readonly retries?: number;
  /** Time allowed for one attempt; 120 s by default. */
  readonly timeoutMs?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly maxRetryAfterMs?: number;
  readonly cache: ResponseCache;
  /** The run folder; a folder holding an unfinished run of the same configuration is resumed. */
  readonly runDir: string;
  readonly packages?: Readonly<Record<string, string>>;
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Recorded in the manifest: where the benchmark's data came from, and the options it was built with. */
  readonly sources?: RunSources;
  readonly benchmarkOptions?: RecordedBenchmarkOptions;
  readonly onEvent?: (event: EvaluationEvent) => void;
}

export interface EvaluationResult {
  readonly manifest: RunManifest;
  /** The latest record of every item and sample, in item order. */
  readonly records: readonly EvaluationRecord[];
  readonly failures: readonly EvaluationRecord[];
  /** Requests sent to the model in this invocation (retries included). */
  readonly requestsSent: number;
  readonly cacheHits: number;
  readonly resumed: number;
  readonly durationMs: number;
  /** Set when the run stopped early because no item could succeed (bad key, unknown model). */
  readonly abortReason?: string;
}

const taskKey = (itemId: string, sample: number) => `${itemId}#${sample}`;

/**
 * Evaluates items with a model and writes the run folder as it goes: the manifest first, then one log line
 * per finished sample. Finished samples found in the folder's log are not asked again, so a run killed at any
 * moment resumes where it stopped. Replies come from the cache when an identical request was answered before;
 * failures are never cached. A sample that fails after every retry is logged as an error and the run goes on.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluationResult> {
  const started = performance.now();
  const samples = options.samples ?? 1;
  const sampling = options.sampling ?? {};
  const retries = options.retries ?? 5;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const backoff = { baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 30_000 };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const { model, cache } = options;

  const method = options.method ?? 'generate';
  if (
    method === 'likelihood' &&
    (options.likelihood === undefined || model.likelihoodRequest === undefined)
  ) {
    throw new KensaError(
      'usage',
      options.likelihood === undefined
        ? `Benchmark '${options.benchmarkId}' does not support likelihood scoring; use --scoring generate.`
        : `Model '${model.name}' cannot be scored by likelihood (it needs a completions endpoint with echo and logprobs).`,
    );
  }
  const questions = new Map<string, Question>();
  for (const item of options.items) {
    questions.set(item.id, prepareQuestion(item, method, options));
  }
  const template = questions.values().next().value?.template ?? options.mode.id;
  const identity: RunIdentity = {
    benchmark: options.benchmarkId,
    benchmarkVersion: options.benchmarkVersion,
    mode: options.mode.id,
    method,
    template,
    model: model.name,
    endpoint: model.endpoint,
    sampling,
    samples,
    items: options.items.length,
    itemsHash: sha256Hex(Buffer.from(options.items.map((item) => item.id).join('\n'))),
    promptHash: sha256Hex(Buffer.from([...questions.values()].map((entry) => entry.hash).join('\n'))),
  };

  const manifestPath = path.join(options.runDir, manifestFile);
  const existing = readJsonFile<RunManifest>(manifestPath);
  if (existing !== undefined) checkSameRun(options.runDir, existing, identity);
  const now = () => new Date().toISOString();
  const manifest: RunManifest = {
    kind: 'eval',
    formatVersion: 1,
    ...identity,
    match: 'normalized',
    packages: options.packages ?? {},
    startedAt: existing?.startedAt ?? now(),
    resumedAt: existing === undefined ? [] : [...existing.resumedAt, now()],
    ...(options.extra === undefined ? {} : { extra: options.extra }),
    ...(options.sources === undefined ? {} : { sources: options.sources }),
    ...(options.benchmarkOptions === undefined ? {} : { benchmarkOptions: options.benchmarkOptions }),
  };
  await writeJsonFile(manifestPath, manifest);

  const log = RunLog.open<EvaluationRecord>(path.join(options.runDir, logFile));
  const done = new Set(
    log.records
      .filter((record) => record.status === 'ok')
      .map((record) => taskKey(record.itemId, record.sample)),
  );
  const pending = options.items.flatMap((item) =>
    Array.from({ length: samples }, (_, sample) => ({ item, sample })).filter(
      ({ sample }) => !done.has(taskKey(item.id, sample)),
    ),
  );
  options.onEvent?.({
    type: 'start',
    total: options.items.length * samples,
    alreadyDone: options.items.length * samples - pending.length,
  });

  let requestsSent = 0;
  let cacheHits = 0;
  let abortReason: string | undefined;
  // Whether any request of this run got an answer: before that, an unreachable server stops the run.
  let answeredByServer = false;

  async function answer(item: Item, sample: number): Promise<void> {
    if (abortReason !== undefined) return;
    const question = questions.get(item.id) as Question;
    const { prompt, hash: promptHash } = question;
    const request =
      question.likelihood === undefined
        ? model.request({ item, prompt, sample }, sampling)
        : (model.likelihoodRequest?.(question.likelihood) as ModelRequest);
    const read = (response: unknown) =>
      question.likelihood === undefined
        ? model.parse(response)
        : readLikelihoodReply(response, question.likelihood);
    const body = { request: request.body, sample };
    // Built-in baselines have no endpoint URL; their requests are hashed all the same, for the log.
    const key = model.cacheable
      ? requestHash({ endpoint: model.endpoint, model: model.name, body })
      : sha256Hex(Buffer.from(canonicalJson({ model: model.name, body })));
    const begin = performance.now();
    const base = { itemId: item.id, sample, promptHash, requestHash: key, messages: prompt.messages };

    let reply: ModelReply | undefined;
    let cached = false;
    let attempts = 0;
    let failure: { message: string; status?: number } | undefined;
    const hit = model.cacheable ? cache.get(key) : undefined;
    if (hit !== undefined) {
      try {
        reply = read(hit.response);
        cached = true;
        cacheHits++;
      } catch {
        // An unreadable cached response is asked again.
      }
    }
    while (reply === undefined && abortReason === undefined) {
      attempts++;
      requestsSent++;
      try {
        const response = await model.send(request, { timeoutMs });
        answeredByServer = true;
        reply = read(response);
        if (model.cacheable)
          cache.put(key, { response, createdAt: now(), model: model.name, endpoint: model.endpoint });
      } catch (error) {
        const verdict = classifyModelError(error);
        failure = {
          message: verdict.message,
          ...(verdict.status === undefined ? {} : { status: verdict.status }),
        };
        if (verdict.action === 'abort') {
          abortReason ??= `${verdict.message} (item ${item.id}); stopped the run: every other request would fail the same way.`;
          break;
        }
        if (verdict.unreachable && attempts > retries && !answeredByServer) {
          abortReason ??= `cannot reach ${model.endpoint} (${verdict.message}); is the server running, and is --base-url right?`;
          break;
        }
        if (verdict.action === 'fail' || attempts > retries) break;
        const delayMs = Math.min(
          Math.max(verdict.retryAfterMs ?? 0, backoffDelay(attempts, backoff)),
          Math.max(maxRetryAfterMs, backoff.baseDelayMs),
        );
        options.onEvent?.({
          type: 'retry',
          itemId: item.id,
          attempt: attempts,
          delayMs,
          reason: verdict.message,
        });
        await sleep(delayMs);
      }
    }
    if (reply === undefined && abortReason !== undefined && failure === undefined) return;

    const timing = { attempts, cached, latencyMs: Math.round(performance.now() - begin), finishedAt: now() };
    let record: EvaluationRecord;
    if (reply === undefined) {
      record = {
        ...base,
        status: 'error',
        error: `${failure?.message ?? 'failed'} after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
        ...(failure?.status === undefined ? {} : { httpStatus: failure.status }),
        ...timing,
      };
    } else {
      const score = scoreItem(item, reply.text, 'normalized');
      record = {
        ...base,
        status: 'ok',
        reply,
        extracted: score.extracted ?? null,
        verdict: score.verdict,
        correct: score.correct,
        ...timing,
      };
    }
    log.append(record);
    options.onEvent?.({ type: 'record', record });
  }

  const limit = pLimit(options.concurrency ?? 16);
  try {
    await Promise.all(pending.map(({ item, sample }) => limit(() => answer(item, sample))));
  } finally {
    log.close();
  }

  const latest = new Map<string, EvaluationRecord>();
  for (const record of log.records) latest.set(taskKey(record.itemId, record.sample), record);
  const records = options.items.flatMap((item) =>
    Array.from({ length: samples }, (_, sample) => latest.get(taskKey(item.id, sample))).filter(
      (record): record is EvaluationRecord => record !== undefined,
    ),
  );
  return {
    manifest,
    records,
    failures: records.filter((record) => record.status === 'error'),
    requestsSent,
    cacheHits,
    resumed: options.items.length * samples - pending.length,
    durationMs: Math.round(performance.now() - started),
    ...(abortReason === undefined ? {} : { abortReason }),
  };
}
