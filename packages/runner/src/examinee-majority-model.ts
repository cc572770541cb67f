import { choiceLetters, type Item } from '@kensa/core';
import type { Model } from './model';

/**
 * The answer most examinees chose, from the item's choice breakdown: the `choose` most-picked choices, ties
 * going to the earlier choice (as the paper's student-majority baseline, whose sort is stable at this size).
 * Items with no usable breakdown (numeric questions) get no answer.
 */
export function examineeMajorityAnswer(item: Item): string {
  const breakdown = item.breakdown ?? [];
  if (item.kind !== 'choice' || breakdown.length !== item.choices.length) return '';
  const letters = choiceLetters(item.choices.length);
  return breakdown
    .map((share, index) => ({ share, index }))
    .sort((a, b) => b.share - a.share || a.index - b.index)
    .slice(0, item.choose)
    .map(({ index }) => letters[index])
    .join(',');
}

/** `baseline:examinee-majority`: answers every question the way most human examinees did. */
export function createExamineeMajorityModel(): Model {
  return {
    name: 'baseline:examinee-majority',
    endpoint: 'builtin',
    cacheable: false,
    request: (task) => ({
      api: 'baseline',
      body: { baseline: 'examinee-majority', item: task.item.id, answer: examineeMajorityAnswer(task.item) },
    }),
    send: async (request) => ({ text: request.body.answer }),
    parse: (response) => ({ text: String((response as { text: unknown }).text) }),
  };
}
