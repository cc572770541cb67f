import { KensaError } from '@kensa/core';
import type { ModelRequest } from './model';

/**
 * One line of an OpenAI Batch input file, which `vllm run-batch` reads too. Shapes follow openai-node
 * `src/resources/batches.ts` (7.5.0) and vLLM `vllm/entrypoints/openai/run_batch.py` (`BatchRequestInput`,
 * commit 0056ae7b).
 */
export interface BatchRequestLine {
  readonly custom_id: string;
  readonly method: 'POST';
  readonly url: '/v1/chat/completions' | '/v1/completions';
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * One line of a Batch output or error file (`BatchRequestOutput` in vLLM): the response with its HTTP status,
 * or an error that is a string (vLLM), an `{ code, message }` object (OpenAI) or an `ErrorResponse` (vLLM).
 */
export interface BatchResultLine {
  readonly id?: string;
  readonly custom_id: string;
  readonly response?: { readonly status_code?: number; readonly body?: unknown } | null;
  readonly error?: unknown;
}

/** A batch file or a results file is malformed, or does not belong to this run. */
export class BatchFileError extends KensaError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(options: { file: string; line?: number; message: string }) {
    const where = options.line === undefined ? options.file : `${options.file}:${options.line}`;
    super('batch-file', `${where}: ${options.message}`);
    this.name = 'BatchFileError';
    this.file = options.file;
    this.line = options.line;
  }

  static override isInstance(error: unknown): error is BatchFileError {
    return KensaError.isInstance(error) && error.code === 'batch-file';
  }
}

/** Hex digits of the request hash kept in a custom_id: enough to tell any changed request from the one asked. */
const hashDigits = 16;

/** Which sample of which item a custom_id names, and the request it was written for. */
export interface CustomIdParts {
  readonly benchmark: string;
  readonly itemId: string;
  readonly sample: number;
  readonly hash: string;
}

/**
 * `<benchmark>/<item>#<sample>@<hash>`, e.g. `igakuqa/112A1#0@9f2c…`: readable in a results file, and matched
 * against the request the run would send now, so a result for a changed prompt or sampling setting is refused.
 */
export function batchCustomId(parts: Omit<CustomIdParts, 'hash'> & { requestHash: string }): string {
  return `${parts.benchmark}/${parts.itemId}#${parts.sample}@${parts.requestHash.slice(0, hashDigits)}`;
}

export function parseCustomId(customId: string): CustomIdParts | undefined {
  const match = /^([^/]+)\/(.+)#(\d+)@([0-9a-f]+)$/.exec(customId);
  if (match === null) return undefined;
  const [, benchmark, itemId, sample, hash] = match as unknown as [string, string, string, string, string];
  return { benchmark, itemId, sample: Number(sample), hash };
}

/** The Batch API endpoint a request goes to, as the `url` of its line and the `endpoint` of its batch. */
export function batchEndpoint(request: ModelRequest): BatchRequestLine['url'] {
  if (request.api === 'baseline') {
    throw new KensaError('usage', 'Built-in baselines answer at once; batch files need a served --model.');
  }
  return request.api === 'chat' ? '/v1/chat/completions' : '/v1/completions';
}

export function batchRequestLine(customId: string, request: ModelRequest): BatchRequestLine {
  return { custom_id: customId, method: 'POST', url: batchEndpoint(request), body: request.body };
}

/** The OpenAI Batch API's limits per batch: 50,000 requests and 200 MB of input file (openai-node batches.ts). */
export const openAIBatchLimits = { maxLines: 50_000, maxBytes: 200 * 1024 * 1024 } as const;

/**
 * JSONL chunks of the lines, each under the limits and holding one endpoint only (a batch has one endpoint).
 * Lines keep their order.
 */
