import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer, type MockServerOptions } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type EvaluateOptions, type EvaluationEvent, evaluate } from './evaluate';
import { createOpenAIModel } from './openai-model';
import { disabledResponseCache, openResponseCache } from './response-cache';
import { keyForRequest, threeShot, tinyExamples, tinyItems } from './test-support/tiny-exam';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startServer(options: MockServerOptions = {}): Promise<MockServer> {
  server = await createMockServer({ reply: ({ body }) => keyForRequest(body), ...options });
  return server;
}

function baseOptions(
  mock: MockServer,
  runDir: string,
  extra: Partial<EvaluateOptions> = {},
): EvaluateOptions {
  return {
    benchmarkId: 'tiny',
    benchmarkVersion: '1',
    items: tinyItems,
    examples: tinyExamples,
    mode: threeShot,
    model: createOpenAIModel({ model: 'mock-model', baseURL: mock.baseURL, apiKey: 'sk-test' }),
    cache: disabledResponseCache(),
    runDir,
    concurrency: 4,
    baseDelayMs: 5,
    maxDelayMs: 20,
    timeoutMs: 2000,
    ...extra,
  };
}

const chatRequests = (mock: MockServer) => mock.count({ kind: 'chat' });

describe('evaluate against the mock server', () => {
  it('answers every item, logs one line per item and writes the manifest', async () => {
    const mock = await startServer();
    const runDir = await temporaryDir();
    const result = await evaluate(baseOptions(mock, runDir));
    expect(result.records.map((record) => [record.itemId, record.verdict])).toEqual(
      tinyItems.map((item) => [item.id, 'correct']),
    );
    expect(result.failures).toEqual([]);
    expect(result.requestsSent).toBe(6);
    const log = (await readFile(path.join(runDir, 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(6);
    const first = JSON.parse(log[0] ?? '{}');
    expect(first.messages).toHaveLength(4);
    expect(first.promptHash).toMatch(/^[0-9a-f]{64}$/);
    const manifest = JSON.parse(await readFile(path.join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      kind: 'eval',
      mode: '3shot',
      template: 'exam-3shot/1',
      items: 6,
      samples: 1,
    });
    expect(manifest.endpoint).toBe(mock.baseURL);
  });

  it('sends K samples per item and keeps them apart', async () => {
    const mock = await startServer();
    const result = await evaluate(
      baseOptions(mock, await temporaryDir(), { samples: 3, sampling: { temperature: 0.7 } }),
    );
    expect(result.records).toHaveLength(18);
    expect(new Set(result.records.map((record) => `${record.itemId}#${record.sample}`)).size).toBe(18);
    expect(chatRequests(mock)).toBe(18);
    expect((mock.requests[0]?.body as { temperature: number } | undefined)?.temperature).toBe(0.7);
  });

  for (const kind of ['429', '500', '503', 'malformed-json', 'reset', 'hang'] as const) {
    it(`completes with correct results when '${kind}' hits a third of the requests`, async () => {
      const mock = await startServer({ faults: [{ kind, rate: 0.34 }], seed: 3 });
      const retries: EvaluationEvent[] = [];
      const result = await evaluate(
        baseOptions(mock, await temporaryDir(), {
          retries: 8,
          timeoutMs: kind === 'hang' ? 200 : 2000,
          onEvent: (event) => {
            if (event.type === 'retry') retries.push(event);
          },
        }),
      );
      expect(result.failures).toEqual([]);
      expect(result.records.every((record) => record.verdict === 'correct')).toBe(true);
      expect(mock.count({ faulted: true })).toBeGreaterThan(0);
      expect(retries.length).toBe(mock.count({ faulted: true }));
    });
  }

  it('waits as long as Retry-After asks', async () => {
    const mock = await startServer({
      faultFor: (request) => (request.index === 0 ? { kind: '429', retryAfterSeconds: 1 } : undefined),
    });
    const delays: number[] = [];
    await evaluate(
      baseOptions(mock, await temporaryDir(), {
        concurrency: 1,
        onEvent: (event) => {
          if (event.type === 'retry') delays.push(event.delayMs);
        },
      }),
    );
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(1000);
  });

  it('logs an item that fails every retry as an error, and goes on', async () => {
    const mock = await startServer({
      faultFor: (request) =>
        (request.body as { messages: { content: string }[] }).messages.at(-1)?.content.includes('貧血')
          ? '500'
          : undefined,
    });
    const result = await evaluate(baseOptions(mock, await temporaryDir(), { retries: 2 }));
    expect(result.failures.map((record) => record.itemId)).toEqual(['T3']);
    expect(result.failures[0]?.error).toMatch(/500.*after 3 attempts/);
    expect(result.records.filter((record) => record.status === 'ok')).toHaveLength(5);
  });

  it('stops early, keeping finished work, when the server rejects the key', async () => {
    const mock = await startServer();
    let calls = 0;
    // After two answers the "server" starts rejecting the key, as a revoked key would.
    const rejecting: typeof fetch = async (input, init) => {
      calls++;
      if (calls <= 2) return fetch(input, init);
      const body = JSON.stringify({
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
      });
      return new Response(body, { status: 401, headers: { 'content-type': 'application/json' } });
    };
    const model = createOpenAIModel({
      model: 'mock-model',
      baseURL: mock.baseURL,
      apiKey: 'sk-test',
      fetch: rejecting,
    });
    const result = await evaluate(baseOptions(mock, await temporaryDir(), { concurrency: 1, model }));
    expect(result.abortReason).toMatch(/401/);
    expect(result.records.filter((record) => record.status === 'ok')).toHaveLength(2);
    expect(calls).toBe(3);
  });

  it('serves an identical request from the cache and never caches errors', async () => {
    const cacheDir = await temporaryDir();
    const mock = await startServer({
      faultFor: (request) =>
        (request.body as { messages: { content: string }[] }).messages.at(-1)?.content.includes('貧血')
          ? '500'
          : undefined,
    });
    const cache = openResponseCache(path.join(cacheDir, 'responses.sqlite'));
    try {
      await evaluate(baseOptions(mock, await temporaryDir(), { cache, retries: 0 }));
      expect(chatRequests(mock)).toBe(6);
      const second = await evaluate(baseOptions(mock, await temporaryDir(), { cache, retries: 0 }));
      expect(second.cacheHits).toBe(5);
      // Only the failed item is asked again.
      expect(chatRequests(mock)).toBe(7);
      expect(cache.size()).toBe(5);
    } finally {
      cache.close();
    }
  });

  it('resumes a run folder, asking again only the items that had not finished', async () => {
    let failing = true;
    const failLate = (request: { body: unknown }) =>
      failing &&
      /腎機能|肝機能|甲状腺/.test(
        (request.body as { messages: { content: string }[] }).messages.at(-1)?.content ?? '',
      )
        ? ('500' as const)
        : undefined;
    const mock = await startServer({ faultFor: failLate });
    const runDir = await temporaryDir();
    const first = await evaluate(baseOptions(mock, runDir, { retries: 0 }));
    expect(first.failures.map((record) => record.itemId)).toEqual(['T4', 'T5', 'T6']);
    expect(chatRequests(mock)).toBe(6);

    failing = false;
    const again = await evaluate(baseOptions(mock, runDir));
    expect(again.resumed).toBe(3);
    expect(again.requestsSent).toBe(3);
    expect(chatRequests(mock)).toBe(9);
    expect(again.records.map((record) => record.verdict)).toEqual(Array(6).fill('correct'));
    const log = (await readFile(path.join(runDir, 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(9);
  });

  it('refuses to resume a folder that holds a different configuration', async () => {
    const mock = await startServer();
    const runDir = await temporaryDir();
    await evaluate(baseOptions(mock, runDir));
    await expect(evaluate(baseOptions(mock, runDir, { samples: 2 }))).rejects.toThrow(
      /holds a run with samples 1, not 2/,
    );
  });

  it('stops the run when the server cannot be reached at all, instead of retrying every item', async () => {
    const mock = await startServer();
    const unreachable = 'http://127.0.0.1:9/v1'; // the discard port: nothing listens there, the connection is refused
    const model = createOpenAIModel({ model: 'mock-model', baseURL: unreachable });
    const result = await evaluate(
      baseOptions(mock, await temporaryDir(), { model, retries: 1, concurrency: 1 }),
    );
    expect(result.abortReason).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/v1 .*ECONNREFUSED/);
    expect(result.requestsSent).toBe(2);
    expect(result.failures).toHaveLength(1);
  });
});
