import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KensaError } from '@kensa/core';
import OpenAI, { toFile } from 'openai';
import {
  type BatchRequestLine,
  type BatchResults,
  emptyBatchResults,
  openAIBatchLimits,
  readBatchResults,
  splitBatchLines,
} from './batch-file';
import { readJsonFile, writeJsonFile } from './run-folder';

/** The run folder's record of its batches, so a killed CLI finds them again and resumes polling. */
export const batchStateFile = 'batches.json';

/** One batch as the run folder remembers it. */
export interface BatchState {
  /** Set once the input file is uploaded; a batch is created from it next. */
  readonly inputFileId: string;
  readonly endpoint: BatchRequestLine['url'];
  readonly customIds: readonly string[];
  readonly bytes: number;
  readonly id?: string;
  readonly status?: OpenAI.Batch['status'];
  readonly requestCounts?: OpenAI.BatchRequestCounts;
  readonly outputFileId?: string;
  readonly errorFileId?: string;
  /** Its results are in the run log: a later invocation leaves it alone. */
  readonly ingested?: boolean;
  readonly submittedAt: string;
}

interface BatchStateDocument {
  readonly formatVersion: 1;
  readonly batches: BatchState[];
}

/** The Batch API said no (a rejected upload, an unknown batch id): what failed and what to do. */
export class BatchApiError extends KensaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('batch-api', message, options);
    this.name = 'BatchApiError';
  }

  static override isInstance(error: unknown): error is BatchApiError {
    return KensaError.isInstance(error) && error.code === 'batch-api';
  }
}

const terminal = new Set<OpenAI.Batch['status']>(['completed', 'failed', 'expired', 'cancelled']);

export interface RunOpenAIBatchesOptions {
  /** The API's base URL, e.g. `https://api.openai.com/v1`. */
  readonly baseURL: string;
  readonly apiKey?: string;
  readonly fetch?: typeof fetch;
  /** The SDK's retries of each API call (5xx, 429, dropped connections). Default 5. */
  readonly maxRetries?: number;
  readonly runDir: string;
  /** The requests still pending in the run; those not already in an unfinished batch are submitted. */
  readonly lines: readonly BatchRequestLine[];
  readonly limits?: { maxLines: number; maxBytes: number };
  /** First wait between polls; it grows by half each time up to `maxPollIntervalMs`. Default 10 s. */
  readonly pollIntervalMs?: number;
  /** Default 30 times the first wait (5 min). */
  readonly maxPollIntervalMs?: number;
  readonly metadata?: Record<string, string>;
  /** A progress line: a batch's status and counts. */
  readonly onProgress?: (line: string) => void;
}

