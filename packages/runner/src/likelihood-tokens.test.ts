import { type Item, renderLikelihoodPrompt } from '@kensa/core';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createLikelihoodSession } from './likelihood-session';
import {
  isTokenIdResponse,
  slimTokenIdCompletion,
  type TokenIdLikelihoodResponse,
  tokenizeLikelihood,
} from './likelihood-tokens';
import { createOpenAIModel } from './openai-model';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const item: Item = {
  id: 'J1',
  kind: 'choice',
  question: '鉄欠乏性貧血で低下するのはどれか。',
  choices: ['総鉄結合能', 'フェリチン', '網赤血球数', '血小板数', '赤血球数'],
  choose: 1,
  answer: ['b'],
};

describe('the cached token-id likelihood response', () => {
  it('keeps only what is read back, and an entry holding the full reply (older Kensa) reads the same', async () => {
    server = await createMockServer({ server: { name: 'vllm' } });
    const model = createOpenAIModel({ model: 'Qwen/Qwen3-8B', baseURL: server.baseURL });
    const prompt = renderLikelihoodPrompt(item);
    const session = createLikelihoodSession(model);
    const textRequest = model.likelihoodRequest?.(prompt) ?? { api: 'completions' as const, body: {} };
    const slim = await session.send(prompt, textRequest, { timeoutMs: 5000 });
    expect(isTokenIdResponse(slim)).toBe(true);
    const completion = (slim as TokenIdLikelihoodResponse).completion as {
      choices: { index: number; logprobs: Record<string, unknown> }[];
    };
    expect(completion.choices).toHaveLength(5);
    for (const [index, choice] of completion.choices.entries()) {
      expect(Object.keys(choice).sort()).toEqual(['index', 'logprobs']);
      expect(choice.index).toBe(index);
      expect(Object.keys(choice.logprobs)).toEqual(['token_logprobs']);
    }
    expect(Object.keys(completion).sort()).toEqual(['choices', 'model', 'usage']);

    // What older Kensa stored for the same item: the whole reply the server sent.
    const tokenized = await tokenizeLikelihood(model.tokenize as never, prompt, { timeoutMs: 5000 });
    const full = await model.send(model.likelihoodTokenRequest?.(tokenized.sequences) as never, {
      timeoutMs: 5000,
    });
    const old = { ...(slim as TokenIdLikelihoodResponse), completion: full };
    // The full reply carries tokens, offsets and top_logprobs per prompt token (as vLLM's); the slim one none.
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(old).length * 0.4);
    expect(slimTokenIdCompletion(full)).toEqual(completion);
    // Cache entries go through JSON; both forms read back the same reply.
    const fromCache = (value: unknown) => JSON.parse(JSON.stringify(value));
    const reply = session.read(fromCache(slim), prompt);
    expect(reply.likelihood?.method).toBe('token-ids');
    expect(reply.likelihood?.options).toHaveLength(5);
    expect(session.read(fromCache(old), prompt)).toEqual(reply);
  });

  it('keeps a reply it does not recognise as it came, and null log-probs as null', () => {
    expect(slimTokenIdCompletion('<html>')).toBe('<html>');
    expect(slimTokenIdCompletion({ object: 'error' })).toEqual({ object: 'error' });
    expect(slimTokenIdCompletion({ choices: [{ index: 0, text: 'x', logprobs: null }] })).toEqual({
      choices: [{ index: 0, logprobs: null }],
    });
  });
});
