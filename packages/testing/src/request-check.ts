/** The outcome of checking a request body: the typed body, or what is wrong with it (sent back as a 400). */
export type RequestCheck<Body> =
  | { readonly ok: true; readonly body: Body }
  | { readonly ok: false; readonly message: string; readonly param?: string };

/** The largest `n` accepted, as OpenAI's API does. */
const maxSamples = 128;

/** Checks what chat and completions bodies share: a JSON object with a `model` string and a valid `n`. */
export function checkCommonFields(body: unknown): RequestCheck<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'The request body must be a JSON object.' };
  }
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') {
    return {
      ok: false,
      message: "You must provide a model parameter ('model': a non-empty string).",
      param: 'model',
    };
  }
  const n = record.n;
  if (
    n !== undefined &&
    n !== null &&
    !(Number.isInteger(n) && (n as number) >= 1 && (n as number) <= maxSamples)
  ) {
    return {
      ok: false,
      message: `'n' must be an integer from 1 to ${maxSamples}, got ${JSON.stringify(n)}.`,
      param: 'n',
    };
  }
  if (record.stream === true) {
    return {
      ok: false,
      message: 'The Kensa mock server does not stream responses; send the request with stream: false.',
      param: 'stream',
    };
  }
  return { ok: true, body: record };
}

export function sampleCount(body: { readonly n?: number | null }): number {
  return body.n ?? 1;
}
