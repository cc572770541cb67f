import type { Benchmark } from '@kensa/core';
import { readSourceFiles } from '@kensa/testing';
import { describe, expect, it } from 'vitest';
import { createMMMLUMed, mmmluMed } from './index';
import { pythonStrip, renderLmEvalMmmlu } from './lm-eval-mmmlu';

/*
 * Expected strings written by hand from lm-evaluation-harness at commit 4e7e0d47f33bc71070c1d38394bafbb52b117163
 * (the task folder last changed in 1f34bdc68a466bb3c8b732c1af988aac4937e1e0, "OpenAI Multilingual MMLU (#3473)"):
 * - lm_eval/tasks/openai-mmmlu/default/_default_template_yaml:
 *     doc_to_text: "{{Question.strip()}}\nA. {{A}}\nB. {{B}}\nC. {{C}}\nD. {{D}}\nAnswer:"
 *     doc_to_choice: ["A", "B", "C", "D"]
 * - lm_eval/tasks/openai-mmmlu/default/mmmlu_ja_jp_anatomy.yaml (and _clinical_knowledge, _medical_genetics):
 *     "description": "The following are multiple choice questions (with answers) about anatomy (Japanese).\n\n"
 * - lm_eval/api/task.py: the 0-shot plain-text context is description + doc_to_text (no delimiter between them,
 *   the description ends in whitespace), and each request is (ctx, f"{target_delimiter}{choice}") with the default
 *   target_delimiter " " (lm_eval/config/task.py).
 * - few-shot (`fewshot_config: sampler: first_n`, `fewshot_split: test`; lm_eval/api/samplers.py FirstNSampler and
 *   task.py build_qa_turn): each example is doc_to_text + " " + its letter + fewshot_delimiter "\n\n", the first N
 *   rows of the subject with the evaluated row removed.
 */
const fixtures = new URL('./fixtures/', import.meta.url);
const items = mmmluMed.parse(readSourceFiles(fixtures, mmmluMed.sources));
const byId = (id: string) => {
  const item = items.find((candidate) => candidate.id === id);
  if (item === undefined) throw new Error(`fixture item ${id} missing`);
  return item;
};

