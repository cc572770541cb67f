import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads every flag', () => {
    expect(
      parseCliArgs([
        '--port',
        '8000',
        '--host',
        '0.0.0.0',
        '--latency',
        '10-50',
        '--seed',
        '42',
        '--model',
        'a',
        '--model',
        'b',
        '--fault',
        '429:0.1:2',
        '--fault',
        'reset:0.05',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 8000,
        host: '0.0.0.0',
        latency: { min: 10, max: 50 },
        seed: 42,
        models: ['a', 'b'],
        faults: [
          { kind: '429', rate: 0.1, retryAfterSeconds: 2 },
          { kind: 'reset', rate: 0.05 },
        ],
      },
    });
  });

  it('defaults to no options, and a fixed latency', () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: {} });
    expect(parseCliArgs(['--latency', '20'])).toEqual({ help: false, options: { latency: 20 } });
    expect(parseCliArgs(['-h'])).toEqual({ help: true });
  });

  it('names the flag that is wrong', () => {
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(/'--port'.*'eighty'/);
    expect(() => parseCliArgs(['--fault', '500'])).toThrow(/'--fault'/);
    expect(() => parseCliArgs(['--verbose'])).toThrow(/verbose/);
  });

  it('takes a server profile with an optional vocabulary, and refuses unknown ones', () => {
    expect(parseCliArgs(['--server', 'vllm'])).toEqual({
      help: false,
      options: { server: { name: 'vllm' } },
    });
    expect(parseCliArgs(['--server', 'sglang:llama3'])).toEqual({
      help: false,
      options: { server: { name: 'sglang', vocabulary: 'llama3' } },
    });
    expect(() => parseCliArgs(['--server', 'tgi'])).toThrow(/'--server'.*unknown server 'tgi'/);
    expect(() => parseCliArgs(['--server', 'vllm:gpt2'])).toThrow(/unknown vocabulary 'gpt2'/);
  });
});
