import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { withReadableErrorBodies } from './readable-error-body';

function answering(status: number, body: string): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

async function messageOf(fetchFunction: typeof fetch): Promise<string> {
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: 'http://127.0.0.1:1/v1',
    fetch: fetchFunction,
    maxRetries: 0,
  });
  try {
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('withReadableErrorBodies', () => {
  // vLLM < 0.10.1 `ErrorResponse` (vllm/entrypoints/openai/protocol.py) and SGLang send this flat shape.
  const flat = JSON.stringify({
    object: 'error',
    message: 'max_tokens is too large',
    type: 'BadRequestError',
    param: null,
    code: 400,
  });

  it('lets the SDK read a flat vLLM/SGLang body, which it otherwise reports as "no body"', async () => {
    expect(await messageOf(answering(400, flat))).toContain('status code (no body)');
    expect(await messageOf(withReadableErrorBodies(answering(400, flat)))).toBe(
      '400 max_tokens is too large',
    );
  });

  it('reads FastAPI details, Ollama strings and plain text, and leaves nested bodies as they are', async () => {
    expect(await messageOf(withReadableErrorBodies(answering(422, '{"detail":"Field required"}')))).toBe(
      '422 Field required',
    );
    expect(await messageOf(withReadableErrorBodies(answering(404, '{"error":"model not found"}')))).toBe(
      '404 model not found',
    );
    expect(await messageOf(withReadableErrorBodies(answering(404, '404 page not found')))).toBe(
      '404 404 page not found',
    );
    const nested = JSON.stringify({
      error: { message: 'bad key', type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    expect(await messageOf(withReadableErrorBodies(answering(401, nested)))).toBe('401 bad key');
  });
});
