import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletion, checkChatBody } from './chat-completion';
import {
  checkFault,
  createFaultPicker,
  type Fault,
  type FaultKind,
  type FaultRule,
  sendFault,
} from './fault';
import { createLatency, type Latency } from './latency';
import { defaultReply, type ReplyPolicy } from './mock-reply';
import { MockServerOptionError } from './mock-server-option-error';
import { openAIError } from './openai-error';
import {
  type EndpointKind,
  matchesFilter,
  type RecordedRequest,
  type RequestFilter,
} from './recorded-request';
import { answerAsProfile, notFoundAsProfile, type ServerProfileOptions } from './server-profile';
import { checkCompletionBody, textCompletion } from './text-completion';
import { defaultTokenIdLogprob, type TokenIdLogprobPolicy } from './token-id-logprob';
import { defaultLogprob, type LogprobPolicy } from './token-logprobs';

export interface MockServerOptions {
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Decides the assistant text of every choice. Default: `defaultReply` (「答え: a」). */
  reply?: ReplyPolicy;
  /** Model ids listed by `GET /v1/models`. Default ['mock-model']. */
  models?: readonly string[];
  /** Delay before every answer, in ms: fixed, or uniform in { min, max } (seeded). Default 0. */
  latency?: Latency;
  /** Faults injected at random (seeded); each request draws once and gets at most one. Default none. */
  faults?: readonly FaultRule[];
  /**
   * Picks the fault of one request exactly; consulted before `faults`. Return undefined to leave the request
   * to the `faults` draw (which happens for every request either way, so the seeded indices never move).
   */
  faultFor?: (request: RecordedRequest) => FaultKind | Fault | undefined;
  /** Seeds the fault draws and the latency range. Default 1. */
  seed?: number;
  /**
   * Log-probability of each token of a completions text, for requests with `logprobs` (likelihood scoring).
   * Default: a deterministic hash of the token and its offset (`defaultLogprob`).
   */
  logprob?: LogprobPolicy;
  /**
   * Behave like a real server (vLLM in its versions, SGLang, llama.cpp, Ollama, OpenAI): its tokenize endpoint,
   * echoed logprob blocks over a real BPE vocabulary, BOS, and error bodies (see `ServerProfileName`).
   */
  server?: ServerProfileOptions;
  /** Profiles only: the log-probability of each token id given the ones before it. Default `defaultTokenIdLogprob`. */
  tokenLogprob?: TokenIdLogprobPolicy;
}

export interface MockServer {
  /** e.g. 'http://127.0.0.1:40123' */
  readonly url: string;
  /** `url` + '/v1': the `baseURL` to give the openai SDK. */
  readonly baseURL: string;
  /** Every request, in arrival order (a live view; `reset()` empties it). */
  readonly requests: readonly RecordedRequest[];
  /** The most requests the server held at once (arrived, not yet answered) since it started or `reset()`. */
  readonly maxInFlight: number;
  /** How many recorded requests match, e.g. `count({ kind: 'chat', completed: true })`; all without a filter. */
  count(filter?: RequestFilter | ((request: RecordedRequest) => boolean)): number;
  /** Forgets the recorded requests and restarts the request index and the seeded draws, as if just started. */
  reset(): void;
  /** Stops the server, dropping keep-alive and hanging connections and pending delayed answers. */
  close(): Promise<void>;
}

type MutableRecord = { -readonly [Field in keyof RecordedRequest]: RecordedRequest[Field] };

