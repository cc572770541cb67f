import { describe, expect, it } from 'vitest';
import { continuationLogprob, pickByLikelihood } from './continuation-logprob';

// A hand-worked example. The prompt is 答え： (3 characters); tokens are two characters long, so the token
// '：は' straddles the prompt's end. Each echoed text ends with one generated token ('×', -9), which lies past
// the text and must not count.
//
// option  echoed text        continuation tokens (offset: logprob)     sum    count  mean
// A はい   答え：はい           ：は (2: -1.0), い (4: -0.5)               -1.5   2      -0.75
// B いいえ 答え：いいえ         ：い (2: -0.4), いえ (4: -1.4)             -1.8   2      -0.9
// C おそらくそう 答え：おそらくそう ：お, そら, くそ, う (each -0.6)         -2.4   4      -0.6
//
// By sum A wins (-1.5 > -1.8 > -2.4); by per-token mean C wins (-0.6 > -0.75 > -0.9).
const prompt = '答え：';
const echoed = {
  A: {
    text: '答え：はい',
    tokens: ['答え', '：は', 'い', '×'],
    token_logprobs: [null, -1.0, -0.5, -9],
    text_offset: [0, 2, 4, 5],
  },
  B: {
    text: '答え：いいえ',
    tokens: ['答え', '：い', 'いえ', '×'],
    token_logprobs: [null, -0.4, -1.4, -9],
    text_offset: [0, 2, 4, 6],
  },
  C: {
    text: '答え：おそらくそう',
    tokens: ['答え', '：お', 'そら', 'くそ', 'う', '×'],
    token_logprobs: [null, -0.6, -0.6, -0.6, -0.6, -9],
    text_offset: [0, 2, 4, 6, 8, 9],
  },
};

describe('continuationLogprob', () => {
  it('sums the continuation tokens, counting a token that straddles the prompt end, not the generated one', () => {
    const a = continuationLogprob(echoed.A, prompt.length, echoed.A.text.length);
    expect(a).toEqual({ sum: -1.5, tokens: 2, mean: -0.75 });
    const b = continuationLogprob(echoed.B, prompt.length, echoed.B.text.length);
    expect(b.tokens).toBe(2);
    expect(b.sum).toBeCloseTo(-1.8, 12);
    expect(b.mean).toBeCloseTo(-0.9, 12);
    const c = continuationLogprob(echoed.C, prompt.length, echoed.C.text.length);
    expect(c.tokens).toBe(4);
    expect(c.sum).toBeCloseTo(-2.4, 12);
    expect(c.mean).toBeCloseTo(-0.6, 12);
  });

  it('leaves out prompt tokens whatever their log-probabilities', () => {
    const noisy = { ...echoed.A, token_logprobs: [null, -1.0, -0.5, -9] };
    const longerPrompt = continuationLogprob(noisy, 4, 5);
    expect(longerPrompt).toEqual({ sum: -0.5, tokens: 1, mean: -0.5 });
  });

  it('fails when a continuation token has no log-probability, or the continuation has no token', () => {
    const missing = { ...echoed.A, token_logprobs: [null, null, -0.5, -9] };
    expect(() => continuationLogprob(missing, prompt.length, echoed.A.text.length)).toThrow(
      'no log-probability',
    );
    expect(() => continuationLogprob(echoed.A, 5, 5)).toThrow('no tokens');
  });
});

describe('pickByLikelihood', () => {
  it('picks the highest sum for accuracy and the highest per-token mean for norm_accuracy', () => {
    const scores = [echoed.A, echoed.B, echoed.C].map((option) =>
      continuationLogprob(option, prompt.length, option.text.length),
    );
    expect(pickByLikelihood(scores)).toEqual({ bySum: 0, byMean: 2 });
  });

  it('gives ties to the earlier option', () => {
    const same = { sum: -1, tokens: 1, mean: -1 };
    expect(pickByLikelihood([same, same])).toEqual({ bySum: 0, byMean: 0 });
  });
});
