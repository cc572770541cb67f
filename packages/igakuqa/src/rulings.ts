import type { ExclusionRuling } from '@kensa/core';

/** Which set of exclusion rulings to apply. */
export type RulingSet = 'paper' | 'ministry';

/**
 * The rulings the IgakuQA paper's `evaluate_main.py` applies; published scores use these. Questions whose
 * `points` is "0" are excluded for everyone in both sets (the parser adds that ruling).
 */
const paperRulings: Readonly<Record<string, ExclusionRuling>> = {
  '116A71': {
    kind: 'correct-for-everyone',
    reason: 'counted as correct for everyone (IgakuQA evaluate_main.py)',
  },
  '112B30': {
    kind: 'alternative-keys',
    keys: [['a'], ['d']],
    reason: 'a or d accepted (IgakuQA evaluate_main.py; the key reads "a or d")',
  },
};

/**
 * The ministry's own list for the 116th exam adds two questions "counted only for those who answered
 * correctly" (採点除外等の取扱い). Not used for published numbers.
 */
const ministryRulings: Readonly<Record<string, ExclusionRuling>> = {
  ...paperRulings,
  '116B6': {
    kind: 'counted-only-if-correct',
    reason: 'counted only for examinees who answered correctly (MHLW, 116th)',
  },
  '116E16': {
    kind: 'counted-only-if-correct',
    reason: 'counted only for examinees who answered correctly (MHLW, 116th)',
  },
};

export function rulingsFor(set: RulingSet): Readonly<Record<string, ExclusionRuling>> {
  return set === 'paper' ? paperRulings : ministryRulings;
}

export const zeroPointRuling: ExclusionRuling = {
  kind: 'excluded',
  reason: 'excluded for everyone (points "0" in the data: 採点除外)',
};
