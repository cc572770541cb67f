/** Splits a reasoning model's `<think>…</think>` block from its answer. An unclosed block is all reasoning. */
export function splitThinking(reply: string): { answer: string; reasoning: string | undefined } {
  const blocks: string[] = [];
  let answer = reply.replace(/<think>([\s\S]*?)<\/think>/g, (_, inner: string) => {
    blocks.push(inner.trim());
    return '';
  });
  const open = answer.indexOf('<think>');
  if (open >= 0) {
    blocks.push(answer.slice(open + '<think>'.length).trim());
    answer = answer.slice(0, open);
  }
  return { answer: answer.trim(), reasoning: blocks.length > 0 ? blocks.join('\n\n') : undefined };
}
