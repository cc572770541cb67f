import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletion, checkChatBody } from './chat-completion';
import { defaultReply, type ReplyPolicy } from './mock-reply';
import { openAIError } from './openai-error';
import { checkCompletionBody, textCompletion } from './text-completion';
import { defaultLogprob, type LogprobPolicy } from './token-logprobs';

/*
 * A stand-in for the OpenAI Files and Batch APIs, built from openai-node 7.5.0 (`src/resources/files.ts`,
 * `src/resources/batches.ts`, commit 7b7d6ca7): the `FileObject` and `Batch` shapes, the statuses
 * (validating → in_progress → finalizing → completed; failed, expired, cancelling → cancelled), `request_counts`,
 * `output_file_id` / `error_file_id`, and the limits of 50,000 requests and 200 MB per input file. Output and
 * error lines follow `BatchRequestOutput` of vLLM's `vllm/entrypoints/openai/run_batch.py` (commit 0056ae7b):
 * `{ id, custom_id, response: { status_code, request_id, body }, error }`; unfinished lines of an expired or
 * cancelled batch go to the error file with `response: null` and `error: { code: 'batch_expired' | 'batch_cancelled' }`,
 * as OpenAI's Batch guide documents. Requests are answered by the same code as the mock server's
 * `/v1/chat/completions` and `/v1/completions`, so a batch gives the replies a direct run would get.
 */

type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

/** How a batch ends instead of completing: expired or cancelled after some lines, or failed at validation. */
export type MockBatchEnding =
  | { readonly status: 'expired' | 'cancelled'; readonly afterLines: number }
  | { readonly status: 'failed'; readonly code: string; readonly message: string; readonly line?: number };

export interface MockBatchServerOptions {
  /** Decides the assistant text of every request, as `createMockServer`'s `reply`. Default 「答え: a」. */
  reply?: ReplyPolicy;
  logprob?: LogprobPolicy;
  /** Lines answered per status poll while in progress. Default: all of them at the first poll. */
  linesPerPoll?: number;
  /** An HTTP error for one line (it goes to the error file), e.g. `{ status: 400, message: '…' }`. */
  lineError?: (line: { customId: string; body: unknown }) => { status: number; message: string } | undefined;
  /** Ends the n-th batch created (0-based) otherwise than completed. */
  ending?: (batchIndex: number) => MockBatchEnding | undefined;
  /** Per input file; defaults are OpenAI's. */
  limits?: { maxLines: number; maxBytes: number };
}

export interface MockBatch {
  readonly id: string;
  readonly status: BatchStatus;
  readonly endpoint: string;
  readonly lines: number;
  readonly processed: number;
}

