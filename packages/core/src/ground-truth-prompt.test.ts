import { describe, expect, it } from 'vitest';
import { checkGroundTruth, renderGroundTruthPrompt } from './ground-truth-prompt';
import type { Item } from './item';

const item: Item = {
  id: '100A3',
  kind: 'choice',
  question: '低カリウム血症の原因となるのはどれか。2つ選べ。',
  choices: ['嘔吐', '腎不全', 'ループ利尿薬', 'Addison病', '横紋筋融解症'],
  choose: 2,
  answer: ['a', 'c'],
};
const example: Item = {
  id: '99X3',
  kind: 'choice',
  question: 'インスリンを分泌する細胞はどれか。',
  choices: ['α細胞', 'β細胞', 'δ細胞', '腺房細胞', '導管細胞'],
  choose: 1,
  answer: ['b'],
  explanation: '膵Langerhans島のβ細胞がインスリンを分泌する。',
};

describe('renderGroundTruthPrompt', () => {
  it('shows explained examples with their answer line, then the question with its key', () => {
    const { messages, template } = renderGroundTruthPrompt(item, [
      example,
      { ...example, id: 'none', explanation: undefined },
    ]);
    expect(template).toBe('rpo-ground-truth/1');
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]?.content).toBe('膵Langerhans島のβ細胞がインスリンを分泌する。\n答え: b');
    const last = messages[3]?.content ?? '';
    expect(last.startsWith('問題: 低カリウム血症の原因となるのはどれか。2つ選べ。\na: 嘔吐\n')).toBe(true);
    expect(last).toContain('この問題の正解は「a,c」です。');
    expect(last).toContain('「答え: a,c」の形で');
    expect(last).not.toMatch(/\n答え:$/);
  });
});

describe('checkGroundTruth', () => {
  it('accepts an answer line that reads as the key, in any spelling scoring reads', () => {
    expect(checkGroundTruth(item, '嘔吐とループ利尿薬でK+を失う。\n答え: a,c')).toEqual({
      ok: true,
      text: '嘔吐とループ利尿薬でK+を失う。\n答え: a,c',
    });
    expect(checkGroundTruth(item, '  説明。\n答え：ｃ、ａ  \n').ok).toBe(true);
  });

  it('rejects a missing answer line, another answer, or half the key', () => {
    expect(checkGroundTruth(item, '嘔吐とループ利尿薬でK+を失う。')).toEqual({
      ok: false,
      reason: 'no final answer line (答え: …) on its last line',
    });
    expect(checkGroundTruth(item, '答え: a,c\nと考えたが違う。')).toMatchObject({ ok: false });
    expect(checkGroundTruth(item, '説明。\n答え: a')).toEqual({
      ok: false,
      reason: "its answer line reads 'a', not the key 'a,c' (wrong)",
    });
    expect(checkGroundTruth(item, '説明。\n答え: 不明')).toMatchObject({ ok: false });
    expect(checkGroundTruth(item, '   ')).toEqual({ ok: false, reason: 'empty reply' });
  });

  it('accepts an alternative key the rulings allow', () => {
    const ruled: Item = {
      ...item,
      ruling: { kind: 'alternative-keys', keys: [['a', 'd']], reason: '複数正解' },
    };
    expect(checkGroundTruth(ruled, '説明。\n答え: a,d').ok).toBe(true);
  });
});
