import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { Model, ModelRequest } from './model';
import { createReplicaPool } from './replica-pool';

const request: ModelRequest = { api: 'chat', body: { model: 'm' } };
const unavailable = () =>
  new OpenAI.APIError(503, { error: { message: 'overloaded' } }, 'overloaded', new Headers());
const badRequest = () => new OpenAI.APIError(400, { error: { message: 'bad' } }, 'bad', new Headers());

/** A replica whose `send` answers with its endpoint, or throws what `fail` returns; it counts calls and peaks. */
function replica(endpoint: string, fail: (call: number) => Error | undefined = () => undefined) {
  const state = { calls: 0, inFlight: 0, peak: 0 };
  const model: Model = {
    name: 'm',
    endpoint,
    cacheable: true,
    request: () => request,
    parse: () => ({ text: '' }),
    async send() {
      const call = state.calls++;
      state.inFlight++;
      state.peak = Math.max(state.peak, state.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      state.inFlight--;
      const error = fail(call);
      if (error !== undefined) throw error;
      return endpoint;
    },
  };
  return { model, state };
}

describe('createReplicaPool', () => {
  it('spreads requests within each replica’s concurrency and keeps the first endpoint as its own', async () => {
    const a = replica('http://a/v1');
    const b = replica('http://b/v1');
    const pool = createReplicaPool({ replicas: [a.model, b.model], concurrencyPerReplica: 3 });
    expect(pool.endpoint).toBe('http://a/v1');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => pool.send(request, { timeoutMs: 1000 })),
    );
    expect(a.state.calls + b.state.calls).toBe(30);
    expect(a.state.calls).toBeGreaterThan(5);
    expect(b.state.calls).toBeGreaterThan(5);
    expect(Math.max(a.state.peak, b.state.peak)).toBeLessThanOrEqual(3);
    expect(new Set(answers)).toEqual(new Set(['http://a/v1', 'http://b/v1']));
  });

  it('moves a failed request to another replica at once and backs the failing one off', async () => {
    const a = replica('http://a/v1', (call) => (call >= 2 ? unavailable() : undefined));
    const b = replica('http://b/v1');
    const events: string[] = [];
    const pool = createReplicaPool({
      replicas: [a.model, b.model],
      concurrencyPerReplica: 2,
      cooldownMs: 60_000,
      onHealth: (event) => events.push(`${event.endpoint} ${event.down ? 'down' : 'up'}`),
    });
    const answers = [];
    for (let index = 0; index < 20; index++) answers.push(await pool.send(request, { timeoutMs: 1000 }));
    expect(answers).toHaveLength(20);
    // Two answers, one failure, then never asked again during the cool-down.
    expect(a.state.calls).toBe(3);
    expect(events).toEqual(['http://a/v1 down']);
    expect(pool.stats()).toEqual([
      { endpoint: 'http://a/v1', answered: 2, failed: 1, down: true },
      { endpoint: 'http://b/v1', answered: 18, failed: 0, down: false },
    ]);
  });

  it('tries a backed-off replica again after its cool-down, and throws when every replica failed', async () => {
    const a = replica('http://a/v1', (call) => (call === 0 ? unavailable() : undefined));
    const b = replica('http://b/v1', () => unavailable());
    const pool = createReplicaPool({ replicas: [a.model, b.model], concurrencyPerReplica: 1, cooldownMs: 1 });
    await expect(pool.send(request, { timeoutMs: 1000 })).rejects.toThrow('overloaded');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await pool.send(request, { timeoutMs: 1000 })).toBe('http://a/v1');
  });

  it('does not retry a bad request elsewhere: every replica would refuse it', async () => {
    const a = replica('http://a/v1', () => badRequest());
    const b = replica('http://b/v1');
    const pool = createReplicaPool({ replicas: [a.model, b.model], concurrencyPerReplica: 1 });
    await expect(pool.send(request, { timeoutMs: 1000 })).rejects.toThrow('bad');
    expect(b.state.calls).toBe(0);
  });

  it('refuses replicas of different models', () => {
    const other = { ...replica('http://b/v1').model, name: 'other' };
    expect(() =>
      createReplicaPool({ replicas: [replica('http://a/v1').model, other], concurrencyPerReplica: 1 }),
    ).toThrow('Replicas must serve one model, not m, other.');
  });
});
