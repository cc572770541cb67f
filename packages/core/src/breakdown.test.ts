import { describe, expect, it } from 'vitest';
import { accuracyBy } from './breakdown';
import type { Item } from './item';
import { scoreItem } from './score-item';

function item(id: string, answer: string, extra: Partial<Item> = {}): Item {
  return {
    id,
    kind: 'choice',
    question: '正しいのはどれか。',
    choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
    choose: 1,
    answer: [answer],
    ...extra,
  };
}

describe('accuracyBy', () => {
  const items = [
    item('q1', 'a', { category: '循環器', humanAccuracy: 90 }),
    item('q2', 'b', { category: '循環器', humanAccuracy: 70 }),
    item('q3', 'c', { category: '循環器' }),
    item('q4', 'd', { category: '呼吸器' }),
    item('q5', 'e', { category: '呼吸器', ruling: { kind: 'excluded', reason: '除外' } }),
    item('q6', 'a'),
  ];
  const answers: Record<string, string> = { q1: 'a', q2: 'a', q3: 'c', q4: 'd', q5: 'e', q6: 'b' };
  const scores = items.map((each) => scoreItem(each, answers[each.id], 'exact'));

  it('reports each group, largest first, leaving out uncounted items', () => {
    // 循環器: q1 ✓, q2 ✗, q3 ✓ → 2/3; human (90 + 70) / 2 = 80 % → 0.8.
    // 呼吸器: q4 ✓ (q5 is excluded) → 1/1.  (none): q6 ✗ → 0/1.
    const groups = accuracyBy(items, scores, (each) => each.category);
    expect(groups.map((group) => [group.group, group.correct, group.n])).toEqual([
      ['循環器', 2, 3],
      ['(none)', 0, 1],
      ['呼吸器', 1, 1],
    ]);
    expect(groups[0]?.accuracy).toBeCloseTo(2 / 3, 12);
    expect(groups[0]?.humanAccuracy).toBeCloseTo(0.8, 12);
    expect(groups[2]?.humanAccuracy).toBeUndefined();
  });
});
