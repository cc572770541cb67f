import { z } from 'zod';

/**
 * How an exam question is scored when the examiners ruled it out of the normal scoring (採点除外). Rulings are
 * data attached to items by the benchmark, so core never special-cases a question id.
 */
export const exclusionRulingSchema = z.discriminatedUnion('kind', [
  /** Not scored for anyone: its points leave the total and it leaves the accuracy denominator. */
  z.object({ kind: z.literal('excluded'), reason: z.string() }),
  /** Every examinee gets the points, whatever they answered. */
  z.object({ kind: z.literal('correct-for-everyone'), reason: z.string() }),
  /** Any of these answer sets is accepted, as well as the key. */
  z.object({
    kind: z.literal('alternative-keys'),
    keys: z.array(z.array(z.string()).min(1)).min(1),
    reason: z.string(),
  }),
  /** Scored only for examinees who answered correctly; for the others it leaves their total. */
  z.object({ kind: z.literal('counted-only-if-correct'), reason: z.string() }),
]);

export type ExclusionRuling = z.infer<typeof exclusionRulingSchema>;
