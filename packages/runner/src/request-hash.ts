import { sha256Hex } from './sha256';

/** What identifies a model request for the response cache. */
export interface RequestHashInput {
  /** The OpenAI-compatible base URL, e.g. `https://api.openai.com/v1`; secrets in it are stripped first. */
  readonly endpoint: string;
  readonly model: string;
  /** The JSON request body as sent (messages, sampling parameters, …). */
  readonly body: unknown;
}

/**
 * Query parameters that carry credentials in the wild (Azure's `api-key`, Google's `key`, proxies' `token`).
 * Compared case-insensitively.
 */
export const secretQueryParameters = new Set([
  'api-key',
  'api_key',
  'apikey',
  'key',
  'token',
  'access_token',
]);

/**
 * The cache key of a model request: lowercase hex SHA-256 of the canonical JSON of the redacted endpoint, the
 * model and the body. Key order in the body does not matter; array order does.
 */
export function requestHash(input: RequestHashInput): string {
  const canonical = canonicalJson({
    endpoint: redactEndpoint(input.endpoint),
    model: input.model,
    body: input.body,
  });
  return sha256Hex(canonical);
}

/**
 * The cache key of one sample of a model's request, as every run keys it: the body is `{ request, sample }`, so the
 * K samples of one prompt are K entries.
 */
export function sampleRequestHash(
  model: { readonly endpoint: string; readonly name: string },
  request: unknown,
  sample: number,
): string {
  return requestHash({ endpoint: model.endpoint, model: model.name, body: { request, sample } });
}

/**
 * An endpoint URL without secrets, in one spelling: lowercase scheme and host, no userinfo
 * (`https://user:key@host`), no credential query parameters (`api-key`, `key`, `token`, `access_token`, …), no
 * fragment, no trailing slashes. Safe to hash, store and print.
 */
export function redactEndpoint(url: string): string {
  // Called for every request hashed; a run has one or a few endpoints.
  const known = redactedEndpoints.get(url);
  if (known !== undefined) return known;
  const redacted = redactEndpointUncached(url);
  if (redactedEndpoints.size >= 64) redactedEndpoints.clear();
  redactedEndpoints.set(url, redacted);
  return redacted;
}

const redactedEndpoints = new Map<string, string>();

function redactEndpointUncached(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    // The address is not echoed: it may hold an API key.
    throw new TypeError('The model endpoint is not a valid URL (expected e.g. https://api.openai.com/v1).', {
      cause: error,
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`The model endpoint must be an http(s) URL, not ${parsed.protocol}.`);
  }
  const query = new URLSearchParams();
  for (const [name, value] of parsed.searchParams) {
    if (!secretQueryParameters.has(name.toLowerCase())) {
      query.append(name, value);
    }
  }
  const search = query.toString();
  // `URL` already lowercases the scheme and host and drops a default port.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${search ? `?${search}` : ''}`;
}

/**
 * JSON with the keys of every object sorted (by UTF-16 code units), so equal values give equal text whatever
 * the key order. Arrays keep their order. Otherwise it follows `JSON.stringify`: `toJSON` is honoured,
 * `undefined` and functions are left out of objects and become `null` in arrays, non-finite numbers become
 * `null`, and a `bigint` or a cycle throws a `TypeError`.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value, []);
  if (text === undefined) {
    throw new TypeError(`canonicalJson: a value of type ${typeof value} has no JSON form.`);
  }
  return text;
}

const frozenFlatObjects = new WeakMap<object, string>();

// Every request of a run is hashed, so this builds the text by appending rather than through arrays and joins.
// `ancestors` is the path from the root: a handful of objects deep, so `includes` is cheaper than a Set.
function serialise(value: unknown, ancestors: object[]): string | undefined {
  const current = hasToJson(value) ? value.toJSON() : value;
  if (current === null || typeof current !== 'object') {
    return JSON.stringify(current);
  }
  if (ancestors.includes(current)) {
    throw new TypeError('canonicalJson: the value contains a cycle.');
  }
  ancestors.push(current);
  try {
    if (Array.isArray(current)) {
      let text = '[';
      for (let index = 0; index < current.length; index++) {
        if (index > 0) text += ',';
        text += serialise(current[index], ancestors) ?? 'null';
      }
      return `${text}]`;
    }
    const record = current as Record<string, unknown>;
    const remembered = frozenFlatObjects.get(record);
    if (remembered !== undefined) return remembered;
    let text = '{';
    let flat = true;
    for (const key of Object.keys(record).sort()) {
      const value = record[key];
      if (typeof value === 'object' && value !== null) flat = false;
      const member = serialise(value, ancestors);
      if (member === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${member}`;
    }
    text += '}';
    // A frozen object of plain values cannot change: its text is kept (the few-shot turns of every request).
    if (flat && Object.isFrozen(record)) frozenFlatObjects.set(record, text);
    return text;
  } finally {
    ancestors.pop();
  }
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}
