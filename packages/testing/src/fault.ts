import type { ServerResponse } from 'node:http';
import { seededRandom } from '@kensa/core';
import { MockServerOptionError } from './mock-server-option-error';
import { openAIError } from './openai-error';

export const faultKinds = ['429', '500', '503', 'hang', 'malformed-json', 'reset'] as const;

/**
 * - `429`, `500`, `503`: that status with an OpenAI-style error body (`Retry-After` on 429/503 when given).
 * - `hang`: never answers; the connection stays open until the client gives up or the server closes.
 * - `malformed-json`: 200 with a complete but truncated JSON body.
 * - `reset`: 200 headers and part of the body, then the socket is destroyed.
 */
export type FaultKind = (typeof faultKinds)[number];

/** A fault with its details. */
export interface Fault {
  readonly kind: FaultKind;
  /** Sent as `Retry-After` with 429 and 503. */
  readonly retryAfterSeconds?: number;
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
}

/**
 * Answers with the fault (everything except `hang`, which the caller handles by not answering) and returns
 * the status written. `stub` is the JSON object a well-formed answer would resemble, used for the truncated
 * bodies of `malformed-json` and `reset`.
 */
export function sendFault(response: ServerResponse, fault: Fault, stub: unknown, requestId: string): number {
  switch (fault.kind) {
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
