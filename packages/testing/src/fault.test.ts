import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultPicker, type FaultRule } from './fault';
import { createMockServer, type MockServer, type MockServerOptions } from './mock-server';

let server: MockServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failWith(
  options: MockServerOptions,
  clientOptions: { timeout?: number } = {},
): Promise<unknown> {
  server = await createMockServer(options);
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0, ...clientOptions });
  return client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('faults seen through the openai SDK', () => {
  it('429 is a RateLimitError carrying Retry-After', async () => {
    const error = await failWith({ faults: [{ kind: '429', rate: 1, retryAfterSeconds: 3 }] });
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('3');
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('rate_limit_exceeded');
    expect(server?.requests[0]).toMatchObject({ fault: '429', status: 429 });
  });

  it('500 and 503 are InternalServerErrors; 503 carries Retry-After when given', async () => {
    const internal = await failWith({ faults: [{ kind: '500', rate: 1, retryAfterSeconds: 9 }] });
    expect(internal).toBeInstanceOf(OpenAI.InternalServerError);
    expect((internal as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    expect((internal as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBeNull();
    await server?.close();

    const unavailable = await failWith({ faults: [{ kind: '503', rate: 1, retryAfterSeconds: 1 }] });
    expect(unavailable).toBeInstanceOf(OpenAI.InternalServerError);
    expect((unavailable as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((unavailable as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('1');
  });

  it('hang never answers: the client times out', async () => {
    const started = performance.now();
    const error = await failWith({ faults: [{ kind: 'hang', rate: 1 }] }, { timeout: 200 });
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(server?.requests[0]?.fault).toBe('hang');
    expect(server?.requests[0]?.status).toBeUndefined();
  });

  it('malformed-json answers 200 with a body that fails to parse', async () => {
    const error = await failWith({ faults: [{ kind: 'malformed-json', rate: 1 }] });
    expect(error).toBeInstanceOf(SyntaxError);
    expect(server?.requests[0]).toMatchObject({ fault: 'malformed-json', status: 200 });
  });

  it('reset drops the connection mid-body', async () => {
    const error = await failWith({ faults: [{ kind: 'reset', rate: 1 }] });
    // Headers arrived, so the SDK's fetch resolved; the failure comes from reading the body: undici's
    // `TypeError: terminated`, not an APIError. Retry logic must treat it as a connection error.
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/terminated/);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('UND_ERR_SOCKET');
    expect(error).not.toBeInstanceOf(OpenAI.APIError);
    expect(server?.requests[0]).toMatchObject({ fault: 'reset', status: 200 });
  });

  it('records the request before injecting the fault', async () => {
    await failWith({ faults: [{ kind: '500', rate: 1 }] });
    expect(server?.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: { model: 'm', messages: [{ role: 'user', content: 'q' }] },
      fault: '500',
    });
  });

  it('faultFor fails exactly the requests it picks, here the first attempt of each question', async () => {
    const seen = new Set<string>();
    server = await createMockServer({
      faultFor: (request) => {
        if (seen.has(request.rawBody)) return undefined;
        seen.add(request.rawBody);
        return { kind: '429', retryAfterSeconds: 0 };
      },
    });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 1 });
    for (const question of ['q1', 'q2']) {
      const completion = await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: question }],
      });
      expect(completion.choices[0]?.message.content).toBe('答え: a');
    }
    expect(server.requests.map((request) => request.fault ?? 'ok')).toEqual(['429', 'ok', '429', 'ok']);
    expect(server.requests[1]?.headers['x-stainless-retry-count']).toBe('1');
    expect(server.count({ completed: true })).toBe(2);
    expect(server.count({ faulted: true })).toBe(2);
  });
});

describe('seeded fault rates', () => {
  const faults: FaultRule[] = [
    { kind: '500', rate: 0.2 },
    { kind: '429', rate: 0.1 },
  ];

  async function faultedIndices(seed: number, latency = 0): Promise<string[]> {
    server = await createMockServer({ seed, faults, latency });
    for (let index = 0; index < 60; index++) {
      await fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `q${index}` }] }),
      }).then((response) => response.arrayBuffer());
    }
    const indices = server.requests
      .filter((request) => request.fault !== undefined)
      .map((request) => `${request.index}:${request.fault}`);
    await server.close();
    server = undefined;
    return indices;
  }

  it('the same seed faults the same request indices; another seed others', async () => {
    const first = await faultedIndices(7);
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(35);
    expect(await faultedIndices(7, 1)).toEqual(first);
    expect(await faultedIndices(8)).not.toEqual(first);
  });

  it('reset() restarts the draws', async () => {
    const picker = createFaultPicker(faults, 3);
    const draws = Array.from({ length: 50 }, () => picker()?.kind);
    expect(Array.from({ length: 50 }, createFaultPicker(faults, 3)).map((fault) => fault?.kind)).toEqual(
      draws,
    );

    server = await createMockServer({ seed: 3, faults });
    const ask = async () => {
      for (let index = 0; index < 50; index++) {
        await fetch(`${server?.baseURL}/models`).then((response) => response.arrayBuffer());
      }
      return server?.requests.map((request) => request.fault) ?? [];
    };
    const before = await ask();
    server.reset();
    expect(await ask()).toEqual(before);
    expect(before).toEqual(draws);
  });

  it('rate 0 never faults and rate 1 always does; rates above 1 in total are refused', () => {
    const never = createFaultPicker([{ kind: 'reset', rate: 0 }], 1);
    const always = createFaultPicker([{ kind: 'reset', rate: 1 }], 1);
    for (let draw = 0; draw < 100; draw++) {
      expect(never()).toBeUndefined();
      expect(always()?.kind).toBe('reset');
    }
    expect(() =>
      createFaultPicker(
        [
          { kind: '500', rate: 0.6 },
          { kind: '503', rate: 0.6 },
        ],
        1,
      ),
    ).toThrow(/add up to 1.2/);
    expect(() => createFaultPicker([{ kind: 'teapot' as '500', rate: 0.1 }], 1)).toThrow(
      /unknown fault 'teapot'/,
    );
  });
});
