import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceFile } from '@kensa/core';
import { backoffDelay, parseRetryAfter } from './retry-delay';
import { sha256Mismatch } from './sha256';
import { SourceError } from './source-error';
import { writeFileAtomic } from './write-file-atomic';

/** How downloads are made; shared by `downloadFile` and `resolveSources`. */
export interface DownloadOptions {
  /** The `fetch` to use; defaults to the global one. Tests pass their own. */
  fetch?: typeof fetch;
  /** Retries after the first attempt, for network errors, timeouts, 5xx and 429. Default 3. */
  retries?: number;
  /** First backoff delay; doubles per retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of the backoff delay. Default 10 s. */
  maxDelayMs?: number;
  /** Cap of a wait asked for by a `Retry-After` header. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Time allowed for one attempt, headers and body. Default 60 s. */
  timeoutMs?: number;
  /** Cancels the download; the promise then rejects with the signal's reason and nothing is written. */
  signal?: AbortSignal;
}

/** A failed attempt that will be retried after `delayMs`. */
export interface RetryEvent {
  /** The 1-based attempt that failed. */
  readonly attempt: number;
  readonly delayMs: number;
  /** Why it failed, e.g. `the server answered 503 Service Unavailable`. */
  readonly reason: string;
}

export interface DownloadFileOptions extends DownloadOptions {
  onRetry?: (event: RetryEvent) => void;
}

/** The parts of a `SourceFile` a download needs; `source` and `path` name the file in errors. */
export type DownloadTarget = Pick<SourceFile, 'source' | 'path' | 'url' | 'sha256'>;

const mirrorHint = 'or pass --data-dir DIR (or set KENSA_DATA_DIR) with a mirror of the upstream paths';

/**
 * Downloads `file.url`, verifies it against `file.sha256` when given, and writes it atomically to `destination`.
 * Network errors, timeouts, 5xx and 429 are retried with backoff; other answers fail at once. Bytes that do not
 * match the checksum are never written. Returns the bytes.
 */
export async function downloadFile(
  file: DownloadTarget,
  destination: string,
  options: DownloadFileOptions = {},
): Promise<Buffer> {
  const data = await fetchWithRetries(file, options);
  const actual = sha256Mismatch(file.sha256, data);
  if (actual !== undefined) {
    throw new SourceError({
      source: file.source,
      path: file.path,
      url: file.url,
      reason: 'checksum',
      message:
        `The download of ${file.source} file '${file.path}' from ${file.url} does not match its pinned checksum: ` +
        `expected sha256 ${file.sha256}, got ${actual}. Nothing was cached. The upstream file changed or the ` +
        `download was altered on the way; report it to the benchmark's maintainers, or pass --data-dir DIR ` +
        `with a verified mirror of the upstream paths.`,
    });
  }
  try {
    await writeFileAtomic(destination, data);
  } catch (error) {
    throw new SourceError({
      source: file.source,
      path: file.path,
      url: file.url,
      reason: 'io',
      message:
        `Could not save ${file.source} file '${file.path}' to ${destination}: ${describeError(error)}. Check that ` +
        `the folder is writable and has free space, or set KENSA_CACHE_DIR to another folder.`,
      cause: error,
    });
  }
  return data;
}

interface AttemptFailure {
  reason: string;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

async function fetchWithRetries(file: DownloadTarget, options: DownloadFileOptions): Promise<Buffer> {
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const backoff = { baseDelayMs: options.baseDelayMs ?? 500, maxDelayMs: options.maxDelayMs ?? 10_000 };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RangeError(`retries must be a whole number >= 0, got ${retries}`);
  }

  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let failure: AttemptFailure;
    try {
      const response = await fetchImplementation(file.url, { signal, redirect: 'follow' });
      if (response.ok) {
        return Buffer.from(await response.arrayBuffer());
      }
      // Release the connection; the error body is of no use.
      await response.body?.cancel().catch(() => {});
      const status = response.status;
      failure = {
        reason: `the server answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`,
        retryable: status >= 500 || status === 429,
        status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    } catch (error) {
      if (options.signal?.aborted) {
        throw options.signal.reason;
      }
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      failure = {
        reason: timedOut ? `no complete answer within ${timeoutMs} ms` : describeError(error),
        retryable: true,
        cause: error,
      };
    }

    if (!failure.retryable || attempt > retries) {
      throw attemptError(file, failure, attempt);
    }
    const delayMs =
      failure.retryAfterMs === undefined
        ? backoffDelay(attempt, backoff)
        : Math.min(failure.retryAfterMs, maxRetryAfterMs);
    options.onRetry?.({ attempt, delayMs, reason: failure.reason });
    try {
      await sleep(delayMs, undefined, { signal: options.signal });
    } catch (error) {
      throw options.signal?.reason ?? error;
    }
  }
}

function attemptError(file: DownloadTarget, failure: AttemptFailure, attempts: number): SourceError {
  const tries = attempts === 1 ? '' : ` (${attempts} attempts)`;
  const hint =
    failure.retryable || failure.status === undefined
      ? `Check your network and try again later, ${mirrorHint}.`
      : `Check that the file exists upstream at the pinned revision, ${mirrorHint}.`;
  return new SourceError({
    source: file.source,
    path: file.path,
    url: file.url,
    reason: failure.status === undefined ? 'network' : 'http',
    status: failure.status,
    message: `Could not download ${file.source} file '${file.path}' from ${file.url}${tries}: ${failure.reason}. ${hint}`,
    cause: failure.cause,
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  // Node's fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND, …) in `cause`.
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? code : cause.message})`;
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code)
    ? `${error.message} (${code})`
    : error.message;
}
