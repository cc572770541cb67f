import type { ChatMessage, RenderedPrompt } from './chat-message';
import { choiceLetters } from './choice-letters';
import type { Item } from './item';

/** Prompt modes for exam questions. */
export type ExamPromptMode = '0shot' | '3shot' | '3shot-explain';

export const examPromptModes: readonly ExamPromptMode[] = ['3shot', '3shot-explain', '0shot'];

/** The IgakuQA system message: "we solve the national medical licensing exam". */
export const examSystemMessage = '医師国家試験を解きます。';

/** Version of the exam templates; bump whenever a rendered byte can change. */
export const examTemplateVersion = '1';

/**
 * The question as the IgakuQA paper's `dict2problem` wrote it: `問題: ` and the stem; for a choice question,
 * lines `a: …`, the instruction to pick exactly N (the paper's wording names a–e whatever the number of
 * choices, and it is kept byte for byte), and `答え:`. A numeric question is the stem alone.
 */
export function examQuestionText(item: Item): string {
  let text = `問題: ${item.question}`;
  if (item.choices.length === 0) return text;
  const letters = choiceLetters(item.choices.length);
  item.choices.forEach((choice, index) => {
    text += `\n${letters[index]}: ${choice}`;
  });
  return `${text}\n必ずa,b,c,d,eの中からちょうど${item.choose}個選んでください。\n答え:`;
}

const explainInstruction = {
  choice: 'まず解説を順を追って書き、最後の行に「答え: 」に続けて選んだ記号を書いてください。',
  numeric: 'まず解説を順を追って書き、最後の行に「答え: 」に続けて数値を書いてください。',
};

/** The question with the step-by-step instruction, for the explanation mode. */
function explainQuestionText(item: Item): string {
  const instruction = item.kind === 'numeric' ? explainInstruction.numeric : explainInstruction.choice;
  return `${examQuestionText(item).replace(/\n答え:$/, '')}\n${instruction}`;
}

function exampleAnswer(example: Item): string {
  return example.answer.join(',');
}

/**
 * Renders an exam question in one of three modes:
 * - `3shot`: byte-identical to the IgakuQA paper's chat messages: the system message, each example as a user
 *   turn and an assistant turn holding its keys joined by `,`, then the question.
 * - `3shot-explain`: the same examples, each answered with its explanation and a final `答え: …` line; the
 *   model is asked to explain step by step before its own final answer line.
 * - `0shot`: the system message and the question.
 */
export function renderExamPrompt(
  item: Item,
  mode: ExamPromptMode,
  examples: readonly Item[],
): RenderedPrompt {
  const messages: ChatMessage[] = [{ role: 'system', content: examSystemMessage }];
  if (mode === '0shot') {
    messages.push({ role: 'user', content: examQuestionText(item) });
  } else {
    messages.push(...exampleTurns(mode, examples));
    const question = mode === '3shot' ? examQuestionText(item) : explainQuestionText(item);
    messages.push({ role: 'user', content: question });
  }
  return { messages, template: `exam-${mode}/${examTemplateVersion}` };
}

// Every question of a run shares its examples: their turns are rendered once per examples list and mode.
const renderedExamples = new WeakMap<readonly Item[], Map<ExamPromptMode, readonly ChatMessage[]>>();

/** The few-shot turns: each example as a user turn and an assistant turn with its answer. */
function exampleTurns(mode: '3shot' | '3shot-explain', examples: readonly Item[]): readonly ChatMessage[] {
  let byMode = renderedExamples.get(examples);
  if (byMode === undefined) {
    byMode = new Map();
    renderedExamples.set(examples, byMode);
  }
  let turns = byMode.get(mode);
  if (turns === undefined) {
    // Frozen, so that hashing and conversion may remember what they made of them (`canonicalJson`).
    turns = Object.freeze(
      examples
        .flatMap((example): ChatMessage[] => {
          if (mode === '3shot') {
            return [
              { role: 'user', content: examQuestionText(example) },
              { role: 'assistant', content: exampleAnswer(example) },
            ];
          }
          if (example.explanation === undefined) {
            throw new Error(
              `Few-shot example ${example.id} has no explanation, which the explanation mode needs.`,
            );
          }
          return [
            { role: 'user', content: explainQuestionText(example) },
            { role: 'assistant', content: `${example.explanation.trim()}\n答え: ${exampleAnswer(example)}` },
          ];
        })
        .map((turn) => Object.freeze(turn)),
    );
    byMode.set(mode, turns);
  }
  return turns;
}
