import { describe, expect, it } from 'vitest';
import { type Item, itemPoints, itemSchema } from './item';

const choice = {
  id: '116A1',
  kind: 'choice',
  question: '正しいのはどれか。2つ選べ。',
  choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
  choose: 2,
  answer: ['a', 'c'],
  kinki: ['e'],
};

function messages(value: unknown): string[] {
  const result = itemSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('itemSchema', () => {
  it('accepts a well-formed choice and numeric question', () => {
    expect(messages(choice)).toEqual([]);
    expect(
      messages({ id: 'n', kind: 'numeric', question: 'q', choices: [], choose: 0, answer: ['04'] }),
    ).toEqual([]);
  });

  it('rejects a key or 禁忌肢 letter beyond the choices', () => {
    expect(messages({ ...choice, answer: ['a', 'f'] })).toEqual(["'f' is not one of the 5 choices"]);
    expect(messages({ ...choice, kinki: ['z'] })).toEqual(["'z' is not one of the 5 choices"]);
  });

  it('rejects a choice question with nothing to pick', () => {
    expect(messages({ ...choice, choose: 0 })).toContain('a choice question picks at least one choice');
    expect(messages({ ...choice, choices: [], answer: ['a'] })).toContain('a choice question needs choices');
  });

  it('rejects a numeric question with two keys', () => {
    expect(
      messages({ id: 'n', kind: 'numeric', question: 'q', choices: [], choose: 0, answer: ['1', '2'] }),
    ).toEqual(['a numeric question has one key']);
  });
});

describe('itemPoints', () => {
  it('counts one point unless the item says otherwise, including 0', () => {
    const item = itemSchema.parse(choice) as Item;
    expect(itemPoints(item)).toBe(1);
    expect(itemPoints({ ...item, points: 3 })).toBe(3);
    expect(itemPoints({ ...item, points: 0 })).toBe(0);
  });
});
