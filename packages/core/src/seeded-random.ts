/**
 * A small seeded generator (mulberry32) returning floats in [0, 1). Core takes no randomness it cannot seed,
 * so every bootstrap interval and random baseline can be reproduced from its seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = nextSeededState(state);
    return seededUnit(state);
  };
}

/**
 * The generator as two pure steps, for loops that draw millions of numbers (the bootstrap): V8 inlines these,
 * where it calls the closure. `seededUnit(nextSeededState(s))` is the next `seededRandom` draw after state `s`;
 * the first state is `seed >>> 0`.
 */
export function nextSeededState(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

export function seededUnit(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
