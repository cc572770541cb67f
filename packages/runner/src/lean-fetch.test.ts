import { createServer } from 'node:http';
import { createMockServer, type MockServer } from '@kensa/testing';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createLeanFetch } from './lean-fetch';
import { ReplyTooLargeError } from './reply-size-limit';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createLeanFetch', () => {
  it('carries the openai SDK request and response, headers and body intact', async () => {
    server = await createMockServer({ reply: () => '答え: ｃ' });
    const client = new OpenAI({
      baseURL: server.baseURL,
      apiKey: 'sk-lean',
      maxRetries: 0,
      fetch: createLeanFetch(),
    });
    const messages = [{ role: 'user' as const, content: '問題: テスト' }];
    const response = await client.chat.completions.create({ model: 'mock-model', messages });
    expect(response.choices[0]?.message.content).toBe('答え: ｃ');
    const recorded = server.requests[0];
    expect(recorded?.headers.authorization).toBe('Bearer sk-lean');
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(recorded?.rawBody ?? '{}').messages).toEqual(messages);
  });

  it('hands error statuses and their headers to the SDK', async () => {
    server = await createMockServer({ faultFor: () => ({ kind: '429', retryAfterSeconds: 7 }) });
    const client = new OpenAI({
      baseURL: server.baseURL,
      apiKey: 'x',
      maxRetries: 0,
      fetch: createLeanFetch(),
    });
    const error = await client.chat.completions
      .create({ model: 'mock-model', messages: [{ role: 'user', content: 'q' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('7');
  });

  it('rejects when the connection drops mid-body, and when the signal aborts', async () => {
    server = await createMockServer({ faultFor: (request) => (request.index === 0 ? 'reset' : 'hang') });
    const leanFetch = createLeanFetch();
    const init = {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [] }),
      headers: { 'content-type': 'application/json' },
    };
    await expect(leanFetch(`${server.baseURL}/chat/completions`, init)).rejects.toThrow();
    const controller = new AbortController();
    const hanging = leanFetch(`${server.baseURL}/chat/completions`, { ...init, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('gave up')), 50);
    await expect(hanging).rejects.toThrow('gave up');
  });

  it('stops reading a reply over the limit: at once when Content-Length says so, else at the limit', async () => {
    server = await createMockServer({
      faultFor: (request) =>
        request.index === 0
          ? { kind: 'huge', sizeBytes: 50 * 1024 * 1024 }
          : request.index === 1
            ? 'endless'
            : undefined,
    });
    const leanFetch = createLeanFetch({ maxReplyBytes: 1024 * 1024 });
    const init = {
      method: 'POST',
      body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'q' }] }),
      headers: { 'content-type': 'application/json' },
    };
    const huge = await leanFetch(`${server.baseURL}/chat/completions`, init).catch((error: unknown) => error);
    expect(ReplyTooLargeError.isInstance(huge)).toBe(true);
    expect(huge).toMatchObject({ sizeKnown: true, limitBytes: 1024 * 1024 });
    expect((huge as ReplyTooLargeError).sizeBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect((huge as Error).message).toMatch(/the reply is 50\.0 MB, over the limit of 1\.0 MB/);
    const endless = await leanFetch(`${server.baseURL}/chat/completions`, init).catch(
      (error: unknown) => error,
    );
    expect(endless).toMatchObject({ sizeKnown: false });
    expect((endless as Error).message).toMatch(/more than 1\.0 MB/);
    // Below the limit everything goes through, and all three requests reached the network.
    const fine = await leanFetch(`${server.baseURL}/chat/completions`, init);
    expect(fine.status).toBe(200);
    expect(leanFetch.requestsSent()).toBe(3);
  });
});

describe('createLeanFetch().post', () => {
  const init = {
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-post' },
    body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: '問題: テスト' }] }),
  };

  it('hands over status, headers as a plain object, and the body as text', async () => {
    server = await createMockServer({ reply: () => '答え: ｃ' });
    const reply = await createLeanFetch().post(`${server.baseURL}/chat/completions`, init);
    expect(reply.status).toBe(200);
    expect(reply.statusText).toBe('OK');
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['x-request-id']).toBe('req-mock-0');
    expect(JSON.parse(reply.text).choices[0].message.content).toBe('答え: ｃ');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-post');
    expect(server.requests[0]?.rawBody).toBe(init.body);
    const missing = await createLeanFetch().post(`${server.url}/chat/completions`, init);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).error.message).toMatch(/^Unknown request URL: POST \/chat\/completions/);
  });

  it('stops reading a reply over the limit both ways, and shares the counter with the fetch form', async () => {
    server = await createMockServer({
      faultFor: (request) =>
        request.index === 0
          ? { kind: 'huge', sizeBytes: 50 * 1024 * 1024 }
          : request.index === 1
            ? 'endless'
            : undefined,
    });
    const leanFetch = createLeanFetch({ maxReplyBytes: 1024 * 1024 });
    const url = `${server.baseURL}/chat/completions`;
    const huge = await leanFetch.post(url, init).catch((error: unknown) => error);
    expect(ReplyTooLargeError.isInstance(huge)).toBe(true);
    expect(huge).toMatchObject({ sizeKnown: true, limitBytes: 1024 * 1024 });
    const endless = await leanFetch.post(url, init).catch((error: unknown) => error);
    expect(ReplyTooLargeError.isInstance(endless)).toBe(true);
    expect(endless).toMatchObject({ sizeKnown: false });
    expect((await leanFetch.post(url, init)).status).toBe(200);
    expect((await leanFetch(url, { method: 'POST', ...init })).status).toBe(200);
    expect(leanFetch.requestsSent()).toBe(4);
  });

  it('rejects with the signal’s reason when it aborts, before or while the request is out', async () => {
    server = await createMockServer({ faultFor: () => 'hang' });
    const leanFetch = createLeanFetch();
    const url = `${server.baseURL}/chat/completions`;
    const reason = new Error('gave up');
    await expect(leanFetch.post(url, { ...init, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(leanFetch.requestsSent()).toBe(0);
    const controller = new AbortController();
    const hanging = leanFetch.post(url, { ...init, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(hanging).rejects.toBe(reason);
    expect(leanFetch.requestsSent()).toBe(1);
    // A timeout fails as an `AbortSignal.timeout` signal would.
    const timedOut = await leanFetch.post(url, { ...init, timeoutMs: 50 }).catch((error: unknown) => error);
    const signalled = await leanFetch
      .post(url, { ...init, signal: AbortSignal.timeout(50) })
      .catch((error: unknown) => error);
    expect(timedOut).toMatchObject({
      name: 'TimeoutError',
      message: 'The operation was aborted due to timeout',
    });
    expect(String(timedOut)).toBe(String(signalled));
  });

  it('reads the text as Response.text() does: UTF-8, without a byte order mark', async () => {
    const bom = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('\uFEFF{"a":"答え"}');
    });
    await new Promise<void>((resolve) => bom.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(bom.address() as { port: number }).port}/`;
    try {
      const leanFetch = createLeanFetch();
      const reply = await leanFetch.post(url, init);
      expect(reply.text).toBe(await (await leanFetch(url, { method: 'POST', ...init })).text());
      expect(reply.text).toBe('{"a":"答え"}');
    } finally {
      bom.closeAllConnections();
      await new Promise((resolve) => bom.close(resolve));
    }
  });
});
