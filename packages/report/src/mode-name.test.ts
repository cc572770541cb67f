import { describe, expect, it } from 'vitest';
import { modeName } from './mode-name';

describe('modeName', () => {
  it("names the seed's prompt modes, likelihood scoring, and leaves others as they are", () => {
    expect(modeName('3shot')).toBe('3-shot');
    expect(modeName('3shot-explain')).toBe('3-shot explain');
    expect(modeName('predictions')).toBe('prediction files');
    expect(modeName('0shot+likelihood')).toBe('0-shot (likelihood)');
    expect(modeName('cot')).toBe('cot');
  });
});
