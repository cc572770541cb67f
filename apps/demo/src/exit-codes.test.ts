import { SourceError } from '@kensa/runner';
import { describe, expect, it } from 'vitest';
import { exitCodeOf } from './exit-codes';
import { UsageError } from './usage-error';

const source = (reason: 'network' | 'http' | 'checksum', status?: number) =>
  new SourceError({
    source: 'igakuqa',
    path: 'data/2018/112-A.jsonl',
    url: 'https://example.invalid/112-A.jsonl',
    reason,
    ...(status === undefined ? {} : { status }),
    message: 'failed',
  });

describe('exitCodeOf', () => {
  it('exits 1 when the network or the server failed: the same command may work later', () => {
    expect(exitCodeOf(source('network'))).toBe(1);
    expect(exitCodeOf(source('http', 503))).toBe(1);
    expect(exitCodeOf(source('http', 429))).toBe(1);
  });

  it('exits 2 for bad usage or bad input: the command must change', () => {
    expect(exitCodeOf(source('http', 404))).toBe(2);
    expect(exitCodeOf(source('checksum'))).toBe(2);
    expect(exitCodeOf(new UsageError('bad flag'))).toBe(2);
  });
});
