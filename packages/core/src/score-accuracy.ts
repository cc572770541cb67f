import { accuracyBy, type GroupAccuracy } from './breakdown';
import type { Item } from './item';
import { type ItemScore, type MatchMode, scoreItem } from './score-item';
import { wilsonInterval } from './statistics';

export interface ScoreAccuracyOptions {
  readonly benchmark: string;
  readonly items: readonly Item[];
  /** Answers by item id; an item with none is `missing` and counts as wrong. */
  readonly answers: ReadonlyMap<string, string>;
  readonly match: MatchMode;
  /** Likelihood scoring's second answers, picked by the per-token mean, for `normAccuracy`. */
  readonly normAnswers?: ReadonlyMap<string, string>;
}

/** Accuracy results of one model on one benchmark (the seed's Table 3 cells). */
export interface AccuracyReport {
  readonly benchmark: string;
  readonly accuracy: number;
  readonly n: number;
  readonly correct: number;
  /** Wilson 95 % interval of the accuracy. */
  readonly ci95: [number, number];
  /** Likelihood scoring only: accuracy of the option with the highest per-token mean log-probability. */
  readonly normAccuracy?: number;
  readonly normCi95?: [number, number];
  readonly unparsed: number;
  readonly missing: number;
  readonly scores: readonly ItemScore[];
  readonly categories: readonly GroupAccuracy[];
}

/** Scores every item and reports accuracy with its Wilson interval, and per category. */
export function scoreAccuracy(options: ScoreAccuracyOptions): AccuracyReport {
  const scores = options.items.map((item) => scoreItem(item, options.answers.get(item.id), options.match));
  const counted = scores.filter((score) => score.counted);
  const correct = counted.filter((score) => score.correct).length;
  const report = {
    benchmark: options.benchmark,
    accuracy: counted.length === 0 ? Number.NaN : correct / counted.length,
    n: counted.length,
    correct,
    ci95: wilsonInterval(correct, counted.length),
    unparsed: scores.filter((score) => score.verdict === 'unparsed').length,
    missing: scores.filter((score) => score.verdict === 'missing').length,
    scores,
    categories: accuracyBy(options.items, scores, (item) => item.category),
  };
  if (options.normAnswers === undefined) return report;
  const normAnswers = options.normAnswers;
  const normCorrect = options.items.filter(
    (item) => scoreItem(item, normAnswers.get(item.id), options.match).correct,
  ).length;
  return {
    ...report,
    normAccuracy: counted.length === 0 ? Number.NaN : normCorrect / counted.length,
    normCi95: wilsonInterval(normCorrect, counted.length),
  };
}
