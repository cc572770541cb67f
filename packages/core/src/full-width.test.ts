import { describe, expect, it } from 'vitest';
import { parseSmallCount, toHalfWidth } from './full-width';

describe('toHalfWidth', () => {
  it('folds full-width letters, digits and punctuation typed with a Japanese IME', () => {
    expect(toHalfWidth('ａ')).toBe('a');
    expect(toHalfWidth('Ａ')).toBe('A');
    expect(toHalfWidth('２')).toBe('2');
    expect(toHalfWidth('，')).toBe(',');
    expect(toHalfWidth('．')).toBe('.');
    expect(toHalfWidth('ａ，ｃ')).toBe('a,c');
  });

  it('turns the ideographic space (U+3000) into an ASCII space', () => {
    expect(toHalfWidth('ａ\u3000ｃ')).toBe('a c');
  });

  it('leaves Japanese punctuation, kana, kanji and half-width text alone', () => {
    expect(toHalfWidth('答え、ｂ。')).toBe('答え、b。');
    expect(toHalfWidth('a,c 109mg/dL')).toBe('a,c 109mg/dL');
  });
});

describe('parseSmallCount', () => {
  it('reads ASCII, full-width and kanji digits', () => {
    expect(parseSmallCount('2')).toBe(2);
    expect(parseSmallCount('２')).toBe(2);
    expect(parseSmallCount('二')).toBe(2);
    expect(parseSmallCount('三')).toBe(3);
    expect(parseSmallCount('12')).toBe(12);
  });

  it('is undefined for anything that is not a count', () => {
    expect(parseSmallCount('')).toBeUndefined();
    expect(parseSmallCount('x')).toBeUndefined();
    expect(parseSmallCount('2つ')).toBeUndefined();
  });
});
