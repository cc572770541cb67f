import { z } from 'zod';
import { letterIndex } from './choice-letters';
import { exclusionRulingSchema } from './exclusion-ruling';

const numericFormatSchema = z.object({
  decimals: z.number().int().min(0).optional(),
  template: z.string().optional(),
});

/**
 * One benchmark question. A choice question's `choose` (how many to pick) is derived from its stem by the
 * plugin, never from the key; a numeric-entry question has no choices and a single key.
 */
export const itemSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['choice', 'numeric']),
    question: z.string().min(1),
    /** Choice texts in order; letters a, b, c … name them. Empty for numeric questions. */
    choices: z.array(z.string()),
    /** How many choices to pick; 0 for numeric questions. */
    choose: z.number().int().min(0),
    /** Choice questions: the key letters (lowercase). Numeric questions: the key as written, one entry. */
    answer: z.array(z.string().min(1)).min(1),
    numeric: numericFormatSchema.optional(),
    points: z.number().min(0).optional(),
    exam: z.string().optional(),
    year: z.number().int().optional(),
    block: z.string().optional(),
    section: z.string().optional(),
    ruling: exclusionRulingSchema.optional(),
    /** 禁忌肢: choices that would harm a patient; picking too many fails an exam. */
    kinki: z.array(z.string()).optional(),
    /** Share of human examinees who answered correctly, 0–100. */
    humanAccuracy: z.number().min(0).max(100).optional(),
    /** Share of examinees who picked each choice, 0–100, in choice order. */
    breakdown: z.array(z.number()).optional(),
    hasImage: z.boolean().optional(),
    /**
     * The item's image files, by the `path` of one of the benchmark's `imageSources`, in the order they are
     * shown. An item can have `hasImage` and no files when the data has none for it.
     */
    images: z
      .array(z.object({ path: z.string().min(1), mediaType: z.string().regex(/^image\//) }))
      .optional(),
    /** A passage the question is about (PubMedQA's abstract, 要旨). */
    context: z.string().optional(),
    /** Specialty or subject, e.g. 循環器 or clinical_knowledge. */
    category: z.string().optional(),
    explanation: z.string().optional(),
  })
  .superRefine((item, context) => {
    if (item.kind === 'numeric') {
      if (item.choices.length > 0)
        context.addIssue({ code: 'custom', message: 'a numeric question has no choices' });
      if (item.answer.length !== 1)
        context.addIssue({ code: 'custom', message: 'a numeric question has one key' });
      return;
    }
    if (item.choices.length === 0)
      context.addIssue({ code: 'custom', message: 'a choice question needs choices' });
    if (item.choose < 1)
      context.addIssue({ code: 'custom', message: 'a choice question picks at least one choice' });
    for (const letter of [...item.answer, ...(item.kinki ?? [])]) {
      const index = letterIndex(letter);
      if (index < 0 || index >= item.choices.length) {
        context.addIssue({
          code: 'custom',
          message: `'${letter}' is not one of the ${item.choices.length} choices`,
        });
      }
    }
  });

export type Item = z.infer<typeof itemSchema>;

/** Every answer scored correct: the key, then the alternatives a ruling accepts (`alternative-keys`). */
export function acceptedKeys(item: Item): readonly (readonly string[])[] {
  return item.ruling?.kind === 'alternative-keys' ? [item.answer, ...item.ruling.keys] : [item.answer];
}

/** The points an item is worth before rulings; unweighted benchmarks count 1. */
export function itemPoints(item: Item): number {
  return item.points ?? 1;
}
