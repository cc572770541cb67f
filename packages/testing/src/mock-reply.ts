/** One message of a chat request as clients send it; only `role` is checked by the server. */
export interface RequestMessage {
  readonly role: string;
  readonly content?: string | ReadonlyArray<{ readonly type: string; readonly text?: string }> | null;
  readonly [field: string]: unknown;
}

/** A chat-completions request body (after the server checked `model`, `messages` and `n`). */
export interface ChatRequestBody {
  readonly model: string;
  readonly messages: readonly RequestMessage[];
  readonly n?: number;
  readonly [field: string]: unknown;
}

/** A completions request body (after the server checked `model`, `prompt` and `n`). */
export interface CompletionRequestBody {
  readonly model: string;
  readonly prompt: string | readonly string[];
  readonly n?: number;
  readonly [field: string]: unknown;
}

interface ReplyRequestBase {
  /** The request's position in arrival order (`RecordedRequest.index`). */
  readonly index: number;
  /** Which of the `n` samples is asked for, from 0. */
  readonly sample: number;
  /**
   * The text the reply answers: the last user message of a chat request (text parts joined), or this choice's
   * prompt of a completions request.
   */
  readonly text: string;
}

/** What a reply policy is asked to answer: one choice of one request. */
export type ReplyRequest =
  | (ReplyRequestBase & { readonly kind: 'chat'; readonly body: ChatRequestBody })
  | (ReplyRequestBase & {
      readonly kind: 'completions';
      readonly body: CompletionRequestBody;
      /** Which prompt of an array `prompt` this choice answers, from 0. */
      readonly promptIndex: number;
    });

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | (string & {});

/** A scripted reply; a plain string is the same as `{ content }`. */
export interface MockReply {
  readonly content: string;
  /** Sent as `message.reasoning_content` (chat only), as vLLM does for reasoning models. */
  readonly reasoningContent?: string;
  /** Default 'stop'. */
  readonly finishReason?: FinishReason;
  /** Overrides the counted usage (by default one token per UTF-16 code unit). */
  readonly usage?: { readonly promptTokens?: number; readonly completionTokens?: number };
}

/** Decides the assistant text for each choice. May be async; a thrown error becomes a 500 answer. */
export type ReplyPolicy = (request: ReplyRequest) => string | MockReply | Promise<string | MockReply>;

/** The default policy: every question is answered 「答え: a」, whatever it asks. */
export const defaultReply: ReplyPolicy = () => '答え: a';

export function toMockReply(reply: string | MockReply): MockReply {
  return typeof reply === 'string' ? { content: reply } : reply;
}

/** The text of a message's content: a string, or the `text` of its text parts joined. */
export function contentText(content: RequestMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (typeof part?.text === 'string') text += part.text;
  }
  return text;
}
