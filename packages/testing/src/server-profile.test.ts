import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from './mock-server';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(path: string, body: unknown) {
  const response = await fetch(`${server?.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('server profiles: error bodies and endpoints as the real servers send them', () => {
  it('vLLM before 0.10.1 sends flat error bodies, from 0.10.1 nested ones', async () => {
    server = await createMockServer({ server: { name: 'vllm-v1-2025' } });
    const flat = await post('/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 99999,
    });
    expect(flat.status).toBe(400);
    expect(JSON.parse(flat.text)).toMatchObject({ object: 'error', type: 'BadRequestError', code: 400 });
    await server.close();
    server = await createMockServer({ server: { name: 'vllm' } });
    const nested = await post('/v1/completions', { model: 'm', prompt: 'x', max_tokens: 99999 });
    expect(JSON.parse(nested.text).error.message).toContain('maximum context length is 32768');
  });

  it('llama.cpp refuses echo with a 500; Ollama a list prompt with a 400 and /tokenize with plain text', async () => {
    server = await createMockServer({ server: { name: 'llama.cpp' } });
    const echo = await post('/v1/completions', { model: 'm', prompt: 'x', echo: true, logprobs: 1 });
    expect(echo).toEqual({
      status: 500,
      text: JSON.stringify({
        error: { code: 500, message: 'Only no echo is supported', type: 'server_error' },
      }),
    });
    await server.close();
    server = await createMockServer({ server: { name: 'ollama' } });
    expect((await post('/v1/completions', { model: 'm', prompt: ['a', 'b'] })).status).toBe(400);
    expect(await post('/tokenize', { prompt: 'a' })).toEqual({ status: 404, text: '404 page not found' });
    expect(server.count({ kind: 'tokenize' })).toBe(1);
  });

  it('OpenAI: chat models 404 on completions, reasoning models reject max_tokens and temperature, quota 429', async () => {
    server = await createMockServer({ server: { name: 'openai' } });
    const completions = await post('/v1/completions', { model: 'gpt-4o', prompt: 'x' });
    expect(completions.status).toBe(404);
    expect(completions.text).toContain(
      'This is a chat model and not supported in the v1/completions endpoint',
    );
    const messages = [{ role: 'user', content: 'x' }];
    const maxTokens = JSON.parse(
      (await post('/v1/chat/completions', { model: 'o3', messages, max_tokens: 5 })).text,
    );
    expect(maxTokens.error).toMatchObject({ code: 'unsupported_parameter', param: 'max_tokens' });
    const temperature = JSON.parse(
      (await post('/v1/chat/completions', { model: 'o3', messages, temperature: 0 })).text,
    );
    expect(temperature.error).toMatchObject({ code: 'unsupported_value', param: 'temperature' });
    expect((await post('/v1/chat/completions', { model: 'o3', messages })).status).toBe(200);
    await server.close();
    server = await createMockServer({ server: { name: 'openai', quotaExhausted: true } });
    const quota = await post('/v1/chat/completions', { model: 'gpt-4o', messages });
    expect(quota.status).toBe(429);
    expect(JSON.parse(quota.text).error.code).toBe('insufficient_quota');
  });

  it('answers paths it does not route as each server does', async () => {
    const unrouted = async (name: 'vllm' | 'sglang-0.4' | 'llama.cpp' | 'openai', path: string) => {
      server = await createMockServer({ server: { name } });
      const answer = await post(path, { prompt: 'a' });
      await server.close();
      server = undefined;
      return answer;
    };
    // vLLM (vllm/entrypoints/openai/api_server.py registers its handler on fastapi.HTTPException; Starlette's
    // route-not-found falls through to FastAPI's default) and SGLang before 0.5.2 (no tokenize routes before
    // sgl-project/sglang#9545): FastAPI's own body.
    expect(await unrouted('vllm', '/v1/tokenize')).toEqual({ status: 404, text: '{"detail":"Not Found"}' });
    expect(await unrouted('sglang-0.4', '/tokenize')).toEqual({
      status: 404,
      text: '{"detail":"Not Found"}',
    });
    // llama.cpp tools/server/server.cpp set_error_handler: format_error_response("File Not Found", ERROR_TYPE_NOT_FOUND).
    expect(await unrouted('llama.cpp', '/v1/tokenize')).toEqual({
      status: 404,
      text: '{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}',
    });
    const openai = await unrouted('openai', '/tokenize');
    expect(openai.status).toBe(404);
    expect(JSON.parse(openai.text).error).toMatchObject({
      message: expect.stringMatching(
        /^Unknown request URL: POST \/tokenize\. Please check the URL for typos/,
      ),
      code: 'unknown_url',
    });
  });

  it('SGLang ≥ 0.5.2 tokenizes at both paths; echoed logprobs carry text_offset -1 and a list of top_logprobs', async () => {
    server = await createMockServer({ server: { name: 'sglang' } });
    for (const path of ['/tokenize', '/v1/tokenize']) {
      const answer = JSON.parse((await post(path, { prompt: '問題' })).text);
      // python/sglang/srt/entrypoints/openai/protocol.py TokenizeResponse: tokens, count, max_model_len.
      expect(Object.keys(answer).sort()).toEqual(['count', 'max_model_len', 'tokens']);
    }
    const echo = JSON.parse(
      (await post('/v1/completions', { model: 'm', prompt: '問題', echo: true, logprobs: 1, max_tokens: 1 }))
        .text,
    );
    const logprobs = echo.choices[0].logprobs;
    // entrypoints/openai/utils.py to_openai_style_logprobs: text_offset.append(-1) ("Not supported yet");
    // protocol.py LogProbs.top_logprobs: List[Optional[Dict[str, float]]], None at the first prompt position.
    expect(logprobs.text_offset.every((offset: number) => offset === -1)).toBe(true);
    expect(logprobs.token_logprobs[0]).toBeNull();
    expect(logprobs.top_logprobs[0]).toBeNull();
    expect(logprobs.top_logprobs[1]).toEqual({ [logprobs.tokens[1]]: logprobs.token_logprobs[1] });
    expect(logprobs.top_logprobs).toHaveLength(logprobs.tokens.length);
  });

  it('SGLang answers an echo with logprobs 0 with a 500 (its missing input_top_logprobs), 1 with the block', async () => {
    server = await createMockServer({ server: { name: 'sglang' } });
    const ask = (logprobs: number) =>
      post('/v1/completions', { model: 'm', prompt: '問題', echo: true, logprobs, max_tokens: 1 });
    const zero = await ask(0);
    expect(zero.status).toBe(500);
    expect(JSON.parse(zero.text)).toEqual({
      object: 'error',
      message: "Internal server error: 'input_top_logprobs'",
      type: 'InternalServerError',
      param: null,
      code: 500,
    });
    expect((await ask(1)).status).toBe(200);
  });

  it('llama.cpp tokenize with_pieces: a piece is text, or its bytes as numbers when not valid UTF-8', async () => {
    // tools/server/server.cpp handle_tokenize: is_valid_utf8(piece) ? piece : array of byte values.
    server = await createMockServer({ server: { name: 'llama.cpp' } });
    const content = '胸部 胸';
    const answer = JSON.parse((await post('/tokenize', { content, with_pieces: true })).text) as {
      tokens: { id: number; piece: string | number[] }[];
    };
    const bytes = answer.tokens.flatMap(({ piece }) =>
      typeof piece === 'string' ? [...new TextEncoder().encode(piece)] : piece,
    );
    // The pieces' bytes re-join to the text; in Qwen3's vocabulary ' 胸' is three byte pieces.
    expect(Buffer.from(bytes).toString('utf8')).toBe(content);
    expect(answer.tokens.filter(({ piece }) => Array.isArray(piece))).toHaveLength(3);
    expect(answer.tokens.some(({ piece }) => typeof piece === 'string')).toBe(true);
  });

  it('the plain mock has no tokenize endpoint', async () => {
    server = await createMockServer();
    expect((await post('/tokenize', { prompt: 'a' })).status).toBe(404);
  });
});