describe('lm-eval-mmmlu likelihood template', () => {
  it('renders mmmlu_ja_jp_anatomy for fixture row 1', () => {
    expect(renderLmEvalMmmlu(byId('mmmlu:1'))).toEqual({
      prompt:
        'The following are multiple choice questions (with answers) about anatomy (Japanese).\n\n' +
        '横隔神経が主に由来する脊髄分節はどれか。\nA. C1〜C2\nB. C3〜C5\nC. C6〜C8\nD. T1〜T2\nAnswer:',
      continuations: [' A', ' B', ' C', ' D'],
      template: 'lm-eval-mmmlu/1',
    });
  });

  it('renders mmmlu_ja_jp_clinical_knowledge for row 2, whose question holds a newline', () => {
    expect(renderLmEvalMmmlu(byId('mmmlu:2')).prompt).toBe(
      'The following are multiple choice questions (with answers) about clinical knowledge (Japanese).\n\n' +
        '成人の一次救命処置で、胸骨圧迫の深さとして推奨されるのはどれか。\n（圧迫のテンポは100〜120回/分とする）\n' +
        'A. 約2 cm\nB. 約3 cm\nC. 約5 cm\nD. 約8 cm\nAnswer:',
    );
  });

  it('renders mmmlu_ja_jp_medical_genetics for row 4', () => {
    expect(renderLmEvalMmmlu(byId('mmmlu:4')).prompt).toBe(
      'The following are multiple choice questions (with answers) about medical genetics (Japanese).\n\n' +
        '常染色体潜性（劣性）遺伝病の保因者同士の子が発症する確率はどれか。\nA. 0%\nB. 25%\nC. 50%\nD. 75%\nAnswer:',
    );
  });

  it("strips the question as Python's str.strip() does, options as written", () => {
    const item = { ...byId('mmmlu:1'), question: '\u3000 問い\n\u001f', choices: [' 甲', '乙 ', '丙', '丁'] };
    expect(renderLmEvalMmmlu(item).prompt).toContain('(Japanese).\n\n問い\nA.  甲\nB. 乙 \n');
    // U+FEFF is not whitespace to Python (JavaScript's trim() would remove it).
    expect(pythonStrip('\ufeff問い\u0085')).toBe('\ufeff問い');
  });

  it('is what --scoring likelihood sends with -T likelihood=lm-eval-mmmlu; JMedBench stays the default', () => {
    const lmEval = createMMMLUMed({ likelihood: 'lm-eval-mmmlu' });
    expect(lmEval.likelihood.render(byId('mmmlu:4'))).toEqual(renderLmEvalMmmlu(byId('mmmlu:4')));
    expect(mmmluMed.likelihood.render(byId('mmmlu:4'))).toEqual({
      prompt:
        '質問：常染色体潜性（劣性）遺伝病の保因者同士の子が発症する確率はどれか。\nA. 0%\nB. 25%\nC. 50%\nD. 75%\n答え：',
      continuations: ['0%', '25%', '50%', '75%'],
      template: 'jmedbench-likelihood/1',
    });
    const viaOption = mmmluMed.options?.create({ likelihood: 'lm-eval-mmmlu' });
    expect(viaOption?.likelihood?.render(byId('mmmlu:1')).continuations).toEqual([' A', ' B', ' C', ' D']);
    expect(() => mmmluMed.options?.create({ likelihood: 'harness' })).toThrow(/likelihood/);
  });

  it('puts the first other rows of the subject before the question with -T shots=N, as lm-eval --num_fewshot', () => {
    const oneShot: Benchmark = createMMMLUMed({
      likelihood: 'lm-eval-mmmlu',
      shots: 1,
      subjects: ['anatomy'],
    });
    const examples = oneShot.examples?.(readSourceFiles(fixtures, oneShot.sources)) ?? [];
    expect(examples.map((item) => item.id)).toEqual(['mmmlu:1', 'mmmlu:7']);
    // The pool is the anatomy rows 1 and 7; each takes the other one.
    expect(oneShot.likelihood?.render(byId('mmmlu:7'), { examples })).toEqual({
      prompt:
        'The following are multiple choice questions (with answers) about anatomy (Japanese).\n\n' +
        '横隔神経が主に由来する脊髄分節はどれか。\nA. C1〜C2\nB. C3〜C5\nC. C6〜C8\nD. T1〜T2\nAnswer: B\n\n' +
        '肩関節の外転の初動（0〜15度）を主に担う筋はどれか。\nA. 三角筋\nB. 棘上筋\nC. 大円筋\nD. 小胸筋\nAnswer:',
      continuations: [' A', ' B', ' C', ' D'],
      template: 'lm-eval-mmmlu-1shot/1',
    });
    expect(oneShot.likelihood?.render(byId('mmmlu:1'), { examples }).prompt).toContain(
      '(Japanese).\n\n肩関節の外転の初動（0〜15度）を主に担う筋はどれか。\nA. 三角筋\nB. 棘上筋\nC. 大円筋\nD. 小胸筋\nAnswer: B\n\n横隔神経',
    );
    const twoShot: Benchmark = createMMMLUMed({ likelihood: 'lm-eval-mmmlu', shots: 2 });
    // Checked when the pool is read (a clear dataset error, exit 2), and again by the renderer.
    expect(() => twoShot.examples?.(readSourceFiles(fixtures, twoShot.sources))).toThrow(
      /test\/mmlu_JA-JP\.csv: has too few questions for shots=2 \(each subject needs 3\): anatomy has 2, clinical_knowledge has 1/,
    );
    expect(() => twoShot.likelihood?.render(byId('mmmlu:7'), { examples })).toThrow(
      /mmmlu:7: 2-shot needs 2 other questions in anatomy, the file has 1/,
    );
    expect((mmmluMed as Benchmark).examples).toBeUndefined();
    expect(() => createMMMLUMed({ shots: 5 })).toThrow(
      /shots option applies to likelihood 'lm-eval-mmmlu' only/,
    );
    expect(mmmluMed.options?.create({ likelihood: 'lm-eval-mmmlu', shots: '5' }).likelihood).toBeDefined();
  });
});
