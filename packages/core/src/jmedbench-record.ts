import { z } from 'zod';
import { choiceLetters } from './choice-letters';
import { DatasetParseError } from './errors';
import { type Item, itemSchema } from './item';
import { parseJsonl } from './jsonl';
import { validateRecord } from './validate-record';

/**
 * A line of a JMedBench subset (`<subset>/test.jsonl` of the Hugging Face dataset `Coldog2333/JMedBench`):
 * `sample_id`, `question`, `options` (texts without letters), `answer_idx` (0-based), `n_options` and
 * `metadata` (may hold `source`, and PubMedQA's abstract as `context`).
 */
export const jmedbenchRecordSchema = z.object({
  sample_id: z.union([z.string().min(1), z.number()]).transform(String),
  question: z.string().min(1),
  options: z.array(z.string().min(1, 'an option is empty')).min(2),
  answer_idx: z.number().int().min(0),
  n_options: z.number().int().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Parses a JMedBench JSONL file into items. Empty options, an `answer_idx` outside the options and an
 * `n_options` that disagrees with them fail with the file and line; so does a repeated `sample_id`.
 */
export function parseJmedbenchJsonl(text: string, file: string, options: { idPrefix: string }): Item[] {
  const seen = new Set<string>();
  return parseJsonl(text, file).map(({ line, value }) => {
    const record = validateRecord(jmedbenchRecordSchema, value, file, line);
    const fail = (message: string) => new DatasetParseError({ file, line, message });
    if (record.answer_idx >= record.options.length) {
      throw fail(`answer_idx ${record.answer_idx} is outside the ${record.options.length} options`);
    }
    if (record.n_options !== undefined && record.n_options !== record.options.length) {
      throw fail(`n_options is ${record.n_options} but there are ${record.options.length} options`);
    }
    const id = `${options.idPrefix}${record.sample_id}`;
    if (record.question.trim() === '') throw fail(`item ${id}: the question is only spaces`);
    const blank = record.options.findIndex((option) => option.trim() === '');
    if (blank !== -1) {
      throw fail(`item ${id}: option ${choiceLetters(record.options.length)[blank]} is only spaces`);
    }
    if (seen.has(id)) throw fail(`duplicate sample_id ${record.sample_id}`);
    seen.add(id);
    const context = record.metadata?.context;
    const source = record.metadata?.source;
    const candidate = {
      id,
      kind: 'choice',
      question: record.question,
      choices: record.options,
      choose: 1,
      answer: [choiceLetters(record.options.length)[record.answer_idx]],
      ...(typeof context === 'string' && context !== '' ? { context } : {}),
      ...(typeof source === 'string' && source !== '' ? { category: source } : {}),
    };
    return validateRecord(itemSchema, candidate, file, line);
  });
}
