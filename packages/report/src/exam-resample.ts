import type { Benchmark, Item, ItemScore } from '@kensa/core';

/** One scored item reduced to what exam scores and accuracy need, for resampling. */
export interface ExamUnit {
  readonly id: string;
  /** The exam sitting; '' for benchmarks that are not exams. */
  readonly exam: string;
  /** Total points of the item's exam on the units it was built from. */
  readonly examTotal: number;
  readonly earned: number;
  readonly possible: number;
  readonly counted: boolean;
  readonly correct: boolean;
}

/** Scores as exam units, in the same order; `examOf` names each item's exam sitting. */
export function examUnits(scores: readonly ItemScore[], examOf: (itemId: string) => string): ExamUnit[] {
  const totals = new Map<string, number>();
  for (const score of scores) {
    const exam = examOf(score.id);
    totals.set(exam, (totals.get(exam) ?? 0) + score.possible);
  }
  return scores.map((score) => {
    const exam = examOf(score.id);
    return {
      id: score.id,
      exam,
      examTotal: totals.get(exam) ?? 0,
      earned: score.earned,
      possible: score.possible,
      counted: score.counted,
      correct: score.correct,
    };
  });
}

/**
 * The mean score over the exams present in a (resampled) set of units. Like the per-exam interval of
 * `summarizeExam`, each exam's share of points earned is scaled to its real total, so a resample never leaves
 * [0, total]; on the original units it is exactly the mean score.
 */
export function meanExamScore(units: readonly ExamUnit[]): number {
  const sums = new Map<string, { earned: number; possible: number; total: number }>();
  for (const unit of units) {
    const sum = sums.get(unit.exam) ?? { earned: 0, possible: 0, total: unit.examTotal };
    sum.earned += unit.earned;
    sum.possible += unit.possible;
    sums.set(unit.exam, sum);
  }
  let score = 0;
  for (const sum of sums.values()) {
    if (sum.possible === sum.total) score += sum.earned;
    else if (sum.possible > 0) score += (sum.earned / sum.possible) * sum.total;
  }
  return sums.size === 0 ? Number.NaN : score / sums.size;
}

/** Share of correct answers among counted units. */
export function unitAccuracy(units: readonly ExamUnit[]): number {
  let counted = 0;
  let correct = 0;
  for (const unit of units) {
    if (!unit.counted) continue;
    counted++;
    if (unit.correct) correct++;
  }
  return counted === 0 ? Number.NaN : correct / counted;
}

/** How an item id maps to its exam sitting, for exam benchmarks; one stratum ('') for any other. */
export function examOfId(benchmark: Benchmark, items: readonly Item[]): (itemId: string) => string {
  const scoring = benchmark.scoring;
  if (scoring.kind !== 'exam') return () => '';
  const byId = new Map(items.map((item) => [item.id, item]));
  return (itemId) => {
    const item = byId.get(itemId);
    return item === undefined ? '' : scoring.examOf(item);
  };
}
