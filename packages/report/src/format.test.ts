import { describe, expect, it } from 'vitest';
import { fixed, percent, percentRange } from './format';

describe('report number formats', () => {
  it('print numbers as before', () => {
    expect(percent(0.8523)).toBe('85.2%');
    expect(percentRange([0.81, 0.88])).toBe('81.0–88.0');
    expect(fixed(412.25)).toBe('412.3');
  });

  it('print a dash, never NaN, for a run with no answered item', () => {
    expect(`${fixed(Number.NaN)} (${percentRange([Number.NaN, Number.NaN])})`).toBe('– (–)');
    expect(percent(Number.NaN)).toBe('–');
    expect(fixed(undefined)).toBe('–');
  });
});
