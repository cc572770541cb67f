import type { ContinuationScore } from './continuation-logprob';

/**
 * The log-likelihood of a continuation by token ids, as med-eval (nii-nlp/med-eval) defines it for JMedBench:
 * tokenize the prompt alone (`promptTokens` ids) and the prompt followed by the option (`sequenceTokens` ids);
 * the continuation is every token of the sequence after the prompt's own token count, whatever text those
 * tokens spell. `tokenLogprobs[i]` is the log-probability of sequence token `i` given the tokens before it
 * (entry 0 has none); entries past the sequence (a generated token) are ignored.
 */
export function tokenContinuationLogprob(
  tokenLogprobs: readonly (number | null | undefined)[],
  promptTokens: number,
  sequenceTokens: number,
): ContinuationScore {
  if (sequenceTokens <= promptTokens) {
    throw new Error(
      `The option adds no tokens: the prompt has ${promptTokens} tokens and prompt + option ${sequenceTokens}.`,
    );
  }
  if (promptTokens < 1)
    throw new Error('The prompt has no tokens, so its first token has no log-probability.');
  if (tokenLogprobs.length < sequenceTokens) {
    throw new Error(
      `The reply has log-probabilities for ${tokenLogprobs.length} tokens, fewer than the ${sequenceTokens} sent.`,
    );
  }
  let sum = 0;
  for (let index = promptTokens; index < sequenceTokens; index++) {
    const logprob = tokenLogprobs[index];
    if (logprob === null || logprob === undefined || !Number.isFinite(logprob)) {
      throw new Error(`Token ${index} of the continuation has no log-probability.`);
    }
    sum += logprob;
  }
  const tokens = sequenceTokens - promptTokens;
  return { sum, tokens, mean: sum / tokens };
}