/** Starts an OpenAI-compatible server for tests: scripted replies, seeded latency and seeded faults. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const seed = options.seed ?? 1;
  const reply = options.reply ?? defaultReply;
  const logprob = options.logprob ?? defaultLogprob;
  const models = options.models ?? ['mock-model'];
  const faultRules = options.faults ?? [];
  checkOptions({ port, seed, reply, models });
  // Both throw MockServerOptionError on bad input, before anything listens.
  let pickFault = createFaultPicker(faultRules, seed);
  let nextLatency = createLatency(options.latency ?? 0, seed);

  const created = Math.floor(Date.now() / 1000);
  const requests: MutableRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let inFlight = 0;
  let maxInFlight = 0;

  const handle = (request: IncomingMessage, response: ServerResponse, rawBody: string) => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    let body: unknown;
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
    }
    const record: MutableRecord = {
      index: requests.length,
      method: request.method ?? 'GET',
      path,
      kind: endpointKind(path),
      headers: request.headers,
      rawBody,
      body,
    };
    // Draw for every request, whatever faultFor says, so a request's fault depends only on its index.
    const drawn = pickFault();
    let fault: Fault | undefined;
    try {
      fault = chooseFault(options.faultFor?.(record), drawn);
    } catch (error) {
      requests.push(record);
      const message = `faultFor() failed: ${error instanceof Error ? error.message : String(error)}`;
      send(record, response, 500, openAIError(message, { type: 'server_error' }));
      return;
    }
    if (fault !== undefined) record.fault = fault.kind;
    requests.push(record);
    if (fault?.kind === 'hang') return;

    const delay = nextLatency();
    const answer = () => {
      if (closed) return;
      if (fault !== undefined) {
        record.status = sendFault(response, fault, faultStub(record, created), requestId(record), {
          url: request.url ?? '/',
          authorization: request.headers.authorization,
        });
        return;
      }
      void route(record, response).catch((error: unknown) => {
        // A throwing reply policy: tell the client (and so the test) what went wrong.
        const message = `The reply policy threw: ${error instanceof Error ? error.message : String(error)}`;
        if (!response.headersSent)
          send(record, response, 500, openAIError(message, { type: 'server_error' }));
      });
    };
    if (delay <= 0) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, delay);
    timers.add(timer);
  };

  const route = async (record: MutableRecord, response: ServerResponse): Promise<void> => {
    const { kind, method } = record;
    const expectedMethod = kind === 'models' ? 'GET' : 'POST';
    if (kind === undefined) {
      sendNotFound(record, response, options.server);
      return;
    }
    if (method !== expectedMethod) {
      send(
        record,
        response,
        405,
        openAIError(`Method ${method} is not allowed on ${record.path}; use ${expectedMethod}.`),
      );
      return;
    }
    if (kind === 'models') {
      sendModels(record, response);
      return;
    }
    if (record.body === undefined) {
      const message =
        record.rawBody === ''
          ? 'The request has no body; send a JSON object.'
          : 'We could not parse the JSON body of your request: it is not valid JSON.';
      send(record, response, 400, openAIError(message));
      return;
    }
    const index = record.index;
    if (options.server !== undefined) {
      const answer = await answerAsProfile(options.server, record, {
        logprob: options.tokenLogprob ?? defaultTokenIdLogprob,
        created,
      });
      if (answer !== undefined) {
        if (answer.plainText) sendText(record, response, answer.status, String(answer.body));
        else send(record, response, answer.status, answer.body);
        return;
      }
    }
    if (kind === 'tokenize') {
      // Only the server profiles tokenize; the plain mock has no such endpoint, as OpenAI has none.
      sendNotFound(record, response);
      return;
    }
    if (kind === 'chat') {
      const check = checkChatBody(record.body);
      if (!check.ok) {
        send(record, response, 400, openAIError(check.message, { param: check.param }));
        return;
      }
      const completion = await chatCompletion({ body: check.body, index, created, reply });
      send(record, response, 200, options.server?.name === 'ollama' ? asOllamaChat(completion) : completion);
      return;
    }
    const check = checkCompletionBody(record.body);
    if (!check.ok) {
      send(record, response, 400, openAIError(check.message, { param: check.param }));
      return;
    }
    send(record, response, 200, await textCompletion({ body: check.body, index, created, reply, logprob }));
  };

  const sendModels = (record: MutableRecord, response: ServerResponse) => {
    const data = models.map((id) => ({ id, object: 'model', created, owned_by: 'kensa-mock' }));
    const modelId = record.path.startsWith('/v1/models/')
      ? decodeURIComponent(record.path.slice('/v1/models/'.length))
      : undefined;
    if (modelId === undefined) {
      send(record, response, 200, { object: 'list', data });
      return;
    }
    const model = data.find((entry) => entry.id === modelId);
    if (model === undefined) {
      const message = `The model '${modelId}' does not exist; this server lists ${models.join(', ')}.`;
      send(record, response, 404, openAIError(message, { param: 'model', code: 'model_not_found' }));
      return;
    }
    send(record, response, 200, model);
  };

  const server = createServer((request, response) => {
    // A client that goes away mid-request must not crash the test process.
    request.on('error', () => {});
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => {
      inFlight--;
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8');
      handle(request, response, rawBody);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${urlHost(address.address)}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    count: (filter) =>
      filter === undefined
        ? requests.length
        : requests.reduce((total, request) => total + (matchesFilter(request, filter) ? 1 : 0), 0),
    reset: () => {
      requests.length = 0;
      maxInFlight = inFlight;
      pickFault = createFaultPicker(faultRules, seed);
      nextLatency = createLatency(options.latency ?? 0, seed);
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hanging connections would otherwise hold `close` open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** A path the server does not serve, answered as the profile's server does (OpenAI's way without one). */
function sendNotFound(record: MutableRecord, response: ServerResponse, server?: ServerProfileOptions): void {
  const answer = notFoundAsProfile(server?.name, record.method, record.path);
  if (answer.plainText) sendText(record, response, answer.status, String(answer.body));
  else send(record, response, answer.status, answer.body);
}

