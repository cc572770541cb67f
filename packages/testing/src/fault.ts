import type { ServerResponse } from 'node:http';
import { seededRandom } from '@kensa/core';
import { MockServerOptionError } from './mock-server-option-error';
import { openAIError } from './openai-error';

export const faultKinds = [
  '429',
  '500',
  '503',
  'hang',
  'malformed-json',
  'reset',
  'echo-401',
  'echo-500',
  'html',
  'huge',
  'endless',
] as const;

/**
 * - `429`, `500`, `503`: that status with an OpenAI-style error body (`Retry-After` on 429/503 when given).
 * - `hang`: never answers; the connection stays open until the client gives up or the server closes.
 * - `malformed-json`: 200 with a complete but truncated JSON body.
 * - `reset`: 200 headers and part of the body, then the socket is destroyed.
 * - `echo-401`, `echo-500`: that status with an error body quoting the request's `Authorization` header and
 *   URL, as some proxies and gateways do (a client must not write what they echo).
 * - `html`: 200 with an HTML page (`text/html`), as a web UI answers when the base URL misses `/v1`.
 * - `huge`: 200 with a well-formed chat completion of `sizeBytes` (default 50 MB), announced by
 *   `Content-Length` and streamed without being held in memory.
 * - `endless`: 200 JSON headers, then a chunked body that never ends (until the client goes away).
 */
export type FaultKind = (typeof faultKinds)[number];

/** A fault with its details. */
export interface Fault {
  readonly kind: FaultKind;
  /** Sent as `Retry-After` with 429 and 503. */
  readonly retryAfterSeconds?: number;
  /** Body size of `huge`, in bytes; default 50 MB. */
  readonly sizeBytes?: number;
}

/** What a fault may quote of its request. */
export interface FaultRequest {
  readonly url: string;
  readonly authorization?: string | undefined;
}

/** Inject `kind` into a share `rate` (0–1) of requests. */
export interface FaultRule extends Fault {
  readonly rate: number;
}

/**
 * Returns a function that draws the fault of the next request: one draw per request from a stream seeded by
 * `seed`, falling into at most one rule's share. The same seed gives the same faulted request indices.
 */
export function createFaultPicker(rules: readonly FaultRule[], seed: number): () => Fault | undefined {
  let total = 0;
  for (const [position, rule] of rules.entries()) {
    checkFault(rule, `faults[${position}]`);
    if (typeof rule.rate !== 'number' || !(rule.rate >= 0 && rule.rate <= 1)) {
      throw new MockServerOptionError({
        option: `faults[${position}].rate`,
        message: `expected a number from 0 to 1, got ${String(rule.rate)}.`,
      });
    }
    total += rule.rate;
  }
  if (total > 1 + 1e-9) {
    throw new MockServerOptionError({
      option: 'faults',
      message: `the rates add up to ${total}, more than 1; each request gets at most one fault.`,
    });
  }
  const random = seededRandom(seed);
  return () => {
    const draw = random();
    let edge = 0;
    for (const rule of rules) {
      edge += rule.rate;
      if (draw < edge) return rule;
    }
    return undefined;
  };
}

export function checkFault(fault: Fault, option: string): void {
  if (!(faultKinds as readonly string[]).includes(fault.kind)) {
    throw new MockServerOptionError({
      option: `${option}.kind`,
      message: `unknown fault '${String(fault.kind)}'; expected one of ${faultKinds.join(', ')}.`,
    });
  }
  const seconds = fault.retryAfterSeconds;
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 0)) {
    throw new MockServerOptionError({
      option: `${option}.retryAfterSeconds`,
      message: `expected a whole number of seconds >= 0, got ${String(seconds)}.`,
    });
  }
  const size = fault.sizeBytes;
  if (size !== undefined && !(Number.isInteger(size) && size >= 0)) {
    throw new MockServerOptionError({
      option: `${option}.sizeBytes`,
      message: `expected a whole number of bytes >= 0, got ${String(size)}.`,
    });
  }
}

/**
 * Answers with the fault (everything except `hang`, which the caller handles by not answering) and returns
 * the status written. `stub` is the JSON object a well-formed answer would resemble, used for the truncated
 * bodies of `malformed-json` and `reset`.
 */
