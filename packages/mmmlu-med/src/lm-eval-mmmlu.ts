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

/**
 * lm-evaluation-harness's `mmmlu_ja_jp_<subject>` 0-shot (`lm_eval/tasks/openai-mmmlu/default/`): the context is
 * the description followed by `doc_to_text` — `{{Question.strip()}}\nA. {{A}}\nB. {{B}}\nC. {{C}}\nD. {{D}}\nAnswer:`
 * — and each choice of `doc_to_choice: ["A", "B", "C", "D"]` is scored after the default `target_delimiter`
 * (one space), so the continuations are ` A` … ` D`. The item's category is its MMLU subject.
 */
export function renderLmEvalMmmlu(item: Item): LikelihoodPrompt {
  if (item.category === undefined) {
    throw new Error(`Item ${item.id} has no subject; the lm-eval-mmmlu template needs the MMLU subject.`);
  }
  const options = item.choices.map((choice, index) => `${optionLabel(index)}. ${choice}`).join('\n');
  return {
    prompt: `${lmEvalMmmluDescription(item.category)}${pythonStrip(item.question)}\n${options}\nAnswer:`,
    continuations: item.choices.map((_, index) => ` ${optionLabel(index)}`),
    template: `lm-eval-mmmlu/${lmEvalMmmluTemplateVersion}`,
  };
}
