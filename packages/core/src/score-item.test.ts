import { describe, expect, it } from 'vitest';
import type { ExclusionRuling } from './exclusion-ruling';
import type { Item } from './item';
import { scoreItem } from './score-item';

/** A 3-point clinical question: pick 2 of 5, key a and c, choice e is 禁忌肢. */
function choiceItem(ruling?: ExclusionRuling): Item {
  return {
    id: '999A1',
    kind: 'choice',
    question: '治療として適切なのはどれか。2つ選べ。',
    choices: ['輸液', 'ステロイド', '抗菌薬', '経過観察', '緊急手術'],
    choose: 2,
    answer: ['a', 'c'],
    points: 3,
    kinki: ['e'],
    ...(ruling === undefined ? {} : { ruling }),
  };
}

/** A numeric-entry question: 解答：①.②, rounded to one decimal place, key 0.4 written as its box digits. */
const numericItem: Item = {
  id: '999F74',
  kind: 'numeric',
  question: 'オッズ比を計算せよ。ただし、小数第2位を四捨五入すること。解答：①.②',
  choices: [],
  choose: 0,
  answer: ['04'],
  numeric: { decimals: 1, template: '①.②' },
};

describe('scoreItem in exact mode (the IgakuQA paper: split on ",", sort, compare)', () => {
  const item = choiceItem();

  it('accepts the key letters in any order', () => {
    expect(scoreItem(item, 'c,a', 'exact')).toMatchObject({
      id: '999A1',
      verdict: 'correct',
      correct: true,
      earned: 3,
      possible: 3,
      counted: true,
      extracted: ['a', 'c'],
      kinkiPicked: [],
    });
  });

  it('rejects a space after the comma, upper case and an empty prediction', () => {
    for (const prediction of ['a, c', 'A,C', '', 'a']) {
      expect(scoreItem(item, prediction, 'exact')).toMatchObject({
        verdict: 'wrong',
        correct: false,
        earned: 0,
        possible: 3,
        counted: true,
      });
    }
  });

  it('scores a missing prediction as missing, worth the item in the total', () => {
    expect(scoreItem(item, undefined, 'exact')).toMatchObject({
      verdict: 'missing',
      correct: false,
      earned: 0,
      possible: 3,
      counted: true,
      prediction: undefined,
      extracted: undefined,
    });
  });

  it('reports the 禁忌肢 picked', () => {
    expect(scoreItem(item, 'a,e', 'exact')).toMatchObject({ verdict: 'wrong', kinkiPicked: ['e'] });
    expect(scoreItem(item, 'a,b', 'exact').kinkiPicked).toEqual([]);
  });

  it('counts one point for an item without points', () => {
    const { points: _points, ...unweighted } = item;
    expect(scoreItem(unweighted, 'a,c', 'exact')).toMatchObject({ earned: 1, possible: 1 });
  });
});

describe('scoreItem in normalized mode', () => {
  const item = choiceItem();

  it('accepts what exact mode rejects for formatting alone', () => {
    for (const prediction of ['a, c', 'A,C', 'ａ、ｃ', '答え: c, a']) {
      expect(scoreItem(item, prediction, 'normalized')).toMatchObject({
        verdict: 'correct',
        earned: 3,
        extracted: ['a', 'c'],
      });
    }
  });

  it('is wrong, not unparsed, for a readable wrong answer', () => {
    expect(scoreItem(item, 'a, b', 'normalized')).toMatchObject({
      verdict: 'wrong',
      earned: 0,
      possible: 3,
      extracted: ['a', 'b'],
    });
  });

  it('is unparsed for a reply with no letters, still counting against the model', () => {
    const score = scoreItem(item, 'どれも当てはまらない。', 'normalized');
    expect(score).toMatchObject({
      verdict: 'unparsed',
      correct: false,
      earned: 0,
      possible: 3,
      counted: true,
    });
    expect(score.extracted).toBeUndefined();
    expect(score.note).toMatch(/\S/);
  });

  it('reports the 禁忌肢 read from a free-text reply', () => {
    expect(scoreItem(item, '答え: Ａ、Ｅ', 'normalized').kinkiPicked).toEqual(['e']);
  });
});

