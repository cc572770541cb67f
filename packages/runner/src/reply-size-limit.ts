import { KensaError } from '@kensa/core';

/**
 * The largest reply body read from a server by default: 16 MiB. A long explanation is a few kB and a likelihood
 * reply with echoed log-probs a few MB at most; anything larger is a misbehaving server.
 */
export const defaultMaxReplyBytes = 16 * 1024 * 1024;

/** `12.3 MB`, `512 kB`, `80 B` (powers of 1024, as the limit is given in MB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${bytes} B`;
}

/** A reply body larger than the limit: reading stopped there, and nothing of it is kept. */
export class ReplyTooLargeError extends KensaError {
  readonly limitBytes: number;
  /** The size announced by `Content-Length`, or the bytes read before reading stopped. */
  readonly sizeBytes: number;
  /** Whether `sizeBytes` is the whole reply (`Content-Length`) or only what arrived before the limit. */
  readonly sizeKnown: boolean;

  constructor(options: { limitBytes: number; sizeBytes: number; sizeKnown: boolean }) {
    const size = `${options.sizeKnown ? '' : 'more than '}${formatBytes(options.sizeBytes)}`;
    super(
      'reply-too-large',
      `the reply is ${size}, over the limit of ${formatBytes(options.limitBytes)}; it was not stored ` +
        '(raise --max-reply-size if such replies are expected)',
    );
    this.name = 'ReplyTooLargeError';
    this.limitBytes = options.limitBytes;
    this.sizeBytes = options.sizeBytes;
    this.sizeKnown = options.sizeKnown;
  }

  static override isInstance(error: unknown): error is ReplyTooLargeError {
    return KensaError.isInstance(error) && error.code === 'reply-too-large';
  }
}

/** The `ReplyTooLargeError` in an error or its chain of causes (the SDK wraps what `fetch` throws). */
export function findReplyTooLarge(error: unknown): ReplyTooLargeError | undefined {
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 8;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    if (ReplyTooLargeError.isInstance(current)) return current;
  }
  return undefined;
}
