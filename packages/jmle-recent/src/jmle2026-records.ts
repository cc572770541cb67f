import { z } from 'zod';

/** One question of JMLE2026-Bench's `jmle2026_dataset.json` (only the fields used; unknown ones are ignored). */
export const jmle2026QuestionSchema = z.object({
  question_id: z.string().regex(/^120[A-F]-\d{1,2}$/, 'question_id must look like 120A-1'),
  block: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  number: z.number().int().min(1),
  question_type: z.enum(['multiple_choice', 'calculation']),
  question_text: z.string().min(1),
  clinical_images: z.array(z.string().min(1)),
  requires_image: z.boolean(),
  num_choices_to_select: z.number().int().min(1),
  answer: z.array(z.string().min(1)).min(1),
  serial_group: z
    .object({
      group_id: z.string().min(1),
      questions: z.array(z.string()).min(2),
      context_text: z.string().min(1),
    })
    .optional(),
});

export type Jmle2026Question = z.infer<typeof jmle2026QuestionSchema>;
