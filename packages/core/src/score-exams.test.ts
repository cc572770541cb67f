import { describe, expect, it } from 'vitest';
import type { ExamRules } from './exam-rules';
import type { Item } from './item';
import { type ScoreExamsOptions, scoreExams } from './score-exams';

function rules(exam: string): ExamRules {
  return {
    exam,
    year: 2000 + Number(exam.slice(1)),
    sections: [
      { id: 'required', name: '必修', blocks: ['B'], passLine: 2 },
      { id: 'general', name: '一般', blocks: ['A'], passLine: 3 },
    ],
    maxKinki: 1,
    source: 'hand-made for this test',
  };
}

function item(exam: string, block: string, number: number, answer: string, extra: Partial<Item> = {}): Item {
  return {
    id: `${exam}${block}${number}`,
    kind: 'choice',
    question: '正しいのはどれか。',
    choices: ['ア', 'イ', 'ウ', 'エ', 'オ'],
    choose: 1,
    answer: [answer],
    points: 1,
    exam,
    block,
    ...extra,
  };
}

// Exam X98: blocks A (4 × 1 point) and B (1 + 3 points). Exam X99: block A (2 × 1 point) and B (1 point).
const items: Item[] = [
  item('X98', 'A', 1, 'a', { category: '循環器' }),
  item('X98', 'A', 2, 'b', { category: '循環器' }),
  item('X98', 'A', 3, 'c', { category: '呼吸器' }),
  item('X98', 'A', 4, 'd', { category: '呼吸器' }),
  item('X98', 'B', 1, 'a', { kinki: ['e'], category: '救急' }),
  item('X98', 'B', 2, 'b', { points: 3, category: '救急' }),
  item('X99', 'A', 1, 'a'),
  item('X99', 'A', 2, 'b'),
  item('X99', 'B', 1, 'c'),
];

function options(answers: Record<string, string>): ScoreExamsOptions {
  return {
    benchmark: 'test',
    rules: [rules('X98'), rules('X99')],
    examOf: (each) => each.exam ?? '',
    items,
    answers: new Map(Object.entries(answers)),
    match: 'exact',
    bootstrap: { samples: 100 },
  };
}

describe('scoreExams', () => {
  it('scores each exam with answers and averages over them', () => {
    // X98: A1 a ✓1, A2 b ✓1, A3 c ✓1, A4 a ✗0 → 一般 3/4; B1 a ✓1, B2 b ✓3 → 必修 4/4. Score 7/8, passed.
    // X99: A1 a ✓1, A2 a ✗0 → 一般 1/2 < 3; B1 c ✓1 → 必修 1/1 < 2. Score 2/3, not passed.
    // Mean score (7 + 2) / 2 = 4.5.
    const report = scoreExams(
      options({
        X98A1: 'a',
        X98A2: 'b',
        X98A3: 'c',
        X98A4: 'a',
        X98B1: 'a',
        X98B2: 'b',
        X99A1: 'a',
        X99A2: 'a',
        X99B1: 'c',
      }),
    );
    expect(report.benchmark).toBe('test');
    expect(report.exams.map((exam) => [exam.exam, exam.score, exam.total, exam.passed])).toEqual([
      ['X98', 7, 8, true],
      ['X99', 2, 3, false],
    ]);
    expect(report.meanScore).toBe(4.5);
    expect(report.scores).toHaveLength(9);
  });

  it('leaves out an exam with no answers, so the mean is over the exams present', () => {
    // Only X98 is answered (score 7 as above): the mean is 7, not (7 + 0) / 2.
    const report = scoreExams(
      options({ X98A1: 'a', X98A2: 'b', X98A3: 'c', X98A4: 'a', X98B1: 'a', X98B2: 'b' }),
    );
    expect(report.exams.map((exam) => exam.exam)).toEqual(['X98']);
    expect(report.meanScore).toBe(7);
    expect(report.scores.map((score) => score.id)).not.toContain('X99A1');
  });

  it('scores an unanswered item of an answered block as missing', () => {
    // X98 A2 has no answer but block A does: A2 is missing (0/1). Score 6/8.
    const report = scoreExams(options({ X98A1: 'a', X98A3: 'c', X98A4: 'a', X98B1: 'a', X98B2: 'b' }));
    const [exam] = report.exams;
    expect(exam?.missing).toBe(1);
    expect(exam?.score).toBe(6);
    expect(exam?.total).toBe(8);
    expect(report.scores.find((score) => score.id === 'X98A2')?.verdict).toBe('missing');
  });

  it('reports a block with no answers as missing, and the exam as incomplete and not passed', () => {
    // Block A of X98 perfect (4/4 ≥ 3), block B unanswered.
    const report = scoreExams(options({ X98A1: 'a', X98A2: 'b', X98A3: 'c', X98A4: 'd' }));
    expect(report.exams).toHaveLength(1);
    expect(report.exams[0]).toMatchObject({
      score: 4,
      total: 4,
      complete: false,
      missingBlocks: ['B'],
      passed: false,
    });
    expect(report.scores.map((score) => score.id)).toEqual(['X98A1', 'X98A2', 'X98A3', 'X98A4']);
  });

  it('breaks accuracy down by category', () => {
    // 循環器: A1 ✓, A2 ✓ → 2/2. 呼吸器: A3 ✓, A4 ✗ → 1/2. 救急: B1 ✓, B2 ✗ → 1/2.
    const report = scoreExams(
      options({ X98A1: 'a', X98A2: 'b', X98A3: 'c', X98A4: 'a', X98B1: 'a', X98B2: 'c' }),
    );
    const byGroup = Object.fromEntries(
      report.categories.map((group) => [group.group, [group.correct, group.n]]),
    );
    expect(byGroup).toEqual({ 循環器: [2, 2], 呼吸器: [1, 2], 救急: [1, 2] });
  });

  it('fails naming the exam and benchmark when an exam has no rules', () => {
    expect(() => scoreExams({ ...options({ X98A1: 'a' }), rules: [rules('X99')] })).toThrow(/'X98'.*'test'/);
  });
});
