import { extractChoiceAnswer, extractNumericAnswer } from './extract-answer';
import { type Item, itemPoints } from './item';
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
  /** 禁忌肢 choices among the extracted letters. */
  readonly kinkiPicked: readonly string[];
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

/** Scores one prediction against an item, applying the item's exclusion ruling. Never throws on a bad reply. */
export function scoreItem(item: Item, prediction: string | undefined, mode: MatchMode): ItemScore {
  const points = itemPoints(item);
  const ruling = item.ruling;
  const base = { id: item.id, prediction };

  if (prediction === undefined) {
    if (ruling?.kind === 'excluded' || ruling?.kind === 'counted-only-if-correct') {
      return {
        ...base,
        verdict: 'excluded',
        correct: false,
        earned: 0,
        possible: 0,
        counted: false,
        extracted: undefined,
        kinkiPicked: [],
        note: ruling.reason,
      };
    }
    const correct = ruling?.kind === 'correct-for-everyone';
    return {
      ...base,
      verdict: correct ? 'correct' : 'missing',
      correct,
      earned: correct ? points : 0,
      possible: points,
      counted: true,
      extracted: undefined,
      kinkiPicked: [],
      note: correct ? ruling.reason : 'no prediction for this item',
    };
  }

  const reading = mode === 'exact' ? readExact(prediction) : readNormalized(item, prediction);
  const kinkiPicked = (reading.extracted ?? []).filter((letter) => item.kinki?.includes(letter));
  const keys = [item.answer, ...(ruling?.kind === 'alternative-keys' ? ruling.keys : [])];
  const matched = keys.some((key) => reading.matches(key));
  const scored = { ...base, extracted: reading.extracted, kinkiPicked };

  switch (ruling?.kind) {
    case 'excluded':
      return {
        ...scored,
        verdict: 'excluded',
        correct: false,
        earned: 0,
        possible: 0,
        counted: false,
        note: ruling.reason,
      };
    case 'correct-for-everyone':
      return {
        ...scored,
        verdict: 'correct',
        correct: true,
        earned: points,
        possible: points,
        counted: true,
        note: ruling.reason,
      };
    case 'counted-only-if-correct':
      return matched
        ? {
            ...scored,
            verdict: 'correct',
            correct: true,
            earned: points,
            possible: points,
            counted: true,
            note: ruling.reason,
          }
        : {
            ...scored,
            verdict: 'excluded',
            correct: false,
            earned: 0,
            possible: 0,
            counted: false,
            note: ruling.reason,
          };
    default: {
      const accepted = ruling?.kind === 'alternative-keys' ? ` (${ruling.reason})` : '';
      if (matched)
        return {
          ...scored,
          verdict: 'correct',
          correct: true,
          earned: points,
          possible: points,
          counted: true,
          note: `matches the key${accepted}`,
        };
      if (reading.unparsedReason !== undefined) {
        return {
          ...scored,
          verdict: 'unparsed',
          correct: false,
          earned: 0,
          possible: points,
          counted: true,
          note: reading.unparsedReason,
        };
      }
      return {
        ...scored,
        verdict: 'wrong',
        correct: false,
        earned: 0,
        possible: points,
        counted: true,
        note: `key is ${item.answer.join(',')}`,
      };
    }
  }
}
