import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

function take(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random());
}

describe('seededRandom', () => {
  it('returns values in [0, 1)', () => {
    for (const value of take(seededRandom(12345), 10_000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('repeats the same sequence for the same seed and differs for another', () => {
    expect(take(seededRandom(7), 20)).toEqual(take(seededRandom(7), 20));
    expect(take(seededRandom(7), 20)).not.toEqual(take(seededRandom(8), 20));
  });

  it('spreads values roughly evenly', () => {
    // 10,000 uniform draws: the mean is 0.5 with a standard error of √(1/12/10,000) ≈ 0.003.
    const values = take(seededRandom(2024), 10_000);
    const average = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(average - 0.5)).toBeLessThan(0.015);
    expect(new Set(values).size).toBeGreaterThan(9_990);
  });
});
