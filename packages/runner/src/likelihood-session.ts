import type { LikelihoodPrompt } from '@kensa/core';
import { readLikelihoodReply } from './likelihood-reply';
import {
  isTokenIdResponse,
  readTokenIdLikelihoodReply,
  tokenIdResponse,
  tokenizeLikelihood,
} from './likelihood-tokens';
import type { Model, ModelReply, ModelRequest } from './model';
import { TokenizeUnavailableError } from './server-tokenizer';

export type LikelihoodMethod = 'token-ids' | 'offsets';

/** How a run's likelihood requests go out: decided by the first request, kept for the rest. */
export interface LikelihoodSession {
  readonly method: LikelihoodMethod | undefined;
  /** Sends one item's request and returns the response in the form the cache keeps. */
  send(prompt: LikelihoodPrompt, textRequest: ModelRequest, options: { timeoutMs: number }): Promise<unknown>;
  read(response: unknown, prompt: LikelihoodPrompt): ModelReply;
}

/**
 * Token ids when the server tokenizes (vLLM, SGLang, llama.cpp): the prompt and each prompt + option are
 * tokenized through the server and sent as token-id prompts, so what is scored is exactly med-eval's
 * continuation. Character offsets only when the server has no tokenize endpoint, and then only replies whose
 * offsets prove themselves are scored.
 */
export function createLikelihoodSession(model: Model): LikelihoodSession {
  let method: LikelihoodMethod | undefined =
    model.tokenize === undefined || model.likelihoodTokenRequest === undefined ? 'offsets' : undefined;
  return {
    get method() {
      return method;
    },
    async send(prompt, textRequest, options) {
      if (
        method !== 'offsets' &&
        model.tokenize !== undefined &&
        model.likelihoodTokenRequest !== undefined
      ) {
        try {
          const tokenized = await tokenizeLikelihood(model.tokenize, prompt, options);
          method = 'token-ids';
          const completion = await model.send(model.likelihoodTokenRequest(tokenized.sequences), options);
          return tokenIdResponse(tokenized, completion);
        } catch (error) {
          if (!(TokenizeUnavailableError.isInstance(error) && method === undefined)) throw error;
          method = 'offsets';
        }
      }
      return model.send(textRequest, options);
    },
    read(response, prompt) {
      return isTokenIdResponse(response)
        ? readTokenIdLikelihoodReply(response, prompt)
        : readLikelihoodReply(response, prompt);
    },
  };
}
