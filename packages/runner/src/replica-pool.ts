import { KensaError } from '@kensa/core';
import { classifyModelError } from './classify-model-error';
import type { Model } from './model';

/** How one replica has fared in this invocation. */
export interface ReplicaStats {
  readonly endpoint: string;
  readonly answered: number;
  readonly failed: number;
  /** Whether it is backed off now. */
  readonly down: boolean;
}

export interface ReplicaPoolOptions {
  /** The same model served at several endpoints; the first is the primary (see `createReplicaPool`). */
  readonly replicas: readonly Model[];
  /** Requests in flight at once on each replica. */
  readonly concurrencyPerReplica: number;
  /** Back-off after a replica's first failure; doubled for each failure in a row. Default 1 s. */
  readonly cooldownMs?: number;
  /** Default 60 s. */
  readonly maxCooldownMs?: number;
  /** A replica went down or came back. */
  readonly onHealth?: (event: { endpoint: string; down: boolean; reason?: string }) => void;
}

interface Replica {
  readonly model: Model;
  inFlight: number;
  answered: number;
  failed: number;
  failuresInRow: number;
  downUntil: number;
}

/**
 * One model served by several replicas (`--base-url` given more than once). Each request goes to the healthy
 * replica with the fewest requests in flight, within its concurrency; a replica that fails (connection, timeout,
 * 5xx, 429, a rejected key) is backed off and the request is tried on the next one at once, so the run goes on
 * while any replica answers. A bad request (400) is the request's fault and is not tried elsewhere.
 *
 * The pool's `endpoint`, which keys the response cache and the run manifest, is the first replica's: which
 * replica answered never changes a cache key, and a run resumes with any set of replicas behind the same first
 * `--base-url`.
 */
export function createReplicaPool(options: ReplicaPoolOptions): Model & { stats(): ReplicaStats[] } {
  const [primary] = options.replicas;
  if (primary === undefined) throw new KensaError('usage', 'A replica pool needs at least one endpoint.');
  const names = new Set(options.replicas.map((replica) => replica.name));
  if (names.size > 1) {
    throw new KensaError('usage', `Replicas must serve one model, not ${[...names].join(', ')}.`);
  }
  const cooldownMs = options.cooldownMs ?? 1000;
  const maxCooldownMs = options.maxCooldownMs ?? 60_000;
  const replicas: Replica[] = options.replicas.map((model) => ({
    model,
    inFlight: 0,
    answered: 0,
    failed: 0,
    failuresInRow: 0,
    downUntil: 0,
  }));
  const waiting: (() => void)[] = [];

  const pick = (tried: ReadonlySet<Replica>): Replica | undefined => {
    const now = Date.now();
    const open = replicas.filter(
      (replica) => !tried.has(replica) && replica.inFlight < options.concurrencyPerReplica,
    );
    const healthy = open.filter((replica) => replica.downUntil <= now);
    const pool = healthy.length > 0 ? healthy : open.sort((a, b) => a.downUntil - b.downUntil).slice(0, 1);
    return pool.sort((a, b) => a.inFlight - b.inFlight)[0];
  };
  const acquire = async (tried: ReadonlySet<Replica>): Promise<Replica> => {
    for (;;) {
      const replica = pick(tried);
      if (replica !== undefined) {
        replica.inFlight++;
        return replica;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const release = (replica: Replica) => {
    replica.inFlight--;
    waiting.shift()?.();
  };

  return {
    name: primary.name,
    endpoint: primary.endpoint,
    cacheable: primary.cacheable,
    request: (task, sampling) => primary.request(task, sampling),
    ...(primary.likelihoodRequest === undefined
      ? {}
      : { likelihoodRequest: primary.likelihoodRequest.bind(primary) }),
    parse: (response) => primary.parse(response),
    async send(request, sendOptions) {
      const tried = new Set<Replica>();
      let lastError: unknown;
      while (tried.size < replicas.length) {
        const replica = await acquire(tried);
        try {
          const response = await replica.model.send(request, sendOptions);
          replica.answered++;
          if (replica.failuresInRow > 0)
            options.onHealth?.({ endpoint: replica.model.endpoint, down: false });
          replica.failuresInRow = 0;
          replica.downUntil = 0;
          return response;
        } catch (error) {
          const verdict = classifyModelError(error);
          if (verdict.action === 'fail') throw error;
          replica.failed++;
          replica.failuresInRow++;
          const wasUp = replica.downUntil <= Date.now();
          replica.downUntil =
            Date.now() + Math.min(maxCooldownMs, cooldownMs * 2 ** (replica.failuresInRow - 1));
          if (wasUp)
            options.onHealth?.({ endpoint: replica.model.endpoint, down: true, reason: verdict.message });
          tried.add(replica);
          lastError = error;
        } finally {
          release(replica);
        }
      }
      throw lastError;
    },
    stats: () =>
      replicas.map((replica) => ({
        endpoint: replica.model.endpoint,
        answered: replica.answered,
        failed: replica.failed,
        down: replica.downUntil > Date.now(),
      })),
  };
}
