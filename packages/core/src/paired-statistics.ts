import { seededRandom } from './seeded-random';
import type { BootstrapOptions } from './statistics';
import { quantile } from './statistics';

/**
 * Natural log of P(X ≤ m) for X ~ Binomial(n, ½), summed in log space: the discordant counts of two models on a
 * 2,000-question benchmark give tails far below the smallest double.
 */
function logBinomialHalfLowerTail(m: number, n: number): number {
  let logTerm = -n * Math.LN2; // log C(n, 0) / 2ⁿ
  let logSum = logTerm;
  for (let k = 0; k < m; k++) {
    logTerm += Math.log(n - k) - Math.log(k + 1);
    const high = Math.max(logSum, logTerm);
    logSum = high + Math.log(Math.exp(logSum - high) + Math.exp(logTerm - high));
  }
  return logSum;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a count (a whole number ≥ 0), not ${value}.`);
}

/** Natural log of McNemar's exact two-sided p-value; 0 (p = 1) with no discordant item. */
function mcnemarLogP(b: number, c: number): number {
  checkCount('b', b);
  checkCount('c', c);
  const n = b + c;
  if (n === 0) return 0;
  return Math.min(0, Math.LN2 + logBinomialHalfLowerTail(Math.min(b, c), n));
}

/**
 * McNemar's exact test on paired right/wrong outcomes: `b` items only the first model got right, `c` items only
 * the second did. Under the null hypothesis each discordant item is a fair coin, so the two-sided p-value is
 * min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, ½). 1 when there is no discordant item.
 */
export function mcnemarExact(b: number, c: number): number {
  return Math.exp(mcnemarLogP(b, c));
}

/**
 * Base-10 logarithm of McNemar's exact p-value (see `mcnemarExact`), for p-values below the smallest double
 * (two models far apart on 2,000 questions give p ≈ 10⁻²⁵⁰).
 */
export function mcnemarExactLog10(b: number, c: number): number {
  return mcnemarLogP(b, c) / Math.LN10;
}

export interface StratifiedBootstrapOptions extends BootstrapOptions {
  /**
   * One label per item (e.g. its exam): items are resampled within their stratum, so every resample keeps each
   * stratum's size. Without strata all items form one stratum.
   */
  readonly strata?: readonly string[];
}

/**
 * Draws `samples` resamples of indices 0…n−1 with replacement. Strata are visited in order of first appearance
 * and each draws its own size of members, one `floor(random() · size)` per draw, from one `seededRandom(seed)`
 * stream. With a single stratum the draws are those of `bootstrapInterval`.
 */
function* resampleIndices(n: number, options: StratifiedBootstrapOptions): Generator<number[]> {
  const strata = options.strata;
  if (strata !== undefined && strata.length !== n)
    throw new RangeError(`strata has ${strata.length} labels for ${n} items; give one label per item.`);
  const groups = new Map<string, number[]>();
  for (let index = 0; index < n; index++) {
    const label = strata?.[index] ?? '';
    const members = groups.get(label) ?? [];
    members.push(index);
    groups.set(label, members);
  }
  const random = seededRandom(options.seed ?? 0);
  const samples = options.samples ?? 2000;
  for (let sample = 0; sample < samples; sample++) {
    const indices: number[] = [];
    for (const members of groups.values()) {
      for (let draw = 0; draw < members.length; draw++) {
        indices.push(members[Math.floor(random() * members.length)] as number);
      }
    }
    yield indices;
  }
}

function percentileInterval(values: number[], confidence = 0.95): [number, number] {
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return [quantile(values, tail), quantile(values, 1 - tail)];
}

/**
 * Percentile bootstrap interval of a statistic, resampling items within strata (e.g. questions within each exam
 * sitting, so a mean over exams keeps every exam's size). Seeded: the same seed gives the same interval.
 */
export function stratifiedBootstrapInterval<T>(
  items: readonly T[],
  statistic: (resample: readonly T[]) => number,
  options: StratifiedBootstrapOptions = {},
): [number, number] {
  if (items.length === 0) return [Number.NaN, Number.NaN];
  const values: number[] = [];
  for (const indices of resampleIndices(items.length, options)) {
    values.push(statistic(indices.map((index) => items[index] as T)));
  }
  return percentileInterval(values, options.confidence);
}

export interface PairedBootstrapResult {
  /** statistic(a) − statistic(b) on the items as given. */
  readonly difference: number;
  /** Percentile bootstrap interval of the difference (95 % unless `confidence` says otherwise). */
  readonly interval: [number, number];
}

/**
 * Paired bootstrap of the difference of a statistic between two models on the same items: `a[i]` and `b[i]` are
 * the two models' results on item i. Each resample draws item indices (within strata, see
 * `StratifiedBootstrapOptions`) and takes the same items from both sides, so the interval accounts for the
 * pairing: statistic(a resampled) − statistic(b resampled).
 */
export function pairedBootstrap<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (sample: readonly T[]) => number,
  options: StratifiedBootstrapOptions = {},
): PairedBootstrapResult {
  if (a.length !== b.length)
    throw new RangeError(`Paired samples differ in length (${a.length} and ${b.length}); pair them by item.`);
  const difference = statistic(a) - statistic(b);
  if (a.length === 0) return { difference, interval: [Number.NaN, Number.NaN] };
  const values: number[] = [];
  for (const indices of resampleIndices(a.length, options)) {
    values.push(
      statistic(indices.map((index) => a[index] as T)) - statistic(indices.map((index) => b[index] as T)),
    );
  }
  return { difference, interval: percentileInterval(values, options.confidence) };
}
