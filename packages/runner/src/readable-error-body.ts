/**
 * The openai SDK reads an error's message from `body.error.message`. vLLM before 0.10.1 and SGLang send a flat
 * body (`{"object": "error", "message": …, "type": "BadRequestError", "code": 400}`, vLLM
 * `vllm/entrypoints/openai/protocol.py` `ErrorResponse`), FastAPI a `detail`, Ollama `{"error": "…"}`: the SDK
 * then says only "400 status code (no body)". This wraps a `fetch` so such bodies reach the SDK nested.
 */
export function withReadableErrorBodies(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status < 400) return response;
    const { body, nested } = readableErrorBody(await response.text());
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    if (nested) headers.set('content-type', 'application/json');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

/**
 * An error body as the SDK can read it: a flat, `detail`, string-`error` or plain-text body rewritten nested
 * (`nested` true; the body is then JSON), any other body as it came. `withReadableErrorBodies` applies it to a
 * `fetch`; the lean request path applies it to the text it read.
 */
export function readableErrorBody(raw: string): { readonly body: string; readonly nested: boolean } {
  const nested = nestedError(parseJsonOrUndefined(raw), raw);
  return nested === undefined ? { body: raw, nested: false } : { body: JSON.stringify(nested), nested: true };
}

function nestedError(payload: unknown, raw: string): unknown {
  if (typeof payload !== 'object' || payload === null) {
    const text = raw.trim();
    return text === ''
      ? undefined
      : { error: { message: text.slice(0, 500), type: null, param: null, code: null } };
  }
  const record = payload as Record<string, unknown>;
  const error = record.error;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return undefined;
  }
  const message =
    typeof record.message === 'string'
      ? record.message
      : typeof error === 'string'
        ? error
        : typeof record.detail === 'string'
          ? record.detail
          : record.detail !== undefined
            ? JSON.stringify(record.detail)
            : undefined;
  if (message === undefined) return undefined;
  return {
    error: {
      message,
      type: typeof record.type === 'string' ? record.type : null,
      param: typeof record.param === 'string' ? record.param : null,
      code: record.code === undefined || record.code === null ? null : String(record.code),
    },
  };
}

/** The JSON value of a body, or undefined when it is not JSON. */
export function parseJsonOrUndefined(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
