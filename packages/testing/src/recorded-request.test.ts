import { describe, expect, it } from 'vitest';
import { matchesFilter, type RecordedRequest } from './recorded-request';

const base: RecordedRequest = {
  index: 0,
  method: 'POST',
  path: '/v1/chat/completions',
  kind: 'chat',
  headers: {},
  rawBody: '{}',
  body: {},
};

describe('matchesFilter', () => {
  it('matches every given field', () => {
    const completed = { ...base, status: 200 };
    expect(matchesFilter(completed, {})).toBe(true);
    expect(matchesFilter(completed, { kind: 'chat', method: 'post', completed: true })).toBe(true);
    expect(matchesFilter(completed, { kind: 'completions' })).toBe(false);
    expect(matchesFilter(completed, { faulted: false, status: 200 })).toBe(true);
  });

  it('does not count a 200 carrying a fault, or a pending request, as completed', () => {
    expect(matchesFilter({ ...base, status: 200, fault: 'malformed-json' }, { completed: true })).toBe(false);
    expect(matchesFilter({ ...base, status: 200, fault: 'malformed-json' }, { faulted: true })).toBe(true);
    expect(matchesFilter({ ...base, fault: 'hang' }, { fault: 'hang', completed: false })).toBe(true);
    expect(matchesFilter(base, { completed: true })).toBe(false);
  });

  it('accepts a predicate', () => {
    expect(matchesFilter(base, (request) => request.rawBody === '{}')).toBe(true);
  });
});
