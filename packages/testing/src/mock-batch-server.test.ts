import { afterEach, describe, expect, it } from 'vitest';
import { createMockBatchServer, type MockBatchServer } from './mock-batch-server';

let server: MockBatchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const line = (id: string, content = `question ${id}`) =>
  JSON.stringify({
    custom_id: id,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'mock-model', messages: [{ role: 'user', content }] },
  });

async function upload(
  base: string,
  text: string,
  purpose = 'batch',
): Promise<{ id: string; purpose: string }> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([text]), 'input.jsonl');
  return (await fetch(`${base}/files`, { method: 'POST', body: form })).json() as Promise<{
    id: string;
    purpose: string;
  }>;
}

async function create(base: string, inputFileId: string): Promise<Response> {
  return fetch(`${base}/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      input_file_id: inputFileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    }),
  });
}

type BatchJson = {
  id: string;
  status: string;
  request_counts: { total: number; completed: number; failed: number };
  output_file_id: string | null;
  error_file_id: string | null;
  errors: { data: { code: string; line: number | null }[] } | null;
};
const poll = async (base: string, id: string) =>
  (await fetch(`${base}/batches/${id}`)).json() as Promise<BatchJson>;

describe('createMockBatchServer', () => {
  it('walks a batch through validating, in_progress, finalizing and completed, and serves its output file', async () => {
    server = await createMockBatchServer({
      reply: ({ text }) => `answer to ${text}`,
      linesPerPoll: 2,
      lineError: ({ customId }) => (customId === 'c' ? { status: 400, message: 'bad request' } : undefined),
    });
    const file = await upload(server.baseURL, `${[line('a'), line('b'), line('c')].join('\n')}\n`);
    expect(file.purpose).toBe('batch');
    const created = (await (await create(server.baseURL, file.id)).json()) as BatchJson;
    expect(created.status).toBe('validating');
    const statuses = [];
    let batch = created;
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
      batch = await poll(server.baseURL, created.id);
      statuses.push(`${batch.status} ${batch.request_counts.completed}/${batch.request_counts.total}`);
    }
    expect(statuses).toEqual(['in_progress 0/3', 'in_progress 2/3', 'finalizing 2/3', 'completed 2/3']);
    expect(batch.request_counts.failed).toBe(1);
    const output = await (await fetch(`${server.baseURL}/files/${batch.output_file_id}/content`)).text();
    const lines = output
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(lines.map((entry) => entry.custom_id)).toEqual(['a', 'b']);
    expect(lines[0]).toMatchObject({
      response: {
        status_code: 200,
        body: { object: 'chat.completion', choices: [{ message: { content: 'answer to question a' } }] },
      },
      error: null,
    });
    const errors = await (await fetch(`${server.baseURL}/files/${batch.error_file_id}/content`)).text();
    expect(JSON.parse(errors.trim())).toMatchObject({
      custom_id: 'c',
      response: { status_code: 400, body: { error: { message: 'bad request' } } },
    });
  });

  it('writes unfinished lines of an expired batch to the error file as batch_expired', async () => {
    server = await createMockBatchServer({ ending: () => ({ status: 'expired', afterLines: 1 }) });
    const file = await upload(server.baseURL, [line('a'), line('b')].join('\n'));
    const { id } = (await (await create(server.baseURL, file.id)).json()) as BatchJson;
    await poll(server.baseURL, id);
    const batch = await poll(server.baseURL, id);
    expect(batch.status).toBe('expired');
    const errors = await (await fetch(`${server.baseURL}/files/${batch.error_file_id}/content`)).text();
    expect(JSON.parse(errors.trim())).toMatchObject({
      custom_id: 'b',
      response: null,
      error: { code: 'batch_expired' },
    });
  });

  it('fails validation of a file over the line limit, with duplicate ids or the wrong purpose', async () => {
    server = await createMockBatchServer({ limits: { maxLines: 1, maxBytes: 1_000_000 } });
    const tooMany = await upload(server.baseURL, [line('a'), line('b')].join('\n'));
    const created = (await (await create(server.baseURL, tooMany.id)).json()) as BatchJson;
    expect(created.status).toBe('failed');
    expect(created.errors?.data[0]?.code).toBe('too_many_requests');
    const duplicated = await upload(server.baseURL, [line('a'), line('a')].join('\n'));
    const again = (await (await create(server.baseURL, duplicated.id)).json()) as BatchJson;
    expect(again.errors?.data[0]).toMatchObject({ code: 'duplicate_custom_id', line: 2 });
    const wrongPurpose = await upload(server.baseURL, line('a'), 'assistants');
    expect((await create(server.baseURL, wrongPurpose.id)).status).toBe(400);
  });

  it('cancels a batch on request', async () => {
    server = await createMockBatchServer({ linesPerPoll: 1 });
    const file = await upload(server.baseURL, [line('a'), line('b')].join('\n'));
    const { id } = (await (await create(server.baseURL, file.id)).json()) as BatchJson;
    await poll(server.baseURL, id);
    const cancelling = (await (
      await fetch(`${server.baseURL}/batches/${id}/cancel`, { method: 'POST' })
    ).json()) as BatchJson;
    expect(cancelling.status).toBe('cancelling');
    expect((await poll(server.baseURL, id)).status).toBe('cancelled');
    expect(server.batches[0]).toMatchObject({ status: 'cancelled', processed: 0 });
  });
});
