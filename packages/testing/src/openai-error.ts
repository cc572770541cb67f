/** The error body OpenAI-compatible servers send, which the openai SDK reads into `APIError.error`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(
  message: string,
  options: { type?: string; param?: string; code?: string } = {},
): OpenAIErrorBody {
  return {
    error: {
      message,
      type: options.type ?? 'invalid_request_error',
      param: options.param ?? null,
      code: options.code ?? null,
    },
  };
}
