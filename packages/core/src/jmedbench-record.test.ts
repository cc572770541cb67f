import { describe, expect, it } from 'vitest';
import { parseJmedbenchJsonl } from './jmedbench-record';

const line = (options: string[], question = '発熱の原因はどれか。') =>
  JSON.stringify({ sample_id: 7, question, options, answer_idx: 0 });

describe('parseJmedbenchJsonl', () => {
  it('reads a well-formed line', () => {
    const [item] = parseJmedbenchJsonl(`${line(['感染', '腫瘍', '薬剤'])}\n`, 'medqa/test.jsonl', {
      idPrefix: 'medqa:',
    });
    expect(item).toMatchObject({ id: 'medqa:7', choices: ['感染', '腫瘍', '薬剤'], answer: ['a'] });
  });

  it('rejects an option of only spaces (ASCII or full-width), naming the file, line and item', () => {
    const text = `${line(['感染', '腫瘍'])}\n${JSON.stringify({ sample_id: 8, question: 'q', options: ['感染', ' \u3000 '], answer_idx: 0 })}\n`;
    expect(() => parseJmedbenchJsonl(text, 'medqa/test.jsonl', { idPrefix: 'medqa:' })).toThrow(
      'medqa/test.jsonl:2: item medqa:8: option b is only spaces',
    );
  });

  it('rejects a question of only spaces', () => {
    expect(() =>
      parseJmedbenchJsonl(`${line(['a1', 'b1'], '   ')}\n`, 'x.jsonl', { idPrefix: 'x:' }),
    ).toThrow('x.jsonl:1: item x:7: the question is only spaces');
  });
});
