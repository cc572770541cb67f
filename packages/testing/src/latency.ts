import { seededRandom } from '@kensa/core';
import { MockServerOptionError } from './mock-server-option-error';

/** Milliseconds before each answer: a fixed number, or uniform in [min, max]. */
export type Latency = number | { readonly min: number; readonly max: number };

/**
 * Returns a function giving the delay of the next request. A range draws from its own seeded stream, so turning
 * latency on or off never moves which requests get a fault.
 */
export function createLatency(latency: Latency, seed: number): () => number {
  if (typeof latency === 'number') {
    checkMilliseconds('latency', latency);
    return () => latency;
  }
  checkMilliseconds('latency.min', latency.min);
  checkMilliseconds('latency.max', latency.max);
  if (latency.min > latency.max) {
    throw new MockServerOptionError({
      option: 'latency',
      message: `min (${latency.min}) is greater than max (${latency.max}).`,
    });
  }
  const { min, max } = latency;
  const random = seededRandom(seed ^ 0x5bd1e995);
  return () => min + (max - min) * random();
}

function checkMilliseconds(option: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MockServerOptionError({
      option,
      message: `expected a finite number of milliseconds >= 0, got ${String(value)}.`,
    });
  }
}
