import http from 'node:http';
import https from 'node:https';
import { defaultMaxReplyBytes, ReplyTooLargeError } from './reply-size-limit';

export interface LeanFetchOptions {
  /** Sockets kept open per host; match the run's concurrency (`--concurrency`). Default 64. */
  readonly maxSockets?: number;
  /** Reply bodies over this many bytes are not read: the request fails with a `ReplyTooLargeError`. */
  readonly maxReplyBytes?: number;
}

/** A `fetch` that also counts the requests that reached the network. */
export type LeanFetch = typeof fetch & {
  /** Requests written to a socket in full; a request still waiting for a socket is not counted. */
  readonly requestsSent: () => number;
};

function headerEntries(headers: RequestInit['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    result[name] = value;
  });
  return result;
}

/**
 * A `fetch` for the openai SDK built on `node:http` keep-alive agents. Node's built-in fetch costs about 1 ms
 * of CPU per request, which on a small machine makes the client, not the model, the bottleneck of a fast
 * server; this one reads the whole body and hands the SDK a ready `Response`. It supports what the SDK uses:
 * method, headers, a string or byte body, and an abort signal. A body over `maxReplyBytes` is never buffered:
 * reading stops at the limit (or at once, when `Content-Length` says so) and the connection is dropped.
 */
export function createLeanFetch(options: LeanFetchOptions = {}): LeanFetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const maxReplyBytes = options.maxReplyBytes ?? defaultMaxReplyBytes;
  let sent = 0;

  const leanFetch = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const secure = url.protocol === 'https:';
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const body = init.body;
      if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        reject(new TypeError('lean fetch sends string or byte bodies only'));
        return;
      }
      const tooLarge = (sizeBytes: number, sizeKnown: boolean) => {
        signal?.removeEventListener('abort', onAbort);
        const error = new ReplyTooLargeError({ limitBytes: maxReplyBytes, sizeBytes, sizeKnown });
        reject(error);
        request.destroy(error);
      };
      const request = (secure ? https : http).request(
        url,
        {
          method: init.method ?? 'GET',
          headers: headerEntries(init.headers),
          agent: secure ? httpsAgent : httpAgent,
        },
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
            signal?.removeEventListener('abort', onAbort);
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
            }
            const status = response.statusCode ?? 500;
            const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(payload, { status, statusText: response.statusMessage ?? '', headers }));
          });
          response.on('aborted', () => reject(new TypeError('terminated')));
        },
      );
      const onAbort = () =>
        request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('socket', () => {
        sent++;
      });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(body ?? undefined);
    });
  return Object.assign(leanFetch, { requestsSent: () => sent });
}
