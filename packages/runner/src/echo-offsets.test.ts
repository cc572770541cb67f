import { describe, expect, it } from 'vitest';
import { echoOffsetProblem } from './echo-offsets';

const block = (tokens: string[], offsets: number[]) => ({
  tokens,
  token_logprobs: tokens.map((_, index) => (index === 0 ? null : -1)),
  text_offset: offsets,
});

describe('echoOffsetProblem', () => {
  it('accepts tokens that re-join to the text with offsets that follow them (a generated token may follow)', () => {
    expect(
      echoOffsetProblem(block(['問題', '：', '心筋', '梗塞', '。'], [0, 2, 3, 5, 7]), '問題：心筋梗塞'),
    ).toBeUndefined();
  });

  it('names what is wrong: -1 offsets, a BOS, raw pieces, offsets in other units', () => {
    expect(echoOffsetProblem(block(['問題', '：'], [-1, -1]), '問題：')).toMatch(/-1/);
    expect(echoOffsetProblem(block(['<|begin_of_text|>', '問題'], [0, 17]), '問題')).toMatch(/re-join/);
    expect(echoOffsetProblem(block(['åķıé¡Į', 'ï¼ļ'], [0, 6]), '問題：')).toMatch(/re-join/);
    expect(echoOffsetProblem(block(['問題', '：'], [0, 6]), '問題：')).toMatch(/text_offset 6 for token 1/);
  });
});
