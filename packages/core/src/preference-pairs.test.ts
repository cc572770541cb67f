import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message';
import { type PreferenceQuestion, type PreferenceResponse, pairResponses } from './preference-pairs';

const prompt: ChatMessage[] = [
  { role: 'system', content: '医師国家試験を解きます。' },
  { role: 'user', content: '問題: 正しいのはどれか。' },
];

const sample = (tier: 'chosen' | 'rejected', index: number): PreferenceResponse => ({
  tier,
  text: `${tier} ${index}`,
  origin: { kind: 'sample', run: 0, sample: index },
});

const groundTruth: PreferenceResponse = {
  tier: 'ground-truth',
  text: '解説\n答え: a',
  origin: { kind: 'ground-truth', explanation: 'file' },
};

/** Ground truth, chosen samples 0 and 2, rejected samples 1 and 3. */
const question: PreferenceQuestion = {
  itemId: '110A1',
  prompt,
  responses: [
    groundTruth,
    sample('chosen', 0),
    sample('rejected', 1),
    sample('chosen', 2),
    sample('rejected', 3),
  ],
};

const describePairs = (pairs: ReturnType<typeof pairResponses>) =>
  pairs.map((pair) => `${pair.preferred.text} > ${pair.dispreferred.text}`);

describe('pairResponses', () => {
  it('sets every higher tier against every lower one by default, best pairs first', () => {
    expect(describePairs(pairResponses(question))).toEqual([
      '解説\n答え: a > chosen 0',
      '解説\n答え: a > chosen 2',
      '解説\n答え: a > rejected 1',
      '解説\n答え: a > rejected 3',
      'chosen 0 > rejected 1',
      'chosen 0 > rejected 3',
      'chosen 2 > rejected 1',
      'chosen 2 > rejected 3',
    ]);
    expect(pairResponses(question).map((pair) => pair.kind)).toEqual([
      'ground-truth>chosen',
      'ground-truth>chosen',
      'ground-truth>rejected',
      'ground-truth>rejected',
      'chosen>rejected',
      'chosen>rejected',
      'chosen>rejected',
      'chosen>rejected',
    ]);
  });

  it('can drop ground-truth-vs-chosen pairs', () => {
    const pairs = pairResponses(question, { groundTruthVsChosen: false });
    expect(pairs).toHaveLength(6);
    expect(pairs.some((pair) => pair.kind === 'ground-truth>chosen')).toBe(false);
  });

  it("pairs adjacent tiers only with 'adjacent', the ground truth meeting rejected samples when none is chosen", () => {
    expect(pairResponses(question, { strategy: 'adjacent' }).map((pair) => pair.kind)).toEqual([
      'ground-truth>chosen',
      'ground-truth>chosen',
      'chosen>rejected',
      'chosen>rejected',
      'chosen>rejected',
      'chosen>rejected',
    ]);
    const noneChosen = { ...question, responses: [groundTruth, sample('rejected', 1)] };
    expect(describePairs(pairResponses(noneChosen, { strategy: 'adjacent' }))).toEqual([
      '解説\n答え: a > rejected 1',
    ]);
  });

  it('caps pairs per question with a seeded uniform pick, kept in the canonical order', () => {
    const all = describePairs(pairResponses(question));
    const capped = describePairs(pairResponses(question, { maxPairsPerQuestion: 3, seed: 7 }));
    expect(capped).toHaveLength(3);
    expect(capped).toEqual(all.filter((pair) => capped.includes(pair)));
    expect(describePairs(pairResponses(question, { maxPairsPerQuestion: 3, seed: 7 }))).toEqual(capped);
    const picks = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        describePairs(pairResponses(question, { maxPairsPerQuestion: 3, seed })).join('|'),
      ),
    );
    expect(picks.size).toBeGreaterThan(5);
    expect(pairResponses(question, { maxPairsPerQuestion: 100 })).toHaveLength(8);
    expect(() => pairResponses(question, { maxPairsPerQuestion: 0 })).toThrow(RangeError);
  });

  it("draws each question's pick from its own stream, whatever other questions there are", () => {
    const other = { ...question, itemId: '110A2' };
    const first = describePairs(pairResponses(question, { maxPairsPerQuestion: 2, seed: 1 }));
    pairResponses(other, { maxPairsPerQuestion: 2, seed: 1 });
    expect(describePairs(pairResponses(question, { maxPairsPerQuestion: 2, seed: 1 }))).toEqual(first);
  });

  it('gives no pair from a single tier', () => {
    expect(pairResponses({ ...question, responses: [sample('chosen', 0), sample('chosen', 1)] })).toEqual([]);
    expect(pairResponses({ ...question, responses: [] })).toEqual([]);
  });
});
