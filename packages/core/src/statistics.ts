import { seededRandom } from './seeded-random';

/** Two-sided 95 % normal quantile. */
const z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion of `successes` in `n` trials. Unlike the normal approximation it stays
 * inside [0, 1] and is sensible at 0 % and 100 %.
 */
export function wilsonInterval(successes: number, n: number, z = z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  // At 0 % and 100 % the bound is exactly 0 or 1; floating point would leave 0.9999999999999999.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

/** The q-quantile (0–1) of sorted values, interpolating linearly (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

export interface BootstrapOptions {
  /** Resamples; 2,000 by default. */
  readonly samples?: number;
  /** Seed of the resampling; the same seed gives the same interval. */
  readonly seed?: number;
  /** Coverage of the interval; 0.95 by default. */
  readonly confidence?: number;
}

/**
 * Percentile bootstrap interval of a statistic over items: items are resampled with replacement and
 * `statistic` is recomputed on each resample.
 */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: (resample: readonly T[]) => number,
  options: BootstrapOptions = {},
): [number, number] {
  const samples = options.samples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 0);
  if (items.length === 0) return [Number.NaN, Number.NaN];
  const values: number[] = [];
  const resample: T[] = new Array(items.length);
  for (let sample = 0; sample < samples; sample++) {
    for (let index = 0; index < items.length; index++) {
      resample[index] = items[Math.floor(random() * items.length)] as T;
    }
    values.push(statistic(resample));
  }
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return [quantile(values, tail), quantile(values, 1 - tail)];
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}
