import {
  type ContinuationScore,
  choiceLetters,
  continuationLogprob,
  type LikelihoodPrompt,
  pickByLikelihood,
  type TokenLogprobs,
} from '@kensa/core';
import { echoOffsetProblem } from './echo-offsets';
import { LikelihoodRefusedError, LikelihoodUnsupportedError } from './likelihood-error';
import type { ModelReply } from './model';

interface CompletionsShape {
  choices?: { index?: number; text?: string; logprobs?: TokenLogprobs | null }[];
}

/** The echoed choice of each option, in option order (servers may send the choices in any order). */
export function likelihoodChoices(response: unknown, options: number) {
  const choices = (response as CompletionsShape | null)?.choices ?? [];
  return Array.from(
    { length: options },
    (_, index) => choices.find((candidate) => (candidate.index ?? -1) === index) ?? choices[index],
  );
}

/** Turns option scores into a reply: its text is the option with the highest sum. */
export function likelihoodReply(
  scores: readonly ContinuationScore[],
  details: { method: 'token-ids' | 'offsets'; tokenizeCalls: number },
): ModelReply {
  const letters = choiceLetters(scores.length);
  const { bySum, byMean } = pickByLikelihood(scores);
  return {
    text: letters[bySum] ?? '',
    likelihood: {
      options: scores,
      bySum: letters[bySum] ?? '',
      byMean: letters[byMean] ?? '',
      ...details,
    },
  };
}

/**
 * Reads a completions response to a text likelihood request (one echoed choice per option) by character
 * offsets — the fallback for servers without a tokenize endpoint. Each reply must prove its offsets first
 * (`echoOffsetProblem`); one that does not is refused, never scored on the wrong tokens.
 */
export function readLikelihoodReply(response: unknown, likelihood: LikelihoodPrompt): ModelReply {
  const choices = likelihoodChoices(response, likelihood.continuations.length);
  const scores: ContinuationScore[] = likelihood.continuations.map((continuation, index) => {
    const logprobs = choices[index]?.logprobs;
    if (logprobs === undefined || logprobs === null || !Array.isArray(logprobs.token_logprobs)) {
      throw new LikelihoodUnsupportedError({
        behaviour: 'answers an echo request without prompt log-probabilities (logprobs is null)',
      });
    }
    const text = `${likelihood.prompt}${continuation}`;
    const problem = echoOffsetProblem(logprobs, text);
    if (problem !== undefined) {
      if (logprobs.text_offset?.some((offset) => offset < 0))
        throw new LikelihoodUnsupportedError({ behaviour: problem });
      throw new LikelihoodRefusedError({ behaviour: problem });
    }
    return continuationLogprob(logprobs, likelihood.prompt.length, text.length);
  });
  return likelihoodReply(scores, { method: 'offsets', tokenizeCalls: 0 });
}
