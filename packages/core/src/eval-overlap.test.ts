import { describe, expect, it } from 'vitest';
import { defaultEvalExams, EvalOverlapError, examOfItem, findEvalOverlap } from './eval-overlap';
import type { Item } from './item';

const question = (id: string, exam?: string): Item => ({
  id,
  kind: 'choice',
  question: '正しいのはどれか。',
  choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
  choose: 1,
  answer: ['a'],
  ...(exam === undefined ? {} : { exam }),
});

describe('the contamination guard', () => {
  it('defaults to the IgakuQA exams, 112th–116th (2018–2022)', () => {
    expect(defaultEvalExams).toEqual(['112', '113', '114', '115', '116']);
  });

  it("reads an item's exam from its field, or from an IgakuQA-style id", () => {
    expect(examOfItem(question('x', '112'))).toBe('112');
    expect(examOfItem(question('116A71'))).toBe('116');
    expect(examOfItem(question('medqa-17'))).toBeUndefined();
  });

  it('finds the questions from evaluation exams, grouped by exam', () => {
    const items = [
      question('110A1', '110'),
      question('112A1', '112'),
      question('116B3'),
      question('112C9', '112'),
    ];
    expect(findEvalOverlap(items, defaultEvalExams)).toEqual([
      { exam: '112', itemIds: ['112A1', '112C9'] },
      { exam: '116', itemIds: ['116B3'] },
    ]);
    expect(findEvalOverlap(items, ['110'])).toEqual([{ exam: '110', itemIds: ['110A1'] }]);
    expect(findEvalOverlap(items, [])).toEqual([]);
  });

  it('refuses with a typed error that names the exams and what to do', () => {
    const error = new EvalOverlapError({
      overlap: [{ exam: '112', itemIds: ['112A1', '112A2', '112A3', '112A4'] }],
      evalExams: defaultEvalExams,
      hint: 'Pass --allow-eval-overlap to export them anyway.',
    });
    expect(EvalOverlapError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^Refusing to export preference pairs built on 4 questions from exams used for evaluation \(112, 113, 114, 115, 116\): 112th: 4 \(112A1, 112A2, 112A3, …\)/,
    );
    expect(error.message).toMatch(/Pass --allow-eval-overlap/);
  });
});
