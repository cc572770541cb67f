import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createLatency } from './latency';
import { createMockServer } from './mock-server';

describe('createLatency', () => {
  it('draws a seeded uniform delay within the range', () => {
    const draws = Array.from({ length: 200 }, createLatency({ min: 10, max: 30 }, 5));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...draws)).toBeLessThan(30);
    expect(Math.max(...draws) - Math.min(...draws)).toBeGreaterThan(10);
    expect(Array.from({ length: 200 }, createLatency({ min: 10, max: 30 }, 5))).toEqual(draws);
    expect(Array.from({ length: 200 }, createLatency({ min: 10, max: 30 }, 6))).not.toEqual(draws);
  });

  it('keeps a fixed delay fixed and refuses negative ones', () => {
    expect(createLatency(25, 1)()).toBe(25);
    expect(() => createLatency(-1, 1)).toThrow(/'latency'/);
    expect(() => createLatency({ min: 0, max: Number.POSITIVE_INFINITY }, 1)).toThrow(/'latency.max'/);
  });
});

describe('latency on the server', () => {
  it('delays every answer by about the configured time', async () => {
    const server = await createMockServer({ latency: { min: 80, max: 120 } });
    try {
      const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
      const started = performance.now();
      await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(75);
      expect(elapsed).toBeLessThan(1000);

      // Concurrent requests wait side by side, not in a queue.
      const batchStarted = performance.now();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] }),
        ),
      );
      expect(performance.now() - batchStarted).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });
});
