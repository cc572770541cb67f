import { describe, expect, it } from 'vitest';
import { canonicalJson, redactEndpoint, requestHash } from './request-hash';
import { sha256Hex } from './sha256';

const endpoint = 'https://api.example.com/v1';
const body = {
  model: 'gpt-test',
  temperature: 0,
  messages: [
    { role: 'system', content: '医師国家試験の問題に答えてください。' },
    { role: 'user', content: '問1 …' },
  ],
};

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 1 }, 3], c: { z: null, y: 'x' } })).toBe(
      '{"a":[{"c":1,"d":2},3],"b":1,"c":{"y":"x","z":null}}',
    );
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts keys as strings, integer-like keys included', () => {
    expect(canonicalJson({ b: 0, 10: 1, 2: 2 })).toBe('{"10":1,"2":2,"b":0}');
  });

  it('follows JSON.stringify for undefined, functions, non-finite numbers and toJSON', () => {
    expect(canonicalJson({ a: undefined, b: () => 1, c: [undefined, Number.NaN] })).toBe('{"c":[null,null]}');
    expect(canonicalJson({ at: new Date('2024-01-02T03:04:05.000Z') })).toBe(
      '{"at":"2024-01-02T03:04:05.000Z"}',
    );
    expect(canonicalJson('日本語 "quoted"')).toBe(JSON.stringify('日本語 "quoted"'));
  });

  it('rejects values without a JSON form and cycles', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('gives a frozen object the text of an unfrozen copy, also when asked again; a thawed nest is re-read', () => {
    const turn = Object.freeze({ role: 'user', content: '問題: 57歳の男性。' });
    const expected = '{"content":"問題: 57歳の男性。","role":"user"}';
    expect(canonicalJson([turn])).toBe(`[${expected}]`);
    expect(canonicalJson({ messages: [turn, { ...turn }] })).toBe(`{"messages":[${expected},${expected}]}`);
    // Frozen on the outside only: its inner object can change, so its text is never kept.
    const inner = { n: 1 };
    const shallow = Object.freeze({ inner });
    expect(canonicalJson(shallow)).toBe('{"inner":{"n":1}}');
    inner.n = 2;
    expect(canonicalJson(shallow)).toBe('{"inner":{"n":2}}');
  });

  it('accepts a value repeated in siblings (not a cycle)', () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});

describe('redactEndpoint', () => {
  it('lowercases the scheme and host, keeps the path case and removes trailing slashes', () => {
    expect(redactEndpoint('HTTPS://API.Example.COM/V1/')).toBe('https://api.example.com/V1');
    expect(redactEndpoint('http://localhost:8080//')).toBe('http://localhost:8080');
    expect(redactEndpoint('https://api.example.com:443/v1')).toBe('https://api.example.com/v1');
  });

  it('strips userinfo, credential query parameters and the fragment', () => {
    expect(redactEndpoint('https://user:sk-test-PLANTED@api.example.com/v1/')).toBe(
      'https://api.example.com/v1',
    );
    expect(
      redactEndpoint(
        'https://x.openai.azure.com/openai/deployments/d/?api-version=2024-06-01&API-KEY=sk-1&Key=sk-2&token=t&Access_Token=a#frag',
      ),
    ).toBe('https://x.openai.azure.com/openai/deployments/d?api-version=2024-06-01');
  });

  it('is idempotent', () => {
    const once = redactEndpoint('https://u:p@Host.example/v1/?key=k&b=2');
    expect(redactEndpoint(once)).toBe(once);
  });

  it('rejects non-URLs without echoing them', () => {
    expect(() => redactEndpoint('sk-test-PLANTED')).toThrow(TypeError);
    try {
      redactEndpoint('sk-test-PLANTED');
    } catch (error) {
      expect(String(error)).not.toContain('PLANTED');
    }
    expect(() => redactEndpoint('file:///etc/passwd')).toThrow(/http\(s\)/);
  });
});

describe('requestHash', () => {
  const base = requestHash({ endpoint, model: 'gpt-test', body });

  it('is the lowercase hex SHA-256 of the canonical JSON of endpoint, model and body', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const canonical = canonicalJson({ body, endpoint, model: 'gpt-test' });
    expect(base).toBe(sha256Hex(new TextEncoder().encode(canonical)));
  });

  it('does not depend on key order', () => {
    const reordered = {
      messages: body.messages.map((message) => ({ content: message.content, role: message.role })),
      temperature: 0,
      model: 'gpt-test',
    };
    expect(requestHash({ body: reordered, model: 'gpt-test', endpoint })).toBe(base);
  });

  it('changes with the model, the endpoint, the body and the message order', () => {
    const others = [
      requestHash({ endpoint, model: 'gpt-other', body }),
      requestHash({ endpoint: 'https://api.example.com/v2', model: 'gpt-test', body }),
      requestHash({ endpoint, model: 'gpt-test', body: { ...body, temperature: 1 } }),
      requestHash({ endpoint, model: 'gpt-test', body: { ...body, messages: [...body.messages].reverse() } }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('ignores endpoint spelling and secrets', () => {
    for (const spelling of [
      'HTTPS://API.EXAMPLE.COM/v1/',
      'https://user:sk-test-PLANTED@api.example.com/v1',
      'https://api.example.com/v1?api-key=sk-test-PLANTED',
    ]) {
      expect(requestHash({ endpoint: spelling, model: 'gpt-test', body })).toBe(base);
    }
  });
});
