import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyModelError } from './classify-model-error';

/** The error the SDK raises for a status and body (as `APIError.generate` builds it for the lean path too). */
const statusError = (status: number, body: object) =>
  OpenAI.APIError.generate(status, body, undefined, new Headers({ 'content-type': 'application/json' }));

describe('classifyModelError: statuses that stop a run say what to do', () => {
  it('401: set OPENAI_API_KEY to the server key (a vLLM started with --api-key answers {"error": "Unauthorized"})', () => {
    const verdict = classifyModelError(statusError(401, { error: 'Unauthorized' }));
    expect(verdict.action).toBe('abort');
    expect(verdict.message).toMatch(
      /^the server answered 401: .*Unauthorized"?\. The server wants an API key: set OPENAI_API_KEY/,
    );
    expect(verdict.message).toContain('--api-key');
  });

  it("404: check --model; a message's own full stop is not doubled", () => {
    const verdict = classifyModelError(
      statusError(404, { error: { message: 'The model `qwen` does not exist.', type: 'NotFoundError' } }),
    );
    expect(verdict.action).toBe('abort');
    expect(verdict.message).toBe(
      'the server answered 404: 404 The model `qwen` does not exist. Check --model (the server lists its models at GET /v1/models) and that --base-url is the API root, e.g. http://localhost:8000/v1.',
    );
  });

  it('403 says to check the key and model; a 400 fails its item alone, with no advice added', () => {
    expect(classifyModelError(statusError(403, { error: { message: 'forbidden' } })).message).toContain(
      'check OPENAI_API_KEY and --model',
    );
    const bad = classifyModelError(statusError(400, { error: { message: 'bad prompt' } }));
    expect(bad).toMatchObject({ action: 'fail', message: 'the server answered 400: 400 bad prompt' });
  });
});
