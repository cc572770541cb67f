import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message';
import type { Item } from './item';
import {
  buildPreferenceData,
  classifySample,
  groundTruthText,
  type PreferenceQuestionInput,
  pairingRuledOut,
} from './preference-data';

/** Hand-written questions in the national exam's shape (not benchmark data). */
const item: Item = {
  id: '110A1',
  kind: 'choice',
  question: '急性心筋梗塞の初期治療として適切なのはどれか。2つ選べ。',
  choices: ['アスピリン投与', '温罨法', '酸素投与（低酸素血症時）', '下肢挙上', '絶対安静のみ'],
  choose: 2,
  answer: ['a', 'c'],
  exam: '110',
};

const prompt: ChatMessage[] = [
  { role: 'system', content: '医師国家試験を解きます。' },
  { role: 'user', content: '問題: 急性心筋梗塞の初期治療として適切なのはどれか。2つ選べ。' },
];

const right = (note: string) => `${note}。抗血小板薬と酸素が適切。\n答え: a,c`;
const wrong = (note: string) => `${note}。\n答え: b,d`;

function question(overrides: Partial<PreferenceQuestionInput> = {}): PreferenceQuestionInput {
  return {
    item,
    prompt,
    samples: [
      { run: 0, sample: 0, text: right('解説1'), loggedVerdict: 'correct' },
      { run: 0, sample: 1, text: wrong('解説2'), loggedVerdict: 'wrong' },
      { run: 0, sample: 2, text: 'よくわかりません。', loggedVerdict: 'unparsed' },
      { run: 0, sample: 3, text: right('解説1'), loggedVerdict: 'correct' },
    ],
    failedSamples: 1,
    explanation: { text: 'アスピリンと、低酸素血症があれば酸素を投与する。\n', source: 'file' },
    ...overrides,
  };
}

describe('classifySample and groundTruthText', () => {
  it('calls a reply chosen when its final answer matches the key, rejected when wrong or unreadable', () => {
    expect(classifySample(item, '答え: ｃ、ａ').tier).toBe('chosen');
    expect(classifySample(item, '答え: a').tier).toBe('rejected');
    expect(classifySample(item, '考え中').score.verdict).toBe('unparsed');
    expect(classifySample(item, '考え中').tier).toBe('rejected');
  });

  it("writes the ground truth like the prompt's worked examples", () => {
    expect(groundTruthText(item, '  解説です。\n')).toBe('解説です。\n答え: a,c');
    expect(groundTruthText(item, '解説です。\n答え：ａ、ｃ')).toBe('解説です。\n答え：ａ、ｃ');
  });

  it('accepts alternative keys as chosen and rules out questions whose key is out of play', () => {
    const alternative: Item = {
      ...item,
      ruling: { kind: 'alternative-keys', keys: [['a', 'd']], reason: '採点上取り扱い' },
    };
    expect(pairingRuledOut(alternative)).toBeUndefined();
    expect(classifySample(alternative, '答え: a,d').tier).toBe('chosen');
    expect(pairingRuledOut({ ...item, ruling: { kind: 'excluded', reason: '採点除外' } })).toBe(
      'ruled excluded: 採点除外',
    );
    expect(
      pairingRuledOut({ ...item, ruling: { kind: 'correct-for-everyone', reason: '全員正解' } }),
    ).toMatch(/correct-for-everyone/);
  });
});

