import type { Benchmark } from '@kensa/core';
import { UsageError } from './usage-error';

function camelCase(key: string): string {
  return key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * `-T key=value` pairs as one record. Keys may be spelled as in the factory (`excludeImages`) or in kebab case
 * (`exclude-images`); a key given twice collects both values as a list (`-T years=2021 -T years=2022`).
 */
export function parseOptionPairs(pairs: readonly string[] | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? '' : camelCase(pair.slice(0, equals).trim());
    if (key === '') {
      throw new UsageError(
        `-T takes key=value (e.g. -T years=2022), not '${pair}'; see 'kensa list' for the keys.`,
      );
    }
    const value = pair.slice(equals + 1).trim();
    values[key] = values[key] === undefined ? value : `${values[key]},${value}`;
  }
  return values;
}

/** The keys a benchmark takes, for messages. */
function keysOf(benchmark: Benchmark): string {
  const keys = benchmark.options?.keys.map((info) => info.key) ?? [];
  return keys.length === 0 ? 'none' : keys.join(', ');
}

/**
 * Builds each benchmark with the `-T` options that apply to it. With one benchmark every key must be its own
 * (its strict schema says which are not); with several, each key goes to the benchmarks that take it, and a key
 * none of them takes is an error.
 */
export function configureBenchmarks(
  benchmarks: readonly Benchmark[],
  values: Readonly<Record<string, string>>,
): Benchmark[] {
  const keys = Object.keys(values);
  if (keys.length === 0) return [...benchmarks];
  const takes = (benchmark: Benchmark, key: string) =>
    benchmark.options?.keys.some((info) => info.key === key) ?? false;
  if (benchmarks.length > 1) {
    const unknown = keys.filter((key) => !benchmarks.some((benchmark) => takes(benchmark, key)));
    if (unknown.length > 0) {
      const known = benchmarks.map((benchmark) => `${benchmark.id}: ${keysOf(benchmark)}`).join('; ');
      throw new UsageError(
        `No benchmark given takes the option${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `'${key}'`).join(', ')}. Options — ${known} (see 'kensa list').`,
      );
    }
  }
  return benchmarks.map((benchmark) => {
    const own =
      benchmarks.length > 1
        ? Object.fromEntries(Object.entries(values).filter(([key]) => takes(benchmark, key)))
        : values;
    if (Object.keys(own).length === 0) return benchmark;
    if (benchmark.options === undefined) {
      throw new UsageError(`Benchmark '${benchmark.id}' takes no options (-T); see 'kensa list'.`);
    }
    return benchmark.options.create(own);
  });
}

/** What a run's manifest records about the options its benchmark was built with (none: nothing). */
export function recordedOptions(
  registryId: string,
  values: Readonly<Record<string, string>>,
  benchmark: Benchmark,
): { benchmarkOptions?: { from: string; values: Record<string, string> } } {
  if (Object.keys(values).length === 0) return {};
  const own = Object.fromEntries(
    Object.entries(values).filter(([key]) => benchmark.options?.keys.some((info) => info.key === key)),
  );
  return Object.keys(own).length === 0 ? {} : { benchmarkOptions: { from: registryId, values: own } };
}
