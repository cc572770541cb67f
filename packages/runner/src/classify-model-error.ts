import OpenAI from 'openai';
import { boundedMessage, looksLikeHtml, NotJsonReplyError, quoteBody } from './not-json-reply-error';
import { runWideRejection } from './rejected-parameter';
import { findReplyTooLarge } from './reply-size-limit';
import { parseRetryAfter } from './retry-delay';

/** What to do about a failed model call. */
export interface ErrorVerdict {
  /** `retry`: try again after a delay; `fail`: give up on this item; `abort`: no item can succeed (bad key, no such model). */
  readonly action: 'retry' | 'fail' | 'abort';
  /** A delay the server asked for (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly message: string;
  /** The server could not be reached at all (refused, unknown host): before any answer, the whole run is stuck. */
  readonly unreachable?: boolean;
}

/** What to do about the statuses that stop a run, since every other request would get the same. */
const runStoppingAdvice: Readonly<Record<number, string>> = {
  401: "The server wants an API key: set OPENAI_API_KEY to the key it was started with (vLLM's, SGLang's and llama-server's --api-key), or check the one set",
  403: 'The key is not allowed this model or endpoint: check OPENAI_API_KEY and --model',
  404: 'Check --model (the server lists its models at GET /v1/models) and that --base-url is the API root, e.g. http://localhost:8000/v1',
};

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function errorCode(error: unknown): string | undefined {
  for (
    let current = error;
    typeof current === 'object' && current !== null;
    current = (current as { cause?: unknown }).cause
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function headerOf(headers: Headers | undefined, name: string): string | null {
  return headers?.get(name) ?? null;
}

/**
 * Sorts a model-call error: rate limits, server errors, timeouts, dropped connections and unreadable bodies
 * are retried; a bad request fails its item; a rejected key or an unknown model stops the run, since every
 * other item would fail the same way.
 */
export function classifyModelError(error: unknown): ErrorVerdict {
  if (error instanceof OpenAI.APIUserAbortError) return { action: 'fail', message: 'cancelled' };
  const tooLarge = findReplyTooLarge(error);
  if (tooLarge !== undefined) return { action: 'fail', message: tooLarge.message };
  if (NotJsonReplyError.isInstance(error)) return { action: 'abort', message: error.message };
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { action: 'retry', message: 'the request timed out' };
  if (error instanceof OpenAI.APIConnectionError) {
    const message = `connection failed: ${error.cause instanceof Error ? error.cause.message : error.message}`;
    return {
      action: 'retry',
      message,
      ...(unreachableCodes.has(errorCode(error) ?? '') ? { unreachable: true } : {}),
    };
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    const rejection = runWideRejection(error);
    if (rejection !== undefined) return { action: 'abort', status, message: rejection };
    const html = looksLikeHtml(error.message);
    const message = `the server answered ${status}: ${
      html
        ? `an HTML page ("${quoteBody(error.message)}"); is --base-url the API root, e.g. http://localhost:8000/v1?`
        : boundedMessage(error.message)
    }`;
    const advice = runStoppingAdvice[status];
    if (advice !== undefined) {
      return {
        action: 'abort',
        status,
        message: html ? message : `${message.replace(/\.$/, '')}. ${advice}.`,
      };
    }
    if (status === 408 || status === 409 || status === 429 || status >= 500) {
      const retryAfterMs =
        Number(headerOf(error.headers, 'retry-after-ms')) ||
        parseRetryAfter(headerOf(error.headers, 'retry-after'));
      return { action: 'retry', status, message, ...(retryAfterMs ? { retryAfterMs } : {}) };
    }
    return { action: 'fail', status, message };
  }
  // Anything else (a body that is not JSON, a response without choices) is most often a passing fault.
  return { action: 'retry', message: error instanceof Error ? error.message : String(error) };
}
