/**
 * Decides the log-probability of one token of a completions text: `token` starts at character `offset` of
 * `text` (the echoed prompt followed by the generated reply).
 */
export type LogprobPolicy = (token: {
  readonly token: string;
  readonly offset: number;
  readonly text: string;
}) => number;

/** Characters per mock token. Two, so that token boundaries do not always fall where a prompt ends. */
export const mockTokenLength = 2;

/** A deterministic default: a hash of the token and its position mapped into [-10, -0.01]. */
export const defaultLogprob: LogprobPolicy = ({ token, offset }) => {
  let hash = 2166136261 ^ offset;
  for (let index = 0; index < token.length; index++)
    hash = Math.imul(hash ^ token.charCodeAt(index), 16777619);
  return -((hash >>> 0) % 1000) / 100 - 0.01;
};

/**
 * The `logprobs` object of a completions choice, as OpenAI-compatible servers send it with `echo`: the text is
 * cut into tokens of `mockTokenLength` characters with their character offsets; the very first token has no
 * log-probability (nothing precedes it).
 */
export function tokenLogprobs(text: string, policy: LogprobPolicy) {
  const tokens: string[] = [];
  const tokenLogprobs: (number | null)[] = [];
  const textOffset: number[] = [];
  for (let offset = 0; offset < text.length; offset += mockTokenLength) {
    const token = text.slice(offset, offset + mockTokenLength);
    tokens.push(token);
    textOffset.push(offset);
    tokenLogprobs.push(offset === 0 ? null : policy({ token, offset, text }));
  }
  return { tokens, token_logprobs: tokenLogprobs, text_offset: textOffset, top_logprobs: null };
}