describe('scoreItem with rulings (採点除外)', () => {
  it('excluded: no points either way, and out of accuracy', () => {
    const item = choiceItem({ kind: 'excluded', reason: '正解肢なし' });
    for (const prediction of ['a,c', 'b', undefined]) {
      expect(scoreItem(item, prediction, 'exact')).toMatchObject({
        verdict: 'excluded',
        correct: false,
        earned: 0,
        possible: 0,
        counted: false,
        note: '正解肢なし',
      });
    }
  });

  it('correct-for-everyone: full points whatever the answer', () => {
    const item = choiceItem({ kind: 'correct-for-everyone', reason: '全員正解' });
    for (const prediction of ['a,c', 'b', 'nonsense', undefined]) {
      expect(scoreItem(item, prediction, 'exact')).toMatchObject({
        verdict: 'correct',
        correct: true,
        earned: 3,
        possible: 3,
        counted: true,
      });
    }
  });

  it('alternative-keys: accepts each alternative as well as the key, and nothing else', () => {
    const item = choiceItem({ kind: 'alternative-keys', keys: [['a'], ['d']], reason: 'a または d も正解' });
    expect(scoreItem(item, 'a', 'exact').verdict).toBe('correct');
    expect(scoreItem(item, 'd', 'exact').verdict).toBe('correct');
    expect(scoreItem(item, 'a,c', 'exact').verdict).toBe('correct');
    expect(scoreItem(item, 'b', 'exact')).toMatchObject({ verdict: 'wrong', earned: 0, possible: 3 });
    expect(scoreItem(item, 'a,d', 'exact').verdict).toBe('wrong');
  });

  it('counted-only-if-correct: in the total only for those who got it right', () => {
    const item = choiceItem({ kind: 'counted-only-if-correct', reason: '正解した受験者のみ採点' });
    expect(scoreItem(item, 'a,c', 'exact')).toMatchObject({
      verdict: 'correct',
      correct: true,
      earned: 3,
      possible: 3,
      counted: true,
    });
    for (const prediction of ['b', undefined]) {
      expect(scoreItem(item, prediction, 'exact')).toMatchObject({
        verdict: 'excluded',
        correct: false,
        earned: 0,
        possible: 0,
        counted: false,
      });
    }
  });
});

describe('scoreItem on a numeric-entry question', () => {
  it('normalized: compares numbers under the rounding rule, and reads box digits', () => {
    // Key "04" in ①.② is 0.4. "0.43" rounds (小数第2位を四捨五入) to 0.4; "0.5" does not.
    expect(scoreItem(numericItem, '0.4', 'normalized').verdict).toBe('correct');
    expect(scoreItem(numericItem, '04', 'normalized').verdict).toBe('correct');
    expect(scoreItem(numericItem, '0.43', 'normalized').verdict).toBe('correct');
    expect(scoreItem(numericItem, '答え: ０．４', 'normalized').verdict).toBe('correct');
    expect(scoreItem(numericItem, '0.5', 'normalized')).toMatchObject({
      verdict: 'wrong',
      earned: 0,
      possible: 1,
    });
    expect(scoreItem(numericItem, '0.45', 'normalized').verdict).toBe('wrong');
    expect(scoreItem(numericItem, '4', 'normalized').verdict).toBe('wrong');
  });

  it('normalized: a reply with no number is unparsed', () => {
    expect(scoreItem(numericItem, 'わからない', 'normalized')).toMatchObject({
      verdict: 'unparsed',
      earned: 0,
      possible: 1,
      counted: true,
    });
  });

  it('exact: only the key string as written', () => {
    expect(scoreItem(numericItem, '04', 'exact').verdict).toBe('correct');
    expect(scoreItem(numericItem, '0.4', 'exact').verdict).toBe('wrong');
  });

  it('normalized: reads a reply that echoes a unit containing a number', () => {
    // 解答：①②.③/人口1,000対 with key "100" is 10.0 per 1,000 population.
    const rate: Item = {
      ...numericItem,
      id: '999C75',
      answer: ['100'],
      numeric: { decimals: 1, template: '①②.③/人口1,000対' },
    };
    expect(scoreItem(rate, '10.0', 'normalized').verdict).toBe('correct');
    expect(scoreItem(rate, '100', 'normalized').verdict).toBe('correct');
    expect(scoreItem(rate, '答え: 10.0/人口1,000対', 'normalized').verdict).toBe('correct');
  });
});
