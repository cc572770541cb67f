import { choiceLetters, type Item, seededRandom } from '@kensa/core';
import type { Model } from './model';

function hashToSeed(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  }
  return hash >>> 0;
}

/**
 * A uniformly random answer with as many choices as the stem asks for, seeded by (seed, item, sample) so every
 * run with the same seed answers the same. Numeric questions get no answer.
 */
export function randomAnswer(item: Item, seed: number, sample: number): string {
  if (item.kind !== 'choice') return '';
  const random = seededRandom(hashToSeed(`${seed}:${item.id}:${sample}`));
  const letters = choiceLetters(item.choices.length);
  for (let index = letters.length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    [letters[index], letters[swap]] = [letters[swap] as string, letters[index] as string];
  }
  return letters.slice(0, item.choose).sort().join(',');
}

/** `baseline:random`: a seeded random guesser, the floor every model must beat. */
export function createRandomModel(seed = 0): Model {
  return {
    name: 'baseline:random',
    endpoint: 'builtin',
    cacheable: false,
    request: (task) => ({
      api: 'baseline',
      body: {
        baseline: 'random',
        seed,
        item: task.item.id,
        sample: task.sample,
        answer: randomAnswer(task.item, seed, task.sample),
      },
    }),
    send: async (request) => ({ text: request.body.answer }),
    parse: (response) => ({ text: String((response as { text: unknown }).text) }),
  };
}
