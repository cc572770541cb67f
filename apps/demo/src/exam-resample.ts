import type { Benchmark, Item, ItemScore } from '@kensa/core';

/** One scored item reduced to what an exam score needs, for resampling. */
export interface ExamUnit {
  readonly exam: string;
  readonly earned: number;
  readonly possible: number;
  readonly counted: boolean;
  readonly correct: boolean;
}

/** Scores as exam units, in the same order; `examOf` names each item's exam sitting. */
export function examUnits(
  scores: readonly ItemScore[],
  examOf: (itemId: string) => string,
): ExamUnit[] {
  return scores.map((score) => ({
    exam: examOf(score.id),
    earned: score.earned,
    possible: score.possible,
    counted: score.counted,
    correct: score.correct,
  }));
}

/** Each exam's total points on the units given. */
export function examTotals(units: readonly ExamUnit[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const unit of units) totals.set(unit.exam, (totals.get(unit.exam) ?? 0) + unit.possible);
  return totals;
}

/**
 * The mean score over exams of a (resampled) set of units. Like the per-exam interval of `summarizeExam`, each
 * exam's share of points earned is scaled to its real total, so a resample never leaves [0, total]; on the
 * original units it is exactly the mean score.
 */
export function meanExamScore(totals: ReadonlyMap<string, number>): (units: readonly ExamUnit[]) => number {
  return (units) => {
    const sums = new Map<string, { earned: number; possible: number }>();
    for (const unit of units) {
      const sum = sums.get(unit.exam) ?? { earned: 0, possible: 0 };
      sum.earned += unit.earned;
      sum.possible += unit.possible;
      sums.set(unit.exam, sum);
    }
    let total = 0;
    for (const [exam, examTotal] of totals) {
      const sum = sums.get(exam) ?? { earned: 0, possible: 0 };
      total +=
        sum.possible === examTotal ? sum.earned : sum.possible === 0 ? 0 : (sum.earned / sum.possible) * examTotal;
    }
    return totals.size === 0 ? Number.NaN : total / totals.size;
  };
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

/** How an item id maps to its exam, for exam benchmarks; one stratum for everything else. */
export function examOfId(benchmark: Benchmark, items: readonly Item[]): (itemId: string) => string {
  const scoring = benchmark.scoring;
  if (scoring.kind !== 'exam') return () => '';
  const byId = new Map(items.map((item) => [item.id, item]));
  return (itemId) => {
    const item = byId.get(itemId);
    return item === undefined ? '' : scoring.examOf(item);
  };
}
