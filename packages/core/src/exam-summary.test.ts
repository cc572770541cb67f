import { describe, expect, it } from 'vitest';
import type { AccuracyBasis } from './accuracy-basis';
import type { ExamRules, ExamSection } from './exam-rules';
import { summarizeExam } from './exam-summary';
import type { Item } from './item';
import { scoreItem } from './score-item';

/**
 * A tiny exam: block B is 必修 (required, pass line 2 points), block A is 一般 (general, pass line 3 points), and
 * at most one 禁忌肢 may be picked.
 */
const required: ExamSection = { id: 'required', name: '必修', blocks: ['B'], passLine: 2 };
const general: ExamSection = { id: 'general', name: '一般', blocks: ['A'], passLine: 3 };
const rules: ExamRules = {
  exam: '999',
  year: 2099,
  sections: [required, general],
  maxKinki: 1,
  source: 'hand-made for this test',
};

const choices = ['ア', 'イ', 'ウ', 'エ', 'オ'];

function item(id: string, block: string, answer: string[], extra: Partial<Item> = {}): Item {
  return {
    id,
    kind: 'choice',
    question: `${id} の問題文`,
    choices,
    choose: answer.length,
    answer,
    points: 1,
    exam: '999',
    block,
    ...extra,
  };
}

const items: Item[] = [
  item('999A1', 'A', ['a'], { kinki: ['e'], humanAccuracy: 80 }),
  item('999A2', 'A', ['b'], { humanAccuracy: 60 }),
  item('999A3', 'A', ['a', 'c']),
  item('999A4', 'A', ['d'], { ruling: { kind: 'excluded', reason: '正解肢なし' }, humanAccuracy: 10 }),
  item('999A5', 'A', ['c']),
  item('999B1', 'B', ['c'], { kinki: ['a'] }),
  item('999B2', 'B', ['b'], { points: 3 }),
];

/** The answers of the first case, reused by the accuracy-basis case. */
const firstCaseAnswers: Record<string, string> = {
  '999A1': 'a',
  '999A2': 'b',
  '999A3': 'c,a',
  '999A4': 'd',
  '999A5': 'd',
  '999B1': 'a',
  '999B2': 'b',
};

function summarize(
  answers: Record<string, string>,
  only: (item: Item) => boolean = () => true,
  basis: AccuracyBasis = 'scored-questions',
) {
  const scored = items.filter(only);
  const scores = scored.map((each) => scoreItem(each, answers[each.id], 'exact'));
  return summarizeExam(rules, items, scores, { samples: 200, seed: 1 }, basis);
}

