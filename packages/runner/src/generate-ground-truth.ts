import { checkGroundTruth, type Item, pairingRuledOut, renderGroundTruthPrompt } from '@kensa/core';
import { classifyModelError } from './classify-model-error';
import type { Model, SamplingParameters } from './model';
import { noRedaction, type Redactor, redactValue } from './redact-secrets';
import { sampleRequestHash } from './request-hash';
import type { ResponseCache } from './response-cache';

/** One accepted explanation, in the shape `kensa rpo build --explanations` reads. */
export interface GroundTruthExplanationLine {
  readonly problem_id: string;
  readonly explanation: string;
}

/** A question left without ground truth, and why. */
export interface GroundTruthRejection {
  readonly id: string;
  /** `rejected`: the teacher answered but its answer line is not the key; `failed`: no reply; `skipped`: ruled out of scoring. */
  readonly status: 'rejected' | 'failed' | 'skipped';
  readonly reason: string;
  /** The teacher's reply, for a rejected one. */
  readonly reply?: string;
}

export interface GenerateGroundTruthOptions {
  readonly items: readonly Item[];
  /** The benchmark's worked examples; those with an explanation show the teacher the style. */
  readonly examples: readonly Item[];
  readonly model: Model;
  readonly sampling?: SamplingParameters;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Retries of a retryable failure (rate limit, 5xx, timeout) after the first attempt (default 3). */
  readonly retries?: number;
  readonly timeoutMs?: number;
  /** Delay before the first retry, doubled each time (default 500 ms). */
  readonly baseDelayMs?: number;
  /**
   * Teacher replies already received are read from here instead of asked again, and new ones are stored as they
   * come (as `kensa eval` caches, by endpoint, model and request body), so a re-run after an interruption or a
   * failure pays only for the questions still unanswered. Errors are never cached.
   */
  readonly cache?: ResponseCache;
  /** Applied to what is stored in the cache. */
  readonly redact?: Redactor;
  /** Called after each question, in completion order (e.g. to save accepted explanations as they come). */
  readonly onItem?: (
    outcome:
      | ({ id: string; accepted: true } & GroundTruthExplanationLine)
      | ({ accepted: false } & GroundTruthRejection),
  ) => void;
}

export interface GroundTruthResult {
  /** Accepted explanations, in benchmark order. */
  readonly accepted: readonly GroundTruthExplanationLine[];
  /** Rejected, failed and skipped questions, in benchmark order. */
  readonly rejected: readonly GroundTruthRejection[];
  /**
   * Questions answered from the cache; `requestsSent` counts requests that reached the network, retries included
   * (as `kensa eval` counts them; attempts, where the model cannot tell).
   */
  readonly cacheHits: number;
  readonly requestsSent: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type TeacherReply =
  | { ok: true; text: string; cached: boolean; requests: number }
  | { ok: false; reason: string; abort: boolean; requests: number };

async function askTeacher(item: Item, options: GenerateGroundTruthOptions): Promise<TeacherReply> {
  const { model, cache } = options;
  const prompt = renderGroundTruthPrompt(item, options.examples);
  const request = model.request({ item, prompt, sample: 0 }, options.sampling ?? {});
  const key = cache !== undefined && model.cacheable ? sampleRequestHash(model, request.body, 0) : undefined;
  const hit = key === undefined ? undefined : cache?.get(key);
  if (hit !== undefined) {
    try {
      return { ok: true, text: model.parse(hit.response).text, cached: true, requests: 0 };
    } catch {
      // An unreadable cached reply is asked again.
    }
  }
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await model.send(request, { timeoutMs: options.timeoutMs ?? 120_000 });
      const text = model.parse(response).text;
      if (key !== undefined) {
        const entry = {
          response,
          createdAt: new Date().toISOString(),
          model: model.name,
          endpoint: model.endpoint,
        };
        cache?.put(key, redactValue(entry, options.redact ?? noRedaction));
      }
      return { ok: true, text, cached: false, requests: attempt + 1 };
    } catch (error) {
      const verdict = classifyModelError(error);
      if (verdict.action !== 'retry' || attempt >= retries) {
        return {
          ok: false,
          reason: verdict.message,
          abort: verdict.action === 'abort',
          requests: attempt + 1,
        };
      }
      await sleep(verdict.retryAfterMs ?? (options.baseDelayMs ?? 500) * 2 ** attempt);
    }
  }
}

/**
 * Asks a teacher model to explain each question's key and keeps an explanation only when Kensa's own answer
 * reading (`checkGroundTruth`: the same extraction and scoring as `kensa eval`) takes the key from its final
 * answer line. Questions ruled out of scoring are skipped (they give no pairs). With a `cache`, a re-run asks only
 * what no earlier run got a reply for. Never throws on a failed call:
 * that question is reported `failed`; after an error no question can escape (bad key, unknown model) the rest are
 * reported `failed` unasked.
 */
export async function generateGroundTruth(options: GenerateGroundTruthOptions): Promise<GroundTruthResult> {
  const outcomes = new Map<string, GroundTruthExplanationLine | GroundTruthRejection>();
  const queue = [...options.items];
  const report = (id: string, outcome: GroundTruthExplanationLine | GroundTruthRejection) => {
    outcomes.set(id, outcome);
    options.onItem?.(
      'status' in outcome ? { accepted: false, ...outcome } : { id, accepted: true, ...outcome },
    );
  };
  // A rejected key or an unknown model fails every question the same way: stop asking after the first.
  let aborted: string | undefined;
  let cacheHits = 0;
  let attempts = 0;
  const sentBefore = options.model.requestsSent?.();
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (aborted !== undefined) {
        report(item.id, { id: item.id, status: 'failed', reason: `not asked: ${aborted}` });
        continue;
      }
      const ruledOut = pairingRuledOut(item);
      if (ruledOut !== undefined) {
        report(item.id, { id: item.id, status: 'skipped', reason: ruledOut });
        continue;
      }
      const reply = await askTeacher(item, options);
      attempts += reply.requests;
      if (reply.ok && reply.cached) cacheHits++;
      if (!reply.ok) {
        if (reply.abort) aborted ??= reply.reason;
        report(item.id, { id: item.id, status: 'failed', reason: reply.reason });
        continue;
      }
      const check = checkGroundTruth(item, reply.text);
      report(
        item.id,
        check.ok
          ? { problem_id: item.id, explanation: check.text }
          : { id: item.id, status: 'rejected', reason: check.reason, reply: reply.text },
      );
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, options.items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const accepted: GroundTruthExplanationLine[] = [];
  const rejected: GroundTruthRejection[] = [];
  for (const item of options.items) {
    const outcome = outcomes.get(item.id);
    if (outcome === undefined) continue;
    if ('status' in outcome) rejected.push(outcome);
    else accepted.push(outcome);
  }
  const requestsSent =
    sentBefore === undefined ? attempts : (options.model.requestsSent?.() ?? 0) - sentBefore;
  return { accepted, rejected, cacheHits, requestsSent };
}
