import { type ChatRequestBody, contentText, type ReplyPolicy, toMockReply } from './mock-reply';
import { checkCommonFields, type RequestCheck, sampleCount } from './request-check';

export function checkChatBody(body: unknown): RequestCheck<ChatRequestBody> {
  const common = checkCommonFields(body);
  if (!common.ok) return common;
  const messages = common.body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return { ok: false, message: "'messages' must be a non-empty array of messages.", param: 'messages' };
  }
  for (const [position, message] of messages.entries()) {
    if (typeof message !== 'object' || message === null || typeof message.role !== 'string') {
      return {
        ok: false,
        message: `'messages[${position}]' must be an object with a string 'role'.`,
        param: `messages[${position}]`,
      };
    }
  }
  return { ok: true, body: common.body as unknown as ChatRequestBody };
}

/** Builds a `chat.completion` object with one choice per sample, asking `reply` for each. */
export async function chatCompletion(options: {
  body: ChatRequestBody;
  index: number;
  created: number;
  reply: ReplyPolicy;
}): Promise<unknown> {
  const { body, index } = options;
  let text = '';
  let promptTokens = 0;
  for (const message of body.messages) {
    const messageText = contentText(message.content);
    promptTokens += messageText.length;
    if (message.role === 'user') text = messageText;
  }
  const choices = [];
  let completionTokens = 0;
  let promptTokensOverride: number | undefined;
  for (let sample = 0; sample < sampleCount(body); sample++) {
    const reply = toMockReply(await options.reply({ kind: 'chat', body, index, sample, text }));
    completionTokens += reply.usage?.completionTokens ?? reply.content.length;
    promptTokensOverride ??= reply.usage?.promptTokens;
    const message: Record<string, unknown> = { role: 'assistant', content: reply.content };
    if (reply.reasoningContent !== undefined) message.reasoning_content = reply.reasoningContent;
    choices.push({ index: sample, message, logprobs: null, finish_reason: reply.finishReason ?? 'stop' });
  }
  promptTokens = promptTokensOverride ?? promptTokens;
  return {
    id: `chatcmpl-mock-${index}`,
    object: 'chat.completion',
    created: options.created,
    model: body.model,
    choices,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}
