import { type Item, type PromptMode, renderExamPrompt } from '@kensa/core';

/** Hand-written questions in IgakuQA's shape (not benchmark data), for the runner's tests. */
export const tinyItems: Item[] = [
  ['T1', '発熱の原因として最も多いのはどれか。', ['a']],
  ['T2', '心房細動で正しいのはどれか。2つ選べ。', ['b', 'd']],
  ['T3', '貧血の指標はどれか。', ['c']],
  ['T4', '腎機能の指標はどれか。', ['e']],
  ['T5', '肝機能の指標はどれか。2つ選べ。', ['a', 'e']],
  ['T6', '甲状腺機能の指標はどれか。', ['b']],
].map(([id, question, answer]) => ({
  id: id as string,
  kind: 'choice' as const,
  question: question as string,
  choices: ['選択肢ア', '選択肢イ', '選択肢ウ', '選択肢エ', '選択肢オ'],
  choose: (answer as string[]).length,
  answer: answer as string[],
  points: 1,
}));

export const tinyExamples: Item[] = [
  { ...(tinyItems[0] as Item), id: 'X1', question: '例題: 正しいのはどれか。', explanation: 'ａが正しい。' },
];

export const threeShot: PromptMode = {
  id: '3shot',
  description: 'test mode',
  render: (item, context) => renderExamPrompt(item, '3shot', context.examples),
};

/** The key of the question a chat request asks (its last user message), for a mock policy that always knows. */
export function keyForRequest(body: unknown): string {
  const messages = (body as { messages: { role: string; content: string }[] }).messages;
  const last = messages.at(-1)?.content ?? '';
  const item = tinyItems.find((candidate) => last.startsWith(`問題: ${candidate.question}`));
  return item === undefined ? 'わかりません' : `答え: ${item.answer.join(',')}`;
}
