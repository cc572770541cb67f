import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChatMessage,
  type ImageMode,
  type Item,
  KensaError,
  type LikelihoodPrompt,
  type PromptContext,
  type PromptMode,
  scoreItem,
} from '@kensa/core';
import pLimit from 'p-limit';
import { classifyModelError } from './classify-model-error';
import { createLikelihoodSession } from './likelihood-session';
import { loggedMessages } from './logged-messages';
import type { Model, ModelReply, ModelRequest, SamplingParameters } from './model';
import { prepareQuestion, type Question } from './prepare-question';
import { noRedaction, type Redactor, redactValue } from './redact-secrets';
import type { ReplySource } from './reply-source';
import { canonicalJson, sampleRequestHash } from './request-hash';
import type { ResponseCache } from './response-cache';
import { backoffDelay } from './retry-delay';
import { logFile, manifestFile, RunLog, readJsonFile, writeJsonFile } from './run-folder';
import { acquireRunLock } from './run-lock';
import { checkSameRun, type RunIdentity, type RunManifest } from './run-manifest';
import type { RecordedBenchmarkOptions, RunRecord } from './run-record';
import type { RunSources } from './run-sources';
import { sampleSeeds } from './sampling-defaults';
import { classifyLikelihoodError } from './server-capability';
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
      /** The wait the server asked for (`Retry-After`), when it asked; `delayMs` may be shorter (capped). */
      readonly retryAfterMs?: number;
    }
  | { readonly type: 'notice'; readonly message: string };

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
  readonly likelihood?: { render(item: Item, context?: PromptContext): LikelihoodPrompt };
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
  /**
   * Answers requests instead of the model (batch files, batch APIs): nothing is sent, and a request the source
   * leaves pending gets no log record, so a later run (or a later results file) picks it up.
   */
  readonly replies?: ReplySource;
  /** Recorded in the manifest: where the benchmark's data came from, and the options it was built with. */
  readonly sources?: RunSources;
  readonly benchmarkOptions?: RecordedBenchmarkOptions;
  /** Recorded in the manifest: what the caller did with questions that have images (see `RunManifest.images`). */
  readonly images?: ImageMode;
  readonly onEvent?: (event: EvaluationEvent) => void;
  /** Applied to everything written to the run folder and the cache (see `createRedactor`). */
  readonly redact?: Redactor;
  /**
   * The caller already holds the run folder's lock (`acquireRunLock`), e.g. to write the summary under it too.
   * Otherwise `evaluate` takes the lock for its own duration, and fails with a `RunLockError` when another
   * process holds it.
   */
  readonly lockHeld?: boolean;
}

export interface EvaluationResult {
  readonly manifest: RunManifest;
  /** The latest record of every item and sample, in item order. */
  readonly records: readonly EvaluationRecord[];
  readonly failures: readonly EvaluationRecord[];
  /** Requests that reached the model's server in this invocation (retries included). */
  readonly requestsSent: number;
  /** Tokenize calls made for likelihood by token ids in this invocation (1 + options per item asked). */
  readonly tokenizeCalls: number;
  readonly cacheHits: number;
  readonly resumed: number;
  /** Samples a reply source left unanswered (batch files); 0 otherwise. */
  readonly pending: number;
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
  if (options.lockHeld === true) return evaluateInFolder(options);
  const lock = acquireRunLock(options.runDir, {
    onNotice: (message) => options.onEvent?.({ type: 'notice', message }),
  });
  try {
    return await evaluateInFolder(options);
  } finally {
    lock.release();
  }
}

