import OpenAI from 'openai';
import type { ErrorVerdict } from './classify-model-error';
import { LikelihoodRefusedError, LikelihoodUnsupportedError } from './likelihood-error';
import { TokenizeFailedError } from './server-tokenizer';

/**
 * What an API error to a likelihood request says about the server, when it is about the request's shape rather
 * than a passing fault: llama.cpp throws "Only no echo is supported" (`tools/server/utils.hpp`,
 * `oaicompat_completion_params_parse`, sent as HTTP 500); Ollama reads `prompt` as a Go string
 * (`openai/openai.go`, `CompletionRequest`), so a list prompt is a 400; OpenAI answers a chat model on
 * `/v1/completions` with 404 "This is a chat model and not supported in the v1/completions endpoint".
 */
export function likelihoodShapeProblem(error: unknown): string | undefined {
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return undefined;
  const { status } = error;
  const message = error.message;
  const quoted = `HTTP ${status} "${message.replace(/^\d{3}\s*/, '').slice(0, 160)}"`;
  if (/chat model|v1\/chat\/completions/i.test(message)) return `serves a chat-only model (${quoted})`;
  if (/echo/i.test(message)) return `does not echo the prompt (${quoted})`;
  if (status === 404 && !/model/i.test(message)) return `has no completions endpoint (${quoted})`;
  if ((status === 400 || status === 422) && /prompt|unmarshal|logprob/i.test(message)) {
    return `refuses the likelihood request's prompt list or logprobs (${quoted})`;
  }
  if (status === 501) return `does not implement the request (${quoted})`;
  return undefined;
}

/**
 * Sorts an error of a likelihood request. A server that cannot do likelihood stops the run on the first
 * request (one message saying what it lacks); a reply that cannot be trusted refuses its item (and stops the
 * run when it is the first); shape errors are never retried as transient. Undefined leaves the error to
 * `classifyModelError`.
 */
export function classifyLikelihoodError(
  error: unknown,
  options: { first: boolean },
): ErrorVerdict | undefined {
  if (LikelihoodUnsupportedError.isInstance(error)) return { action: 'abort', message: error.message };
  if (LikelihoodRefusedError.isInstance(error)) {
    return { action: options.first ? 'abort' : 'fail', message: error.message };
  }
  if (TokenizeFailedError.isInstance(error)) {
    return {
      action: 'retry',
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
  }
  const problem = likelihoodShapeProblem(error);
  if (problem !== undefined) {
    const status = (error as { status?: number }).status;
    return {
      action: 'abort',
      message: new LikelihoodUnsupportedError({ behaviour: problem }).message,
      ...(status === undefined ? {} : { status }),
    };
  }
  return undefined;
}