export interface OpenAIBatchOutcome {
  readonly results: BatchResults;
  readonly batches: readonly BatchState[];
  /** Records in the run folder that the results are in the log now. */
  markIngested(): Promise<void>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the pending requests through the OpenAI Batch API: uploads them (`/v1/files`, purpose `batch`) split
 * under the per-batch limits, creates one batch per file (`/v1/batches`, 24 h window), polls with backoff,
 * downloads the output and error files, and returns their lines by custom_id. Every step is recorded in the run
 * folder first, so a killed CLI finds its batches again and polls instead of paying twice. Lines of a batch that
 * expired, failed or was cancelled without an answer come back as errors naming the batch.
 */
export async function runOpenAIBatches(options: RunOpenAIBatchesOptions): Promise<OpenAIBatchOutcome> {
  // The SDK's own retries ride out a 5xx or a dropped connection while polling for hours.
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey ?? 'no-key',
    maxRetries: options.maxRetries ?? 5,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const statePath = path.join(options.runDir, batchStateFile);
  const state: BatchStateDocument = existsSync(statePath)
    ? (readJsonFile<BatchStateDocument>(statePath) as BatchStateDocument)
    : { formatVersion: 1, batches: [] };
  const save = () => writeJsonFile(statePath, state);
  const update = async (index: number, change: Partial<BatchState>) => {
    state.batches[index] = { ...(state.batches[index] as BatchState), ...change };
    await save();
  };
  const progress = options.onProgress ?? (() => {});

  const covered = new Set(
    state.batches.filter((batch) => !batch.ingested).flatMap((batch) => batch.customIds),
  );
  const fresh = options.lines.filter((line) => !covered.has(line.custom_id));
  for (const chunk of splitBatchLines(fresh, options.limits ?? openAIBatchLimits)) {
    const name = `kensa-${path.basename(options.runDir)}-${state.batches.length + 1}.jsonl`;
    const upload = await toFile(Buffer.from(chunk.text), name);
    const file = await call('upload the batch file', () =>
      client.files.create({ file: upload, purpose: 'batch' }),
    );
    state.batches.push({
      inputFileId: file.id,
      endpoint: chunk.endpoint,
      customIds: chunk.customIds,
      bytes: Buffer.byteLength(chunk.text),
      submittedAt: new Date().toISOString(),
    });
    await save();
    progress(`uploaded ${file.id}: ${chunk.customIds.length} requests for ${chunk.endpoint}`);
  }

  const active = state.batches.flatMap((batch, index) => (batch.ingested ? [] : [index]));
  for (const index of active) {
    const batch = state.batches[index] as BatchState;
    if (batch.id !== undefined) continue;
    const created = await call('create the batch', () =>
      client.batches.create({
        input_file_id: batch.inputFileId,
        endpoint: batch.endpoint,
        completion_window: '24h',
        ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      }),
    );
    await update(index, { id: created.id, status: created.status });
    progress(`created ${created.id} (${batch.customIds.length} requests; results within 24 h)`);
  }

  const finished = new Map<number, OpenAI.Batch>();
  let waitMs = options.pollIntervalMs ?? 10_000;
  const maxWaitMs = options.maxPollIntervalMs ?? waitMs * 30;
  for (;;) {
    let open = 0;
    for (const index of active) {
      const batch = state.batches[index] as BatchState;
      if (finished.has(index)) continue;
      const current = await call(`read batch ${batch.id}`, () => client.batches.retrieve(batch.id as string));
      await update(index, {
        status: current.status,
        ...(current.request_counts === undefined ? {} : { requestCounts: current.request_counts }),
        ...(current.output_file_id ? { outputFileId: current.output_file_id } : {}),
        ...(current.error_file_id ? { errorFileId: current.error_file_id } : {}),
      });
      const counts = current.request_counts;
      progress(
        `${current.id}: ${current.status}` +
          (counts === undefined
            ? ''
            : ` · ${counts.completed}/${counts.total} done, ${counts.failed} failed`),
      );
      if (terminal.has(current.status)) finished.set(index, current);
      else open++;
    }
    if (open === 0) break;
    await sleep(waitMs);
    waitMs = Math.min(maxWaitMs, Math.round(waitMs * 1.5));
  }

  const results = emptyBatchResults();
  for (const index of active) {
    const batch = state.batches[index] as BatchState;
    for (const fileId of [batch.outputFileId, batch.errorFileId]) {
      if (fileId === undefined) continue;
      const response = await call(`download ${fileId}`, () => client.files.content(fileId));
      readBatchResults(await response.text(), `${batch.id}:${fileId}`, results);
    }
    if (batch.status !== 'completed') {
      const reason = batchFailure(finished.get(index) as OpenAI.Batch);
      for (const customId of batch.customIds) {
        if (!results.outcomes.has(customId))
          results.outcomes.set(customId, { kind: 'error', message: reason });
      }
    }
  }
  return {
    results,
    batches: state.batches,
    async markIngested() {
      for (const index of active)
        state.batches[index] = { ...(state.batches[index] as BatchState), ingested: true };
      await save();
    },
  };
}

function batchFailure(batch: OpenAI.Batch): string {
  const first = batch.errors?.data?.[0];
  const detail =
    first === undefined
      ? ''
      : `: ${first.code ?? 'error'}${first.line == null ? '' : ` at line ${first.line}`} ${first.message ?? ''}`.trimEnd();
  const advice = batch.status === 'expired' ? ' (not finished within 24 h; run again to resubmit)' : '';
  return `batch ${batch.id} ${batch.status}${detail}${advice}`;
}

async function call<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof OpenAI.APIError) {
      throw new BatchApiError(`Could not ${what}: ${describe(error)}.`, { cause: error });
    }
    throw error;
  }
}
