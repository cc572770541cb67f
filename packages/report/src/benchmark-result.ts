import {
  type AccuracyReport,
  type Benchmark,
  type ExamReport,
  type Item,
  type MatchMode,
  scoreAccuracy,
} from '@kensa/core';
import { scoreAnswers } from './score-answers';

/** A benchmark's results in its own aggregation: exam points with pass/fail, or accuracy. */
export type BenchmarkResult =
  | { readonly kind: 'exam'; readonly report: ExamReport }
  | { readonly kind: 'accuracy'; readonly report: AccuracyReport };

/** Scores answers the way the benchmark aggregates; `normAnswers` are likelihood scoring's per-token-mean picks. */
export function scoreBenchmark(
  benchmark: Benchmark,
  items: readonly Item[],
  answers: ReadonlyMap<string, string>,
  match: MatchMode,
  normAnswers?: ReadonlyMap<string, string>,
): BenchmarkResult {
  if (benchmark.scoring.kind === 'exam')
    return { kind: 'exam', report: scoreAnswers(benchmark, items, answers, match) };
  return {
    kind: 'accuracy',
    report: scoreAccuracy({
      benchmark: benchmark.id,
      items,
      answers,
      match,
      ...(normAnswers === undefined ? {} : { normAnswers }),
    }),
  };
}

/** The `--json` document of an accuracy benchmark: the contract's fields first, then the rest. */
export function accuracyReportJson(report: AccuracyReport, extra: Record<string, unknown>) {
  return {
    benchmark: report.benchmark,
    accuracy: report.accuracy,
    n: report.n,
    ci95: report.ci95,
    ...(report.normAccuracy === undefined
      ? {}
      : { normAccuracy: report.normAccuracy, normCi95: report.normCi95 }),
    correct: report.correct,
    unparsed: report.unparsed,
    missing: report.missing,
    ...extra,
    categories: report.categories,
  };
}

/** The `--json` document of an exam benchmark: the contract's fields first, then the breakdowns. */
export function examReportJson(report: ExamReport, extra: Record<string, unknown>) {
  return {
    benchmark: report.benchmark,
    meanScore: report.meanScore,
    exams: report.exams,
    accuracy: report.accuracy,
    accuracyCorrect: report.accuracyCorrect,
    n: report.n,
    accuracyBasis: report.accuracyBasis,
    ...extra,
    categories: report.categories,
    sections: report.sections,
  };
}

/** A result's `--json` document (also the run folder's `summary.json`), whichever the aggregation. */
export function benchmarkResultJson(result: BenchmarkResult, extra: Record<string, unknown>) {
  return result.kind === 'exam'
    ? examReportJson(result.report, extra)
    : accuracyReportJson(result.report, extra);
}
