import { createServer } from 'node:net';
import { createMockServer, type MockServer, type MockServerOptions } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyModelError } from './classify-model-error';
import { createLeanFetch } from './lean-fetch';
import type { ModelRequest } from './model';
import { createOpenAIModel } from './openai-model';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (body: Record<string, unknown> = {}): ModelRequest => ({
  api: 'chat',
  body: { model: 'mock-model', messages: [{ role: 'user', content: '問題: テスト' }], ...body },
});

/** What a caller can see of one send: the value, or the error's class, status, message, cause and verdict. */
async function outcome(
  send: () => Promise<unknown>,
  parse: (response: unknown) => unknown,
): Promise<Record<string, unknown>> {
  try {
    const response = await send();
    try {
      return { response, reply: parse(response) };
    } catch (error) {
      return { response, parseError: seen(error) };
    }
  } catch (error) {
    return seen(error);
  }
}

function seen(error: unknown): Record<string, unknown> {
  const record = error as {
    constructor: { name: string };
    status?: unknown;
    message?: unknown;
    cause?: { code?: unknown; constructor?: { name: string } };
    headers?: Headers;
    error?: unknown;
  };
  return {
    className: record.constructor.name,
    status: record.status,
    message: record.message,
    causeClass: record.cause?.constructor?.name,
    causeCode: record.cause?.code,
    body: record.error,
    retryAfter: record.headers?.get('retry-after'),
    verdict: classifyModelError(error),
  };
}

interface Case {
  readonly name: string;
  readonly server?: MockServerOptions;
  /** The server's URL to use instead of its `/v1` base URL (a base URL that misses the API path). */
  readonly root?: boolean;
  readonly trailingSlash?: boolean;
  readonly request?: ModelRequest;
  readonly timeoutMs?: number;
  readonly maxReplyBytes?: number;
  readonly expected: string;
}

const cases: Case[] = [
  { name: '200 chat reply', expected: 'Object' },
  {
    name: '200 completions reply, base URL with a trailing slash',
    trailingSlash: true,
    request: { api: 'completions', body: { model: 'mock-model', prompt: '問題: テスト', max_tokens: 8 } },
    expected: 'Object',
  },
  {
    name: '400 nested body',
    request: { api: 'chat', body: { model: 'mock-model' } },
    expected: 'BadRequestError',
  },
  {
    name: '400 flat vLLM body',
    server: { server: { name: 'vllm-v0' } },
    request: chat({ max_tokens: 40_000 }),
    expected: 'BadRequestError',
  },
  { name: '401', server: { faultFor: () => 'echo-401' }, expected: 'AuthenticationError' },
  { name: '404 base URL without /v1', root: true, expected: 'NotFoundError' },
  {
    name: '404 chat model on completions (OpenAI)',
    server: { server: { name: 'openai' } },
    request: { api: 'completions', body: { model: 'gpt-4o', prompt: 'x', max_tokens: 1 } },
    expected: 'NotFoundError',
  },
  {
    name: '429 with Retry-After',
    server: { faultFor: () => ({ kind: '429', retryAfterSeconds: 7 }) },
    expected: 'RateLimitError',
  },
  {
    name: '429 insufficient_quota',
    server: { server: { name: 'openai', quotaExhausted: true } },
    expected: 'RateLimitError',
  },
  { name: '500', server: { faultFor: () => '500' }, expected: 'InternalServerError' },
  {
    name: '503',
    server: { faultFor: () => ({ kind: '503', retryAfterSeconds: 2 }) },
    expected: 'InternalServerError',
  },
  { name: 'HTML page with 200', server: { faultFor: () => 'html' }, expected: 'NotJsonReplyError' },
  { name: 'truncated JSON with 200', server: { faultFor: () => 'malformed-json' }, expected: 'SyntaxError' },
  { name: 'connection reset mid-body', server: { faultFor: () => 'reset' }, expected: 'APIConnectionError' },
  {
    name: 'timeout',
    server: { faultFor: () => 'hang' },
    timeoutMs: 150,
    expected: 'APIConnectionTimeoutError',
  },
  {
    name: 'reply over the size limit',
    server: { faultFor: () => ({ kind: 'huge', sizeBytes: 2 * 1024 * 1024 }) },
    maxReplyBytes: 1024 * 1024,
    expected: 'APIConnectionError',
  },
];

