import type { Benchmark } from './benchmark';
import { UnknownBenchmarkError } from './errors';

/** A lookup of benchmarks by id, built from plugin objects the caller passes (no global registration). */
export interface Registry {
  readonly ids: readonly string[];
  get(id: string): Benchmark;
  has(id: string): boolean;
  list(): Benchmark[];
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] ?? 0) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** Ids within a small edit distance of `id`, or containing it, closest first. */
export function suggestIds(id: string, known: readonly string[]): string[] {
  const wanted = id.toLowerCase();
  return known
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase()) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= Math.max(2, Math.floor(candidate.length / 3)) ||
        (wanted.length >= 3 && candidate.includes(wanted)),
    )
    .sort((a, b) => a.distance - b.distance)
    .map(({ candidate }) => candidate);
}

/**
 * Builds a registry from benchmark objects, given as a list or an object (`createRegistry({ igakuqa })`); ids
 * come from the benchmarks themselves. Two benchmarks with one id are a programming error.
 */
export function createRegistry(
  benchmarks: Iterable<Benchmark> | Readonly<Record<string, Benchmark>>,
): Registry {
  const list: Iterable<Benchmark> =
    Symbol.iterator in benchmarks ? (benchmarks as Iterable<Benchmark>) : Object.values(benchmarks);
  const byId = new Map<string, Benchmark>();
  for (const benchmark of list) {
    if (byId.has(benchmark.id)) throw new Error(`Two benchmarks have the id '${benchmark.id}'.`);
    byId.set(benchmark.id, benchmark);
  }
  const ids = [...byId.keys()];
  return {
    ids,
    has: (id) => byId.has(id),
    list: () => [...byId.values()],
    get(id) {
      const benchmark = byId.get(id);
      if (benchmark === undefined)
        throw new UnknownBenchmarkError({ id, known: ids, suggestions: suggestIds(id, ids) });
      return benchmark;
    },
  };
}
