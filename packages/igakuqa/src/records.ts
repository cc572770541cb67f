import { z } from 'zod';

/** A line of `data/<year>/<exam>-<block>.jsonl`. */
export const questionRecordSchema = z.object({
  problem_id: z.string().min(1),
  problem_text: z.string().min(1),
  choices: z.array(z.string()),
  text_only: z.boolean(),
  answer: z.array(z.string()).min(1),
  points: z.string().regex(/^\d+$/, 'points must be a whole number written as a string'),
});

/** A line of `data/<year>/<exam>-<block>_metadata.jsonl`. */
export const metadataRecordSchema = z.object({
  problem_id: z.string().min(1),
  category: z.string(),
  kinki: z.array(z.string()),
  reason: z.string().optional(),
  human_accuracy: z.string(),
  breakdown: z.array(z.string()),
});

/** A line of `scripts/prompts/prompt.jsonl`: a worked example from the 100th exam. */
export const exampleRecordSchema = z.object({
  problem_id: z.string().min(1),
  problem_text: z.string().min(1),
  choices: z.array(z.string()),
  text_only: z.boolean().optional(),
  answer: z.array(z.string()).min(1),
  explanation: z.string(),
});

/** A line of a prediction file: `{"problem_id": "112A1", "prediction": "a,c", "explanation": …}`. */
export const predictionRecordSchema = z.object({
  problem_id: z.string().min(1),
  prediction: z.string(),
  explanation: z.string().optional(),
});

export type QuestionRecord = z.infer<typeof questionRecordSchema>;
export type MetadataRecord = z.infer<typeof metadataRecordSchema>;
