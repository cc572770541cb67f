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
