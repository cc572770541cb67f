import { describe, expect, it } from 'vitest';
import { createServerTokenizer, TokenizeFailedError, TokenizeUnavailableError } from './server-tokenizer';

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
