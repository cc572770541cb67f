/** The per-token fields of an OpenAI completions `logprobs` object (echoed prompt included). */
export interface TokenLogprobs {
  readonly tokens: readonly string[];
  readonly token_logprobs: readonly (number | null)[];
  readonly text_offset: readonly number[];
}

/** A continuation's log-likelihood: the sum over its tokens, how many tokens, and the per-token mean. */
export interface ContinuationScore {
  readonly sum: number;
  readonly tokens: number;
  readonly mean: number;
}

/**
 * The log-likelihood of the continuation that follows the first `promptLength` characters of an echoed text
 * of `textLength` characters.
 *
 * Token-boundary rule: a token belongs to the continuation when its text starts before the end of the text
 * and ends after the prompt, i.e. when any of its characters is a continuation character. A token that
 * straddles the boundary (a tokenizer merging the prompt's last character with the option's first) therefore
 * counts for the continuation, so every option's first character is scored; tokens past the end of the
 * echoed text (the one token generated with `max_tokens: 1`) never count. Offsets are in characters of the
 * text, as OpenAI-compatible servers report them.
 */
export function continuationLogprob(
  logprobs: TokenLogprobs,
  promptLength: number,
  textLength: number,
): ContinuationScore {
  let sum = 0;
  let tokens = 0;
  for (let index = 0; index < logprobs.tokens.length; index++) {
    const start = logprobs.text_offset[index] ?? 0;
    const end = logprobs.text_offset[index + 1] ?? start + (logprobs.tokens[index]?.length ?? 0);
    if (start >= textLength || end <= promptLength) continue;
    const logprob = logprobs.token_logprobs[index];
    if (logprob === null || logprob === undefined || !Number.isFinite(logprob)) {
      throw new Error(`Token ${index} of the continuation has no log-probability.`);
    }
    sum += logprob;
    tokens++;
  }
  if (tokens === 0) throw new Error('The continuation has no tokens in the echoed text.');
  return { sum, tokens, mean: sum / tokens };
}

/**
 * The options picked by likelihood: by the highest summed log-probability (`accuracy`), and by the highest
 * per-token mean (`norm_accuracy`, which does not favour short options). Ties go to the earlier option.
 */
export function pickByLikelihood(scores: readonly ContinuationScore[]): { bySum: number; byMean: number } {
  let bySum = 0;
  let byMean = 0;
  scores.forEach((score, index) => {
    if (score.sum > (scores[bySum]?.sum ?? Number.NEGATIVE_INFINITY)) bySum = index;
    if (score.mean > (scores[byMean]?.mean ?? Number.NEGATIVE_INFINITY)) byMean = index;
  });
  return { bySum, byMean };
}
