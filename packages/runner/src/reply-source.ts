import type { BatchOutcome } from './batch-file';
import type { ModelRequest } from './model';

/** A request the run would send, as a reply source sees it. */
export interface ReplySourceTask {
  readonly benchmark: string;
  readonly itemId: string;
  readonly sample: number;
  /** The cache key of the request (the same whichever way it is answered). */
  readonly requestHash: string;
  readonly request: ModelRequest;
}

/** A reply source's answer: a raw response, an error to log against the item, or nothing yet. */
export type ReplySourceOutcome = BatchOutcome | { readonly kind: 'pending' };

/**
 * Where replies come from instead of sending each request: a batch file being written (every request stays
 * pending), or batch results being read. The run treats a response exactly like one the model sent: the same
 * parsing, scoring, log record and cache entry.
 */
export interface ReplySource {
  answer(task: ReplySourceTask): ReplySourceOutcome;
}
