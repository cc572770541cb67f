import { type LikelihoodPrompt, tokenContinuationLogprob } from '@kensa/core';
import { LikelihoodUnsupportedError } from './likelihood-error';
import { likelihoodChoices, likelihoodReply } from './likelihood-reply';
import type { ModelReply } from './model';
import type { Tokenize } from './server-tokenizer';

/** An item's prompt and its prompt + option texts as the server tokenizes them. */
export interface TokenizedLikelihood {
  readonly promptTokens: number;
  /** Token ids of prompt + option, one list per option. */
  readonly sequences: readonly (readonly number[])[];
  /** Tokenize calls this item cost: one for the prompt and one per option. */
  readonly tokenizeCalls: number;
}

/** What the response cache keeps for a token-id likelihood reply: enough to read it without tokenizing again. */
export interface TokenIdLikelihoodResponse {
  readonly kensaLikelihood: {
    readonly method: 'token-ids';
    readonly promptTokens: number;
    readonly sequenceTokens: readonly number[];
    readonly tokenizeCalls: number;
  };
  /**
   * The completions reply, cut to what is read back: each choice's `index` and `logprobs.token_logprobs`, and
   * `model` and `usage`. The full reply (top log-probs, token strings and offsets of every prompt token of every
   * option) is many times larger and would be walked by the redactor and stored for nothing. Entries written
   * before this cut hold the full reply, which reads the same.
   */
  readonly completion: unknown;
}

interface CompletionShape {
  model?: unknown;
  usage?: unknown;
  choices?: unknown;
}

/** The part of a token-id completions reply `readTokenIdLikelihoodReply` reads; anything unexpected is kept whole. */
export function slimTokenIdCompletion(completion: unknown): unknown {
  if (typeof completion !== 'object' || completion === null) return completion;
  const { model, usage, choices } = completion as CompletionShape;
  if (!Array.isArray(choices)) return completion;
  return {
    ...(model === undefined ? {} : { model }),
    ...(usage === undefined ? {} : { usage }),
    choices: choices.map((choice: unknown) => {
      if (typeof choice !== 'object' || choice === null) return choice;
      const { index, logprobs } = choice as { index?: unknown; logprobs?: unknown };
      return {
        ...(index === undefined ? {} : { index }),
        logprobs:
          typeof logprobs === 'object' && logprobs !== null
            ? { token_logprobs: (logprobs as { token_logprobs?: unknown }).token_logprobs }
            : logprobs,
      };
    }),
  };
}

/** Tokenizes the prompt alone and each prompt + option, all at once (1 + options calls). */
export async function tokenizeLikelihood(
  tokenize: Tokenize,
  prompt: LikelihoodPrompt,
  options: { timeoutMs: number },
): Promise<TokenizedLikelihood> {
  const texts = [
    prompt.prompt,
    ...prompt.continuations.map((continuation) => `${prompt.prompt}${continuation}`),
  ];
  const [promptIds, ...sequences] = await Promise.all(texts.map((text) => tokenize(text, options)));
  return { promptTokens: promptIds?.length ?? 0, sequences, tokenizeCalls: texts.length };
}

export function tokenIdResponse(
  tokenized: TokenizedLikelihood,
  completion: unknown,
): TokenIdLikelihoodResponse {
  return {
    kensaLikelihood: {
      method: 'token-ids',
      promptTokens: tokenized.promptTokens,
      sequenceTokens: tokenized.sequences.map((sequence) => sequence.length),
      tokenizeCalls: tokenized.tokenizeCalls,
    },
    completion: slimTokenIdCompletion(completion),
  };
}

export function isTokenIdResponse(response: unknown): response is TokenIdLikelihoodResponse {
  return (
    typeof response === 'object' &&
    response !== null &&
    (response as Partial<TokenIdLikelihoodResponse>).kensaLikelihood?.method === 'token-ids'
  );
}

/**
 * Scores each option as med-eval does: the log-probabilities the server echoed for the tokens of prompt + option
 * after the prompt's own token count. Token strings and offsets are never looked at.
 */
export function readTokenIdLikelihoodReply(
  response: TokenIdLikelihoodResponse,
  likelihood: LikelihoodPrompt,
): ModelReply {
  const { promptTokens, sequenceTokens, tokenizeCalls } = response.kensaLikelihood;
  const choices = likelihoodChoices(response.completion, likelihood.continuations.length);
  const scores = likelihood.continuations.map((_, index) => {
    const logprobs = choices[index]?.logprobs;
    if (logprobs === undefined || logprobs === null || !Array.isArray(logprobs.token_logprobs)) {
      throw new LikelihoodUnsupportedError({
        behaviour:
          'answers an echo request for token-id prompts without prompt log-probabilities (logprobs is null)',
      });
    }
    return tokenContinuationLogprob(logprobs.token_logprobs, promptTokens, sequenceTokens[index] ?? 0);
  });
  return likelihoodReply(scores, { method: 'token-ids', tokenizeCalls });
}
