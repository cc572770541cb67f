import { describe, expect, it } from 'vitest';
import { readSource } from './source-file';

describe('readSource', () => {
  const contents = new Map([['data/2018/112-A.jsonl', '{"problem_id":"112A1"}\n']]);

  it('returns a resolved file', () => {
    expect(readSource(contents, 'data/2018/112-A.jsonl')).toBe('{"problem_id":"112A1"}\n');
  });

  it('fails naming a file that was not resolved', () => {
    expect(() => readSource(contents, 'data/2018/112-B.jsonl')).toThrow(/'data\/2018\/112-B\.jsonl'/);
  });
});
