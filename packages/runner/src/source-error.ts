import { KensaError } from '@kensa/core';

/**
 * What went wrong with a source file:
 * - `missing`: not in the `--data-dir` mirror;
 * - `checksum`: the bytes do not match the pinned SHA-256 (a download, a mirror copy);
 * - `http`: the server refused the download (a 4xx, or a 5xx/429 that outlasted the retries);
 * - `network`: no answer (connection error or timeout) after the retries;
 * - `invalid`: the file's description cannot be resolved safely (e.g. `..` in its path, conflicting duplicates);
 * - `io`: a local read or write failed (permissions, disk full);
 * - `decode`: the file is not valid UTF-8.
 */
export type SourceErrorReason = 'missing' | 'checksum' | 'http' | 'network' | 'invalid' | 'io' | 'decode';

/** A benchmark source file could not be resolved; names the file, where it was looked for, and what to do. */
export class SourceError extends KensaError {
  /** The source's short name, e.g. `igakuqa`. */
  readonly source: string;
  /** The file's upstream path, the key of `SourceContents`. */
  readonly path: string;
  /** The upstream download address, when known. */
  readonly url: string | undefined;
  readonly reason: SourceErrorReason;
  /** The HTTP status of the last answer, for `http` failures. */
  readonly status: number | undefined;

  constructor(options: {
    source: string;
    path: string;
    url?: string;
    reason: SourceErrorReason;
    status?: number;
    message: string;
    cause?: unknown;
  }) {
    super('source', options.message, { cause: options.cause });
    this.name = 'SourceError';
    this.source = options.source;
    this.path = options.path;
    this.url = options.url;
    this.reason = options.reason;
    this.status = options.status;
  }

  static override isInstance(error: unknown): error is SourceError {
    return KensaError.isInstance(error) && error.code === 'source';
  }
}
