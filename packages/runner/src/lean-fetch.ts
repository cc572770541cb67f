import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { defaultMaxReplyBytes, ReplyTooLargeError } from './reply-size-limit';

export interface LeanFetchOptions {
  /** Sockets kept open per host; match the run's concurrency (`--concurrency`). Default 64. */
  readonly maxSockets?: number;
  /** Reply bodies over this many bytes are not read: the request fails with a `ReplyTooLargeError`. */
  readonly maxReplyBytes?: number;
}

/** A reply as the raw POST hands it over: the body decoded once, no WHATWG `Response` around it. */
export interface LeanReply {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names; repeated headers joined with ', ' as `Headers` does. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text, without a leading byte order mark (as `Response.text()` reads it). */
  readonly text: string;
}

export interface LeanPostInit {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal?: AbortSignal;
  /**
   * Fails the request after this many ms with the error `AbortSignal.timeout` gives (a `TimeoutError`
   * DOMException): the same outcome without a signal, its timer and its listeners per request.
   */
  readonly timeoutMs?: number;
}

/** A keep-alive POST that reads the whole reply into a string. */
export type LeanPost = (url: string, init: LeanPostInit) => Promise<LeanReply>;

/** A `fetch` that also counts the requests that reached the network, with a raw `post` beside it. */
export type LeanFetch = typeof fetch & {
  /** Requests written to a socket in full by either form; a request still waiting for a socket is not counted. */
  readonly requestsSent: () => number;
  /** The same connections, limit and counter without building a `Response`: for callers that want the text. */
  readonly post: LeanPost;
};

interface RawReply {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

interface RawRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

function headerEntries(headers: RequestInit['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    result[name] = value;
  });
  return result;
}

function plainHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/**
 * Requests on `node:http` keep-alive agents, in two forms: a `fetch` for the openai SDK and a raw `post` for
 * Kensa's own lean request path. Node's built-in fetch costs about 1 ms of CPU per request, and even a
 * ready-made `Response` (its stream, its body mixin) costs a good share of that, which on a small machine makes
 * the client, not the model, the bottleneck of a fast server. The `fetch` supports what the SDK uses: method,
 * headers, a string or byte body, and an abort signal. A body over `maxReplyBytes` is never buffered: reading
 * stops at the limit (or at once, when `Content-Length` says so) and the connection is dropped.
 */
export function createLeanFetch(options: LeanFetchOptions = {}): LeanFetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const maxReplyBytes = options.maxReplyBytes ?? defaultMaxReplyBytes;
  let sent = 0;

  // A run posts to a handful of URLs thousands of times: each is parsed once.
  const targets = new Map<string, http.RequestOptions>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (target === undefined) {
      target = urlToHttpOptions(new URL(url));
      if (targets.size < 64) targets.set(url, target);
    }
    return target;
  };

  const send = (url: string, init: RawRequest) =>
    new Promise<RawReply>((resolve, reject) => {
      const target = targetOf(url);
      const secure = target.protocol === 'https:';
      const signal = init.signal;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const settled = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const tooLarge = (sizeBytes: number, sizeKnown: boolean) => {
        settled();
        const error = new ReplyTooLargeError({ limitBytes: maxReplyBytes, sizeBytes, sizeKnown });
        reject(error);
        request.destroy(error);
      };
      const request = (secure ? https : http).request(
        { ...target, method: init.method, headers: init.headers, agent: secure ? httpsAgent : httpAgent },
        (response) => {
          const announced = Number(response.headers['content-length']);
          if (Number.isFinite(announced) && announced > maxReplyBytes) {
            tooLarge(announced, true);
            return;
          }
          const chunks: Buffer[] = [];
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            if (received > maxReplyBytes) return;
            received += chunk.length;
            if (received > maxReplyBytes) {
              chunks.length = 0;
              tooLarge(received, false);
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            settled();
            resolve({
              status: response.statusCode ?? 500,
              statusText: response.statusMessage ?? '',
              headers: plainHeaders(response.headers),
              body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
            });
          });
          response.on('aborted', () => reject(new TypeError('terminated')));
        },
      );
      const onAbort = () =>
        request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (init.timeoutMs !== undefined) {
        timer = setTimeout(
          () => request.destroy(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
          init.timeoutMs,
        );
      }
      request.on('socket', () => {
        sent++;
      });
      request.on('error', (error) => {
        settled();
        reject(error);
      });
      request.end(init.body);
    });

  const leanFetch = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = init.body ?? undefined;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError('lean fetch sends string or byte bodies only');
    }
    const reply = await send(url, {
      method: init.method ?? 'GET',
      headers: headerEntries(init.headers),
      body,
      signal: init.signal ?? undefined,
    });
    const { status } = reply;
    const payload = status === 204 || status === 304 ? null : reply.body;
    return new Response(payload, { status, statusText: reply.statusText, headers: reply.headers });
  };

  const post: LeanPost = async (url, init) => {
    const reply = await send(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      timeoutMs: init.timeoutMs,
    });
    const text = reply.body.toString('utf8');
    return {
      status: reply.status,
      statusText: reply.statusText,
      headers: reply.headers,
      text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    };
  };

  return Object.assign(leanFetch, { requestsSent: () => sent, post });
}
