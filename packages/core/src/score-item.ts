import { extractChoiceAnswer, extractNumericAnswer } from './extract-answer';
import { acceptedKeys, type Item, itemPoints } from './item';
import { fillTemplate, numericKeyValue, sameNumber } from './numeric-format';

/**
 * How a prediction is compared with the key.
 * - `exact`: the IgakuQA paper's `evaluate_main.py`: the prediction split on `,`, sorted, must equal the sorted
 *   key exactly (so `a, c` or `A` are wrong). Use it to reproduce published scores from prediction files.
 * - `normalized`: Kensa's reading of free text: full-width folded, any separator, labelled answer lines,
 *   think-blocks; numbers compared as numbers under the stem's rounding rule.
 */
export type MatchMode = 'exact' | 'normalized';

export type Verdict = 'correct' | 'wrong' | 'unparsed' | 'excluded' | 'missing';

/** One item's score, with what was read from the prediction and why it was judged so. */
export interface ItemScore {
  readonly id: string;
  readonly verdict: Verdict;
  readonly correct: boolean;
  /** Points earned. */
  readonly earned: number;
  /** Points this item adds to the total (0 when excluded). */
  readonly possible: number;
  /** Whether the item counts in accuracy. */
  readonly counted: boolean;
  /** The prediction or reply as given. */
  readonly prediction: string | undefined;
  /** What was read from it: sorted letters, or the number as written. */
  readonly extracted: readonly string[] | undefined;
  /**
   * 禁忌肢 choices the candidate picked. The picks are read tolerantly (as `normalized` reads them) whatever the
   * match mode: which choices were picked does not depend on how strictly correctness is judged, so `b, d` picks
   * d even under `exact`.
   */
  readonly kinkiPicked: readonly string[];
  /**
   * Whether the prediction matches a key under the match mode, before rulings: a question ruled out of scoring
   * (0 points) that was answered with its key still counts as correct in the paper's accuracy over all questions.
   */
  readonly matchesKey: boolean;
  /** Why the verdict is what it is, for people reading a report. */
  readonly note: string;
}

interface Reading {
  readonly extracted: string[] | undefined;
  readonly unparsedReason?: string;
  readonly matches: (key: readonly string[]) => boolean;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

function readExact(prediction: string): Reading {
  const parts = prediction.split(',');
  return { extracted: [...parts].sort(), matches: (key) => sameSet(parts, key) };
}

function readNormalized(item: Item, prediction: string): Reading {
  if (item.kind === 'choice') {
    const extraction = extractChoiceAnswer(prediction);
    if (!extraction.ok)
      return { extracted: undefined, unparsedReason: extraction.reason, matches: () => false };
    return { extracted: extraction.value, matches: (key) => sameSet(extraction.value, key) };
  }
  const extraction = extractNumericAnswer(prediction);
  if (!extraction.ok)
    return { extracted: undefined, unparsedReason: extraction.reason, matches: () => false };
  const format = item.numeric ?? {};
  const { value, digits } = extraction.value;
  const asBoxes = format.template === undefined ? undefined : fillTemplate(format.template, digits);
  return {
    extracted: [digits],
    matches: (key) => {
      const keyValue = numericKeyValue(key[0] ?? '', format);
      if (keyValue === undefined) return false;
      return (
        sameNumber(value, keyValue, format) ||
        (asBoxes !== undefined && sameNumber(asBoxes, keyValue, format))
      );
    },
  };
}

/** How a verdict counts: whether the item's points enter the total, and whether it enters accuracy. */
interface Outcome {
  readonly verdict: Verdict;
  readonly correct: boolean;
  /** The item's points enter the total (and, when correct, the score). */
  readonly inTotal: boolean;
  readonly note: string;
}

function judge(item: Item, reading: Reading | undefined, matched: boolean): Outcome {
  const ruling = item.ruling;
  switch (ruling?.kind) {
    case 'excluded':
      return { verdict: 'excluded', correct: false, inTotal: false, note: ruling.reason };
    case 'correct-for-everyone':
      return { verdict: 'correct', correct: true, inTotal: true, note: ruling.reason };
    case 'counted-only-if-correct':
      return matched
        ? { verdict: 'correct', correct: true, inTotal: true, note: ruling.reason }
        : { verdict: 'excluded', correct: false, inTotal: false, note: ruling.reason };
    default:
      if (reading === undefined)
        return { verdict: 'missing', correct: false, inTotal: true, note: 'no prediction for this item' };
      if (matched) {
        const accepted = ruling?.kind === 'alternative-keys' ? ` (${ruling.reason})` : '';
        return { verdict: 'correct', correct: true, inTotal: true, note: `matches the key${accepted}` };
      }
      if (reading.unparsedReason !== undefined) {
        return { verdict: 'unparsed', correct: false, inTotal: true, note: reading.unparsedReason };
      }
      return { verdict: 'wrong', correct: false, inTotal: true, note: `key is ${item.answer.join(',')}` };
  }
}

/**
 * The 禁忌肢 letters a prediction picks, read tolerantly; none for numeric items, items without 禁忌肢 or
 * unreadable text. A `normalized` reading is already the tolerant one.
 */
function pickedKinki(
  item: Item,
  prediction: string | undefined,
  reading: Reading | undefined,
  mode: MatchMode,
): string[] {
  const kinki = item.kinki;
  if (prediction === undefined || item.kind !== 'choice' || kinki === undefined || kinki.length === 0)
    return [];
  return pickedLetters(prediction, reading, mode).filter((letter) => kinki.includes(letter));
}

function pickedLetters(prediction: string, reading: Reading | undefined, mode: MatchMode): string[] {
  if (mode === 'normalized') return reading?.extracted ?? [];
  const extraction = extractChoiceAnswer(prediction);
  return extraction.ok ? extraction.value : (reading?.extracted ?? []);
}

/** Scores one prediction against an item, applying the item's exclusion ruling. Never throws on a bad reply. */
export function scoreItem(item: Item, prediction: string | undefined, mode: MatchMode): ItemScore {
  // A run scores each reply as it arrives and again in its summary: the second time is a lookup.
  const last = lastScores.get(item);
  if (last !== undefined && last.prediction === prediction && last.mode === mode) return last.score;
  const score = computeScore(item, prediction, mode);
  lastScores.set(item, { prediction, mode, score });
  return score;
}

const lastScores = new WeakMap<
  Item,
  { readonly prediction: string | undefined; readonly mode: MatchMode; readonly score: ItemScore }
>();

function computeScore(item: Item, prediction: string | undefined, mode: MatchMode): ItemScore {
  const reading =
    prediction === undefined
      ? undefined
      : mode === 'exact'
        ? readExact(prediction)
        : readNormalized(item, prediction);
  const matched = reading !== undefined && acceptedKeys(item).some((key) => reading.matches(key));
  const outcome = judge(item, reading, matched);
  const points = itemPoints(item);
  return {
    id: item.id,
    prediction,
    extracted: reading?.extracted,
    kinkiPicked: pickedKinki(item, prediction, reading, mode),
    matchesKey: matched,
    verdict: outcome.verdict,
    correct: outcome.correct,
    earned: outcome.correct && outcome.inTotal ? points : 0,
    possible: outcome.inTotal ? points : 0,
    counted: outcome.inTotal,
    note: outcome.note,
  };
}
