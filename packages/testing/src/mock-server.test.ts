import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer, type MockServerOptions } from './mock-server';
import { MockServerOptionError } from './mock-server-option-error';

let server: MockServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options?: MockServerOptions): Promise<{ server: MockServer; client: OpenAI }> {
  server = await createMockServer(options);
  return { server, client: new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 }) };
}

describe('createMockServer', () => {
  it('answers a chat completion and records the request byte for byte', async () => {
    const { server, client } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseURL).toBe(`${server.url}/v1`);

    const request = {
      model: 'qwen3-8b',
      messages: [
        { role: 'system' as const, content: '医師国家試験の問題に答えてください。' },
        { role: 'user' as const, content: '問題: 正しいのはどれか。\na. 一\nb. 二 😀' },
      ],
      temperature: 0,
    };
    const completion = await client.chat.completions.create(request);

    expect(completion).toMatchObject({
      id: 'chatcmpl-mock-0',
      object: 'chat.completion',
      model: 'qwen3-8b',
      choices: [{ index: 0, message: { role: 'assistant', content: '答え: a' }, finish_reason: 'stop' }],
    });
    expect(completion.created).toBeTypeOf('number');
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );

    expect(server.requests).toHaveLength(1);
    const recorded = server.requests[0];
    expect(recorded).toMatchObject({
      index: 0,
      method: 'POST',
      path: '/v1/chat/completions',
      kind: 'chat',
      status: 200,
    });
    expect(recorded?.fault).toBeUndefined();
    expect(recorded?.headers.authorization).toBe('Bearer test');
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(recorded?.rawBody ?? '')).toEqual(request);
    expect(recorded?.body).toEqual(request);
    expect(Buffer.byteLength(recorded?.rawBody ?? '')).toBe(Number(recorded?.headers['content-length']));
  });

  it('returns n choices, asking the policy once per sample', async () => {
    const { server, client } = await start({
      reply: ({ kind, index, sample, text }) => ({
        content: `${kind} ${index}.${sample}: ${text}`,
        reasoningContent: `thinking ${sample}`,
        finishReason: sample === 2 ? 'length' : 'stop',
        usage: { promptTokens: 7, completionTokens: 2 },
      }),
    });
    const completion = await client.chat.completions.create({
      model: 'mock-model',
      n: 3,
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'second' }] },
      ],
    });

    expect(completion.choices.map((choice) => choice.message.content)).toEqual([
      'chat 0.0: second',
      'chat 0.1: second',
      'chat 0.2: second',
    ]);
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(completion.choices.map((choice) => choice.finish_reason)).toEqual(['stop', 'stop', 'length']);
    const message = completion.choices[1]?.message as unknown as { reasoning_content?: string };
    expect(message.reasoning_content).toBe('thinking 1');
    expect(completion.usage).toEqual({ prompt_tokens: 7, completion_tokens: 6, total_tokens: 13 });
    expect(server.count({ kind: 'chat', completed: true })).toBe(1);
  });

  it('awaits async policies and numbers requests in arrival order', async () => {
    const { client } = await start({
      reply: async ({ index }) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return `reply ${index}`;
      },
    });
    const contents = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const completion = await client.chat.completions.create({
        model: 'mock-model',
        messages: [{ role: 'user', content: 'q' }],
      });
      contents.push(completion.choices[0]?.message.content);
    }
    expect(contents).toEqual(['reply 0', 'reply 1', 'reply 2']);
  });

  it('answers completions with one choice per prompt (and per sample)', async () => {
    const { server, client } = await start({
      reply: (request) =>
        request.kind === 'completions' ? `${request.promptIndex}/${request.sample}:${request.text}` : '',
    });
    const single = await client.completions.create({ model: 'base', prompt: '問題1\n答え:' });
    expect(single).toMatchObject({
      id: 'cmpl-mock-0',
      object: 'text_completion',
      model: 'base',
      choices: [{ text: '0/0:問題1\n答え:', index: 0, logprobs: null, finish_reason: 'stop' }],
    });

    const batch = await client.completions.create({ model: 'base', prompt: ['A', 'B'], n: 2 });
    expect(batch.choices.map((choice) => [choice.index, choice.text])).toEqual([
      [0, '0/0:A'],
      [1, '0/1:A'],
      [2, '1/0:B'],
      [3, '1/1:B'],
    ]);
    expect(server.count({ kind: 'completions' })).toBe(2);
  });

  it('lists and retrieves the configured models', async () => {
    const { client } = await start({ models: ['llm-jp-3', 'swallow'] });
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['llm-jp-3', 'swallow']);
    expect((await client.models.retrieve('swallow')).id).toBe('swallow');
    await expect(client.models.retrieve('gpt-9')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers bad requests with OpenAI-style errors', async () => {
    const { server, client } = await start();
    const post = (path: string, body: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });

    const invalid = await post('/v1/chat/completions', '{"model": "m", "messages": [');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: {
        message: expect.stringContaining('not valid JSON'),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    expect(server.requests[0]).toMatchObject({ rawBody: '{"model": "m", "messages": [', body: undefined });

    expect((await post('/v1/chat/completions', '')).status).toBe(400);
    expect((await post('/v1/completions', '{"model": "m", "prompt": [1, 2]}')).status).toBe(400);
    const missingModel = await post(
      '/v1/chat/completions',
      '{"messages": [{"role": "user", "content": "q"}]}',
    );
    expect(((await missingModel.json()) as { error: { param: string } }).error.param).toBe('model');

    const unknown = await post('/v1/embeddings', '{}');
    expect(unknown.status).toBe(404);
    // As api.openai.com answers an unknown path (bodies users pasted in GitHub issues, 2024: e.g.
    // ChatGPTNextWeb/NextChat#4924, nomic-ai/gpt4all#3214).
    expect(await unknown.json()).toEqual({
      error: {
        message:
          'Unknown request URL: POST /v1/embeddings. Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.',
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    });
    expect((await fetch(`${server.baseURL}/chat/completions`)).status).toBe(405);

    await expect(
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }], n: 0 }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect(server.count({ status: 400 })).toBe(5);
    expect(server.count({ status: 404 })).toBe(1);
    expect(server.count((request) => request.method === 'GET')).toBe(1);
  });

  it('reports a throwing reply policy as a 500 with its message', async () => {
    const { client } = await start({
      reply: () => {
        throw new Error('no script for this question');
      },
    });
    const error = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'q' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as Error).message).toContain('no script for this question');
  });

  it('reset() forgets requests and restarts the index', async () => {
    const { server, client } = await start();
    const ask = () =>
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
    await ask();
    await ask();
    const requests = server.requests;
    server.reset();
    expect(requests).toHaveLength(0);
    expect(server.count()).toBe(0);
    expect((await ask()).id).toBe('chatcmpl-mock-0');
    expect(server.requests.map((request) => request.index)).toEqual([0]);
  });

  it('close() returns promptly with keep-alive and hanging connections open', async () => {
    const { server, client } = await start({
      faultFor: (request) => (request.index > 0 ? 'hang' : undefined),
    });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
    const hanging = [1, 2, 3].map(() =>
      client.chat.completions
        .create({ model: 'm', messages: [{ role: 'user', content: 'q' }] })
        .catch((error: unknown) => error),
    );
    await expect.poll(() => server.count({ fault: 'hang' })).toBe(3);

    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    for (const error of await Promise.all(hanging)) {
      expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    }
    await server.close();
  });

  it('serves 2,000 requests at concurrency 64 with 20 ms latency without becoming the bottleneck', async () => {
    const { server } = await start({ latency: 20 });
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < 2000) {
        next++;
        const response = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', body });
        await response.json();
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    const elapsed = performance.now() - started;
    expect(server.count({ completed: true })).toBe(2000);
    // The floor is 2000 / 64 × 20 ms ≈ 625 ms; client and server share this one thread. Lenient for busy CI.
    expect(elapsed).toBeLessThan(15_000);
  }, 30_000);

  it('rejects invalid options with the option named', async () => {
    await expect(createMockServer({ port: -1 })).rejects.toThrow(MockServerOptionError);
    await expect(createMockServer({ models: [] })).rejects.toThrow(/'models'/);
    await expect(createMockServer({ latency: { min: 5, max: 1 } })).rejects.toThrow(/'latency'/);
    await expect(createMockServer({ faults: [{ kind: '500', rate: 1.5 }] })).rejects.toThrow(
      /'faults\[0\]\.rate'/,
    );
    const error = await createMockServer({ seed: Number.NaN }).catch((caught: unknown) => caught);
    expect(MockServerOptionError.isInstance(error)).toBe(true);
    expect((error as MockServerOptionError).option).toBe('seed');
  });
});
