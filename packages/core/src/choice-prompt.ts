import type { RenderedPrompt } from './chat-message';
import type { Item } from './item';

/** Version of the multiple-choice templates; bump whenever a rendered byte can change. */
export const choiceTemplateVersion = '1';

/** Upper-case option labels as the JMedBench templates print them: A, B, C, … */
export function optionLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

function optionLines(item: Item): string {
  return item.choices.map((choice, index) => `${optionLabel(index)}. ${choice}`).join('\n');
}

/**
 * JMedBench's standard Japanese template, ending where the answer begins:
 * `質問：{question}\n{A. option …}\n答え：`, or for a question about a passage (PubMedQA)
 * `要旨：{context}\n質問：{question}\n答え：` — the options are then not listed, since each option is scored as
 * the text that follows.
 */
export function jmedbenchPromptText(item: Item): string {
  if (item.context !== undefined) return `要旨：${item.context}\n質問：${item.question}\n答え：`;
  return `質問：${item.question}\n${optionLines(item)}\n答え：`;
}

/** The instruction added for generation scoring: pick one option and end with a line 答え：<letter>. */
export function choiceInstruction(item: Item): string {
  const last = optionLabel(item.choices.length - 1);
  return `選択肢A〜${last}から正しいものを1つ選び、最後の行に「答え：」に続けてその記号だけを書いてください。`;
}

/**
 * The prompt for generation scoring (0-shot): the passage if any, the question, every option as `A. text`,
 * and the instruction to end with `答え：<letter>`. One user message; no system message, so the model's own
 * chat template decides.
 */
export function renderChoicePrompt(item: Item): RenderedPrompt {
  const passage = item.context === undefined ? '' : `要旨：${item.context}\n`;
  const content = `${passage}質問：${item.question}\n${optionLines(item)}\n${choiceInstruction(item)}`;
  return {
    messages: [{ role: 'user', content }],
    template: `jmedbench-choice-0shot/${choiceTemplateVersion}`,
  };
}

/** What likelihood scoring sends for one item: the prompt, and each option as the text that would follow it. */
export interface LikelihoodPrompt {
  readonly prompt: string;
  /** One continuation per choice, in choice order, appended directly after the prompt. */
  readonly continuations: readonly string[];
  readonly template: string;
}

/** JMedBench's likelihood scoring input: the template above, each option's text as its continuation. */
export function renderLikelihoodPrompt(item: Item): LikelihoodPrompt {
  return {
    prompt: jmedbenchPromptText(item),
    continuations: item.choices,
    template: `jmedbench-likelihood/${choiceTemplateVersion}`,
  };
}
