import { KensaError } from '@kensa/core';
import type { LeanPost, LeanReply } from './lean-fetch';
import { parseJsonOrUndefined, readableErrorBody } from './readable-error-body';

/** The server has no tokenize endpoint Kensa knows (vLLM's and SGLang's `/tokenize`, llama.cpp's `/tokenize`). */
export class TokenizeUnavailableError extends KensaError {
  constructor(message: string) {
    super('tokenize-unavailable', message);
    this.name = 'TokenizeUnavailableError';
  }

  static override isInstance(error: unknown): error is TokenizeUnavailableError {
    return KensaError.isInstance(error) && error.code === 'tokenize-unavailable';
  }
}

/** A tokenize call that reached the endpoint but failed (a 5xx, a dropped connection): worth retrying. */
export class TokenizeFailedError extends KensaError {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super('tokenize-failed', message);
    this.name = 'TokenizeFailedError';
    this.status = status;
  }

  static override isInstance(error: unknown): error is TokenizeFailedError {
    return KensaError.isInstance(error) && error.code === 'tokenize-failed';
  }
}

/**
 * Where the tokenize requests go: a `fetch`, or the raw `post` of a `createLeanFetch` (the model's lean path,
 * which reads the reply text without building a `Response`).
 */
export type ServerTokenizerOptions = {
  readonly baseURL: string;
  readonly model: string;
  readonly apiKey?: string;
} & ({ readonly fetch: typeof fetch } | { readonly post: LeanPost });

export type Tokenize = (text: string, options: { timeoutMs: number }) => Promise<number[]>;

/**
 * Where a server's tokenize endpoint may be: vLLM (`vllm/entrypoints/openai/api_server.py`, `POST /tokenize` at
 * the server root) and llama.cpp (`tools/server/server.cpp`, `POST /tokenize`) serve it beside `/v1`; SGLang
 * serves `/tokenize` and `/v1/tokenize`. The first that answers is kept for the run.
 */
function candidateUrls(baseURL: string): string[] {
  const base = baseURL.replace(/\/+$/, '');
  const root = base.replace(/\/v1$/, '');
  return [...new Set([`${root}/tokenize`, `${base}/tokenize`])];
}

/**
 * Reads a tokenize reply: `{tokens: number[]}` (vLLM, SGLang, llama.cpp) or llama.cpp's `with_pieces` form
 * `{tokens: [{id, piece}]}`.
 */
function readTokens(payload: unknown): number[] | undefined {
  const tokens = (payload as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(tokens)) return undefined;
  const ids = tokens.map((token) =>
    typeof token === 'number' ? token : (token as { id?: unknown } | null)?.id,
  );
  return ids.every((id): id is number => Number.isInteger(id)) ? ids : undefined;
}

/**
 * Tokenizes text through the server, with its own special tokens (BOS where the model's tokenizer adds one), so
 * token counts are exactly what the server scores. One body serves every server: vLLM and SGLang read `prompt`
 * and `add_special_tokens`, llama.cpp reads `content` and `add_special`; each ignores the others' fields.
 */
export function createServerTokenizer(options: ServerTokenizerOptions): Tokenize {
  const candidates = candidateUrls(options.baseURL);
  let found: string | undefined;
  let missing = false;
  const headers = {
    'content-type': 'application/json',
    ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
  };

  const call = async (url: string, text: string, timeoutMs: number) => {
    const body = JSON.stringify({
      model: options.model,
      prompt: text,
      add_special_tokens: true,
      content: text,
      add_special: true,
    });
    let reply: LeanReply | Response;
    try {
      reply =
        'post' in options
          ? await options.post(url, { headers, body, timeoutMs })
          : await options.fetch(url, {
              method: 'POST',
              headers,
              body,
              signal: AbortSignal.timeout(timeoutMs),
            });
    } catch (error) {
      throw new TokenizeFailedError(
        `tokenize failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const { status } = reply;
    // The lean path reads error bodies as the model's fetch (wrapped in `withReadableErrorBodies`) hands them over.
    const raw =
      'post' in options
        ? status >= 400
          ? readableErrorBody((reply as LeanReply).text).body
          : (reply as LeanReply).text
        : await (reply as Response).text();
    return { status, payload: parseJsonOrUndefined(raw), raw };
  };

  const tokenize = async (text: string, timeoutMs: number): Promise<number[]> => {
    if (missing) throw new TokenizeUnavailableError('The server has no tokenize endpoint.');
    for (const url of found === undefined ? candidates : [found]) {
      const { status, payload, raw } = await call(url, text, timeoutMs);
      if (status >= 500 || status === 429 || status === 408) {
        throw new TokenizeFailedError(
          `tokenize at ${new URL(url).pathname} answered ${status}: ${raw.slice(0, 200)}`,
          status,
        );
      }
      const tokens = status === 200 ? readTokens(payload) : undefined;
      if (tokens !== undefined && (tokens.length > 0 || text === '')) {
        found = url;
        return tokens;
      }
      if (found !== undefined) {
        throw new TokenizeFailedError(
          `tokenize at ${new URL(url).pathname} answered ${status} without token ids: ${raw.slice(0, 200)}`,
          status,
        );
      }
    }
    missing = true;
    throw new TokenizeUnavailableError(
      `The server has no tokenize endpoint (tried ${candidates.map((url) => new URL(url).pathname).join(', ')}).`,
    );
  };

  // Until an endpoint is known, one call looks for it and the calls made meanwhile (an item's prompt and options
  // go together) wait for its outcome, rather than each probing every candidate path.
  let probe: Promise<void> | undefined;
  return async (text, { timeoutMs }) => {
    if (found === undefined && !missing) {
      if (probe === undefined) {
        const first = tokenize(text, timeoutMs);
        // Settles either way, so a failed probe is the caller's error alone, never an unhandled rejection.
        probe = first.then(
          () => {
            probe = undefined;
          },
          () => {
            probe = undefined;
          },
        );
        return first;
      }
      await probe;
    }
    return tokenize(text, timeoutMs);
  };
}