async function evaluateInFolder(options: EvaluateOptions): Promise<EvaluationResult> {
  const started = performance.now();
  const samples = options.samples ?? 1;
  const sampling = options.sampling ?? {};
  const retries = options.retries ?? 5;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const backoff = { baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 30_000 };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const { model, cache } = options;
  const redact = options.redact ?? noRedaction;
  const sentBefore = model.requestsSent?.();

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
    itemsHash: sha256Hex(options.items.map((item) => item.id).join('\n')),
    promptHash: sha256Hex([...questions.values()].map((entry) => entry.hash).join('\n')),
  };

  const manifestPath = path.join(options.runDir, manifestFile);
  const existing = readJsonFile<RunManifest>(manifestPath);
  if (existing !== undefined) checkSameRun(options.runDir, existing, identity);
  const now = () => new Date().toISOString();
  const seeds = method === 'generate' ? sampleSeeds(sampling, samples) : undefined;
  let manifest: RunManifest = {
    kind: 'eval',
    formatVersion: 1,
    ...identity,
    ...(seeds === undefined ? {} : { sampleSeeds: seeds }),
    ...(existing?.likelihoodMethod === undefined ? {} : { likelihoodMethod: existing.likelihoodMethod }),
    match: 'normalized',
    packages: options.packages ?? {},
    startedAt: existing?.startedAt ?? now(),
    resumedAt: existing === undefined ? [] : [...existing.resumedAt, now()],
    ...(options.extra === undefined ? {} : { extra: options.extra }),
    ...(options.sources === undefined ? {} : { sources: options.sources }),
    ...(options.benchmarkOptions === undefined ? {} : { benchmarkOptions: options.benchmarkOptions }),
    ...(options.images === undefined ? {} : { images: options.images }),
  };
  await writeJsonFile(manifestPath, manifest, redact);

  const log = RunLog.open<EvaluationRecord>(path.join(options.runDir, logFile), { redact });
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
  let tokenizeCalls = 0;
  const session = method === 'likelihood' ? createLikelihoodSession(model) : undefined;
  // The first likelihood request of the run is the capability check: it goes alone, and decides the method.
  let likelihoodChecked = false;
  let cacheHits = 0;
  let leftPending = 0;
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
    const likelihoodPrompt = question.likelihood;
    const read = (response: unknown) =>
      likelihoodPrompt === undefined || session === undefined
        ? model.parse(response)
        : session.read(response, likelihoodPrompt);
    const sendRequest = async () => {
      if (likelihoodPrompt === undefined || session === undefined) return model.send(request, { timeoutMs });
      const response = await session.send(likelihoodPrompt, request, { timeoutMs });
      const stored = response as { kensaLikelihood?: { tokenizeCalls?: number } };
      tokenizeCalls += stored.kensaLikelihood?.tokenizeCalls ?? 0;
      return response;
    };
    // Built-in baselines have no endpoint URL; their requests are hashed all the same, for the log.
    const key = model.cacheable
      ? sampleRequestHash(model, request.body, sample)
      : sha256Hex(canonicalJson({ model: model.name, body: { request: request.body, sample } }));
    const begin = performance.now();
    const base = {
      itemId: item.id,
      sample,
      promptHash,
      requestHash: key,
      messages: loggedMessages(prompt.messages),
    };

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
    if (reply === undefined && options.replies !== undefined) {
      const outcome = options.replies.answer({
        benchmark: options.benchmarkId,
        itemId: item.id,
        sample,
        requestHash: key,
        request,
      });
      if (outcome.kind === 'pending') {
        leftPending++;
        return;
      }
      attempts = 1;
      if (outcome.kind === 'error') {
        failure = {
          message: outcome.message,
          ...(outcome.status === undefined ? {} : { status: outcome.status }),
        };
      } else {
        try {
          reply = read(outcome.response);
          if (model.cacheable)
            cache.put(key, {
              response: outcome.response,
              createdAt: now(),
              model: model.name,
              endpoint: model.endpoint,
            });
        } catch (error) {
          failure = {
            message: `unreadable batch response: ${error instanceof Error ? error.message : String(error)}`,
          };
        }
      }
    }
    while (reply === undefined && abortReason === undefined && options.replies === undefined) {
      attempts++;
      requestsSent++;
      try {
        const response = await sendRequest();
        answeredByServer = true;
        reply = read(response);
        if (model.cacheable)
          cache.put(
            key,
            redactValue({ response, createdAt: now(), model: model.name, endpoint: model.endpoint }, redact),
          );
      } catch (error) {
        const verdict =
          (session === undefined
            ? undefined
            : classifyLikelihoodError(error, { first: !likelihoodChecked })) ?? classifyModelError(error);
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
          ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }),
        });
        await sleep(delayMs);
      }
    }
    if (reply === undefined && abortReason !== undefined && failure === undefined) return;
    if (session !== undefined && reply !== undefined && !likelihoodChecked) {
      likelihoodChecked = true;
      const used = reply.likelihood?.method;
      if (used !== undefined && manifest.likelihoodMethod !== used) {
        manifest = { ...manifest, likelihoodMethod: used };
        await writeJsonFile(manifestPath, manifest);
      }
    }

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
    const stored = log.append(record);
    options.onEvent?.({ type: 'record', record: stored });
  }

  const limit = pLimit(options.concurrency ?? 16);
  try {
    let rest = pending;
    if (session !== undefined) {
      // Until one item succeeds, likelihood requests go one at a time: a server that cannot do it stops the run
      // within one request instead of failing every item in parallel.
      while (!likelihoodChecked && abortReason === undefined && rest.length > 0) {
        const [first, ...others] = rest;
        rest = others;
        if (first !== undefined) await answer(first.item, first.sample);
      }
    }
    await Promise.all(rest.map(({ item, sample }) => limit(() => answer(item, sample))));
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
    requestsSent: sentBefore === undefined ? requestsSent : (model.requestsSent?.() ?? 0) - sentBefore,
    tokenizeCalls,
    cacheHits,
    resumed: options.items.length * samples - pending.length,
    pending: leftPending,
    durationMs: Math.round(performance.now() - started),
    ...(abortReason === undefined ? {} : { abortReason }),
  };
}
