import { type CompletionRequestBody, type ReplyPolicy, toMockReply } from './mock-reply';
import { checkCommonFields, type RequestCheck, sampleCount } from './request-check';
import { type LogprobPolicy, mockTokenLength, tokenLogprobs } from './token-logprobs';

export function checkCompletionBody(body: unknown): RequestCheck<CompletionRequestBody> {
  const common = checkCommonFields(body);
  if (!common.ok) return common;
  const prompt = common.body.prompt;
  const valid =
    typeof prompt === 'string' ||
    (Array.isArray(prompt) && prompt.length > 0 && prompt.every((entry) => typeof entry === 'string'));
  if (!valid) {
    return {
      ok: false,
      message: "'prompt' must be a string or a non-empty array of strings (token arrays are not supported).",
      param: 'prompt',
    };
  }
  return { ok: true, body: common.body as unknown as CompletionRequestBody };
}

/**
 * Builds a `text_completion` object. An array `prompt` gets `n` choices per prompt, prompt after prompt, as
 * OpenAI orders them (choice index = prompt index × n + sample). With `echo` the text starts with the prompt;
 * with `logprobs` every choice carries per-token log-probabilities and character offsets, and `max_tokens`
 * cuts the reply to that many mock tokens (0 leaves only the echoed prompt).
 */
export async function textCompletion(options: {
  body: CompletionRequestBody;
  index: number;
  created: number;
  reply: ReplyPolicy;
  logprob: LogprobPolicy;
}): Promise<unknown> {
  const { body, index } = options;
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
  const samples = sampleCount(body);
  const choices = [];
  let promptTokens = 0;
  let completionTokens = 0;
  let promptTokensOverride: number | undefined;
  for (const [promptIndex, text] of prompts.entries()) {
    promptTokens += text.length;
    for (let sample = 0; sample < samples; sample++) {
      const reply = toMockReply(
        await options.reply({ kind: 'completions', body, index, sample, promptIndex, text }),
      );
      completionTokens += reply.usage?.completionTokens ?? reply.content.length;
      promptTokensOverride ??= reply.usage?.promptTokens;
      const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : undefined;
      const generated =
        maxTokens === undefined ? reply.content : reply.content.slice(0, maxTokens * mockTokenLength);
      const choiceText = body.echo === true ? `${text}${generated}` : generated;
      const wantsLogprobs = typeof body.logprobs === 'number' || body.logprobs === true;
      choices.push({
        text: choiceText,
        index: promptIndex * samples + sample,
        logprobs: wantsLogprobs ? tokenLogprobs(choiceText, options.logprob) : null,
        finish_reason: reply.finishReason ?? 'stop',
      });
    }
  }
  promptTokens = promptTokensOverride ?? promptTokens;
  return {
    id: `cmpl-mock-${index}`,
    object: 'text_completion',
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