describe('summarizeExam', () => {
  it('scores a passing sitting', () => {
    //        answer  verdict            earned/possible  禁忌肢
    // A1     a       correct            1/1
    // A2     b       correct            1/1
    // A3     c,a     correct            1/1
    // A4     d       excluded           0/0   (not counted)
    // A5     d       wrong              0/1
    // B1     a       wrong              0/1              a
    // B2     b       correct            3/3
    // 一般 (A): 3/4 ≥ 3 → passed.  必修 (B): 3/4 ≥ 2 → passed.
    // Score 6/8. Counted 6 (A4 is not), correct 4 → accuracy 2/3. 禁忌肢 1 ≤ 1 → passed.
    // Human accuracy over counted items that have it: A1 80 and A2 60 (A4 is excluded) → 70 % → 0.7.
    const summary = summarize(firstCaseAnswers);
    expect(summary).toMatchObject({
      exam: '999',
      year: 2099,
      score: 6,
      total: 8,
      correct: 4,
      n: 6,
      kinki: 1,
      kinkiItems: ['999B1'],
      passed: true,
      complete: true,
      missingBlocks: [],
      unparsed: 0,
      missing: 0,
    });
    expect(summary.accuracy).toBeCloseTo(2 / 3, 12);
    expect(summary.humanAccuracy).toBeCloseTo(0.7, 12);
    expect(summary.sections).toEqual([
      { id: 'required', name: '必修', score: 3, total: 4, passLine: 2, passed: true },
      { id: 'general', name: '一般', score: 3, total: 4, passLine: 3, passed: true },
    ]);
  });

  it("counts every question in the accuracy by default, as the paper's evaluate_main.py does", () => {
    // Same answers as the first case. All 7 questions count; A4 (0 points) answered d = its key counts as correct,
    // as `prediction == gold` does upstream: correct 4 + 1 = 5 of 7. Points and 禁忌肢 do not change.
    const answers = firstCaseAnswers;
    const all = summarizeExam(
      rules,
      items,
      items.map((each) => scoreItem(each, answers[each.id], 'exact')),
    );
    expect(all).toMatchObject({
      accuracyBasis: 'all-questions',
      correct: 4,
      accuracyCorrect: 5,
      n: 7,
      score: 6,
      kinki: 1,
    });
    expect(all.accuracy).toBeCloseTo(5 / 7, 12);
    const wrongOnExcluded = summarize({ ...answers, '999A4': 'a' }, undefined, 'all-questions');
    expect(wrongOnExcluded).toMatchObject({ accuracyCorrect: 4, n: 7 });
    expect(summarize(answers)).toMatchObject({
      accuracyBasis: 'scored-questions',
      accuracyCorrect: 4,
      n: 6,
    });
  });

  it('gives a Wilson interval around the accuracy', () => {
    // Wilson 95 % for 4/6, by hand with z² = 3.8415: denominator 1 + 3.8415/6 = 1.64025;
    // centre (0.66667 + 0.32012) / 1.64025 = 0.60161; half 1.96·√(0.037037 + 0.026677) / 1.64025 = 0.30162 → [0.3000, 0.9032].
    const summary = summarize({
      '999A1': 'a',
      '999A2': 'b',
      '999A3': 'a,c',
      '999A5': 'd',
      '999B1': 'a',
      '999B2': 'b',
    });
    expect(summary.correct).toBe(4);
    expect(summary.n).toBe(6);
    expect(summary.accuracyCi95[0]).toBeCloseTo(0.2999, 3);
    expect(summary.accuracyCi95[1]).toBeCloseTo(0.9032, 3);
  });

  it('fails a sitting on 禁忌肢 alone, with both sections above their lines', () => {
    // As above, but A1 answered e (禁忌肢, wrong) and A5 answered c (correct):
    // 一般 (A): 0 + 1 + 1 + 0 + 1 = 3/4 ≥ 3.  必修 (B): 0 + 3 = 3/4 ≥ 2.  Score still 6/8.
    // 禁忌肢: A1 (e) and B1 (a) → 2 > 1 → not passed.
    const summary = summarize({
      '999A1': 'e',
      '999A2': 'b',
      '999A3': 'a,c',
      '999A4': 'd',
      '999A5': 'c',
      '999B1': 'a',
      '999B2': 'b',
    });
    expect(summary.score).toBe(6);
    expect(summary.total).toBe(8);
    expect(summary.sections.map((section) => section.passed)).toEqual([true, true]);
    expect(summary.kinki).toBe(2);
    expect(summary.kinkiItems).toEqual(['999A1', '999B1']);
    expect(summary.passed).toBe(false);
  });

  it('fails a sitting below a section line', () => {
    // B1 right (1 point) but B2 (3 points) wrong: 必修 1/4 < 2.
    const summary = summarize({ '999A1': 'a', '999A2': 'b', '999A3': 'a,c', '999B1': 'c', '999B2': 'a' });
    expect(summary.sections.find((section) => section.id === 'required')).toMatchObject({
      score: 1,
      total: 4,
      passed: false,
    });
    expect(summary.passed).toBe(false);
  });

  it('does not pass an exam with a block missing, and names the block', () => {
    // Only block A was scored, perfectly: 一般 4/4 ≥ 3 and no 禁忌肢, but 必修 cannot be judged.
    const summary = summarize(
      { '999A1': 'a', '999A2': 'b', '999A3': 'a,c', '999A5': 'c' },
      (each) => each.block === 'A',
    );
    expect(summary.complete).toBe(false);
    expect(summary.missingBlocks).toEqual(['B']);
    expect(summary.passed).toBe(false);
    expect(summary.score).toBe(4);
    expect(summary.total).toBe(4);
  });

  it('does not pass an incomplete exam even when every line is met on the blocks scored', () => {
    // 一般 is blocks A and C here; C was never scored. On A alone 一般 is 4/4 ≥ 3 and 必修 3/4 ≥ 2, with one
    // 禁忌肢 (B1), yet the sitting cannot be judged without C.
    const withBlockC: ExamRules = {
      ...rules,
      sections: [required, { ...general, blocks: ['A', 'C'] }],
    };
    const answers: Record<string, string> = {
      '999A1': 'a',
      '999A2': 'b',
      '999A3': 'a,c',
      '999A5': 'c',
      '999B1': 'a',
      '999B2': 'b',
    };
    const scores = items.map((each) => scoreItem(each, answers[each.id], 'exact'));
    const summary = summarizeExam(withBlockC, items, scores, { samples: 50 });
    expect(summary.sections.map((section) => [section.score, section.total, section.passed])).toEqual([
      [3, 4, true],
      [4, 4, true],
    ]);
    expect(summary.kinki).toBe(1);
    expect(summary.missingBlocks).toEqual(['C']);
    expect(summary.complete).toBe(false);
    expect(summary.passed).toBe(false);
  });

  it('counts unparsed and missing answers', () => {
    const answers: Record<string, string> = { '999A1': 'わからない', '999A2': 'b' };
    const scores = items.map((each) => scoreItem(each, answers[each.id], 'normalized'));
    const summary = summarizeExam(rules, items, scores, { samples: 50 });
    // A1 unparsed; A3, A5, B1, B2 missing; A4 excluded (its ruling applies with no answer too).
    expect(summary.unparsed).toBe(1);
    expect(summary.missing).toBe(4);
    expect(summary.score).toBe(1);
    expect(summary.total).toBe(8);
  });

  it('gives the same score interval for the same seed, containing the score for this sitting', () => {
    const answers = { '999A1': 'a', '999A2': 'b', '999A3': 'a,c', '999A5': 'd', '999B1': 'a', '999B2': 'b' };
    const first = summarize(answers);
    expect(summarize(answers).scoreCi95).toEqual(first.scoreCi95);
    expect(first.scoreCi95[0]).toBeLessThanOrEqual(first.score);
    expect(first.scoreCi95[1]).toBeGreaterThanOrEqual(first.score);
  });

  it('keeps the score interval within [0, total], where summing resampled points would overshoot', () => {
    // A 3-point question resampled many times would give more than the 8 points on offer.
    const answers = { '999A1': 'b', '999A2': 'a', '999A3': 'b', '999A5': 'd', '999B1': 'c', '999B2': 'b' };
    const summary = summarize(answers);
    expect(summary.score).toBe(4);
    expect(summary.scoreCi95[0]).toBeGreaterThanOrEqual(0);
    expect(summary.scoreCi95[1]).toBeLessThanOrEqual(summary.total);
    expect(summary.scoreCi95[1]).toBeGreaterThan(summary.score);
  });

  it('counts questions with a 禁忌肢 pick, not choices (禁忌肢問題選択数)', () => {
    // One question with two 禁忌肢, both picked, is one question: within the limit of one.
    const twoKinki = item('999A6', 'A', ['c'], { kinki: ['a', 'b'] });
    const all = [...items, twoKinki];
    const answers: Record<string, string> = {
      '999A2': 'b',
      '999A3': 'a,c',
      '999A5': 'c',
      '999B2': 'b',
      '999A6': 'a,b',
    };
    const scores = all.map((each) => scoreItem(each, answers[each.id], 'exact'));
    const summary = summarizeExam(rules, all, scores, { samples: 50 });
    expect(summary.kinkiItems).toEqual(['999A6']);
    expect(summary.kinki).toBe(1);
  });
});
