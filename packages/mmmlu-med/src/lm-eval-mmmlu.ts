import { type Item, type LikelihoodPrompt, optionLabel } from '@kensa/core';

/** Version of the lm-eval template below; bump whenever a rendered byte can change. */
export const lmEvalMmmluTemplateVersion = '1';

/**
 * The characters Python's `str.strip()` removes (those for which `str.isspace()` is true). JavaScript's `trim()`
 * differs: it keeps U+001C–U+001F and U+0085 and removes U+FEFF, so it is not used here.
 */
const pythonSpace =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const pythonStripPattern = new RegExp(`^[${pythonSpace}]+|[${pythonSpace}]+$`, 'g');

/** Python's `str.strip()` without arguments, as Jinja's `{{ Question.strip() }}` calls it. */
export function pythonStrip(text: string): string {
  return text.replace(pythonStripPattern, '');
}

/**
 * The task description of `mmmlu_ja_jp_<subject>` as `_generate_configs.py` writes it: the subject's words
 * (underscores as spaces) and the locale's display name, then a blank line.
 */
export function lmEvalMmmluDescription(subject: string): string {
  return `The following are multiple choice questions (with answers) about ${subject.split('_').join(' ')} (Japanese).\n\n`;
}

/** `doc_to_text` of `_default_template_yaml`: the stripped question, the `A. …` lines, `Answer:`. */
function docToText(item: Item): string {
  const options = item.choices.map((choice, index) => `${optionLabel(index)}. ${choice}`).join('\n');
  return `${pythonStrip(item.question)}\n${options}\nAnswer:`;
}

/**
 * The few-shot examples lm-eval puts before an item: `fewshot_config.sampler: first_n` on `fewshot_split: test`
 * (processed by the same subject filter), so the first `shots` rows of the item's subject in file order, the
 * item itself left out (`rm_eval_doc`).
 */
function fewshotExamples(item: Item, shots: number, examples: readonly Item[]): Item[] {
  const pool = examples.filter((example) => example.category === item.category && example.id !== item.id);
  if (pool.length < shots) {
    throw new Error(
      `Item ${item.id}: ${shots}-shot needs ${shots} other questions in ${item.category}, the file has ${pool.length}.`,
    );
  }
  return pool.slice(0, shots);
}

/**
 * lm-evaluation-harness's `mmmlu_ja_jp_<subject>` (`lm_eval/tasks/openai-mmmlu/default/`) as a plain-text
 * context: the description, then per few-shot example `doc_to_text` + target delimiter ` ` + its letter + the
 * few-shot delimiter `\n\n`, then the item's `doc_to_text` — `{{Question.strip()}}\nA. {{A}}\nB. {{B}}\nC. {{C}}
 * \nD. {{D}}\nAnswer:`. Each choice of `doc_to_choice: ["A", "B", "C", "D"]` is scored after the default
 * `target_delimiter` (one space), so the continuations are ` A` … ` D`. The item's category is its MMLU subject;
 * `examples` are the subject's rows in file order (needed only when `shots` > 0, lm-eval's `--num_fewshot`).
 */
export function renderLmEvalMmmlu(
  item: Item,
  options: { readonly shots?: number; readonly examples?: readonly Item[] } = {},
): LikelihoodPrompt {
  if (item.category === undefined) {
    throw new Error(`Item ${item.id} has no subject; the lm-eval-mmmlu template needs the MMLU subject.`);
  }
  const shots = options.shots ?? 0;
  const labelled = fewshotExamples(item, shots, options.examples ?? []).map(
    (example) => `${docToText(example)} ${(example.answer[0] ?? '').toUpperCase()}\n\n`,
  );
  return {
    prompt: `${lmEvalMmmluDescription(item.category)}${labelled.join('')}${docToText(item)}`,
    continuations: item.choices.map((_, index) => ` ${optionLabel(index)}`),
    template: `lm-eval-mmmlu${shots === 0 ? '' : `-${shots}shot`}/${lmEvalMmmluTemplateVersion}`,
  };
}
