import { attachImages } from '@kensa/core';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIModel } from './openai-model';
import { threeShot, tinyExamples, tinyItems } from './test-support/tiny-exam';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const item = tinyItems[0] ?? (undefined as never);
const image = 'data:image/png;base64,iVBORw0KGgo=';
const prompt = attachImages(threeShot.render(item, { examples: tinyExamples }), [image]);

describe('createOpenAIModel with images', () => {
  it('sends the question as a text part and an image_url part (the OpenAI vision format)', async () => {
    server = await createMockServer({ reply: () => '答え: a' });
    const model = createOpenAIModel({ model: 'mock-vision', baseURL: server.baseURL });
    const request = model.request({ item, prompt, sample: 0 }, {});
    const reply = model.parse(await model.send(request, { timeoutMs: 2000 }));
    expect(reply.text).toBe('答え: a');
    const sent = server.requests[0]?.body as { messages: { role: string; content: unknown }[] };
    const question = prompt.messages.at(-1)?.content ?? '';
    expect(sent.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: question },
        { type: 'image_url', image_url: { url: image } },
      ],
    });
    expect(sent.messages.slice(0, -1).every((message) => typeof message.content === 'string')).toBe(true);
  });

  it('refuses to send images to a completions endpoint', () => {
    const model = createOpenAIModel({ model: 'base', baseURL: 'http://127.0.0.1:9/v1', api: 'completions' });
    expect(() => model.request({ item, prompt, sample: 0 }, {})).toThrow(/completions endpoint cannot take/);
  });
});
