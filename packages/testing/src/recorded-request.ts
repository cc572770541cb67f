import type { FaultKind } from './fault';

/** The endpoints the mock server answers. */
export type EndpointKind = 'chat' | 'completions' | 'models' | 'tokenize';

/** One request as the server received it. */
export interface RecordedRequest {
  /** Position in arrival order since the server started (or since `reset()`); equals its index in `requests`. */
  readonly index: number;
  readonly method: string;
  /** The path without the query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Which endpoint the path names; undefined for unknown paths. */
  readonly kind: EndpointKind | undefined;
  /** Header names are lowercase, as Node delivers them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body exactly as sent, decoded as UTF-8. */
  readonly rawBody: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
  /** The fault injected into this request, if any. */
  readonly fault?: FaultKind;
  /** The status sent, once headers are written; undefined while pending and for `hang`. */
  readonly status?: number;
}

/** Fields a recorded request must match; every given field must match. */
export interface RequestFilter {
  readonly kind?: EndpointKind;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  /** A specific fault kind. */
  readonly fault?: FaultKind;
  /** true: any fault was injected; false: none was. */
  readonly faulted?: boolean;
  /** true: answered 200 without a fault (a well-formed reply was sent); false: anything else. */
  readonly completed?: boolean;
}

export function matchesFilter(
  request: RecordedRequest,
  filter: RequestFilter | ((request: RecordedRequest) => boolean),
): boolean {
  if (typeof filter === 'function') {
    return filter(request);
  }
  if (filter.kind !== undefined && request.kind !== filter.kind) return false;
  if (filter.method !== undefined && request.method !== filter.method.toUpperCase()) return false;
  if (filter.path !== undefined && request.path !== filter.path) return false;
  if (filter.status !== undefined && request.status !== filter.status) return false;
  if (filter.fault !== undefined && request.fault !== filter.fault) return false;
  if (filter.faulted !== undefined && (request.fault !== undefined) !== filter.faulted) return false;
  if (filter.completed !== undefined && isCompleted(request) !== filter.completed) return false;
  return true;
}

function isCompleted(request: RecordedRequest): boolean {
  return request.status === 200 && request.fault === undefined;
}
