import { createMockServer, type MockServer, type MockServerOptions } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createLeanFetch } from './lean-fetch';
import { withReadableErrorBodies } from './readable-error-body';
import { createServerTokenizer, TokenizeFailedError, TokenizeUnavailableError } from './server-tokenizer';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Route = (url: string, body: Record<string, unknown>) => { status: number; body: unknown };

function fakeFetch(route: Route, calls: string[]): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    calls.push(new URL(url).pathname);
    const answer = route(url, JSON.parse(String(init?.body)));
    return new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), {
      status: answer.status,
    });
  };
}

describe('createServerTokenizer', () => {
  it('finds vLLM’s /tokenize at the server root and keeps it', async () => {
    const calls: string[] = [];
    const tokenize = createServerTokenizer({
      baseURL: 'http://127.0.0.1:8000/v1',
      model: 'm',
      fetch: fakeFetch((url, body) => {
        expect(body).toMatchObject({ prompt: '問題', add_special_tokens: true });
        return url.endsWith(':8000/tokenize')
          ? {
              status: 200,
              body: { count: 2, max_model_len: 8192, tokens: [128000, 109606], token_strs: null },
            }
          : { status: 404, body: { detail: 'Not Found' } };
      }, calls),
    });
    expect(await tokenize('問題', { timeoutMs: 1000 })).toEqual([128000, 109606]);
    expect(await tokenize('問題', { timeoutMs: 1000 })).toEqual([128000, 109606]);
    expect(calls).toEqual(['/tokenize', '/tokenize']);
  });

  it('reads llama.cpp’s pieces form and falls back to /v1/tokenize (SGLang)', async () => {
    const calls: string[] = [];
    const tokenize = createServerTokenizer({
      baseURL: 'http://127.0.0.1:30000/v1',
      model: 'm',
      fetch: fakeFetch(
        (url, body) =>
          url.endsWith('/v1/tokenize')
            ? { status: 200, body: { tokens: [{ id: 5, piece: body.content }], count: 1 } }
            : { status: 404, body: 'Not Found' },
        calls,
      ),
    });
    expect(await tokenize('a', { timeoutMs: 1000 })).toEqual([5]);
    expect(calls).toEqual(['/tokenize', '/v1/tokenize']);
  });

  it('says when there is no tokenize endpoint, and that a 5xx is a passing failure', async () => {
    const calls: string[] = [];
    const missing = createServerTokenizer({
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o',
      fetch: fakeFetch(() => ({ status: 404, body: { error: { message: 'Invalid URL' } } }), calls),
    });
    await expect(missing('x', { timeoutMs: 1000 })).rejects.toSatisfy(TokenizeUnavailableError.isInstance);
    await expect(missing('x', { timeoutMs: 1000 })).rejects.toSatisfy(TokenizeUnavailableError.isInstance);
    expect(calls).toHaveLength(2);
    const failing = createServerTokenizer({
      baseURL: 'http://127.0.0.1:8000/v1',
      model: 'm',
      fetch: fakeFetch(() => ({ status: 503, body: 'busy' }), []),
    });
    await expect(failing('x', { timeoutMs: 1000 })).rejects.toSatisfy(TokenizeFailedError.isInstance);
  });
});

describe('createServerTokenizer, several calls at once', () => {
  it('looks for the endpoint once while the others wait (an item tokenizes its prompt and options together)', async () => {
    // SGLang before 0.5.2 has neither path: the first call tries both, the five others none.
    server = await createMockServer({ server: { name: 'sglang-0.4' } });
    const tokenize = createServerTokenizer({ baseURL: server.baseURL, model: 'm', fetch });
    const outcomes = await Promise.allSettled(
      ['問題', 'a', 'b', 'c', 'd', 'e'].map((text) => tokenize(text, { timeoutMs: 5000 })),
    );
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(
      outcomes.map((outcome) =>
        outcome.status === 'rejected' && TokenizeUnavailableError.isInstance(outcome.reason)
          ? 'unavailable'
          : '?',
      ),
    ).toEqual(Array(6).fill('unavailable'));
    expect(server.requests.map((request) => request.path)).toEqual(['/tokenize', '/v1/tokenize']);
  });

  it('keeps the endpoint the first call found for the calls that waited', async () => {
    server = await createMockServer({ server: { name: 'vllm' } });
    const tokenize = createServerTokenizer({ baseURL: server.baseURL, model: 'm', fetch });
    const results = await Promise.all(['問題', 'a', 'b'].map((text) => tokenize(text, { timeoutMs: 5000 })));
    expect(results.every((ids) => ids.length > 0)).toBe(true);
    expect(server.requests.map((request) => request.path)).toEqual(['/tokenize', '/tokenize', '/tokenize']);
  });
});

describe('createServerTokenizer on the lean post', () => {
  /** Tokenizes once through the raw post and once through the model's fetch, on the same kind of server. */
  async function both(options: MockServerOptions, text: string, timeoutMs = 2000) {
    const results: unknown[] = [];
    for (const via of ['post', 'fetch'] as const) {
      server = await createMockServer(options);
      const leanFetch = createLeanFetch();
      const transport =
        via === 'post' ? { post: leanFetch.post } : { fetch: withReadableErrorBodies(leanFetch) };
      const tokenize = createServerTokenizer({
        baseURL: server.baseURL,
        model: 'Qwen/Qwen3-8B',
        ...transport,
      });
      const outcome = await tokenize(text, { timeoutMs }).then(
        (tokens) => ({ tokens }),
        (error: Error & { status?: number }) => ({
          name: error.name,
          message: error.message,
          status: error.status,
        }),
      );
      results.push({
        outcome,
        paths: server.requests.map((request) => request.path),
        sent: leanFetch.requestsSent(),
      });
      await server.close();
      server = undefined;
    }
    expect(results[0]).toEqual(results[1]);
    return results[0] as { outcome: Record<string, unknown>; paths: string[] };
  }

  it('tokenizes, falls back and fails as through the fetch, with the same messages', async () => {
    expect((await both({ server: { name: 'vllm' } }, '問題')).outcome.tokens).toBeInstanceOf(Array);
    expect((await both({ server: { name: 'sglang' } }, '問題')).paths).toEqual(['/tokenize']);
    expect((await both({ server: { name: 'ollama' } }, '問題')).outcome).toMatchObject({
      name: 'TokenizeUnavailableError',
    });
    const failed = await both({ server: { name: 'vllm' }, faultFor: () => '500' }, '問題');
    expect(failed.outcome).toMatchObject({ name: 'TokenizeFailedError', status: 500 });
    expect(failed.outcome.message).toMatch(/^tokenize at \/tokenize answered 500: \{"error"/);
    expect((await both({ faultFor: () => 'hang' }, '問題', 200)).outcome).toMatchObject({
      name: 'TokenizeFailedError',
      message: 'tokenize failed: The operation was aborted due to timeout',
    });
  }, 60_000);
});
