import { describe, expect, it } from 'vitest';
import { tokenContinuationLogprob } from './token-continuation';

describe('tokenContinuationLogprob', () => {
  it('sums the tokens after the prompt’s own count and ignores the generated token', () => {
    // BOS, 問, 題 | 心, 筋 | generated
    const logprobs = [null, -1, -2, -0.5, -0.25, -9];
    expect(tokenContinuationLogprob(logprobs, 3, 5)).toEqual({ sum: -0.75, tokens: 2, mean: -0.375 });
  });

  it('counts a token that merged the prompt’s last text with the option as the continuation’s', () => {
    // The prompt alone is 3 tokens; with the option the tokenizer re-merged its end, still 3 + 1.
    expect(tokenContinuationLogprob([null, -1, -3, -4], 3, 4).sum).toBe(-4);
  });

  it('refuses an option that adds no token and a reply that is too short', () => {
    expect(() => tokenContinuationLogprob([null, -1], 2, 2)).toThrow(/adds no tokens/);
    expect(() => tokenContinuationLogprob([null, -1], 1, 3)).toThrow(/fewer than the 3 sent/);
    expect(() => tokenContinuationLogprob([null, -1, null], 1, 3)).toThrow(/Token 2/);
  });
});