function send(record: MutableRecord, response: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  record.status = status;
  response
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-request-id': requestId(record),
    })
    .end(body);
}

function sendText(record: MutableRecord, response: ServerResponse, status: number, text: string): void {
  record.status = status;
  response
    .writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

/** Ollama's OpenAI layer sends the reasoning as `message.reasoning` (`openai/openai.go`, `toChatCompletion`). */
function asOllamaChat(completion: unknown): unknown {
  const shape = completion as { choices: { message: Record<string, unknown> }[] };
  for (const choice of shape.choices) {
    const { reasoning_content: reasoning, ...message } = choice.message;
    choice.message = reasoning === undefined ? message : { ...message, reasoning };
  }
  return completion;
}

function chooseFault(chosen: FaultKind | Fault | undefined, drawn: Fault | undefined): Fault | undefined {
  if (chosen === undefined) return drawn;
  const fault = typeof chosen === 'string' ? { kind: chosen } : chosen;
  checkFault(fault, 'faultFor()');
  return fault;
}

function requestId(record: RecordedRequest): string {
  return `req-mock-${record.index}`;
}

function endpointKind(path: string): EndpointKind | undefined {
  switch (path) {
    case '/v1/chat/completions':
      return 'chat';
    case '/v1/completions':
      return 'completions';
    case '/v1/models':
      return 'models';
    case '/tokenize':
    case '/v1/tokenize':
      return 'tokenize';
    default:
      return path.startsWith('/v1/models/') ? 'models' : undefined;
  }
}

/** A well-formed answer's opening, cut short by `malformed-json` and `reset`. */
function faultStub(record: RecordedRequest, created: number): unknown {
  const model = (record.body as { model?: unknown } | undefined)?.model ?? 'mock-model';
  if (record.kind === 'completions') {
    return {
      id: `cmpl-mock-${record.index}`,
      object: 'text_completion',
      created,
      model,
      choices: [{ text: '答え: a', index: 0, logprobs: null, finish_reason: 'stop' }],
    };
  }
  return {
    id: `chatcmpl-mock-${record.index}`,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: '答え: a' }, finish_reason: 'stop' }],
  };
}

function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}

function checkOptions(options: { port: unknown; seed: unknown; reply: unknown; models: unknown }): void {
  const { port, seed, reply, models } = options;
  if (!(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535)) {
    throw new MockServerOptionError({
      option: 'port',
      message: `expected an integer from 0 to 65535, got ${String(port)}.`,
    });
  }
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new MockServerOptionError({ option: 'seed', message: `expected a number, got ${String(seed)}.` });
  }
  if (typeof reply !== 'function') {
    throw new MockServerOptionError({ option: 'reply', message: 'expected a function (request) => reply.' });
  }
  const validModels =
    Array.isArray(models) &&
    models.length > 0 &&
    models.every((model) => typeof model === 'string' && model !== '');
  if (!validModels) {
    throw new MockServerOptionError({ option: 'models', message: 'expected a non-empty list of model ids.' });
  }
}
