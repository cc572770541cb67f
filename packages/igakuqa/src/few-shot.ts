import { chooseCountFromStem, type Item, itemSchema, parseJsonl, validateRecord } from '@kensa/core';
import { exampleRecordSchema } from './records';

/** The three worked examples of `scripts/prompts/prompt.jsonl` (100th exam), with their explanations. */
export function parseFewShotExamples(text: string, file: string): Item[] {
  return parseJsonl(text, file).map(({ line, value }) => {
    const record = validateRecord(exampleRecordSchema, value, file, line);
    const numeric = record.choices.length === 0;
    return validateRecord(
      itemSchema,
      {
        id: record.problem_id,
        kind: numeric ? 'numeric' : 'choice',
        question: record.problem_text,
        choices: record.choices,
        choose: numeric ? 0 : chooseCountFromStem(record.problem_text),
        answer: record.answer,
        hasImage: record.text_only === false,
        explanation: record.explanation,
      },
      file,
      line,
    );
  });
}
