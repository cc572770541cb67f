import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIModel, parseOpenAIResponse } from './openai-model';
import { threeShot, tinyExamples, tinyItems } from './test-support/tiny-exam';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const item = tinyItems[1] ?? (undefined as never);
const prompt = threeShot.render(item, { examples: tinyExamples });

describe('parseOpenAIResponse', () => {
  it('keeps reasoning_content apart from the answer', () => {
    const reply = parseOpenAIResponse({
      choices: [
        { message: { content: '答え: b,d', reasoning_content: '心房細動は…' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 3 },
    });
    expect(reply).toEqual({
      text: '答え: b,d',
      reasoning: '心房細動は…',
      finishReason: 'stop',
      usage: { promptTokens: 10, completionTokens: 3 },
    });
  });

  it('strips a <think> block from the content into the reasoning, and reads `reasoning` (Ollama)', () => {
    expect(
      parseOpenAIResponse({ choices: [{ message: { content: '<think>考える</think>\n答え: c' } }] }),
    ).toEqual({
      text: '答え: c',
      reasoning: '考える',
    });
    expect(parseOpenAIResponse({ choices: [{ message: { content: 'c', reasoning: 'r' } }] }).reasoning).toBe(
      'r',
    );
  });

  it('reads completions text, and fails on a response without choices', () => {
    expect(parseOpenAIResponse({ choices: [{ text: ' b,d', finish_reason: 'stop' }] }).text).toBe('b,d');
    expect(() => parseOpenAIResponse({ object: 'chat.completion' })).toThrow('no choices');
  });
});

describe('createOpenAIModel', () => {
  it('sends chat messages with the sampling settings', async () => {
    server = await createMockServer({ reply: () => '答え: b,d' });
    const model = createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL });
    const request = model.request(
      { item, prompt, sample: 0 },
      { temperature: 0.5, maxTokens: 64, seed: 3, topP: 0.9 },
    );
    expect(request.body).toEqual({
      model: 'mock-model',
      messages: prompt.messages,
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 64,
      seed: 3,
    });
    const reply = model.parse(await model.send(request, { timeoutMs: 2000 }));
    expect(reply.text).toBe('答え: b,d');
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('sends the conversation as one prompt to a completions endpoint, stopping before the next question', async () => {
    server = await createMockServer({ reply: () => 'b,d' });
    const model = createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL, api: 'completions' });
    const request = model.request({ item, prompt, sample: 0 }, {});
    const body = request.body as { prompt: string; stop: string[] };
    expect(body.prompt.startsWith('医師国家試験を解きます。\n\n問題: 例題')).toBe(true);
    expect(body.prompt.endsWith('ちょうど2個選んでください。\n答え:\n')).toBe(true);
    expect(body.stop).toEqual(['\n\n問題:']);
    expect((request.body as { max_tokens: number }).max_tokens).toBe(1024);
    const capped = model.request({ item, prompt, sample: 0 }, { maxTokens: 64 });
    expect((capped.body as { max_tokens: number }).max_tokens).toBe(64);
    const reply = model.parse(await model.send(request, { timeoutMs: 2000 }));
    expect(reply.text).toBe('b,d');
    expect(server.requests[0]?.path).toBe('/v1/completions');
  });

  it('names the endpoint without credentials', () => {
    const model = createOpenAIModel({ model: 'm', baseURL: 'https://user:secret@example.org/v1/?api-key=k' });
    expect(model.endpoint).toBe('https://example.org/v1');
  });
});
