import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { temporaryDir } from '@kensa/test-support';
import { createMockBatchServer, type MockBatchServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRequestLine } from './batch-file';
import { BatchApiError, batchStateFile, runOpenAIBatches } from './openai-batch';

let server: MockBatchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lines: BatchRequestLine[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
  custom_id: `bench/${id}#0@00`,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: 'mock-model', messages: [{ role: 'user', content: `question ${id}` }] },
}));

describe('runOpenAIBatches', () => {
  it('splits the requests under the per-batch limits, records each batch, and returns every answer', async () => {
    server = await createMockBatchServer({ reply: ({ text }) => `answer to ${text}` });
    const runDir = await temporaryDir();
    const progress: string[] = [];
    const outcome = await runOpenAIBatches({
      baseURL: server.baseURL,
      runDir,
      lines,
      limits: { maxLines: 2, maxBytes: 1_000_000 },
      pollIntervalMs: 1,
      onProgress: (line) => progress.push(line),
    });
    expect(server.uploads.map((upload) => [upload.purpose, upload.lines])).toEqual([
      ['batch', 2],
      ['batch', 2],
      ['batch', 1],
    ]);
    expect(server.batches.map((batch) => batch.status)).toEqual(['completed', 'completed', 'completed']);
    expect([...outcome.results.outcomes.keys()].sort()).toEqual(lines.map((line) => line.custom_id));
    const answer = outcome.results.outcomes.get('bench/c#0@00') as {
      response: { choices: { message: { content: string } }[] };
    };
    expect(answer.response.choices[0]?.message.content).toBe('answer to question c');
    expect(progress).toContain('batch_mock3: completed · 1/1 done, 0 failed');

    const state = JSON.parse(await readFile(path.join(runDir, batchStateFile), 'utf8'));
    expect(state.batches.map((batch: { id: string; status: string }) => [batch.id, batch.status])).toEqual([
      ['batch_mock1', 'completed'],
      ['batch_mock2', 'completed'],
      ['batch_mock3', 'completed'],
    ]);
    // Until the results are marked ingested, the same requests are not submitted again …
    await runOpenAIBatches({ baseURL: server.baseURL, runDir, lines, pollIntervalMs: 1 });
    expect(server.batches).toHaveLength(3);
    // … afterwards, whatever is still pending goes into a new batch.
    await outcome.markIngested();
    await runOpenAIBatches({ baseURL: server.baseURL, runDir, lines: lines.slice(0, 1), pollIntervalMs: 1 });
    expect(server.batches).toHaveLength(4);
  });

  it('creates the batch from an upload recorded before a crash instead of uploading again', async () => {
    server = await createMockBatchServer();
    const runDir = await temporaryDir();
    let uploads = 0;
    // The first invocation dies right after the upload (its fetch refuses the batch creation).
    const dying: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/batches')) throw new Error('killed');
      if (String(input).endsWith('/files')) uploads++;
      return fetch(input, init);
    };
    await expect(
      runOpenAIBatches({
        baseURL: server.baseURL,
        runDir,
        lines,
        pollIntervalMs: 1,
        fetch: dying,
        maxRetries: 0,
      }),
    ).rejects.toThrow();
    expect(uploads).toBe(1);
    const outcome = await runOpenAIBatches({ baseURL: server.baseURL, runDir, lines, pollIntervalMs: 1 });
    expect(server.uploads).toHaveLength(1);
    expect(server.batches).toHaveLength(1);
    expect(outcome.results.outcomes.size).toBe(5);
  });

  it('says which call the API refused', async () => {
    server = await createMockBatchServer();
    const runDir = await temporaryDir();
    const refusing: typeof fetch = async (input, init) =>
      String(input).endsWith('/files')
        ? new Response(JSON.stringify({ error: { message: 'Incorrect API key provided' } }), { status: 401 })
        : fetch(input, init);
    const run = runOpenAIBatches({
      baseURL: server.baseURL,
      runDir,
      lines,
      pollIntervalMs: 1,
      fetch: refusing,
    });
    await expect(run).rejects.toSatisfy(
      (error) =>
        BatchApiError.isInstance(error) && /Could not upload the batch file: 401/.test(error.message),
    );
  });
});