export function sendFault(
  response: ServerResponse,
  fault: Fault,
  stub: unknown,
  requestId: string,
  request: FaultRequest = { url: '/' },
): number {
  switch (fault.kind) {
    case 'echo-401':
    case 'echo-500': {
      const status = fault.kind === 'echo-401' ? 401 : 500;
      const echoed = `Authorization: ${request.authorization ?? '(none)'}; URL: ${request.url}`;
      const body = JSON.stringify(
        openAIError(
          status === 401
            ? `Invalid credentials in the request (${echoed}) (injected by the Kensa mock server).`
            : `Upstream failed for the request (${echoed}) (injected by the Kensa mock server).`,
          { type: status === 401 ? 'invalid_request_error' : 'server_error' },
        ),
      );
      response
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-request-id': requestId,
        })
        .end(body);
      return status;
    }
    case 'html': {
      const body =
        '<!DOCTYPE html>\n<html lang="en"><head><title>Open WebUI</title></head>' +
        '<body><div id="app">Loading…</div></body></html>\n';
      response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        })
        .end(body);
      return 200;
    }
    case 'huge':
      streamHugeReply(response, stub, fault.sizeBytes ?? defaultHugeBytes, requestId);
      return 200;
    case 'endless':
      streamEndlessReply(response, requestId);
      return 200;
    case '429':
    case '500':
    case '503': {
      const status = Number(fault.kind);
      const body = JSON.stringify(errorBodies[fault.kind]);
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-request-id': requestId,
      };
      if (fault.kind !== '500' && fault.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(fault.retryAfterSeconds);
      }
      response.writeHead(status, headers).end(body);
      return status;
    }
    case 'malformed-json': {
      const full = JSON.stringify(stub);
      const body = full.slice(0, Math.ceil(full.length / 2));
      response
        .writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-request-id': requestId,
        })
        .end(body);
      return 200;
    }
    case 'reset': {
      const full = JSON.stringify(stub);
      // Promise the whole body, send half, then drop the connection: the client fails while reading the body.
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(full),
        'x-request-id': requestId,
      });
      response.write(full.slice(0, Math.ceil(full.length / 2)), () => response.socket?.destroy());
      return 200;
    }
    case 'hang':
      throw new Error('A hanging request is never answered.');
  }
}

const errorBodies = {
  '429': openAIError('Rate limit reached for requests (injected by the Kensa mock server).', {
    type: 'requests',
    code: 'rate_limit_exceeded',
  }),
  '500': openAIError(
    'The server had an error while processing your request (injected by the Kensa mock server).',
    {
      type: 'server_error',
    },
  ),
  '503': openAIError('The server is overloaded or not ready yet (injected by the Kensa mock server).', {
    type: 'server_error',
  }),
};

const defaultHugeBytes = 50 * 1024 * 1024;
const streamChunk = Buffer.alloc(64 * 1024, 'a');

/** Writes `count` bytes of `a` with back-pressure, then `tail`; stops when the client goes away. */
function writeRepeated(response: ServerResponse, count: number, tail: string | undefined): void {
  let left = count;
  let gone = false;
  response.once('close', () => {
    gone = true;
  });
  const pump = () => {
    while (!gone && left > 0) {
      const piece = left >= streamChunk.length ? streamChunk : streamChunk.subarray(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!gone && tail !== undefined) response.end(tail);
  };
  pump();
}

/** A chat completion whose content is `sizeBytes` long (the body slightly more), built as it streams. */
function streamHugeReply(
  response: ServerResponse,
  stub: unknown,
  sizeBytes: number,
  requestId: string,
): void {
  const marker = '"__content__"';
  const shape = JSON.stringify(stub).replace(/"content":"[^"]*"|"text":"[^"]*"/, (field) =>
    field.startsWith('"content"') ? `"content":${marker}` : `"text":${marker}`,
  );
  const [head, tail] = shape.split(marker) as [string, string];
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(head) + 2 + sizeBytes + Buffer.byteLength(tail),
    'x-request-id': requestId,
  });
  response.write(`${head}"`);
  writeRepeated(response, sizeBytes, `"${tail}`);
}

/** JSON headers and a body without end (chunked, no `Content-Length`). */
function streamEndlessReply(response: ServerResponse, requestId: string): void {
  response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId });
  response.write('{"id":"chatcmpl-endless","choices":[{"message":{"role":"assistant","content":"');
  writeRepeated(response, Number.POSITIVE_INFINITY, undefined);
}
