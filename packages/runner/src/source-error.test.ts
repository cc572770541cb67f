import { DatasetParseError, KensaError } from '@kensa/core';
import { describe, expect, it } from 'vitest';
import { SourceError } from './source-error';

describe('SourceError', () => {
  const error = new SourceError({
    source: 'igakuqa',
    path: 'data/2018/112-A.jsonl',
    url: 'https://example.org/112-A.jsonl',
    reason: 'http',
    status: 404,
    message: 'not found',
    cause: new Error('inner'),
  });

  it('carries typed fields and the source code', () => {
    expect(error).toBeInstanceOf(KensaError);
    expect(error.name).toBe('SourceError');
    expect(error.code).toBe('source');
    expect(error.message).toBe('not found');
    expect(error).toMatchObject({
      source: 'igakuqa',
      path: 'data/2018/112-A.jsonl',
      reason: 'http',
      status: 404,
    });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('is recognised by isInstance, also across copies of the package', () => {
    expect(SourceError.isInstance(error)).toBe(true);
    expect(KensaError.isInstance(error)).toBe(true);
    const foreign = Object.assign(Object.create(null), { [Symbol.for('kensa.error')]: true, code: 'source' });
    expect(SourceError.isInstance(foreign)).toBe(true);
  });

  it('rejects other Kensa errors and plain errors', () => {
    expect(SourceError.isInstance(new DatasetParseError({ file: 'a.jsonl', message: 'bad' }))).toBe(false);
    expect(SourceError.isInstance(new Error('source'))).toBe(false);
    expect(SourceError.isInstance(undefined)).toBe(false);
  });
});
