import {
  type ContinuationScore,
  choiceLetters,
  continuationLogprob,
  type LikelihoodPrompt,
  pickByLikelihood,
  type TokenLogprobs,
} from '@kensa/core';
import type { ModelReply } from './model';

interface CompletionsShape {
  choices?: { index?: number; text?: string; logprobs?: TokenLogprobs | null }[];
}

/**
 * Reads a completions response to a likelihood request (one echoed choice per option, in any order) into a
 * reply whose text is the option with the highest summed log-probability; `likelihood` keeps every option's
 * score and the option with the highest per-token mean.
 */
export function readLikelihoodReply(response: unknown, likelihood: LikelihoodPrompt): ModelReply {
  const choices = (response as CompletionsShape).choices ?? [];
  const letters = choiceLetters(likelihood.continuations.length);
  const scores: ContinuationScore[] = likelihood.continuations.map((continuation, index) => {
    const choice = choices.find((candidate) => (candidate.index ?? -1) === index) ?? choices[index];
    if (choice?.logprobs === undefined || choice.logprobs === null) {
      throw new Error(
        `The response has no log-probabilities for option ${letters[index]}; does the server support echo with logprobs?`,
      );
    }
    const text = `${likelihood.prompt}${continuation}`;
    return continuationLogprob(choice.logprobs, likelihood.prompt.length, text.length);
  });
  const { bySum, byMean } = pickByLikelihood(scores);
  return {
    text: letters[bySum] ?? '',
    likelihood: { options: scores, bySum: letters[bySum] ?? '', byMean: letters[byMean] ?? '' },
  };
}
