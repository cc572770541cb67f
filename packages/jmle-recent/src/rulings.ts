import type { ExclusionRuling } from '@kensa/core';

/** The ministry's rulings for the 119th exam (採点除外等の取扱い) that move scores. */
export const igakuqa119Rulings: Readonly<Record<string, ExclusionRuling>> = {
  '119E28': {
    kind: 'alternative-keys',
    keys: [['a'], ['c']],
    reason: 'a or c accepted (MHLW ruling for 119E28; the key file stores "ac")',
  },
};
