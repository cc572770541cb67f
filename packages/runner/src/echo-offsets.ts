import type { TokenLogprobs } from '@kensa/core';

/**
 * Whether an echoed `logprobs` block proves where each token sits in the text that was sent, so the option's
 * tokens can be found by character offsets. It must: carry real offsets (SGLang sends -1), re-join its token
 * strings into the text (vLLM V1 0.8 sent raw vocabulary pieces such as `Ġ` and `æĺ¯`, mid-2025 releases one
 * `�` per partial byte piece, and a prepended BOS adds text that was never sent), and have each offset follow
 * the previous token's length in the same units as the text (vLLM counts Python code points). Returns what is
 * wrong in server terms, or undefined when the block is consistent.
 */
export function echoOffsetProblem(logprobs: TokenLogprobs, text: string): string | undefined {
  const { tokens, text_offset: offsets } = logprobs;
  if (!Array.isArray(offsets) || offsets.length !== tokens.length) {
    return 'echoes logprobs without a text_offset for every token';
  }
  if (offsets.some((offset) => offset < 0))
    return 'has no tokenize endpoint to score by token ids and echoes text_offset -1 (no character offsets, as SGLang does; SGLang serves /tokenize from 0.5.2, so upgrading it is enough)';
  let joined = '';
  for (let index = 0; index < tokens.length; index++) {
    if (offsets[index] !== joined.length) {
      return `echoes text_offset ${offsets[index]} for token ${index} where its text starts at ${joined.length} (offsets counted in other units or from a different text)`;
    }
    joined += tokens[index] ?? '';
    if (joined.length >= text.length) break;
  }
  if (!joined.startsWith(text)) {
    const at = [...joined].findIndex((character, index) => character !== [...text][index]);
    const sample = JSON.stringify(tokens.slice(0, 4));
    return `echoes token strings that do not re-join to the prompt (they differ from character ${Math.max(at, 0)}; first tokens ${sample}: raw vocabulary pieces, one � per byte piece, or a BOS token)`;
  }
  return undefined;
}
