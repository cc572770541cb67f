import { describe, expect, it } from 'vitest';
import {
  mcnemarExact,
  mcnemarExactLog10,
  pairedBootstrap,
  stratifiedBootstrapInterval,
} from './paired-statistics';
import { seededRandom } from './seeded-random';
import { bootstrapInterval, mean } from './statistics';

describe('mcnemarExact', () => {
  it('matches hand-worked binomial tails', () => {
    // b = 10, c = 2: n = 12, P(X ≤ 2) = (C(12,0) + C(12,1) + C(12,2)) / 2¹² = (1 + 12 + 66) / 4096 = 79/4096,
    // so p = 2 · 79/4096 = 158/4096.
    expect(mcnemarExact(10, 2)).toBeCloseTo(158 / 4096, 14);
    // b = 7, c = 1: P(X ≤ 1) = (1 + 8) / 256, p = 18/256.
    expect(mcnemarExact(7, 1)).toBeCloseTo(18 / 256, 14);
    // b = 0, c = 5: P(X ≤ 0) = 1/32, p = 1/16.
    expect(mcnemarExact(0, 5)).toBeCloseTo(1 / 16, 14);
  });

  it('is symmetric in b and c', () => {
    expect(mcnemarExact(2, 10)).toBe(mcnemarExact(10, 2));
  });

  it('is 1 with no discordant item, a single one, or a tie', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    // b = 1, c = 0: 2 · P(X ≤ 0) = 2 · ½ = 1.
    expect(mcnemarExact(1, 0)).toBe(1);
    // b = c = 3: 2 · (1 + 6 + 15 + 20)/64 = 84/64, capped at 1.
    expect(mcnemarExact(3, 3)).toBe(1);
  });

  it('gives the logarithm where the p-value underflows', () => {
    // b = 1000, c = 0: p = 2 · 2⁻¹⁰⁰⁰ = 2⁻⁹⁹⁹, log10 p = −999 · log10 2.
    expect(mcnemarExactLog10(1000, 0)).toBeCloseTo(-999 * Math.log10(2), 9);
    expect(mcnemarExact(1000, 0)).toBeCloseTo(2 ** -999, 310);
    // 2⁻¹⁹⁹⁹ is below the smallest double; its logarithm is still exact.
    expect(mcnemarExactLog10(2000, 0)).toBeCloseTo(-1999 * Math.log10(2), 9);
    expect(mcnemarExactLog10(10, 2)).toBeCloseTo(Math.log10(158 / 4096), 12);
  });

  it('rejects counts that are not whole numbers', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(/count/);
  });
});

describe('stratifiedBootstrapInterval', () => {
  const data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('draws exactly as bootstrapInterval without strata', () => {
    const options = { seed: 11, samples: 300 };
    expect(stratifiedBootstrapInterval(data, mean, options)).toEqual(bootstrapInterval(data, mean, options));
  });

  it('keeps every stratum at its size in every resample', () => {
    const strata = data.map((value) => (value <= 3 ? 'small' : 'large'));
    const items = data.map((value, index) => ({ value, stratum: strata[index] }));
    const smallCount = (resample: readonly { stratum: string | undefined }[]) =>
      resample.filter((item) => item.stratum === 'small').length;
    expect(stratifiedBootstrapInterval(items, smallCount, { strata, seed: 3, samples: 200 })).toEqual([3, 3]);
  });

  it('draws strata in order of first appearance, floor(random · size) each', () => {
    // One resample of ['x', 'y', 'x'] with seed 5: stratum x (indices 0, 2) draws twice, then y (index 1) once.
    const random = seededRandom(5);
    const x = [0, 2];
    const expected = [x[Math.floor(random() * 2)], x[Math.floor(random() * 2)], 1];
    const encode = (resample: readonly number[]) => resample.reduce((code, index) => code * 10 + index, 0);
    const code = expected.reduce((total: number, index) => total * 10 + (index as number), 0);
    expect(
      stratifiedBootstrapInterval([0, 1, 2], encode, { strata: ['x', 'y', 'x'], seed: 5, samples: 1 }),
    ).toEqual([code, code]);
  });

  it('asks for one stratum label per item', () => {
    expect(() => stratifiedBootstrapInterval(data, mean, { strata: ['a'] })).toThrow(/one label per item/);
  });
});

describe('pairedBootstrap', () => {
  const b = [0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1];

  it('reports the difference of the statistic on the items as given', () => {
    const a = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1];
    const result = pairedBootstrap(a, b, mean, { seed: 1, samples: 500 });
    expect(result.difference).toBeCloseTo(11 / 12 - 8 / 12, 12);
    expect(result.interval[0]).toBeLessThanOrEqual(result.difference);
    expect(result.interval[1]).toBeGreaterThanOrEqual(result.difference);
    // The difference can never leave [−1, 1], and here a is never worse than b on any item.
    expect(result.interval[0]).toBeGreaterThanOrEqual(0);
    expect(result.interval[1]).toBeLessThanOrEqual(1);
  });

  it('keeps the pairing: a constant shift per item has no spread at all', () => {
    // Unpaired resampling of a and b would give a wide interval; pairing takes the same items from both.
    const a = b.map((value) => value + 1);
    const { difference, interval } = pairedBootstrap(a, b, mean, { seed: 4, samples: 300 });
    expect(difference).toBe(1);
    expect(interval[0]).toBeCloseTo(1, 12);
    expect(interval[1]).toBeCloseTo(1, 12);
  });

  it('is reproducible from its seed', () => {
    const a = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1];
    const first = pairedBootstrap(a, b, mean, { seed: 42, samples: 400 });
    expect(pairedBootstrap(a, b, mean, { seed: 42, samples: 400 })).toEqual(first);
    expect(pairedBootstrap(a, b, mean, { seed: 43, samples: 400 }).interval).not.toEqual(first.interval);
  });

  it('refuses samples of different lengths, and is NaN for no items', () => {
    expect(() => pairedBootstrap([1], [1, 2], mean)).toThrow(/pair them by item/);
    expect(pairedBootstrap([], [], () => 0).interval.every(Number.isNaN)).toBe(true);
  });
});
