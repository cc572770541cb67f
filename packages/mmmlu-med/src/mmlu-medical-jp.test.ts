import { DatasetParseError } from '@kensa/core';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createMMMLUMed, mmmluMed } from './index';

// fixtures/mmlu_medical_jp/test.jsonl: questions written for these tests in JMedBench's MCQA layout
// (sample_id, question, options, answer_idx, n_options, metadata.source), as med-eval's load_mcqa_samples reads it
// (nii-nlp/med-eval 9e030138ab061e24c3d4d413ee4aa77de37735de, data_loaders/base.py).
const fixtures = new URL('./fixtures/', import.meta.url);
const path = 'mmlu_medical_jp/test.jsonl';
const jmedbench = createMMMLUMed({ dataset: 'mmlu_medical_jp' });

function parseError(text: string): DatasetParseError {
  try {
    jmedbench.parse(new Map([[path, text]]));
  } catch (error) {
    if (DatasetParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DatasetParseError');
}

describe('mmlu-medical-ja (JMedBench mmlu_medical_jp)', () => {
  it('reads mmlu_medical_jp/test.jsonl of JMedBench at the pinned revision, under its own id', () => {
    expect(jmedbench.id).toBe('mmlu-medical-ja');
    expect(jmedbench.sources).toEqual([
      {
        source: 'jmedbench',
        repository: 'huggingface:Coldog2333/JMedBench',
        revision: 'b6acb5195050bf36e146b51cd2744a5d6638abd1',
        path,
        url: `https://huggingface.co/datasets/Coldog2333/JMedBench/resolve/b6acb5195050bf36e146b51cd2744a5d6638abd1/${path}`,
      },
    ]);
    const other = createMMMLUMed({ dataset: 'mmlu_medical_jp', revision: 'a'.repeat(40) });
    expect(other.sources[0]?.url).toContain(`/resolve/${'a'.repeat(40)}/`);
  });

  it('parses the 4-option questions with the key as a letter and the source as category', () => {
    const items = jmedbench.parse(readSourceFiles(fixtures, jmedbench.sources));
    expect(items.map((item) => [item.id, item.choices.length, item.answer[0], item.category])).toEqual([
      ['mmlu-medical-ja:mmlu_medical_jp-test-0', 4, 'a', 'mmlu_medical_jp'],
      ['mmlu-medical-ja:mmlu_medical_jp-test-1', 4, 'b', 'mmlu_medical_jp'],
      ['mmlu-medical-ja:mmlu_medical_jp-test-2', 4, 'c', 'mmlu_medical_jp'],
      ['mmlu-medical-ja:mmlu_medical_jp-test-3', 4, 'b', 'mmlu_medical_jp'],
    ]);
    expect(items[1]?.choices).toEqual(['膵島A細胞', '膵島B細胞', '膵島D細胞', '腺房細胞']);
  });

  it("scores likelihood with med-eval's Standard template, the option texts as continuations", () => {
    const [first] = jmedbench.parse(readSourceFiles(fixtures, jmedbench.sources));
    if (first === undefined) throw new Error('no items');
    // templates/jmedbench.py: "Standard": "質問：{question}\n{options}\n答え：", options as "A. text" lines.
    expect(jmedbench.likelihood.render(first)).toEqual({
      prompt:
        '質問：大腿神経が支配する筋はどれか。\nA. 大腿四頭筋\nB. 大腿二頭筋\nC. 前脛骨筋\nD. 腓腹筋\n答え：',
      continuations: ['大腿四頭筋', '大腿二頭筋', '前脛骨筋', '腓腹筋'],
      template: 'jmedbench-likelihood/1',
    });
  });

  it('fails with file and line on a bad record', () => {
    const text = readSourceFiles(fixtures, jmedbench.sources).get(path) ?? '';
    const error = parseError(text.replace('"answer_idx": 2', '"answer_idx": 4'));
    expect([error.file, error.line]).toEqual([path, 3]);
    expect(error.message).toContain('answer_idx 4 is outside the 4 options');
  });

  it('is reachable with -T dataset=mmlu_medical_jp and refuses options that do not apply', () => {
    expect(mmmluMed.options?.create({ dataset: 'mmlu_medical_jp' }).id).toBe('mmlu-medical-ja');
    expect(() => mmmluMed.options?.create({ dataset: 'mmlu_medical_jp', subjects: 'anatomy' })).toThrow(
      /subjects option applies to dataset 'openai-mmmlu' only/,
    );
    expect(() =>
      mmmluMed.options?.create({ dataset: 'mmlu_medical_jp', likelihood: 'lm-eval-mmmlu' }),
    ).toThrow(/with dataset mmlu_medical_jp use 'jmedbench'/);
    expect(() => createMMMLUMed({ dataset: 'jmmlu' as never })).toThrow(/Unknown MMMLU-med dataset/);
  });
});
