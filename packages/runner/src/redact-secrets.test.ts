import { describe, expect, it } from 'vitest';
import { createRedactor, redactedMark, redactValue } from './redact-secrets';

describe('createRedactor', () => {
  const key = 'sk-proj-Abc123/xyz+"quoted"';
  const redact = createRedactor({
    apiKey: key,
    urls: ['https://alice:s3cr%40t-pass@gateway.example/v1?api_key=QK-998877&region=eu', undefined],
  });

  it('removes the key plain, inside JSON strings and percent-encoded', () => {
    expect(redact(`Authorization: Bearer ${key}`)).toBe(`Authorization: Bearer ${redactedMark}`);
    const json = JSON.stringify({ error: { message: `echo ${key}` } });
    expect(redact(json)).not.toContain('Abc123');
    expect(JSON.parse(redact(json)).error.message).toBe(`echo ${redactedMark}`);
    expect(redact(`?k=${encodeURIComponent(key)}`)).toBe(`?k=${redactedMark}`);
  });

  it('removes URL credentials (encoded and decoded) and token-like query parameters, keeping the rest', () => {
    const text = 'user alice, password s3cr@t-pass (s3cr%40t-pass), token QK-998877, region=eu';
    expect(redact(text)).toBe(
      `user ${redactedMark}, password ${redactedMark} (${redactedMark}), token ${redactedMark}, region=eu`,
    );
  });

  it('leaves texts alone when there is nothing to hide, and ignores values too short to be secrets', () => {
    expect(createRedactor({})('Bearer sk-anything')).toBe('Bearer sk-anything');
    expect(createRedactor({ apiKey: 'ab', urls: ['http://u:p@host/v1'] })('about a tab')).toBe('about a tab');
  });

  it('redacts a value through its JSON form, and returns the same object when it holds no secret', () => {
    const clean = { text: 'fine' };
    expect(redactValue(clean, redact)).toBe(clean);
    expect(redactValue({ error: `key ${key}` }, redact)).toEqual({ error: `key ${redactedMark}` });
  });
});
