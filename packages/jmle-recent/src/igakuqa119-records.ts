import { z } from 'zod';

/** One question of `questions/119<block>_json.json`. */
export const igakuqa119QuestionSchema = z.object({
  number: z.string().regex(/^119[A-F]\d{1,2}$/, 'number must look like 119A1'),
  question: z.string(),
  choices: z.array(z.string()),
  has_image: z.boolean(),
});

export const igakuqa119BlockSchema = z.array(z.unknown());

export type IgakuQA119Question = z.infer<typeof igakuqa119QuestionSchema>;
