import type { Item, LikelihoodPrompt, PromptContext, PromptMode, RenderedPrompt } from '@kensa/core';
import { sha256Hex } from './sha256';

/** One item made ready to ask: the prompt as logged, its hash, and for likelihood scoring the options. */
export interface Question {
  readonly prompt: RenderedPrompt;
  readonly template: string;
  readonly hash: string;
  readonly likelihood?: LikelihoodPrompt;
}

/** What a question is rendered from: the prompt mode and examples, or the likelihood renderer. */
export interface QuestionSource {
  readonly mode: PromptMode;
  readonly examples: readonly Item[];
  readonly likelihood?: { render(item: Item, context?: PromptContext): LikelihoodPrompt };
}

export function prepareQuestion(
  item: Item,
  method: 'generate' | 'likelihood',
  options: QuestionSource,
): Question {
  if (method === 'likelihood' && options.likelihood !== undefined) {
    const likelihood = options.likelihood.render(item, { examples: options.examples });
    const prompt: RenderedPrompt = {
      messages: [{ role: 'user', content: likelihood.prompt }],
      template: likelihood.template,
    };
    const hash = sha256Hex(JSON.stringify([likelihood.prompt, likelihood.continuations]));
    return { prompt, template: likelihood.template, hash, likelihood };
  }
  const prompt = options.mode.render(item, { examples: options.examples });
  return { prompt, template: prompt.template, hash: sha256Hex(JSON.stringify(prompt.messages)) };
}
