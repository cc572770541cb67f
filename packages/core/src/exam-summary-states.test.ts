import { describe, expect, it } from 'vitest';
import type { ExamRules } from './exam-rules';
import { summarizeExam } from './exam-summary';
import type { Item } from './item';
import { scaleRulesToKeptItems } from './scale-exam-rules';
import { scoreItem } from './score-item';

/*
 * Hand-made: block B (必修, line 4 of 5 points) has a 1-point text question and a 3-point image question plus a
 * 1-point image question; block A (一般, line 2 of 3) has three 1-point questions, one with an image.
 */
const rules: ExamRules = {
  exam: '999',
  year: 2099,
  sections: [
    { id: 'required', name: '必修', blocks: ['B'], passLine: 4, total: 5 },
    { id: 'general', name: '一般', blocks: ['A'], passLine: 2, total: 3 },
  ],
  maxKinki: 0,
  kinkiAnnotated: false,
  provisional: 'not yet published',
  source: 'hand-made for this test',
};

function item(id: string, block: string, points: number, hasImage: boolean): Item {
  return {
    id,
    kind: 'choice',
    question: `${id} の問題文`,
    choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
    choose: 1,
    answer: ['a'],
    points,
    exam: '999',
    block,
    hasImage,
    kinki: ['e'],
  };
}

const items = [
  item('B1', 'B', 1, false),
  item('B2', 'B', 3, true),
  item('B3', 'B', 1, true),
  item('A1', 'A', 1, false),
  item('A2', 'A', 1, false),
  item('A3', 'A', 1, true),
];

describe('summarizeExam with 禁忌肢 not annotated, provisional lines and image questions', () => {
  it('does not judge 禁忌肢 when the data has none, and says so', () => {
    // B3 answered with its contraindicated choice e: with maxKinki 0 an annotated exam would fail.
    const answers: Record<string, string> = { B1: 'a', B2: 'a', B3: 'e', A1: 'a', A2: 'a', A3: 'b' };
    const scores = items.map((entry) => scoreItem(entry, answers[entry.id], 'exact'));
    const summary = summarizeExam(rules, items, scores, { samples: 50, seed: 1 });
    expect(summary.kinkiAnnotated).toBe(false);
    expect(summary.provisional).toBe('not yet published');
    expect(summary.passed).toBe(true);
    const annotated = summarizeExam({ ...rules, kinkiAnnotated: true }, items, scores, {
      samples: 50,
      seed: 1,
    });
    expect(annotated.kinki).toBe(1);
    expect(annotated.passed).toBe(false);
  });

  it('splits points between questions with and without images', () => {
    const answers: Record<string, string> = { B1: 'a', B2: 'a', B3: 'b', A1: 'b', A2: 'a', A3: 'a' };
    const scores = items.map((entry) => scoreItem(entry, answers[entry.id], 'exact'));
    const summary = summarizeExam(rules, items, scores, { samples: 50, seed: 1 });
    // With images: B2 3/3, B3 0/1, A3 1/1 → 4/5, 2 of 3 correct. Text: B1 1/1, A1 0/1, A2 1/1 → 2/3.
    expect(summary.imageSplit).toEqual({
      withImages: { score: 4, total: 5, correct: 2, n: 3 },
      textOnly: { score: 2, total: 3, correct: 2, n: 3 },
    });
  });
});

describe('scaleRulesToKeptItems', () => {
  it('scales each line by the share of its section points kept, and says so', () => {
    const kept = items.filter((entry) => !entry.hasImage);
    const [scaled] = scaleRulesToKeptItems(
      [rules],
      items,
      kept,
      (entry) => entry.exam ?? '',
      '--images skip',
    );
    // 必修 keeps 1 of 5 points: 4 × 1/5 = 0.8. 一般 keeps 2 of 3: 2 × 2/3 = 1.333….
    expect(scaled?.sections.map((section) => section.passLine)).toEqual([0.8, 4 / 3]);
    expect(scaled?.sections.every((section) => section.total === undefined)).toBe(true);
    expect(scaled?.source).toContain('pass lines scaled to the questions kept (--images skip)');
  });

  it('keeps the official rules when nothing is left out', () => {
    const [same] = scaleRulesToKeptItems([rules], items, items, (entry) => entry.exam ?? '', 'x');
    expect(same).toBe(rules);
  });
});
