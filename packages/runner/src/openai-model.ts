import { type LikelihoodPrompt, messagesToText, splitThinking, toOpenAIMessages } from '@kensa/core';
import OpenAI from 'openai';
import { createLeanFetch, type LeanFetch } from './lean-fetch';
import type { Model, ModelReply, ModelRequest, ModelTask, SamplingParameters } from './model';
import { NotJsonReplyError } from './not-json-reply-error';
import { withReadableErrorBodies } from './readable-error-body';
import { redactEndpoint } from './request-hash';
import { samplingFields } from './sampling-defaults';
import { createServerTokenizer } from './server-tokenizer';

export interface OpenAIModelOptions {
  /** The model name the server knows (`Qwen/Qwen2.5-72B-Instruct`, `llama3.1`, `gpt-4o`). */
  readonly model: string;
  /** The server's OpenAI-compatible base URL, e.g. `http://localhost:8000/v1`. */
  readonly baseURL: string;
  /** The API key; local servers need none. */
  readonly apiKey?: string;
  /** `chat` (default) sends messages; `completions` sends the conversation as one text, for base models. */
  readonly api?: 'chat' | 'completions';
  /**
   * The `fetch` the SDK uses. Default: a lean keep-alive `node:http` fetch (`createLeanFetch`), which costs far
   * less CPU per request than Node's built-in one; pass `globalThis.fetch` to use that instead.
   */
  readonly fetch?: typeof fetch;
  /** Connections kept open to the server; match the run's concurrency. Default 64. */
  readonly maxConnections?: number;
  /** Replies over this many bytes fail their item unread (`ReplyTooLargeError`). Default 16 MiB. */
  readonly maxReplyBytes?: number;
}

/** Reply length for completions requests when `--max-tokens` is not given (the API's own default is 16). */
export const completionMaxTokens = 1024;

/** Where a completions-endpoint model should stop: before it starts writing the next question. */
const completionStop = ['\n\n問題:'];

interface ChatResponseShape {
  choices?: {
    message?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      thinking?: string | null;
    };
    text?: string;
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** Reads a chat or completions response leniently: only the fields a reply needs. */
export function parseOpenAIResponse(response: unknown): ModelReply {
  if (typeof response === 'string') throw new NotJsonReplyError(response);
  const shape = response as ChatResponseShape;
  const choice = shape.choices?.[0];
  if (choice === undefined) throw new Error('The response has no choices.');
  const content = choice.message?.content ?? choice.text ?? '';
  const { answer, reasoning: thinkBlock } = splitThinking(content);
  // vLLM and SGLang send `reasoning_content`, vLLM ≥ 0.10 and Ollama's OpenAI layer (`openai/openai.go`) `reasoning`,
  // Ollama's native API `thinking`.
  const message = choice.message;
  const reasoning = message?.reasoning_content || message?.reasoning || message?.thinking || thinkBlock;
  return {
    text: answer,
    ...(reasoning ? { reasoning } : {}),
    ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}),
    ...(shape.usage === undefined
      ? {}
      : {
          usage: { promptTokens: shape.usage.prompt_tokens, completionTokens: shape.usage.completion_tokens },
        }),
  };
}

/** A model behind an OpenAI-compatible endpoint (vLLM, Ollama, OpenAI, …), called through the official SDK. */
export function createOpenAIModel(options: OpenAIModelOptions): Model {
  const api = options.api ?? 'chat';
  const leanFetch =
    options.fetch === undefined
      ? createLeanFetch({
          maxSockets: options.maxConnections ?? 64,
          ...(options.maxReplyBytes === undefined ? {} : { maxReplyBytes: options.maxReplyBytes }),
        })
      : undefined;
  const fetchFunction = withReadableErrorBodies(options.fetch ?? (leanFetch as LeanFetch));
  const tokenize = createServerTokenizer({
    baseURL: options.baseURL,
    model: options.model,
    fetch: fetchFunction,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
  });
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Local servers need no key, but the SDK insists on one; this placeholder is never a secret.
    apiKey: options.apiKey ?? 'no-key',
    maxRetries: 0,
    fetch: fetchFunction,
  });

  return {
    name: options.model,
    endpoint: redactEndpoint(options.baseURL),
    cacheable: true,
    request(task: ModelTask, sampling: SamplingParameters): ModelRequest {
      const fields = samplingFields(sampling, { model: options.model, sample: task.sample });
      if (api === 'chat') {
        return {
          api,
          body: { model: options.model, messages: toOpenAIMessages(task.prompt.messages), ...fields },
        };
      }
      if (task.prompt.messages.some((message) => (message.images?.length ?? 0) > 0)) {
        throw new Error(
          `${task.item.id} has images, which a completions endpoint cannot take; use the chat API.`,
        );
      }
      const prompt = messagesToText(task.prompt.messages);
      // The completions API stops after 16 tokens unless told otherwise, which would cut every explanation.
      const body = {
        model: options.model,
        prompt,
        stop: completionStop,
        max_tokens: completionMaxTokens,
        ...fields,
      };
      return { api, body };
    },
    likelihoodRequest(likelihood: LikelihoodPrompt): ModelRequest {
      // All options in one request; max_tokens 1 because some servers refuse 0. The generated token lies past
      // the echoed text and is never counted.
      const prompt = likelihood.continuations.map((continuation) => `${likelihood.prompt}${continuation}`);
      return {
        api: 'completions',
        body: { model: options.model, prompt, echo: true, logprobs: 1, max_tokens: 1, temperature: 0 },
      };
    },
    tokenize,
    likelihoodTokenRequest(sequences): ModelRequest {
      // Token-id prompts (vLLM, SGLang) are scored as sent: no BOS is added to them, so the ids carry the
      // tokenizer's own special tokens from /tokenize.
      return {
        api: 'completions',
        body: {
          model: options.model,
          prompt: sequences,
          echo: true,
          logprobs: 1,
          max_tokens: 1,
          temperature: 0,
        },
      };
    },
    async send(request, { signal, timeoutMs }) {
      const requestOptions = {
        ...(signal === undefined ? {} : { signal }),
        timeout: timeoutMs,
        maxRetries: 0,
      };
      if (request.api === 'completions') {
        return client.completions.create(
          request.body as unknown as OpenAI.CompletionCreateParamsNonStreaming,
          requestOptions,
        );
      }
      return client.chat.completions.create(
        request.body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming,
        requestOptions,
      );
    },
    parse: parseOpenAIResponse,
    ...(leanFetch === undefined ? {} : { requestsSent: leanFetch.requestsSent }),
  };
}