function errorClass(result: Record<string, unknown>): unknown {
  if ('parseError' in result) return (result.parseError as { className: unknown }).className;
  if ('className' in result) return result.className;
  return (result.response as object).constructor.name;
}

describe('the lean request path', () => {
  it.each(cases)('answers and fails as the SDK does: $name', async (entry) => {
    server = await createMockServer(entry.server);
    const baseURL = `${entry.root ? server.url : server.baseURL}${entry.trailingSlash ? '/' : ''}`;
    const limit = entry.maxReplyBytes === undefined ? {} : { maxReplyBytes: entry.maxReplyBytes };
    // Today's SDK path: the openai SDK on the lean fetch; and the lean path, which skips the SDK.
    const sdk = createOpenAIModel({
      model: 'mock-model',
      baseURL,
      apiKey: 'sk-parity',
      fetch: createLeanFetch(limit),
    });
    const lean = createOpenAIModel({ model: 'mock-model', baseURL, apiKey: 'sk-parity', ...limit });
    const request = entry.request ?? chat();
    const timeoutMs = entry.timeoutMs ?? 5000;
    const viaSdk = await outcome(() => sdk.send(request, { timeoutMs }), sdk.parse);
    const first = server.requests[0];
    // As if just started, so ids and fault draws repeat.
    server.reset();
    const viaLean = await outcome(() => lean.send(request, { timeoutMs }), lean.parse);
    expect(errorClass(viaLean)).toBe(entry.expected);
    expect(viaLean).toEqual(viaSdk);
    // The same bytes went out, with the headers a server reads.
    const second = server.requests[0];
    expect(second?.path).toBe(first?.path);
    expect(second?.rawBody).toBe(first?.rawBody);
    for (const name of ['content-type', 'accept', 'authorization']) {
      expect(second?.headers[name], name).toBe(first?.headers[name]);
    }
    expect(lean.requestsSent?.()).toBe(1);
  });

  it('fails a refused connection as the SDK does, unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address() as { port: number };
        probe.close(() => resolve(address.port));
      });
    });
    const baseURL = `http://127.0.0.1:${port}/v1`;
    const sdk = createOpenAIModel({ model: 'm', baseURL, fetch: createLeanFetch() });
    const lean = createOpenAIModel({ model: 'm', baseURL });
    const viaSdk = await outcome(() => sdk.send(chat(), { timeoutMs: 2000 }), sdk.parse);
    const viaLean = await outcome(() => lean.send(chat(), { timeoutMs: 2000 }), lean.parse);
    expect(viaLean).toMatchObject({
      className: 'APIConnectionError',
      causeCode: 'ECONNREFUSED',
      verdict: { action: 'retry', unreachable: true },
    });
    expect(viaLean).toEqual(viaSdk);
  });

  it('fails a cancelled request as the SDK does, before and while it is sent', async () => {
    server = await createMockServer({ faultFor: () => 'hang' });
    const sdk = createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL, fetch: createLeanFetch() });
    const lean = createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL });
    for (const model of [sdk, lean]) {
      const cancelled = AbortSignal.abort();
      expect(
        await outcome(() => model.send(chat(), { timeoutMs: 2000, signal: cancelled }), model.parse),
      ).toMatchObject({
        className: 'APIUserAbortError',
        verdict: { action: 'fail', message: 'cancelled' },
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const sent = outcome(
        () => model.send(chat(), { timeoutMs: 2000, signal: controller.signal }),
        model.parse,
      );
      expect(await sent).toMatchObject({ className: 'APIUserAbortError' });
    }
  });

  it('refuses a timeout that is not a whole number of ms, as the SDK does', async () => {
    server = await createMockServer();
    const sdk = createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL, fetch: createLeanFetch() });
    const lean = createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL });
    const viaSdk = await outcome(() => sdk.send(chat(), { timeoutMs: 1100.0000000000002 }), sdk.parse);
    const viaLean = await outcome(() => lean.send(chat(), { timeoutMs: 1100.0000000000002 }), lean.parse);
    expect(viaLean).toMatchObject({ className: 'OpenAIError', message: 'timeout must be an integer' });
    expect(viaLean).toEqual(viaSdk);
    expect(server.requests).toHaveLength(0);
  });
});
