import { type AccuracyBasis, accuracyCounts } from './accuracy-basis';
import { accuracyBy, type GroupAccuracy } from './breakdown';
import type { ExamRules } from './exam-rules';
import { type ExamSummary, summarizeExam } from './exam-summary';
import type { Item } from './item';
import { type ItemScore, type MatchMode, scoreItem } from './score-item';
import { type BootstrapOptions, mean } from './statistics';

export interface ScoreExamsOptions {
  readonly benchmark: string;
  readonly rules: readonly ExamRules[];
  readonly examOf: (item: Item) => string;
  readonly items: readonly Item[];
  /** Answers by item id; exams and blocks with no answer at all are left out, not scored as zero. */
  readonly answers: ReadonlyMap<string, string>;
  readonly match: MatchMode;
  readonly bootstrap?: BootstrapOptions;
  /** Which questions accuracy counts; the paper's way (`all-questions`) unless told otherwise. */
  readonly accuracyBasis?: AccuracyBasis;
}

/** Exam-style results of one model on one benchmark. */
export interface ExamReport {
  readonly benchmark: string;
  /** Mean score over the exams present. */
  readonly meanScore: number;
  readonly exams: readonly ExamSummary[];
  /** Accuracy pooled over the exams present, on `accuracyBasis` (the paper's GPT-4: 1,534 / 2,000 = 0.7670). */
  readonly accuracy: number;
  /** The accuracy's numerator on `accuracyBasis` (see `ExamSummary.accuracyCorrect`). */
  readonly accuracyCorrect: number;
  readonly n: number;
  readonly accuracyBasis: AccuracyBasis;
  readonly scores: readonly ItemScore[];
  readonly categories: readonly GroupAccuracy[];
  readonly sections: readonly GroupAccuracy[];
}

/**
 * Scores every exam that has at least one answer. Within such an exam, each block that has at least one answer
 * is scored in full (an unanswered item there is `missing`, i.e. wrong); blocks with no answer are reported as
 * missing and the exam as incomplete.
 */
export function scoreExams(options: ScoreExamsOptions): ExamReport {
  const answeredBlocks = new Set<string>();
  for (const item of options.items) {
    if (options.answers.has(item.id)) answeredBlocks.add(`${options.examOf(item)}/${item.block ?? ''}`);
  }
  const byExam = new Map<string, Item[]>();
  for (const item of options.items) {
    const exam = options.examOf(item);
    if (!answeredBlocks.has(`${exam}/${item.block ?? ''}`)) continue;
    byExam.set(exam, [...(byExam.get(exam) ?? []), item]);
  }

  const accuracyBasis = options.accuracyBasis ?? 'all-questions';
  const exams: ExamSummary[] = [];
  const scores: ItemScore[] = [];
  const scoredItems: Item[] = [];
  for (const [exam, items] of [...byExam.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const rules = options.rules.find((candidate) => candidate.exam === exam);
    if (rules === undefined)
      throw new Error(`No exam rules for exam '${exam}' in benchmark '${options.benchmark}'.`);
    const examScores = items.map((item) => scoreItem(item, options.answers.get(item.id), options.match));
    exams.push(summarizeExam(rules, items, examScores, options.bootstrap, accuracyBasis));
    scores.push(...examScores);
    scoredItems.push(...items);
  }
  const sectionOf = (item: Item) => item.section;
  const { correct: accuracyCorrect, n } = accuracyCounts(scores, accuracyBasis);

  return {
    benchmark: options.benchmark,
    meanScore: mean(exams.map((exam) => exam.score)),
    exams,
    accuracy: n === 0 ? Number.NaN : accuracyCorrect / n,
    accuracyCorrect,
    n,
    accuracyBasis,
    scores,
    categories: accuracyBy(scoredItems, scores, (item) => item.category),
    sections: accuracyBy(scoredItems, scores, sectionOf),
  };
}
