import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from './mock-server';
import { tokenLogprobs } from './token-logprobs';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('completions with echo and logprobs', () => {
  it('cuts the text into two-character tokens with their offsets, the first without a log-probability', () => {
    const result = tokenLogprobs('答え：はい', () => -1);
    expect(result.tokens).toEqual(['答え', '：は', 'い']);
    expect(result.text_offset).toEqual([0, 2, 4]);
    expect(result.token_logprobs).toEqual([null, -1, -1]);
  });

  it('echoes every prompt of an array with per-token log-probabilities from the policy', async () => {
    server = await createMockServer({
      reply: () => 'xx',
      logprob: ({ token }) => (token.includes('正') ? -0.5 : -3),
    });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'x', maxRetries: 0 });
    const response = await client.completions.create({
      model: 'mock-model',
      prompt: ['答え：正解', '答え：誤り'],
      echo: true,
      logprobs: 1,
      max_tokens: 0,
    });
    expect(response.choices.map((choice) => choice.text)).toEqual(['答え：正解', '答え：誤り']);
    const first = response.choices[0]?.logprobs;
    expect(first?.tokens).toEqual(['答え', '：正', '解']);
    expect(first?.token_logprobs).toEqual([null, -0.5, -3]);
    expect(first?.text_offset).toEqual([0, 2, 4]);
  });

  it('appends the reply, cut to max_tokens tokens', async () => {
    server = await createMockServer({ reply: () => 'abcdef' });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'x', maxRetries: 0 });
    const response = await client.completions.create({
      model: 'm',
      prompt: 'PQ',
      echo: true,
      logprobs: 1,
      max_tokens: 1,
    });
    expect(response.choices[0]?.text).toBe('PQab');
    expect(response.choices[0]?.logprobs?.text_offset).toEqual([0, 2]);
  });
});
