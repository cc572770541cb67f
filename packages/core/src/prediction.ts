import { PredictionError } from './errors';
import { parseChoiceList } from './extract-answer';
import type { Item } from './item';

/** A model's answer to one item, as read from a prediction file or a run. */
export interface Prediction {
  readonly itemId: string;
  /** The answer as written (`a,c`, `26`). */
  readonly answer: string;
  readonly explanation?: string;
  readonly file?: string;
  readonly line?: number;
}

/**
 * Matches predictions to items: every prediction must name a known item, no item may be predicted twice, and a
 * numeric question cannot be answered with choice letters (a sign of a file written for another exam or
 * format). Returns the answers by item id.
 */
export function matchPredictions(
  items: readonly Item[],
  predictions: readonly Prediction[],
): Map<string, string> {
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const seen = new Map<string, Prediction>();
  for (const prediction of predictions) {
    const where = { file: prediction.file, line: prediction.line, itemId: prediction.itemId };
    const item = itemsById.get(prediction.itemId);
    if (item === undefined) {
      throw new PredictionError({
        ...where,
        message: `unknown problem id '${prediction.itemId}': no such question in the selected data`,
      });
    }
    const earlier = seen.get(prediction.itemId);
    if (earlier !== undefined) {
      const first = earlier.file === undefined ? '' : ` (first at ${earlier.file}:${earlier.line})`;
      throw new PredictionError({
        ...where,
        message: `duplicate prediction for '${prediction.itemId}'${first}`,
      });
    }
    if (item.kind === 'numeric' && parseChoiceList(prediction.answer) !== undefined) {
      throw new PredictionError({
        ...where,
        message: `'${prediction.itemId}' is a numeric-entry question but the prediction '${prediction.answer}' is choice letters`,
      });
    }
    seen.set(prediction.itemId, prediction);
  }
  return new Map([...seen.values()].map((prediction) => [prediction.itemId, prediction.answer]));
}
