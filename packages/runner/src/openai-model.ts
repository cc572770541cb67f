import { type LikelihoodPrompt, messagesToText, splitThinking, toOpenAIMessages } from '@kensa/core';
import OpenAI from 'openai';
import { createLeanFetch } from './lean-fetch';
import { createLeanOpenAIRequest, type OpenAIEndpointCall } from './lean-openai-request';
import type { Model, ModelReply, ModelRequest, ModelTask, SamplingParameters } from './model';
import { NotJsonReplyError } from './not-json-reply-error';
import { withReadableErrorBodies } from './readable-error-body';
import { redactEndpoint } from './request-hash';
import { samplingFields } from './sampling-defaults';
import { createServerTokenizer, type Tokenize } from './server-tokenizer';

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
   * A `fetch` for the openai SDK to send requests with (`globalThis.fetch`, a test double). Default: none, and
   * requests go over a lean keep-alive `node:http` path (`createLeanFetch`, `createLeanOpenAIRequest`) that
   * skips the SDK's request machinery and costs far less CPU per request, with the SDK's errors all the same.
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

interface Transport {
  readonly call: OpenAIEndpointCall;
  readonly tokenize: Tokenize;
  readonly requestsSent?: () => number;
}

/** The default: requests and tokenize calls over the lean keep-alive path, counted. */
function leanTransport(options: OpenAIModelOptions): Transport {
  const leanFetch = createLeanFetch({
    maxSockets: options.maxConnections ?? 64,
    ...(options.maxReplyBytes === undefined ? {} : { maxReplyBytes: options.maxReplyBytes }),
  });
  const apiKey = options.apiKey === undefined ? {} : { apiKey: options.apiKey };
  return {
    call: createLeanOpenAIRequest({ baseURL: options.baseURL, post: leanFetch.post, ...apiKey }),
    tokenize: createServerTokenizer({
      baseURL: options.baseURL,
      model: options.model,
      post: leanFetch.post,
      ...apiKey,
    }),
    requestsSent: leanFetch.requestsSent,
  };
}

/** An injected `fetch` (tests, users): requests go through the openai SDK on it. */
function sdkTransport(options: OpenAIModelOptions, injected: typeof fetch): Transport {
  const fetchFunction = withReadableErrorBodies(injected);
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Local servers need no key, but the SDK insists on one; this placeholder is never a secret.
    apiKey: options.apiKey ?? 'no-key',
    maxRetries: 0,
    fetch: fetchFunction,
  });
  return {
    call(path, body, { signal, timeoutMs }) {
      const requestOptions = {
        ...(signal === undefined ? {} : { signal }),
        timeout: timeoutMs,
        maxRetries: 0,
      };
      if (path === 'completions') {
        return client.completions.create(body as OpenAI.CompletionCreateParamsNonStreaming, requestOptions);
      }
      return client.chat.completions.create(
        body as OpenAI.ChatCompletionCreateParamsNonStreaming,
        requestOptions,
      );
    },
    tokenize: createServerTokenizer({
      baseURL: options.baseURL,
      model: options.model,
      fetch: fetchFunction,
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    }),
  };
}

/**
 * A model behind an OpenAI-compatible endpoint (vLLM, Ollama, OpenAI, …): over a lean keep-alive path by
 * default, through the official SDK when a `fetch` is given; the errors are the SDK's either way.
 */
export function createOpenAIModel(options: OpenAIModelOptions): Model {
  const api = options.api ?? 'chat';
  const transport =
    options.fetch === undefined ? leanTransport(options) : sdkTransport(options, options.fetch);

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
      // the echoed text and is never counted. logprobs 1, not 0: SGLang's echo with 0 is a 500 (KeyError).
      const prompt = likelihood.continuations.map((continuation) => `${likelihood.prompt}${continuation}`);
      return {
        api: 'completions',
        body: { model: options.model, prompt, echo: true, logprobs: 1, max_tokens: 1, temperature: 0 },
      };
    },
    tokenize: transport.tokenize,
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
      const path = request.api === 'completions' ? 'completions' : 'chat/completions';
      return transport.call(path, request.body, { timeoutMs, ...(signal === undefined ? {} : { signal }) });
    },
    parse: parseOpenAIResponse,
    ...(transport.requestsSent === undefined ? {} : { requestsSent: transport.requestsSent }),
  };
}