describe('buildPreferenceData', () => {
  it('re-scores samples into tiers, drops duplicate texts, and pairs ground truth > chosen > rejected', () => {
    const data = buildPreferenceData([question()]);
    expect(data.questions[0]).toMatchObject({
      itemId: '110A1',
      tiers: { 'ground-truth': 1, chosen: 2, rejected: 2 },
      verdicts: { correct: 2, wrong: 1, unparsed: 1 },
      loggedVerdicts: { correct: 2, wrong: 1, unparsed: 1 },
      failedSamples: 1,
      duplicatesDropped: 1,
      groundTruth: 'file',
      pairs: 5,
      pairsByKind: { 'ground-truth>chosen': 1, 'ground-truth>rejected': 2, 'chosen>rejected': 2 },
      disagreements: [],
    });
    expect(data.pairs[0]?.preferred.text).toBe('アスピリンと、低酸素血症があれば酸素を投与する。\n答え: a,c');
    expect(data.pairs[0]?.preferred.origin).toEqual({ kind: 'ground-truth', explanation: 'file' });
    expect(data.pairs.map((pair) => pair.dispreferred.origin)).toEqual([
      { kind: 'sample', run: 0, sample: 0 },
      { kind: 'sample', run: 0, sample: 1 },
      { kind: 'sample', run: 0, sample: 2 },
      { kind: 'sample', run: 0, sample: 1 },
      { kind: 'sample', run: 0, sample: 2 },
    ]);
    expect(data.counts).toMatchObject({
      questions: 1,
      questionsWithPairs: 1,
      samples: 4,
      failedSamples: 1,
      tiers: { 'ground-truth': 1, chosen: 2, rejected: 2 },
      duplicatesDropped: 1,
      pairs: 5,
    });
    expect(buildPreferenceData([question()], { keepDuplicates: true }).counts.pairs).toBe(8);
  });

  it('says why a question gave no pair', () => {
    const onlyRight = [{ run: 0, sample: 0, text: right('a') }];
    const onlyWrong = [{ run: 0, sample: 0, text: wrong('b') }];
    const data = buildPreferenceData(
      [
        question({ item: { ...item, id: 'q1' }, samples: onlyRight, explanation: undefined }),
        question({ item: { ...item, id: 'q2' }, samples: onlyWrong, explanation: undefined }),
        question({ item: { ...item, id: 'q3', ruling: { kind: 'excluded', reason: '採点除外' } } }),
        question({ item: { ...item, id: 'q4' }, samples: [] }),
        question({ item: { ...item, id: 'q5' }, samples: onlyRight }),
        question({ item: { ...item, id: 'q6' } }),
      ],
      { groundTruthVsChosen: false, exclude: new Map([['q6', 'exam 110 is used for evaluation']]) },
    );
    expect(data.questions.map((outcome) => outcome.noPair?.code)).toEqual([
      'all-correct-no-ground-truth',
      'all-wrong-no-ground-truth',
      'ruling',
      'no-answers',
      'ground-truth-vs-chosen-dropped',
      'excluded',
    ]);
    expect(data.questions[2]?.tiers).toEqual({ 'ground-truth': 0, chosen: 0, rejected: 0 });
    expect(data.questions[5]?.noPair?.message).toBe('exam 110 is used for evaluation');
    expect(data.counts.noPair).toEqual({
      'all-correct-no-ground-truth': 1,
      'all-wrong-no-ground-truth': 1,
      ruling: 1,
      'no-answers': 1,
      'ground-truth-vs-chosen-dropped': 1,
      excluded: 1,
    });
    expect(data.pairs).toEqual([]);
  });

  it('reports samples whose logged verdict differs from the re-scored one, and uses the re-scored one', () => {
    const data = buildPreferenceData([
      question({
        samples: [{ run: 1, sample: 0, text: right('x'), loggedVerdict: 'wrong' }],
        explanation: undefined,
      }),
    ]);
    expect(data.questions[0]?.disagreements).toEqual([
      { run: 1, sample: 0, logged: 'wrong', rescored: 'correct' },
    ]);
    expect(data.questions[0]?.tiers.chosen).toBe(1);
    expect(data.counts.disagreements).toBe(1);
  });

  it('refuses a ground truth whose explanation ends in another answer', () => {
    const data = buildPreferenceData([
      question({ explanation: { text: '解説。\n答え: b', source: 'item' } }),
    ]);
    expect(data.questions[0]?.groundTruth).toBeUndefined();
    expect(data.questions[0]?.groundTruthRejected).toMatch(/re-scores as wrong/);
    expect(data.questions[0]?.tiers['ground-truth']).toBe(0);
  });

  it('leaves out the ground truth on request', () => {
    const data = buildPreferenceData([question()], { groundTruth: false });
    expect(data.counts.tiers['ground-truth']).toBe(0);
    expect(data.counts.pairs).toBe(2);
  });

  it('is deterministic under a seed', () => {
    const inputs = [question(), question({ item: { ...item, id: '110A2' } })];
    const first = buildPreferenceData(inputs, { maxPairsPerQuestion: 2, seed: 3 });
    expect(buildPreferenceData(inputs, { maxPairsPerQuestion: 2, seed: 3 })).toEqual(first);
  });
});
