import {
  examPromptModes,
  type Item,
  type PredictionFormat,
  type PromptMode,
  renderExamPrompt,
  type SourceContents,
} from '@kensa/core';
import { createIgakuQA } from '@kensa/igakuqa';
import { allBlocks } from './exam-points';

/**
 * The few-shot examples and the prediction format are IgakuQA's: the three worked examples of the 100th exam
 * (`scripts/prompts/prompt.jsonl`) and `{"problem_id", "prediction"}` lines, borrowed through its public
 * benchmark object so the prompts stay byte-identical to IgakuQA's.
 */
const donor = createIgakuQA({ exams: ['116'], blocks: ['A'] });
const fewShotPath = 'scripts/prompts/prompt.jsonl';
const fewShot = donor.sources.find((file) => file.path === fewShotPath);
if (fewShot === undefined) throw new Error(`@kensa/igakuqa no longer lists ${fewShotPath}`);

export const fewShotSource = fewShot;

export function fewShotExamples(contents: SourceContents): Item[] {
  return donor.examples(contents);
}

export const parsePredictions: PredictionFormat['parse'] = donor.predictions.parse;

const descriptions = {
  '3shot': "IgakuQA's chat prompt with its three worked examples (100th exam), answer only",
  '3shot-explain':
    'the same examples with their explanations; the model explains before its final 答え: line',
  '0shot': 'the question alone',
} as const;

export const promptModes: readonly PromptMode[] = examPromptModes.map((mode) => ({
  id: mode,
  description: descriptions[mode],
  render: (item: Item, context: { examples: readonly Item[] }) =>
    renderExamPrompt(item, mode, mode === '0shot' ? [] : context.examples),
}));

/** Checks a block selection against A–F. */
export function selectBlocks(exam: string, blocks: readonly string[] | undefined): string[] {
  for (const block of blocks ?? []) {
    if (!(allBlocks as readonly string[]).includes(block)) {
      throw new Error(`Unknown block '${block}' of the ${exam}th exam; blocks are A–F.`);
    }
  }
  return allBlocks.filter((block) => blocks === undefined || blocks.includes(block));
}
