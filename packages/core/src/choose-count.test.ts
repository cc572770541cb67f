import { describe, expect, it } from 'vitest';
import { chooseCountFromStem } from './choose-count';

describe('chooseCountFromStem', () => {
  it('reads the count from 「…つ選べ」 in ASCII, full-width and kanji digits', () => {
    expect(chooseCountFromStem('正しいのはどれか。2つ選べ。')).toBe(2);
    expect(chooseCountFromStem('誤っているのはどれか。３つ選べ。')).toBe(3);
    expect(chooseCountFromStem('適切なのはどれか。二つ選べ。')).toBe(2);
  });

  it('asks for one choice when the stem names no count', () => {
    expect(chooseCountFromStem('最も考えられるのはどれか。')).toBe(1);
    expect(chooseCountFromStem('')).toBe(1);
  });

  it('accepts 「つを選べ」 and spaces around the count', () => {
    expect(chooseCountFromStem('正しいものを 2 つを選べ。')).toBe(2);
  });

  it('lets the last instruction govern when a stem names counts twice', () => {
    // The first 「2つ選べ」 is quoted from an earlier part of a question set; the closing instruction asks for 3.
    expect(chooseCountFromStem('前問では「2つ選べ」とした。今回は正しいのはどれか。3つ選べ。')).toBe(3);
  });
});
