import type { ItemScore } from './score-item';

/**
 * Which questions an exam's accuracy counts.
 * - `all-questions` (the default): every question of the exam, as the IgakuQA paper's `evaluate_main.py` counts
 *   (`correct / count` over all 2,000): a question ruled out of scoring (0 points, 採点除外) is correct when it was
 *   answered with its key and wrong otherwise. This reproduces the paper's accuracies (GPT-4: 0.7670).
 * - `scored-questions`: only the questions that carry points, so rulings that remove a question also remove it
 *   from the accuracy (GPT-4: 0.7682 over 1,989).
 */
export type AccuracyBasis = 'all-questions' | 'scored-questions';

export const accuracyBases: readonly AccuracyBasis[] = ['all-questions', 'scored-questions'];

/** A label for tables and reports. */
export function accuracyBasisLabel(basis: AccuracyBasis): string {
  return basis === 'all-questions'
    ? 'all questions, as the paper counts'
    : 'scored questions only (0-point questions left out)';
}

/**
 * The accuracy's numerator and denominator on a basis. The numerator can exceed the number of questions judged
 * correct: on `all-questions` a 0-point question answered with its key counts, though its verdict is `excluded`.
 */
export function accuracyCounts(
  scores: readonly ItemScore[],
  basis: AccuracyBasis,
): { readonly correct: number; readonly n: number } {
  if (basis === 'scored-questions') {
    const counted = scores.filter((score) => score.counted);
    return { correct: counted.filter((score) => score.correct).length, n: counted.length };
  }
  const correct = scores.filter(
    (score) => score.correct || (score.verdict === 'excluded' && score.matchesKey),
  ).length;
  return { correct, n: scores.length };
}
