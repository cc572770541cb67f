import { type LikelihoodPrompt, messagesToText, splitThinking, toOpenAIMessages } from '@kensa/core';
import OpenAI from 'openai';
import { createLeanFetch } from './lean-fetch';
import type { Model, ModelReply, ModelRequest, ModelTask, SamplingParameters } from './model';
import { redactEndpoint } from './request-hash';

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
}

/** Reply length for completions requests when `--max-tokens` is not given (the API's own default is 16). */
export const completionMaxTokens = 1024;

/** Where a completions-endpoint model should stop: before it starts writing the next question. */
const completionStop = ['\n\n問題:'];

function samplingFields(sampling: SamplingParameters): Record<string, unknown> {
  return {
    ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
    ...(sampling.topP === undefined ? {} : { top_p: sampling.topP }),
    ...(sampling.maxTokens === undefined ? {} : { max_tokens: sampling.maxTokens }),
    ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
  };
}

interface ChatResponseShape {
  choices?: {
    message?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
    text?: string;
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** Reads a chat or completions response leniently: only the fields a reply needs. */
export function parseOpenAIResponse(response: unknown): ModelReply {
  const shape = response as ChatResponseShape;
  const choice = shape.choices?.[0];
  if (choice === undefined) throw new Error('The response has no choices.');
  const content = choice.message?.content ?? choice.text ?? '';
  const { answer, reasoning: thinkBlock } = splitThinking(content);
  const reasoning = choice.message?.reasoning_content ?? choice.message?.reasoning ?? thinkBlock;
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
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Local servers need no key, but the SDK insists on one; this placeholder is never a secret.
    apiKey: options.apiKey ?? 'no-key',
    maxRetries: 0,
    fetch: options.fetch ?? createLeanFetch({ maxSockets: options.maxConnections ?? 64 }),
  });

  return {
    name: options.model,
    endpoint: redactEndpoint(options.baseURL),
    cacheable: true,
    request(task: ModelTask, sampling: SamplingParameters): ModelRequest {
      const fields = samplingFields(sampling);
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
  };
}
