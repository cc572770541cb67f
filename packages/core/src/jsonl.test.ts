import { describe, expect, it } from 'vitest';
import { DatasetParseError } from './errors';
import { parseJsonl } from './jsonl';

describe('parseJsonl', () => {
  it('parses one value a line, numbering lines from 1 and skipping blank lines', () => {
    expect(parseJsonl('{"a":1}\n\n  \n{"a":2}\n', 'file.jsonl')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
    ]);
  });

  it('strips a byte-order mark and accepts CRLF line ends', () => {
    expect(parseJsonl('\uFEFF{"id":"112A1"}\r\n{"id":"112A2"}\r\n', 'file.jsonl')).toEqual([
      { line: 1, value: { id: '112A1' } },
      { line: 2, value: { id: '112A2' } },
    ]);
  });

  it('is empty for an empty file', () => {
    expect(parseJsonl('', 'file.jsonl')).toEqual([]);
  });

  it('fails on a line that is not JSON, naming the file and line', () => {
    const text = '{"id":"112A1"}\n{"id": 112A2}\n{"id":"112A3"}\n';
    let thrown: unknown;
    try {
      parseJsonl(text, 'data/2018/112-A.jsonl');
    } catch (error) {
      thrown = error;
    }
    expect(DatasetParseError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ file: 'data/2018/112-A.jsonl', line: 2 });
    expect((thrown as Error).message).toMatch(/^data\/2018\/112-A\.jsonl:2: not valid JSON/);
  });
});