export function splitBatchLines(
  lines: readonly BatchRequestLine[],
  limits: { maxLines: number; maxBytes: number } = openAIBatchLimits,
): { endpoint: BatchRequestLine['url']; text: string; customIds: string[] }[] {
  const chunks: { endpoint: BatchRequestLine['url']; text: string; customIds: string[] }[] = [];
  const open = new Map<string, { parts: string[]; bytes: number; customIds: string[] }>();
  const close = (endpoint: BatchRequestLine['url']) => {
    const chunk = open.get(endpoint);
    if (chunk === undefined || chunk.parts.length === 0) return;
    chunks.push({ endpoint, text: chunk.parts.join(''), customIds: chunk.customIds });
    open.delete(endpoint);
  };
  for (const line of lines) {
    const text = `${JSON.stringify(line)}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes > limits.maxBytes) {
      throw new KensaError(
        'usage',
        `The request of ${line.custom_id} alone is ${bytes} bytes, over the batch limit of ${limits.maxBytes}.`,
      );
    }
    let chunk = open.get(line.url);
    if (
      chunk !== undefined &&
      (chunk.parts.length >= limits.maxLines || chunk.bytes + bytes > limits.maxBytes)
    ) {
      close(line.url);
      chunk = undefined;
    }
    if (chunk === undefined) {
      chunk = { parts: [], bytes: 0, customIds: [] };
      open.set(line.url, chunk);
    }
    chunk.parts.push(text);
    chunk.bytes += bytes;
    chunk.customIds.push(line.custom_id);
  }
  for (const endpoint of [...open.keys()]) close(endpoint as BatchRequestLine['url']);
  return chunks;
}

/** What one result line says: a response to ingest, or an error to log against its item. */
export type BatchOutcome =
  | { readonly kind: 'response'; readonly response: unknown }
  | { readonly kind: 'error'; readonly message: string; readonly status?: number };

/** The lines of one or more results files, by custom_id, with what could not be used. */
export interface BatchResults {
  readonly outcomes: Map<string, BatchOutcome>;
  /** custom_ids seen more than once (the first successful line is kept). */
  readonly duplicates: string[];
}

export function emptyBatchResults(): BatchResults {
  return { outcomes: new Map(), duplicates: [] };
}

function errorText(error: unknown): string | undefined {
  if (error === null || error === undefined) return undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object') {
    const shape = error as { message?: unknown; code?: unknown; error?: { message?: unknown } };
    if (typeof shape.error?.message === 'string') return shape.error.message;
    if (typeof shape.message === 'string')
      return typeof shape.code === 'string' ? `${shape.code}: ${shape.message}` : shape.message;
  }
  return JSON.stringify(error);
}

/** Reads one result line into an outcome (a 200 with a body is a response; anything else an error). */
export function batchOutcome(line: BatchResultLine): BatchOutcome {
  const status = line.response?.status_code;
  const body = line.response?.body;
  const error = errorText(line.error);
  if (
    error === undefined &&
    (status === undefined || status === 200) &&
    body !== undefined &&
    body !== null
  ) {
    return { kind: 'response', response: body };
  }
  const bodyError = errorText((body as { error?: unknown } | undefined)?.error);
  return {
    kind: 'error',
    message: `batch: ${error ?? bodyError ?? `status ${status ?? 'unknown'} without a body`}`,
    ...(status === undefined ? {} : { status }),
  };
}

/**
 * Adds the lines of a results file (OpenAI's output or error file, or `vllm run-batch -o`) to `results`.
 * A line that is not a JSON object with a string custom_id is an error naming the file and line.
 */
export function readBatchResults(text: string, file: string, results = emptyBatchResults()): BatchResults {
  for (const [index, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    let line: BatchResultLine;
    try {
      line = JSON.parse(raw) as BatchResultLine;
    } catch {
      throw new BatchFileError({ file, line: index + 1, message: 'is not valid JSON.' });
    }
    if (typeof line !== 'object' || line === null || typeof line.custom_id !== 'string') {
      throw new BatchFileError({
        file,
        line: index + 1,
        message: 'has no custom_id; expected a Batch output line {"custom_id", "response", "error"}.',
      });
    }
    const outcome = batchOutcome(line);
    const before = results.outcomes.get(line.custom_id);
    if (before !== undefined) {
      results.duplicates.push(line.custom_id);
      if (before.kind === 'response') continue;
    }
    results.outcomes.set(line.custom_id, outcome);
  }
  return results;
}
