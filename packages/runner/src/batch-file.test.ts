import { describe, expect, it } from 'vitest';
import {
  BatchFileError,
  type BatchRequestLine,
  batchCustomId,
  batchOutcome,
  parseCustomId,
  readBatchResults,
  splitBatchLines,
} from './batch-file';

const hash = 'a'.repeat(64);
const line = (
  id: string,
  url: BatchRequestLine['url'] = '/v1/chat/completions',
  size = 10,
): BatchRequestLine => ({
  custom_id: id,
  method: 'POST',
  url,
  body: { model: 'm', text: 'x'.repeat(size) },
});

describe('batch custom_id', () => {
  it('names benchmark, item, sample and the first 16 hex digits of the request hash, and parses back', () => {
    const id = batchCustomId({ benchmark: 'igakuqa', itemId: '112A1', sample: 3, requestHash: hash });
    expect(id).toBe('igakuqa/112A1#3@aaaaaaaaaaaaaaaa');
    expect(parseCustomId(id)).toEqual({
      benchmark: 'igakuqa',
      itemId: '112A1',
      sample: 3,
      hash: 'a'.repeat(16),
    });
    // Item ids may hold '#' or '/'; the sample and hash are read from the end.
    expect(parseCustomId('medqa-ja/q#7/x#0@0f')).toMatchObject({ itemId: 'q#7/x', sample: 0 });
    expect(parseCustomId('request-1')).toBeUndefined();
  });
});

describe('splitBatchLines', () => {
  it('keeps each chunk under the line and byte limits and to one endpoint, in order', () => {
    const lines = [line('a'), line('b'), line('c', '/v1/completions'), line('d'), line('e')];
    const chunks = splitBatchLines(lines, { maxLines: 2, maxBytes: 10_000 });
    const described = chunks.map((chunk) => [chunk.endpoint, chunk.customIds]);
    expect(described).toHaveLength(3);
    expect(described).toEqual(
      expect.arrayContaining([
        ['/v1/chat/completions', ['a', 'b']],
        ['/v1/chat/completions', ['d', 'e']],
        ['/v1/completions', ['c']],
      ]),
    );
    const oneLine = Buffer.byteLength(`${JSON.stringify(line('a'))}\n`);
    const bySize = splitBatchLines([line('a'), line('b'), line('c')], {
      maxLines: 100,
      maxBytes: oneLine * 2,
    });
    expect(bySize.map((chunk) => chunk.customIds)).toEqual([['a', 'b'], ['c']]);
    expect(bySize.every((chunk) => Buffer.byteLength(chunk.text) <= oneLine * 2)).toBe(true);
    expect(
      bySize[0]?.text
        .split('\n')
        .filter(Boolean)
        .map((text) => JSON.parse(text)),
    ).toEqual([line('a'), line('b')]);
  });

  it('refuses a single request larger than a whole batch', () => {
    expect(() =>
      splitBatchLines([line('big', '/v1/chat/completions', 500)], { maxLines: 10, maxBytes: 100 }),
    ).toThrow(/big alone is \d+ bytes/);
  });
});

describe('readBatchResults', () => {
  it('reads OpenAI output lines, OpenAI error-file lines and vLLM error lines', () => {
    const text = [
      // OpenAI output file (Batch guide): response with status_code, request_id and body.
      {
        id: 'batch_req_1',
        custom_id: 'ok',
        response: { status_code: 200, request_id: 'r', body: { choices: [] } },
        error: null,
      },
      // OpenAI error file: an HTTP error body.
      {
        id: 'batch_req_2',
        custom_id: 'http',
        response: { status_code: 400, request_id: 'r', body: { error: { message: 'bad max_tokens' } } },
        error: null,
      },
      // OpenAI error file: a line left unfinished when the batch expired.
      {
        id: 'batch_req_3',
        custom_id: 'expired',
        response: null,
        error: { code: 'batch_expired', message: 'not run' },
      },
      // vLLM make_error_request_output: status 400, no body, the message as a string.
      {
        id: 'vllm-1',
        custom_id: 'vllm',
        response: { status_code: 400, request_id: 'v' },
        error: 'prompt too long',
      },
    ]
      .map((entry) => JSON.stringify(entry))
      .join('\n');
    const { outcomes, duplicates } = readBatchResults(text, 'results.jsonl');
    expect(Object.fromEntries(outcomes)).toEqual({
      ok: { kind: 'response', response: { choices: [] } },
      http: { kind: 'error', message: 'batch: bad max_tokens', status: 400 },
      expired: { kind: 'error', message: 'batch: batch_expired: not run' },
      vllm: { kind: 'error', message: 'batch: prompt too long', status: 400 },
    });
    expect(duplicates).toEqual([]);
  });

  it('keeps the first answer of a duplicated custom_id, and lets an answer replace an error', () => {
    const ok = (body: unknown) => JSON.stringify({ custom_id: 'x', response: { status_code: 200, body } });
    const failed = JSON.stringify({ custom_id: 'x', response: null, error: 'boom' });
    const results = readBatchResults([failed, ok(1), ok(2)].join('\n'), 'f');
    expect(results.outcomes.get('x')).toEqual({ kind: 'response', response: 1 });
    expect(results.duplicates).toEqual(['x', 'x']);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => readBatchResults('{"custom_id":"a","response":null}\n\n{oops', 'out.jsonl')).toThrow(
      'out.jsonl:3: is not valid JSON.',
    );
    try {
      readBatchResults('{"id": 1}', 'out.jsonl');
    } catch (error) {
      expect(BatchFileError.isInstance(error)).toBe(true);
      expect((error as BatchFileError).line).toBe(1);
    }
    expect(batchOutcome({ custom_id: 'a', response: { status_code: 200 } })).toMatchObject({ kind: 'error' });
  });
});
