import {
  type AccuracyBasis,
  type Benchmark,
  type ExamReport,
  type Item,
  type MatchMode,
  scoreExams,
} from '@kensa/core';
import { ReportInputError } from './report-error';

/** Scores answers by the benchmark's own aggregation (exam points and pass/fail for exam benchmarks). */
export function scoreAnswers(
  benchmark: Benchmark,
  items: readonly Item[],
  answers: ReadonlyMap<string, string>,
  match: MatchMode,
  accuracyBasis: AccuracyBasis = 'all-questions',
): ExamReport {
  if (benchmark.scoring.kind !== 'exam') {
    throw new ReportInputError(
      `Benchmark '${benchmark.id}' is scored by accuracy, which this command does not report yet.`,
    );
  }
  return scoreExams({
    benchmark: benchmark.id,
    rules: benchmark.scoring.rules,
    examOf: benchmark.scoring.examOf,
    items,
    answers,
    match,
    accuracyBasis,
  });
}
