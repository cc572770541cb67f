import type { AccuracyBasis } from './accuracy-basis';
import { accuracyCounts } from './accuracy-basis';
import type { ExamRules } from './exam-rules';
import type { Item } from './item';
import { examScoreInterval } from './score-bootstrap';
import type { ItemScore } from './score-item';
import { type BootstrapOptions, mean, wilsonInterval } from './statistics';

export interface SectionResult {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly total: number;
  readonly passLine: number;
  readonly passed: boolean;
}

/** One exam sitting, scored the way the examiners score it. */
export interface ExamSummary {
  readonly exam: string;
  readonly year: number;
  readonly score: number;
  readonly total: number;
  /**
   * Seeded percentile-bootstrap 95 % interval of the score: questions are resampled and the share of points
   * earned is scaled to this exam's total, so the interval never leaves [0, total].
   */
  readonly scoreCi95: [number, number];
  /** Questions judged correct (verdict `correct`). */
  readonly correct: number;
  /**
   * The accuracy's numerator on `accuracyBasis`: `correct`, plus on `all-questions` the 0-point questions answered
   * with their key (the paper's `evaluate_main.py` counts those as correct).
   */
  readonly accuracyCorrect: number;
  /** The accuracy's denominator: every question scored (`all-questions`), or those that carry points. */
  readonly n: number;
  readonly accuracy: number;
  readonly accuracyCi95: [number, number];
  /** Which questions `accuracy` counts (see `AccuracyBasis`). */
  readonly accuracyBasis: AccuracyBasis;
  /**
   * Questions in which a 禁忌肢 choice was picked: the ministry's 禁忌肢問題選択数, which must not exceed the
   * exam's limit (3) to pass.
   */
  readonly kinki: number;
  readonly kinkiItems: readonly string[];
  /** False when the data has no 禁忌肢 annotation: `kinki` is then 0 because nothing could be counted. */
  readonly kinkiAnnotated: boolean;
  /** Why the pass lines are not final, when they are not (see `ExamRules.provisional`). */
  readonly provisional?: string;
  /** Points and accuracy on questions with and without images, when the exam has image questions. */
  readonly imageSplit?: { readonly withImages: ImageShare; readonly textOnly: ImageShare };
  readonly sections: readonly SectionResult[];
  /** Every section at or above its line and 禁忌肢 within the limit; false for an incomplete exam. */
  readonly passed: boolean;
  /** Whether every block of the exam was scored; an incomplete exam cannot be judged and is not passed. */
  readonly complete: boolean;
  readonly missingBlocks: readonly string[];
  /** Mean share of human examinees answering correctly over the counted items that have it, 0–1. */
  readonly humanAccuracy: number | undefined;
  readonly unparsed: number;
  readonly missing: number;
}

/** Score on one side of the image split. */
export interface ImageShare {
  readonly score: number;
  readonly total: number;
  readonly correct: number;
  readonly n: number;
}

function share(scores: readonly ItemScore[]): ImageShare {
  const counted = scores.filter((score) => score.counted);
  return {
    score: sum(scores.map((score) => score.earned)),
    total: sum(scores.map((score) => score.possible)),
    correct: counted.filter((score) => score.correct).length,
    n: counted.length,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Summarises one exam: score and total in points, accuracy with a Wilson interval, each section against its
 * line, 禁忌肢 picked, and the pass decision. `scores` must hold one score per item of this exam that was scored.
 */
export function summarizeExam(
  rules: ExamRules,
  items: readonly Item[],
  scores: readonly ItemScore[],
  bootstrap: BootstrapOptions = {},
  accuracyBasis: AccuracyBasis = 'all-questions',
): ExamSummary {
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const scoredBlocks = new Set(scores.map((score) => itemsById.get(score.id)?.block));
  const missingBlocks = rules.sections
    .flatMap((section) => section.blocks)
    .filter((block) => !scoredBlocks.has(block));
  const counted = scores.filter((score) => score.counted);
  const correct = counted.filter((score) => score.correct).length;
  const { correct: accuracyCorrect, n } = accuracyCounts(scores, accuracyBasis);
  const kinkiItems = counted.filter((score) => score.kinkiPicked.length > 0).map((score) => score.id);
  const kinki = kinkiItems.length;

  const sections = rules.sections.map((section) => {
    const inSection = scores.filter((score) => section.blocks.includes(itemsById.get(score.id)?.block ?? ''));
    const score = sum(inSection.map((item) => item.earned));
    return {
      id: section.id,
      name: section.name,
      score,
      total: sum(inSection.map((item) => item.possible)),
      passLine: section.passLine,
      passed: score >= section.passLine,
    };
  });
  const complete = missingBlocks.length === 0;
  const human = counted
    .map((score) => itemsById.get(score.id)?.humanAccuracy)
    .filter((value): value is number => value !== undefined);

  const total = sum(scores.map((score) => score.possible));
  const kinkiAnnotated = rules.kinkiAnnotated !== false;
  const withImages = scores.filter((score) => itemsById.get(score.id)?.hasImage === true);

  return {
    exam: rules.exam,
    year: rules.year,
    score: sum(scores.map((score) => score.earned)),
    total,
    scoreCi95: examScoreInterval(scores, total, bootstrap),
    correct,
    n,
    accuracyCorrect,
    accuracy: n === 0 ? Number.NaN : accuracyCorrect / n,
    accuracyCi95: wilsonInterval(accuracyCorrect, n),
    accuracyBasis,
    kinki,
    kinkiItems,
    kinkiAnnotated,
    ...(rules.provisional === undefined ? {} : { provisional: rules.provisional }),
    ...(withImages.length === 0
      ? {}
      : {
          imageSplit: {
            withImages: share(withImages),
            textOnly: share(scores.filter((score) => itemsById.get(score.id)?.hasImage !== true)),
          },
        }),
    sections,
    passed:
      complete && (!kinkiAnnotated || kinki <= rules.maxKinki) && sections.every((section) => section.passed),
    complete,
    missingBlocks,
    humanAccuracy: human.length === 0 ? undefined : mean(human) / 100,
    unparsed: scores.filter((score) => score.verdict === 'unparsed').length,
    missing: scores.filter((score) => score.verdict === 'missing').length,
  };
}