export interface MockBatchServer {
  readonly url: string;
  readonly baseURL: string;
  /** Every batch created, in order (a snapshot taken at each read). */
  readonly batches: readonly MockBatch[];
  /** Uploads received, with their purpose and size. */
  readonly uploads: readonly { id: string; purpose: string; bytes: number; lines: number }[];
  /** Requests received, `METHOD /path`, in order; with the authorization header seen. */
  readonly requests: readonly { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

interface StoredFile {
  readonly id: string;
  readonly purpose: string;
  readonly filename: string;
  readonly content: string;
  readonly createdAt: number;
}

interface BatchRecord {
  id: string;
  index: number;
  status: BatchStatus;
  endpoint: string;
  inputFileId: string;
  metadata: unknown;
  createdAt: number;
  lines: { customId: string; url: string; body: unknown }[];
  processed: number;
  output: string[];
  errors: string[];
  failed: number;
  validationError?: { code: string; message: string; line: number | null; param: null };
  outputFileId?: string;
  errorFileId?: string;
  times: Record<string, number>;
}

const openAILimits = { maxLines: 50_000, maxBytes: 200 * 1024 * 1024 };

export async function createMockBatchServer(options: MockBatchServerOptions = {}): Promise<MockBatchServer> {
  const reply = options.reply ?? defaultReply;
  const logprob = options.logprob ?? defaultLogprob;
  const limits = options.limits ?? openAILimits;
  const files = new Map<string, StoredFile>();
  const batches: BatchRecord[] = [];
  const uploads: { id: string; purpose: string; bytes: number; lines: number }[] = [];
  const requests: { method: string; path: string; authorization: string | undefined }[] = [];
  let requestIndex = 0;
  const now = () => Math.floor(Date.now() / 1000);

  const store = (purpose: string, filename: string, content: string): StoredFile => {
    const file = { id: `file-mock${files.size + 1}`, purpose, filename, content, createdAt: now() };
    files.set(file.id, file);
    return file;
  };
  const fileObject = (file: StoredFile) => ({
    id: file.id,
    object: 'file',
    bytes: Buffer.byteLength(file.content),
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
  });
  const batchObject = (batch: BatchRecord) => ({
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    errors: batch.validationError === undefined ? null : { object: 'list', data: [batch.validationError] },
    input_file_id: batch.inputFileId,
    completion_window: '24h',
    status: batch.status,
    output_file_id: batch.outputFileId ?? null,
    error_file_id: batch.errorFileId ?? null,
    created_at: batch.createdAt,
    expires_at: batch.createdAt + 24 * 3600,
    ...Object.fromEntries(Object.entries(batch.times).map(([key, value]) => [`${key}_at`, value])),
    request_counts: {
      total: batch.status === 'validating' ? 0 : batch.lines.length,
      completed: batch.processed - batch.failed,
      failed: batch.failed,
    },
    metadata: batch.metadata ?? null,
  });

  const answerLine = async (batch: BatchRecord, line: BatchRecord['lines'][number]) => {
    const requestId = `req-mock-batch-${requestIndex}`;
    const index = requestIndex++;
    const outputLine = (status: number, body: unknown) =>
      JSON.stringify({
        id: `batch_req_mock${index}`,
        custom_id: line.customId,
        response: { status_code: status, request_id: requestId, body },
        error: null,
      });
    const fail = (status: number, message: string, param?: string) => {
      batch.failed++;
      batch.errors.push(outputLine(status, openAIError(message, param === undefined ? {} : { param })));
    };
    const injected = options.lineError?.({ customId: line.customId, body: line.body });
    if (injected !== undefined) return fail(injected.status, injected.message);
    const created = now();
    if (batch.endpoint === '/v1/chat/completions') {
      const check = checkChatBody(line.body);
      if (!check.ok) return fail(400, check.message, check.param);
      batch.output.push(outputLine(200, await chatCompletion({ body: check.body, index, created, reply })));
      return;
    }
    const check = checkCompletionBody(line.body);
    if (!check.ok) return fail(400, check.message, check.param);
    batch.output.push(
      outputLine(200, await textCompletion({ body: check.body, index, created, reply, logprob })),
    );
  };

  const finish = (batch: BatchRecord, status: 'completed' | 'expired' | 'cancelled') => {
    const code = status === 'expired' ? 'batch_expired' : 'batch_cancelled';
    const message =
      status === 'expired'
        ? 'This request could not be executed before the completion window expired.'
        : 'This request was not executed because the batch was cancelled.';
    for (const line of batch.lines.slice(batch.processed)) {
      batch.errors.push(
        JSON.stringify({
          id: `batch_req_mock${requestIndex++}`,
          custom_id: line.customId,
          response: null,
          error: { code, message },
        }),
      );
    }
    if (batch.output.length > 0)
      batch.outputFileId = store(
        'batch_output',
        `${batch.id}_output.jsonl`,
        `${batch.output.join('\n')}\n`,
      ).id;
    if (batch.errors.length > 0)
      batch.errorFileId = store('batch_output', `${batch.id}_error.jsonl`, `${batch.errors.join('\n')}\n`).id;
    batch.status = status;
    batch.times[status === 'completed' ? 'completed' : status === 'expired' ? 'expired' : 'cancelled'] =
      now();
  };

  /** Each status poll moves a batch one step, so a test sees every status on its way. */
  const advance = async (batch: BatchRecord) => {
    const ending = options.ending?.(batch.index);
    if (batch.status === 'validating') {
      if (ending?.status === 'failed') {
        batch.status = 'failed';
        batch.validationError = {
          code: ending.code,
          message: ending.message,
          line: ending.line ?? null,
          param: null,
        };
        batch.times.failed = now();
        return;
      }
      batch.status = 'in_progress';
      batch.times.in_progress = now();
      return;
    }
    if (batch.status === 'cancelling') {
      finish(batch, 'cancelled');
      return;
    }
    if (batch.status === 'in_progress') {
      const step = options.linesPerPoll ?? batch.lines.length;
      const stopAt =
        ending !== undefined && ending.status !== 'failed'
          ? Math.min(ending.afterLines, batch.lines.length)
          : batch.lines.length;
      const until = Math.min(stopAt, batch.processed + step);
      while (batch.processed < until) {
        await answerLine(batch, batch.lines[batch.processed] as BatchRecord['lines'][number]);
        batch.processed++;
      }
      if (batch.processed >= stopAt) {
        if (ending !== undefined && ending.status !== 'failed' && stopAt < batch.lines.length)
          finish(batch, ending.status);
        else {
          batch.status = 'finalizing';
          batch.times.finalizing = now();
        }
      }
      return;
    }
    if (batch.status === 'finalizing') finish(batch, 'completed');
  };

  const validate = (file: StoredFile, endpoint: string) => {
    const lines: BatchRecord['lines'] = [];
    const error = (line: number | null, code: string, message: string) => ({
      lines,
      error: { code, message, line, param: null },
    });
    const rows = file.content.split('\n');
    if (Buffer.byteLength(file.content) > limits.maxBytes)
      return error(null, 'file_too_large', `The input file is larger than ${limits.maxBytes} bytes.`);
    const seen = new Set<string>();
    for (const [position, text] of rows.entries()) {
      if (text.trim() === '') continue;
      let row: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
      try {
        row = JSON.parse(text);
      } catch {
        return error(position + 1, 'invalid_json_line', 'This line is not parseable as valid JSON.');
      }
      if (typeof row.custom_id !== 'string' || row.method !== 'POST' || typeof row.url !== 'string')
        return error(
          position + 1,
          'invalid_request',
          'Each line needs custom_id, method "POST", url and body.',
        );
      if (row.url !== endpoint)
        return error(
          position + 1,
          'mismatched_endpoint',
          `The line's url ${row.url} is not the batch's endpoint ${endpoint}.`,
        );
      if (seen.has(row.custom_id))
        return error(
          position + 1,
          'duplicate_custom_id',
          `The custom_id ${row.custom_id} is not unique in the file.`,
        );
      seen.add(row.custom_id);
      lines.push({ customId: row.custom_id, url: row.url, body: row.body });
    }
    if (lines.length > limits.maxLines)
      return error(null, 'too_many_requests', `The input file has more than ${limits.maxLines} requests.`);
    return { lines, error: undefined };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, raw: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://mock');
    const method = request.method ?? 'GET';
    const auth = request.headers.authorization;
    requests.push({ method, path: url.pathname, authorization: auth });
    const send = (status: number, payload: unknown, type = 'application/json') => {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      response
        .writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
        .end(body);
    };
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/files') {
      const form = await new Request('http://mock/v1/files', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
      const purpose = form.get('purpose');
      const upload = form.get('file');
      if (typeof purpose !== 'string' || upload === null || typeof upload === 'string') {
        send(400, openAIError("Send a multipart form with 'file' and 'purpose'.", { param: 'file' }));
        return;
      }
      const content = await upload.text();
      const file = store(purpose, upload.name, content);
      uploads.push({
        id: file.id,
        purpose,
        bytes: Buffer.byteLength(content),
        lines: content.split('\n').filter((line) => line.trim() !== '').length,
      });
      send(200, fileObject(file));
      return;
    }
    const fileMatch = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
    if (method === 'GET' && fileMatch !== null) {
      const file = files.get(decodeURIComponent(fileMatch[1] as string));
      if (file === undefined) {
        send(404, openAIError(`No such File object: ${fileMatch[1]}`, { param: 'id' }));
        return;
      }
      if (fileMatch[2] === undefined) send(200, fileObject(file));
      else send(200, file.content, 'application/octet-stream');
      return;
    }
    if (method === 'POST' && path === '/v1/batches') {
      let body: {
        input_file_id?: unknown;
        endpoint?: unknown;
        completion_window?: unknown;
        metadata?: unknown;
      };
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        send(400, openAIError('We could not parse the JSON body of your request.'));
        return;
      }
      const file = typeof body.input_file_id === 'string' ? files.get(body.input_file_id) : undefined;
      if (file === undefined) {
        send(
          400,
          openAIError(`No such input file: ${String(body.input_file_id)}`, { param: 'input_file_id' }),
        );
        return;
      }
      if (body.completion_window !== '24h') {
        send(400, openAIError("completion_window must be '24h'.", { param: 'completion_window' }));
        return;
      }
      if (body.endpoint !== '/v1/chat/completions' && body.endpoint !== '/v1/completions') {
        send(
          400,
          openAIError(`Unsupported endpoint ${String(body.endpoint)} in this mock.`, { param: 'endpoint' }),
        );
        return;
      }
      if (file.purpose !== 'batch') {
        send(
          400,
          openAIError(`The file ${file.id} has purpose '${file.purpose}', not 'batch'.`, {
            param: 'input_file_id',
          }),
        );
        return;
      }
      const { lines, error } = validate(file, body.endpoint);
      const batch: BatchRecord = {
        id: `batch_mock${batches.length + 1}`,
        index: batches.length,
        status: 'validating',
        endpoint: body.endpoint,
        inputFileId: file.id,
        metadata: body.metadata,
        createdAt: now(),
        lines,
        processed: 0,
        output: [],
        errors: [],
        failed: 0,
        times: {},
        ...(error === undefined ? {} : { validationError: error }),
      };
      if (error !== undefined) {
        batch.status = 'failed';
        batch.times.failed = now();
      }
      batches.push(batch);
      send(200, batchObject(batch));
      return;
    }
    const batchMatch = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (batchMatch !== null) {
      const batch = batches.find((candidate) => candidate.id === decodeURIComponent(batchMatch[1] as string));
      if (batch === undefined) {
        send(404, openAIError(`No batch found with id '${batchMatch[1]}'.`, { param: 'batch_id' }));
        return;
      }
      if (method === 'POST' && batchMatch[2] !== undefined) {
        if (
          batch.status === 'validating' ||
          batch.status === 'in_progress' ||
          batch.status === 'finalizing'
        ) {
          batch.status = 'cancelling';
          batch.times.cancelling = now();
        }
        send(200, batchObject(batch));
        return;
      }
      if (method === 'GET' && batchMatch[2] === undefined) {
        await advance(batch);
        send(200, batchObject(batch));
        return;
      }
    }
    send(404, openAIError(`Invalid URL (${method} ${path})`, { code: 'not_found' }));
  };

  const server = createServer((request, response) => {
    request.on('error', () => {});
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks)).catch((error: unknown) => {
        const message = `The mock batch server failed: ${error instanceof Error ? error.message : String(error)}`;
        if (!response.headersSent) {
          const body = JSON.stringify(openAIError(message, { type: 'server_error' }));
          response.writeHead(500, { 'content-type': 'application/json' }).end(body);
        }
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    get batches(): readonly MockBatch[] {
      return batches.map((batch) => ({
        id: batch.id,
        status: batch.status,
        endpoint: batch.endpoint,
        lines: batch.lines.length,
        processed: batch.processed,
      }));
    },
    uploads,
    requests,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
