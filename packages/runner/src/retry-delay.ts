/**
 * Exponential backoff with "equal jitter": half of the capped exponential delay is fixed, the other half random,
 * so parallel clients spread out but none retries immediately. `attempt` is the 1-based attempt that failed.
 */
export function backoffDelay(
  attempt: number,
  options: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Milliseconds to wait from a `Retry-After` header (delay in seconds, or an HTTP date); undefined if unusable. */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header === undefined) {
    return undefined;
  }
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  // Every HTTP-date form starts with a day name; `Date.parse` alone would accept '-5' as a year.
  const date = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}
