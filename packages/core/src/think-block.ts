/**
 * Splits a reasoning model's `<think>…</think>` block from its answer. An unclosed block is all reasoning. A lone
 * `</think>` (a chat template that put the opening `<think>` into the prompt, as Qwen3 and DeepSeek-R1 do) closes
 * reasoning that began with the reply: everything before it is reasoning.
 */
export function splitThinking(reply: string): { answer: string; reasoning: string | undefined } {
  const blocks: string[] = [];
  let rest = reply;
  const firstClose = rest.indexOf('</think>');
  const firstOpen = rest.indexOf('<think>');
  if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
    blocks.push(rest.slice(0, firstClose).trim());
    rest = rest.slice(firstClose + '</think>'.length);
  }
  let answer = rest.replace(/<think>([\s\S]*?)<\/think>/g, (_, inner: string) => {
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
