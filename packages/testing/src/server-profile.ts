import type { OpenAIErrorBody } from './openai-error';
import { openAIError } from './openai-error';
import { loadVocabulary, type Vocabulary, type VocabularyName } from './profile-vocabulary';
import type { RecordedRequest } from './recorded-request';
import type { TokenIdLogprobPolicy } from './token-id-logprob';

/**
 * Servers the mock can behave like, each reproduced from its source:
 * - `vllm-v0`: vLLM 0.6.x V0 engine (`vllm/entrypoints/openai/serving_completion.py`,
 *   `_create_completion_logprobs`; incremental detokenization `vllm/transformers_utils/detokenizer.py`): a
 *   token's string is the text it completes ('' while a character's bytes are partial); flat error bodies.
 * - `vllm-v1-0.8`: vLLM 0.8.x V1 engine: echoed prompt tokens as raw vocabulary pieces (`Ġ`, `æĺ¯`); flat errors.
 * - `vllm-v1-2025`: vLLM 0.9–0.10.0: each prompt token decoded alone (one `�` per partial byte piece); flat errors.
 * - `vllm`: vLLM ≥ 0.10.1: as 0.9 for logprobs, errors nested as `{"error": {…}}`.
 * In every vLLM profile `text_offset[0] = 0`, `text_offset[i] = text_offset[i-1] + len(token[i-1])` (Python
 * code points), the first token's string is `decode(first_id)`, text prompts get the tokenizer's BOS, token-id
 * prompts are used as sent, `top_logprobs` is `[null, {token: logprob}, …]` (`_create_completion_logprobs`: None
 * where a position has no logprobs, else the top `logprobs + 1` entries; here the token itself), and `POST
 * /tokenize` (at the root only: `vllm/entrypoints/serve/tokenize/api_router.py`) answers `{count, max_model_len,
 * tokens, token_strs: null}`. A path vLLM does not route is FastAPI's own 404 `{"detail": "Not Found"}`: vLLM's
 * error handler is registered on FastAPI's `HTTPException`, which Starlette's route-not-found is not.
 * - `sglang`: SGLang ≥ 0.5.2 (`python/sglang/srt/entrypoints/openai/utils.py`, `to_openai_style_logprobs`
 *   appends `text_offset` -1 for every token, "Not supported yet"; `top_logprobs` a list, `[null, {…}, …]`);
 *   `/tokenize` and `/v1/tokenize` (`entrypoints/http_server.py`, added by sgl-project/sglang#9545) answering
 *   `{tokens, count, max_model_len}`; flat `ErrorResponse` bodies (`serving_base.py`, `create_error_response`).
 * - `sglang-0.4`: SGLang 0.4.x–0.5.1 (`python/sglang/srt/openai_api/adapter.py`): the same logprobs, and no
 *   tokenize endpoint (FastAPI's 404 `{"detail": "Not Found"}` on both paths).
 * - `llama.cpp`: llama-server (`tools/server/utils.hpp`, `oaicompat_completion_params_parse`): `echo` throws
 *   "Only no echo is supported" (a plain `runtime_error`: HTTP 500 `server_error`); `POST /tokenize` (root only)
 *   reads `content`, `add_special`, `with_pieces` (a piece is its text, or its bytes as numbers when they are not
 *   valid UTF-8: `is_valid_utf8(piece)` in the handler); an unrouted path is `set_error_handler`'s 404 "File Not Found"
 *   (`not_found_error`).
 * - `ollama`: Ollama's OpenAI layer (`openai/openai.go`): `prompt` is a Go string, so a list is a 400; no
 *   tokenize endpoint (Gin's plain-text "404 page not found"); chat reasoning in `message.reasoning`.
 * - `openai`: api.openai.com: chat models on `/v1/completions` are a 404; reasoning models (o1, o3, o4-mini,
 *   gpt-5) reject `max_tokens` (`unsupported_parameter`) and any temperature but 1 (`unsupported_value`); an
 *   unknown path is a 404 "Unknown request URL" (`unknown_url`). These bodies are as users pasted them in GitHub
 *   issues (no source exists); see `openai-error.ts`.
 */
