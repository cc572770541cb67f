import { describe, expect, it } from 'vitest';
import { PredictionError } from './errors';
import type { Item } from './item';
import { matchPredictions, type Prediction } from './prediction';

const items: Item[] = [
  {
    id: '116A1',
    kind: 'choice',
    question: '正しいのはどれか。2つ選べ。',
    choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
    choose: 2,
    answer: ['a', 'c'],
  },
  {
    id: '116F74',
    kind: 'numeric',
    question: 'オッズ比を計算せよ。解答：①.②',
    choices: [],
    choose: 0,
    answer: ['04'],
  },
];

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('matchPredictions', () => {
  it('returns the answers by item id', () => {
    const predictions: Prediction[] = [
      { itemId: '116A1', answer: 'a,c', file: 'gpt.jsonl', line: 1 },
      { itemId: '116F74', answer: '04', file: 'gpt.jsonl', line: 2 },
    ];
    expect(matchPredictions(items, predictions)).toEqual(
      new Map([
        ['116A1', 'a,c'],
        ['116F74', '04'],
      ]),
    );
  });

  it('accepts predictions for only some items', () => {
    expect(matchPredictions(items, [{ itemId: '116A1', answer: 'b' }])).toEqual(new Map([['116A1', 'b']]));
  });

  it('rejects an unknown item id, naming file and line', () => {
    const error = thrownBy(() =>
      matchPredictions(items, [{ itemId: '115A1', answer: 'a', file: 'gpt.jsonl', line: 3 }]),
    );
    expect(PredictionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: 'gpt.jsonl', line: 3, itemId: '115A1' });
    expect((error as Error).message).toMatch(/^gpt\.jsonl:3: .*'115A1'/);
  });

  it('rejects a duplicate, naming both lines', () => {
    const error = thrownBy(() =>
      matchPredictions(items, [
        { itemId: '116A1', answer: 'a,c', file: 'gpt.jsonl', line: 1 },
        { itemId: '116F74', answer: '04', file: 'gpt.jsonl', line: 2 },
        { itemId: '116A1', answer: 'b', file: 'gpt.jsonl', line: 5 },
      ]),
    );
    expect(PredictionError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^gpt\.jsonl:5: /);
    expect(message).toContain('gpt.jsonl:1');
    expect(message).toContain("'116A1'");
  });

  it('rejects choice letters for a numeric-entry question', () => {
    const error = thrownBy(() =>
      matchPredictions(items, [{ itemId: '116F74', answer: 'a', file: 'gpt.jsonl', line: 4 }]),
    );
    expect(PredictionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ line: 4, itemId: '116F74' });
  });
});
