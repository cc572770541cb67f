import { describe, expect, it } from 'vitest';
import { bootstrapInterval, mean, quantile, wilsonInterval } from './statistics';

describe('wilsonInterval', () => {
  it('matches the published 95 % interval for 8 of 10', () => {
    // Wilson (1927) score interval for p̂ = 0.8, n = 10: [0.4902, 0.9433] (e.g. Newcombe 1998, method 3).
    const [lower, upper] = wilsonInterval(8, 10);
    expect(lower).toBeCloseTo(0.4902, 4);
    expect(upper).toBeCloseTo(0.9433, 4);
  });

  it('stays inside [0, 1] at 0 % and 100 %', () => {
    // For 0/10 the centre equals the half-width, z²/(2n) / (1 + z²/n), so the upper bound is
    // (z²/n) / (1 + z²/n) = 0.38415 / 1.38415 = 0.2775.
    const [lower, upper] = wilsonInterval(0, 10);
    expect(lower).toBe(0);
    expect(upper).toBeCloseTo(0.2775, 4);
    const [lowerAll, upperAll] = wilsonInterval(10, 10);
    expect(lowerAll).toBeCloseTo(1 - 0.2775, 4);
    // Analytically exactly 1; the formula lands a rounding error below it.
    expect(upperAll).toBeCloseTo(1, 12);
  });

  it('says nothing is known with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('quantile', () => {
  it('interpolates linearly like numpy', () => {
    // Position (n − 1)·q: 3 × 0.5 = 1.5 → halfway between 2 and 3; 3 × 0.25 = 0.75 → 1 + 0.75.
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([7], 0.3)).toBe(7);
  });

  it('is NaN for no values', () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('mean', () => {
  it('averages, and is NaN for no values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNaN();
  });
});

describe('bootstrapInterval', () => {
  const data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const average = (values: readonly number[]) => mean(values);

  it('is reproducible from its seed', () => {
    const first = bootstrapInterval(data, average, { seed: 42, samples: 500 });
    expect(bootstrapInterval(data, average, { seed: 42, samples: 500 })).toEqual(first);
    expect(bootstrapInterval(data, average, { seed: 43, samples: 500 })).not.toEqual(first);
  });

  it('contains the sample statistic and stays within the data range', () => {
    // The mean of 1…10 is 5.5; a resampled mean can never leave [1, 10].
    const [lower, upper] = bootstrapInterval(data, average, { seed: 7, samples: 1000 });
    expect(lower).toBeLessThan(5.5);
    expect(upper).toBeGreaterThan(5.5);
    expect(lower).toBeGreaterThanOrEqual(1);
    expect(upper).toBeLessThanOrEqual(10);
  });

  it('narrows as the confidence falls', () => {
    const wide = bootstrapInterval(data, average, { seed: 7, samples: 1000, confidence: 0.95 });
    const narrow = bootstrapInterval(data, average, { seed: 7, samples: 1000, confidence: 0.5 });
    expect(narrow[0]).toBeGreaterThanOrEqual(wide[0]);
    expect(narrow[1]).toBeLessThanOrEqual(wide[1]);
  });

  it('collapses to the value when every item is equal', () => {
    expect(bootstrapInterval([3, 3, 3, 3], average, { seed: 1, samples: 100 })).toEqual([3, 3]);
  });

  it('is NaN for no items', () => {
    const [lower, upper] = bootstrapInterval([], average);
    expect(lower).toBeNaN();
    expect(upper).toBeNaN();
  });
});