export type ServerProfileName =
  | 'vllm-v0'
  | 'vllm-v1-0.8'
  | 'vllm-v1-2025'
  | 'vllm'
  | 'sglang'
  | 'sglang-0.4'
  | 'llama.cpp'
  | 'ollama'
  | 'openai';

export const serverProfileNames: readonly ServerProfileName[] = [
  'vllm-v0',
  'vllm-v1-0.8',
  'vllm-v1-2025',
  'vllm',
  'sglang',
  'sglang-0.4',
  'llama.cpp',
  'ollama',
  'openai',
];

export interface ServerProfileOptions {
  readonly name: ServerProfileName;
  /** The served model's tokenizer. Default `qwen3`. */
  readonly vocabulary?: VocabularyName;
  /** OpenAI profile: answer every request 429 `insufficient_quota`. */
  readonly quotaExhausted?: boolean;
}

/** A profile's answer: JSON, or a plain-text body (Ollama's 404). */
export interface ProfileAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly plainText?: boolean;
}

/** vLLM's default `max_model_len` for the mock's imagined model. */
const maxModelLength = 32768;

const isVllm = (name: ServerProfileName) => name.startsWith('vllm');
const isSglang = (name: ServerProfileName) => name.startsWith('sglang');

/** Flat (vLLM < 0.10.1, SGLang `ErrorResponse`) or nested error bodies. */
function profileError(
  name: ServerProfileName,
  status: number,
  message: string,
  fields: { type?: string; param?: string; code?: string } = {},
): ProfileAnswer {
  const flat = name === 'vllm-v0' || name === 'vllm-v1-0.8' || name === 'vllm-v1-2025' || isSglang(name);
  if (flat) {
    return {
      status,
      body: {
        object: 'error',
        message,
        type: fields.type ?? 'BadRequestError',
        param: fields.param ?? null,
        code: status,
      },
    };
  }
  const body: OpenAIErrorBody = openAIError(message, fields);
  return { status, body };
}

/** A path the server does not route, as each answers it. */
export function notFoundAsProfile(
  name: ServerProfileName | undefined,
  method: string,
  path: string,
): ProfileAnswer {
  if (name !== undefined && (isVllm(name) || isSglang(name)))
    return { status: 404, body: { detail: 'Not Found' } };
  if (name === 'llama.cpp') {
    return {
      status: 404,
      body: { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } },
    };
  }
  if (name === 'ollama') return { status: 404, body: '404 page not found', plainText: true };
  return {
    status: 404,
    body: openAIError(
      `Unknown request URL: ${method} ${path}. Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.`,
      { code: 'unknown_url' },
    ),
  };
}

/**
 * Answers a request the way the profile's server would, or undefined to leave it to the mock's defaults
 * (plain chat and completions replies through the reply policy).
 */
export async function answerAsProfile(
  profile: ServerProfileOptions,
  record: RecordedRequest,
  context: { logprob: TokenIdLogprobPolicy; created: number },
): Promise<ProfileAnswer | undefined> {
  const { name } = profile;
  const body = (record.body ?? {}) as Record<string, unknown>;
  if (name === 'openai' && profile.quotaExhausted) {
    return {
      status: 429,
      body: openAIError(
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        { type: 'insufficient_quota', code: 'insufficient_quota' },
      ),
    };
  }
  if (record.kind === 'tokenize') return tokenizeAnswer(profile, record, body);
  const maxTokens = body.max_tokens;
  if (isVllm(name) && typeof maxTokens === 'number' && maxTokens > maxModelLength) {
    return profileError(
      name,
      400,
      `This model's maximum context length is ${maxModelLength} tokens. However, you requested ${maxTokens} tokens in the completion. Please reduce the length of the messages or completion.`,
    );
  }
  if (record.kind === 'chat') return chatCheck(name, body);
  if (record.kind !== 'completions') return undefined;

  if (name === 'openai') {
    return {
      status: 404,
      body: openAIError(
        'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?',
        { param: 'model' },
      ),
    };
  }
  if (name === 'ollama') {
    if (typeof body.prompt !== 'string') {
      return {
        status: 400,
        body: openAIError(
          'json: cannot unmarshal array into Go struct field CompletionRequest.prompt of type string',
        ),
      };
    }
    return undefined;
  }
  if (name === 'llama.cpp') {
    if (body.echo === true) {
      return {
        status: 500,
        body: { error: { code: 500, message: 'Only no echo is supported', type: 'server_error' } },
      };
    }
    return undefined;
  }
  if (body.echo !== true) return undefined;
  return echoAnswer(profile, body, context);
}

