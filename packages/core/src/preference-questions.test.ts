import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message';
import type { Item } from './item';
import { PreferenceInputError } from './preference-input-error';
import { collectPreferenceQuestions, type PreferenceRunRecord } from './preference-questions';

/** Hand-written questions in the national exam's shape (not benchmark data). */
const items: Item[] = ['110A1', '110A2', '110A3'].map((id) => ({
  id,
  kind: 'choice',
  question: `${id}: 正しいのはどれか。`,
  choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
  choose: 1,
  answer: ['a'],
  exam: '110',
  ...(id === '110A2' ? { explanation: '教科書の解説。' } : {}),
}));

const prompt = (id: string): ChatMessage[] => [
  { role: 'system', content: '医師国家試験を解きます。' },
  { role: 'user', content: `問題 ${id}` },
];

const record = (itemId: string, sample: number, overrides: Partial<PreferenceRunRecord> = {}) =>
  ({
    itemId,
    sample,
    status: 'ok',
    messages: prompt(itemId),
    reply: { text: `解説。\n答え: ${sample === 0 ? 'a' : 'b'}` },
    verdict: sample === 0 ? 'correct' : 'wrong',
    ...overrides,
  }) as PreferenceRunRecord;

const run = (directory: string, records: PreferenceRunRecord[]) => ({
  directory,
  benchmark: 'igakuqa',
  benchmarkVersion: '1',
  records,
});

describe('collectPreferenceQuestions', () => {
  it("gathers each question's samples across runs in benchmark order, with its prompt and explanation", () => {
    const questions = collectPreferenceQuestions(
      [
        run('runs/b', [record('110A2', 1), record('110A1', 0)]),
        run('runs/c', [record('110A2', 0), record('110A2', 1, { status: 'error', reply: undefined })]),
      ],
      items,
      { explanations: new Map([['110A1', { explanation: 'ファイルの解説。' }]]) },
    );
    expect(questions.map((question) => question.item.id)).toEqual(['110A1', '110A2']);
    const [first, second] = questions;
    expect(first?.explanation).toEqual({ text: 'ファイルの解説。', source: 'file' });
    expect(second?.explanation).toEqual({ text: '教科書の解説。', source: 'item' });
    expect(second?.samples.map((sample) => [sample.run, sample.sample, sample.loggedVerdict])).toEqual([
      [0, 1, 'wrong'],
      [1, 0, 'correct'],
    ]);
    expect(second?.failedSamples).toBe(1);
    expect(second?.prompt).toEqual(prompt('110A2'));
    expect(
      collectPreferenceQuestions([run('runs/b', [record('110A2', 0)])], items, { groundTruth: false })[0]
        ?.explanation,
    ).toBeUndefined();
  });

  it('refuses an item the benchmark lacks and one question asked with two prompts, naming the runs', () => {
    expect(() => collectPreferenceQuestions([run('runs/b', [record('999Z9', 0)])], items)).toThrow(
      "runs/b answered '999Z9', which benchmark igakuqa (version 1) does not have",
    );
    const twoPrompts = () =>
      collectPreferenceQuestions(
        [
          run('runs/b', [record('110A1', 0)]),
          run('runs/c', [record('110A1', 0, { messages: prompt('other') })]),
        ],
        items,
      );
    expect(twoPrompts).toThrow('110A1 was asked with different prompts in runs/b and runs/c');
    let thrown: unknown;
    try {
      twoPrompts();
    } catch (error) {
      thrown = error;
    }
    expect(PreferenceInputError.isInstance(thrown)).toBe(true);
  });
});
