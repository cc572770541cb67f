import { secretQueryParameters } from './request-hash';

/** Removes every secret Kensa was given from a text; the identity when there are none. */
export type Redactor = (text: string) => string;

/** What a redactor is built from: the API key and every URL Kensa was given (`--base-url`, `OPENAI_BASE_URL`). */
export interface SecretSources {
  readonly apiKey?: string | undefined;
  readonly urls?: readonly (string | undefined)[];
}

/** The redactor of a run given no secrets: leaves every text as it is. */
export const noRedaction: Redactor = (text) => text;

/** What a secret becomes in anything Kensa writes or prints. */
export const redactedMark = '[redacted]';

/**
 * Shorter values are not treated as secrets: replacing every `ab` in a log would damage the replies and protect
 * nothing (no real key or password is that short).
 */
const minimumSecretLength = 4;

function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A value that is not a URL may still be a pasted key: keep the whole of it out of every output.
    return [url];
  }
  const secrets = [parsed.username, parsed.password];
  for (const [name, value] of parsed.searchParams) {
    if (secretQueryParameters.has(name.toLowerCase())) secrets.push(value);
  }
  // Userinfo and query values appear percent-encoded in the URL and decoded in what a server echoes.
  return secrets.flatMap((secret) => {
    try {
      return [secret, decodeURIComponent(secret)];
    } catch {
      return [secret];
    }
  });
}

/** Each secret as it may appear: plain, inside a JSON string, and percent-encoded in a URL. */
function spellings(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

/**
 * The one redactor of a run: every string Kensa writes (run files, cache, report) or prints (stdout, stderr,
 * `--json`, error messages) goes through it, so a key a server echoes back in an error body, a password in
 * `https://user:pass@host`, or an `?api_key=` in the base URL is never written anywhere.
 */
export function createRedactor(sources: SecretSources): Redactor {
  const candidates = [
    ...(sources.apiKey === undefined ? [] : [sources.apiKey]),
    ...(sources.urls ?? []).flatMap((url) => (url === undefined ? [] : urlSecrets(url))),
  ];
  const secrets = [
    ...new Set(candidates.filter((secret) => secret.length >= minimumSecretLength).flatMap(spellings)),
  ]
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return noRedaction;
  return (text) => {
    let result = text;
    for (const secret of secrets) {
      if (result.includes(secret)) result = result.split(secret).join(redactedMark);
    }
    return result;
  };
}

/** `value` with its secrets removed, through its JSON form; the same object when it holds none. */
export function redactValue<T>(value: T, redact: Redactor): T {
  // Likelihood replies run to megabytes: with nothing to remove, they are not serialised just to find that out.
  if (redact === noRedaction) return value;
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const redacted = redact(text);
  return redacted === text ? value : (JSON.parse(redacted) as T);
}
