import { describe, expect, it } from 'vitest';
import { splitThinking } from './think-block';

describe('splitThinking', () => {
  it('splits a closed <think> block from the answer after it', () => {
    expect(splitThinking('<think>\nb は禁忌なので除外。\n</think>\n答え: a')).toEqual({
      answer: '答え: a',
      reasoning: 'b は禁忌なので除外。',
    });
  });

  it('treats everything after an unclosed <think> as reasoning', () => {
    expect(splitThinking('<think>まだ考えている… 答え: a')).toEqual({
      answer: '',
      reasoning: 'まだ考えている… 答え: a',
    });
    expect(splitThinking('前置き <think>途中')).toEqual({ answer: '前置き', reasoning: '途中' });
  });

  it('returns the whole reply as the answer when there is no block', () => {
    expect(splitThinking('  答え: c  ')).toEqual({ answer: '答え: c', reasoning: undefined });
  });

  it('joins several blocks and keeps the text between them', () => {
    expect(splitThinking('<think>one</think>x<think>two</think>y')).toEqual({
      answer: 'xy',
      reasoning: 'one\n\ntwo',
    });
  });

  it('reads a lone </think> as the end of reasoning that the template opened in the prompt', () => {
    expect(splitThinking('患者は胸痛で…答えはbだ。\n</think>\n\n答え: b')).toEqual({
      answer: '答え: b',
      reasoning: '患者は胸痛で…答えはbだ。',
    });
    expect(splitThinking('考え</think>答え: a<think>後</think>')).toEqual({
      answer: '答え: a',
      reasoning: '考え\n\n後',
    });
  });
});
