import { z } from 'zod';
import { exclusionRulingSchema } from './exclusion-ruling';

/** A scored section of an exam, e.g. 必修 (required) or 一般+臨床 (general + clinical). */
export const examSectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The blocks (問題冊子) that make up the section. */
  blocks: z.array(z.string()).min(1),
  /** Points needed to pass the section (合格基準). */
  passLine: z.number().min(0),
  /** The section's full points as the ministry counts them (e.g. 200), where known; checked by the kit. */
  total: z.number().min(0).optional(),
});

/**
 * How one sitting of an exam is passed: every section at or above its line, and no more than `maxKinki`
 * 禁忌肢 (contraindicated) choices picked.
 */
export const examRulesSchema = z.object({
  exam: z.string(),
  year: z.number().int(),
  sections: z.array(examSectionSchema).min(1),
  maxKinki: z.number().int().min(0),
  /**
   * False when the data has no 禁忌肢 annotation (the 119th and 120th transcriptions): the limit still exists but
   * cannot be checked, so reports say "not annotated" instead of counting 0, and pass/fail rests on the sections.
   */
  kinkiAnnotated: z.boolean().optional(),
  /** Why the lines are not final (e.g. the ministry's figures are not recorded yet); absent when official. */
  provisional: z.string().optional(),
  /**
   * The examiners' rulings for this sitting (採点除外等), by item id. The plugin attaches each to its item; the
   * conformance kit checks that every one applies.
   */
  rulings: z.record(z.string(), exclusionRulingSchema).optional(),
  /** Where the lines come from, for people checking them. */
  source: z.string(),
});

export type ExamSection = z.infer<typeof examSectionSchema>;
export type ExamRules = z.infer<typeof examRulesSchema>;
