import { z } from 'zod';

/** A scored section of an exam, e.g. 必修 (required) or 一般+臨床 (general + clinical). */
export const examSectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The blocks (問題冊子) that make up the section. */
  blocks: z.array(z.string()).min(1),
  /** Points needed to pass the section (合格基準). */
  passLine: z.number().min(0),
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
  /** Where the lines come from, for people checking them. */
  source: z.string(),
});

export type ExamSection = z.infer<typeof examSectionSchema>;
export type ExamRules = z.infer<typeof examRulesSchema>;
