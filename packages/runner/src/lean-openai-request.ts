import OpenAI from 'openai';
import type { LeanPost, LeanReply } from './lean-fetch';
import { parseJsonOrUndefined, readableErrorBody } from './readable-error-body';

export interface LeanOpenAIRequestOptions {
  /** The server's OpenAI-compatible base URL, e.g. `http://localhost:8000/v1`. */
  readonly baseURL: string;
  readonly apiKey?: string;
  readonly post: LeanPost;
}

/** Posts a JSON body to an endpoint under the base URL; resolves to what the SDK's `create` returns. */
export type OpenAIEndpointCall = (
  path: 'chat/completions' | 'completions',
  body: unknown,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
) => Promise<unknown>;

/** Whether a failed request timed out, by the openai SDK's own test (`client.ts`, `makeRequest`). */
function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { name?: unknown }).name === 'AbortError') return true;
  return /timed? ?out/i.test(String(error) + ('cause' in error ? String(error.cause) : ''));
}

/** What the SDK returns for a 2xx reply (`internal/parse.ts`, `defaultParseResponse`): JSON, or else the text. */
function successBody(reply: LeanReply): unknown {
  if (reply.status === 204) return null;
  const mediaType = reply.headers['content-type']?.split(';')[0]?.trim();
  if (mediaType?.includes('application/json') || mediaType?.endsWith('+json')) {
    if (reply.headers['content-length'] === '0') return undefined;
    return JSON.parse(reply.text);
  }
  return reply.text;
}

/** The SDK's error for a non-2xx reply, from the body as `withReadableErrorBodies` would have handed it over. */
function statusError(reply: LeanReply): InstanceType<typeof OpenAI.APIError> {
  const { body, nested } = readableErrorBody(reply.text);
  const headers = new Headers(reply.headers);
  headers.delete('content-length');
  if (nested) headers.set('content-type', 'application/json');
  const errorJson = parseJsonOrUndefined(body) as object | undefined;
  return OpenAI.APIError.generate(reply.status, errorJson, errorJson ? undefined : body, headers);
}

/**
 * Chat and completions requests without the openai SDK's request machinery (header building, request logging,
 * a `Response` per reply): on a 2-core machine that machinery cost about 2 ms of client CPU per request where a
 * bare `node:http` client spends under 1 ms (`bench/`, whole-cli), and a fast local server is then waiting on
 * the client. Everything a
 * caller can see is the SDK's: the URL it builds, the headers a server reads (`Accept`, `Content-Type`,
 * `Authorization`, `OpenAI-Organization`/`OpenAI-Project` from the environment), its `timeout` check, and its
 * error classes built as it builds them (`APIUserAbortError`, `APIConnectionTimeoutError`, `APIConnectionError`
 * with the socket error as `cause`, `APIError.generate` for a status), so `classifyModelError` sorts them alike.
 * No retries here: the runner retries.
 */
export function createLeanOpenAIRequest(options: LeanOpenAIRequestOptions): OpenAIEndpointCall {
  const base = options.baseURL.endsWith('/') ? options.baseURL : `${options.baseURL}/`;
  const organization = process.env.OPENAI_ORG_ID?.trim();
  const project = process.env.OPENAI_PROJECT_ID?.trim();
  const headers: Readonly<Record<string, string>> = {
    accept: 'application/json',
    'content-type': 'application/json',
    ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
    ...(organization ? { 'openai-organization': organization } : {}),
    ...(project ? { 'openai-project': project } : {}),
  };

  // As the SDK's `buildURL`: the base URL and the path, one slash between them; an invalid one fails each call.
  const urls = new Map<string, string>();
  return async (path, body, { timeoutMs, signal }) => {
    if (!Number.isInteger(timeoutMs)) throw new OpenAI.OpenAIError('timeout must be an integer');
    if (timeoutMs < 0) throw new OpenAI.OpenAIError('timeout must be a positive integer');
    let url = urls.get(path);
    if (url === undefined) {
      url = new URL(base + path).toString();
      urls.set(path, url);
    }
    if (signal?.aborted) throw new OpenAI.APIUserAbortError();
    let reply: LeanReply;
    try {
      reply = await options.post(url, {
        headers,
        body: JSON.stringify(body),
        timeoutMs,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted) throw new OpenAI.APIUserAbortError();
      if (isTimeout(error)) throw new OpenAI.APIConnectionTimeoutError();
      throw new OpenAI.APIConnectionError({
        cause: error instanceof Error ? error : new Error(String(error)),
      });
    }
    if (reply.status < 200 || reply.status > 299) throw statusError(reply);
    return successBody(reply);
  };
}
