import { describe, expect, it } from 'vitest';
import { choiceLetters, letterIndex } from './choice-letters';

describe('choiceLetters', () => {
  it('names choices a, b, c, … in order', () => {
    expect(choiceLetters(5)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(choiceLetters(0)).toEqual([]);
  });
});

describe('letterIndex', () => {
  it('is the 0-based position of a lowercase letter, or -1', () => {
    expect(letterIndex('a')).toBe(0);
    expect(letterIndex('e')).toBe(4);
    expect(letterIndex('ab')).toBe(-1);
    expect(letterIndex('')).toBe(-1);
  });
});
