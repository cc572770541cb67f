import type { PromptMode } from './benchmark';
import { type LikelihoodPrompt, renderChoicePrompt, renderLikelihoodPrompt } from './choice-prompt';
import type { Item } from './item';

/** The prompt modes of a multiple-choice benchmark scored by accuracy: 0-shot with the JMedBench template. */
export const choicePromptModes: readonly PromptMode[] = [
  {
    id: '0shot',
    description:
      "JMedBench's Japanese template with the options as A. … lines, answered with a final 答え：<letter> line",
    render: (item) => renderChoicePrompt(item),
  },
];

/** Likelihood scoring as JMedBench does it: each option's text scored as the continuation of the template. */
export const choiceLikelihood: { render(item: Item): LikelihoodPrompt } = { render: renderLikelihoodPrompt };