/** OpenAI reasoning models' parameter checks; Ollama and vLLM chat fall through. */
function chatCheck(name: ServerProfileName, body: Record<string, unknown>): ProfileAnswer | undefined {
  if (name !== 'openai' || typeof body.model !== 'string' || !/^(o\d+|gpt-5)/.test(body.model))
    return undefined;
  if (body.max_tokens !== undefined) {
    return {
      status: 400,
      body: openAIError(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        { param: 'max_tokens', code: 'unsupported_parameter' },
      ),
    };
  }
  if (body.temperature !== undefined && body.temperature !== 1) {
    return {
      status: 400,
      body: openAIError(
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
        { param: 'temperature', code: 'unsupported_value' },
      ),
    };
  }
  return undefined;
}

async function tokenizeAnswer(
  profile: ServerProfileOptions,
  record: RecordedRequest,
  body: Record<string, unknown>,
): Promise<ProfileAnswer> {
  const { name } = profile;
  // vLLM and llama.cpp serve /tokenize at the root only; SGLang ≥ 0.5.2 at both; the others not at all.
  const served = name === 'sglang' || ((isVllm(name) || name === 'llama.cpp') && record.path === '/tokenize');
  if (!served) return notFoundAsProfile(name, record.method, record.path);
  const vocabulary = await loadVocabulary(profile.vocabulary ?? 'qwen3');
  if (name === 'llama.cpp') {
    // tools/server/server.cpp handle_tokenize: `content`, `add_special` (default false), `with_pieces`.
    const content = typeof body.content === 'string' ? body.content : undefined;
    if (content === undefined) return { status: 200, body: { tokens: [] } };
    const ids = vocabulary.encode(content, body.add_special === true);
    const tokens =
      body.with_pieces === true ? ids.map((id) => ({ id, piece: llamaCppPiece(vocabulary.bytes(id)) })) : ids;
    return { status: 200, body: { tokens } };
  }
  if (typeof body.prompt !== 'string') {
    // FastAPI's validation error, as each server words it (SGLang: type "Bad Request"); Kensa always sends one.
    return profileError(name, 400, "1 validation error: 'prompt' Field required", {
      param: 'prompt',
      ...(isSglang(name) ? { type: 'Bad Request' } : {}),
    });
  }
  const ids = vocabulary.encode(body.prompt, body.add_special_tokens !== false);
  return {
    status: 200,
    body: {
      count: ids.length,
      max_model_len: maxModelLength,
      tokens: ids,
      ...(isVllm(name) ? { token_strs: null } : {}),
    },
  };
}

/** llama-server's `piece`: the token's text when its bytes are valid UTF-8, else the bytes as numbers. */
function llamaCppPiece(bytes: Uint8Array): string | number[] {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [...bytes];
  }
}

