import type { ContinuationScore, Item, LikelihoodPrompt, RenderedPrompt } from '@kensa/core';

/** Sampling settings sent with every request of a run. */
export interface SamplingParameters {
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly topP?: number;
  /** Seed of sample 0; sample k of K is sent seed + k, so seed-honouring servers draw K different samples. */
  readonly seed?: number;
}

/** One question to answer: the item, its rendered prompt, and which of K samples this is (0-based). */
export interface ModelTask {
  readonly item: Item;
  readonly prompt: RenderedPrompt;
  readonly sample: number;
}

/** What a model answered, with the reasoning kept apart from the answer. */
export interface ModelReply {
  readonly text: string;
  /** `reasoning_content` / `reasoning`, or a `<think>` block stripped from the text. */
  readonly reasoning?: string;
  readonly finishReason?: string;
  readonly usage?: { readonly promptTokens?: number; readonly completionTokens?: number };
  /** Likelihood scoring: each option's score, and the options picked by summed and by per-token mean log-probability. */
  readonly likelihood?: {
    readonly options: readonly ContinuationScore[];
    readonly bySum: string;
    readonly byMean: string;
    /**
     * `token-ids`: the tokens of prompt + option after the prompt's own, by server token counts (med-eval's and
     * lm-evaluation-harness's continuation); `offsets`: proven character offsets.
     */
    readonly method?: 'token-ids' | 'offsets';
    /** Tokenize calls the item cost (1 + options with token ids, 0 with offsets or from the cache). */
    readonly tokenizeCalls?: number;
  };
}

/** A request as it goes over the wire; its hash keys the response cache. */
export interface ModelRequest {
  readonly api: 'chat' | 'completions' | 'baseline';
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Something that answers questions: a model behind an OpenAI-compatible endpoint, or a built-in baseline.
 * `request` is pure (no IO), so the run can hash and cache it before anything is sent.
 */
export interface Model {
  /** The model name as given (`gpt-4o`, `baseline:examinee-majority`). */
  readonly name: string;
  /** Where it is served, without credentials; `builtin` for baselines. */
  readonly endpoint: string;
  /** Whether replies may be cached (baselines are computed, never cached). */
  readonly cacheable: boolean;
  request(task: ModelTask, sampling: SamplingParameters): ModelRequest;
  /** For likelihood scoring: one completions request echoing every option after the prompt, with log-probs. */
  likelihoodRequest?(prompt: LikelihoodPrompt): ModelRequest;
  /** Tokenizes text through the server (with its special tokens, e.g. BOS), for likelihood by token ids. */
  tokenize?(text: string, options: { timeoutMs: number }): Promise<number[]>;
  /** For likelihood by token ids: one completions request echoing every token-id sequence with log-probs. */
  likelihoodTokenRequest?(sequences: readonly (readonly number[])[]): ModelRequest;
  /** Sends the request; `parse` turns a cached or fresh raw response into a reply. */
  send(request: ModelRequest, options: { timeoutMs: number; signal?: AbortSignal }): Promise<unknown>;
  parse(response: unknown): ModelReply;
  /** Requests that reached the network so far (a request still waiting for a socket is not counted). */
  requestsSent?(): number;
}
