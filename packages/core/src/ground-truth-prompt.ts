import type { ChatMessage, RenderedPrompt } from './chat-message';
import { examQuestionText, examSystemMessage } from './exam-prompt';
import type { Item } from './item';
import { groundTruthText } from './preference-data';
import { scoreItem } from './score-item';

/** Version of the teacher prompt; bump whenever a rendered byte can change. */
export const groundTruthTemplateVersion = '1';

function keyOf(item: Item): string {
  return item.answer.join(',');
}

/** The question as the exam prompt shows it, then its key, and what the teacher is to write. */
function teacherQuestionText(item: Item): string {
  const question = examQuestionText(item).replace(/\n答え:$/, '');
  const key = keyOf(item);
  const what = item.kind === 'numeric' ? '正解の数値' : '正解の記号';
  return `${question}\n\nこの問題の正解は「${key}」です。正解に至る考え方を日本語で順を追って解説してください${
    item.kind === 'choice' ? '（各選択肢がなぜ正しいか、または誤りかにも触れてください）' : ''
  }。最後の行には「答え: 」に続けて${what}だけを「答え: ${key}」の形で書いてください。`;
}

/**
 * The prompt that asks a teacher model for a ground-truth explanation of an item's key: the exam's system
 * message, the benchmark's worked examples that have an explanation (question and key in, explanation and
 * `答え: …` line out — the shape of the `3shot-explain` examples), then the item with its key.
 */
export function renderGroundTruthPrompt(item: Item, examples: readonly Item[]): RenderedPrompt {
  const messages: ChatMessage[] = [{ role: 'system', content: examSystemMessage }];
  for (const example of examples) {
    if (example.explanation === undefined || example.explanation.trim() === '') continue;
    messages.push({ role: 'user', content: teacherQuestionText(example) });
    messages.push({ role: 'assistant', content: groundTruthText(example, example.explanation) });
  }
  messages.push({ role: 'user', content: teacherQuestionText(item) });
  return { messages, template: `rpo-ground-truth/${groundTruthTemplateVersion}` };
}

/** Whether a teacher's explanation can be a ground-truth response, and why not. */
export type GroundTruthCheck = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Accepts a teacher's explanation only when it ends with its own answer line and that line, read by the same
 * extraction and scoring as `kensa eval` and `kensa rpo build` (`scoreItem`, normalized, under the item's
 * rulings), gives the key. A missing answer line is not filled in with the key: the explanation must commit to it.
 */
export function checkGroundTruth(item: Item, explanation: string): GroundTruthCheck {
  const text = explanation.trim();
  if (text === '') return { ok: false, reason: 'empty reply' };
  if (groundTruthText(item, text) !== text) {
    return { ok: false, reason: 'no final answer line (答え: …) on its last line' };
  }
  const score = scoreItem(item, text, 'normalized');
  if (!score.correct || !score.matchesKey) {
    const read = score.extracted === undefined ? 'nothing readable' : `'${score.extracted.join(',')}'`;
    return {
      ok: false,
      reason: `its answer line reads ${read}, not the key '${keyOf(item)}' (${score.verdict})`,
    };
  }
  return { ok: true, text };
}