/** The prompts of a completions body as token ids: text prompts tokenized with BOS, token-id prompts as sent. */
function promptIds(prompt: unknown, vocabulary: Vocabulary): number[][] | undefined {
  if (typeof prompt === 'string') return [vocabulary.encode(prompt, true)];
  if (!Array.isArray(prompt) || prompt.length === 0) return undefined;
  if (prompt.every((entry) => Number.isInteger(entry))) return [prompt as number[]];
  if (prompt.every((entry) => typeof entry === 'string')) {
    return (prompt as string[]).map((text) => vocabulary.encode(text, true));
  }
  if (prompt.every((entry) => Array.isArray(entry) && entry.length > 0 && entry.every(Number.isInteger))) {
    return prompt as number[][];
  }
  return undefined;
}

/** Token strings of an echoed sequence, as each profile's detokenizer produced them. */
function tokenStrings(name: ServerProfileName, ids: readonly number[], vocabulary: Vocabulary): string[] {
  const first = vocabulary.decode(ids.slice(0, 1));
  if (name === 'vllm-v1-0.8') return [first, ...ids.slice(1).map((id) => vocabulary.piece(id))];
  if (name === 'vllm-v0') {
    // Incremental detokenization: a token's text is what it adds once its character is complete.
    const strings = [first];
    let emitted = first;
    for (let end = 2; end <= ids.length; end++) {
      const text = vocabulary.decode(ids.slice(0, end));
      if (text.endsWith('\uFFFD')) {
        strings.push('');
        continue;
      }
      strings.push(text.slice(emitted.length));
      emitted = text;
    }
    return strings;
  }
  return ids.map((id) => vocabulary.decode([id]));
}

async function echoAnswer(
  profile: ServerProfileOptions,
  body: Record<string, unknown>,
  context: { logprob: TokenIdLogprobPolicy; created: number },
): Promise<ProfileAnswer> {
  const { name } = profile;
  const vocabulary = await loadVocabulary(profile.vocabulary ?? 'qwen3');
  const prompts = promptIds(body.prompt, vocabulary);
  if (prompts === undefined) {
    return profileError(
      name,
      400,
      'prompt must be a string, array of strings, array of tokens, or array of token arrays',
      {
        param: 'prompt',
      },
    );
  }
  const wantsLogprobs = typeof body.logprobs === 'number';
  if (isSglang(name) && body.logprobs === 0) {
    // tokenizer_manager.add_logprob_to_meta_info sets meta_info["input_top_logprobs"] only when top_logprobs_num
    // > 0, and serving_completions.py _build_completion_response reads it for an echo: a KeyError, which
    // OpenAIServingBase.handle_request answers as an internal error.
    return profileError(name, 500, "Internal server error: 'input_top_logprobs'", {
      type: 'InternalServerError',
    });
  }
  const choices = prompts.map((ids, index) => {
    // One generated token (max_tokens 1): the end of text.
    const sequence = [...ids, vocabulary.endId];
    const strings = tokenStrings(name, sequence, vocabulary);
    const offsets: number[] = [];
    let offset = 0;
    for (const text of strings) {
      offsets.push(isSglang(name) ? -1 : offset);
      offset += [...text].length;
    }
    const logprobs = sequence.map((_, position) =>
      position === 0 ? null : context.logprob({ ids: sequence, index: position }),
    );
    // Each position's top entries; the mock's model ranks the token it was given first, so it is the only one.
    const top = logprobs.map((logprob, position) =>
      logprob === null ? null : { [strings[position] as string]: logprob },
    );
    return {
      index,
      text: vocabulary.decode(sequence),
      logprobs: wantsLogprobs
        ? { tokens: strings, token_logprobs: logprobs, text_offset: offsets, top_logprobs: top }
        : null,
      finish_reason: 'length',
    };
  });
  const promptTokens = prompts.reduce((total, ids) => total + ids.length, 0);
  return {
    status: 200,
    body: {
      id: `cmpl-profile-${context.created}`,
      object: 'text_completion',
      created: context.created,
      model: body.model,
      choices,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: prompts.length,
        total_tokens: promptTokens + prompts.length,
      },
    },
  };
}
