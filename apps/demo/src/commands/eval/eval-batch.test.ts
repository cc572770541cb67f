// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examQuestionText } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { readSharedSources, sharedDataDir, temporaryDir } from '@kensa/test-support';
import {
  createMockBatchServer,
  createMockServer,
  type MockBatchServer,
  type MockServer,
  type ReplyPolicy,
} from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { igakuqaEvalArgs } from '../../test-endpoint';
import { captureIo } from '../../test-io';

const dataDir = sharedDataDir();
const items = igakuqa.parse(readSharedSources(igakuqa.sources));
const limit = 2000;

type ChatBody = { messages: { role: string; content: string }[] };
const lastMessage = (body: unknown) => (body as ChatBody).messages.at(-1)?.content ?? '';

/**
 * A model that knows the key of about two questions in three and answers 「a」 otherwise, decided by the question
 * text alone, so any two runs (direct, by batch file, by Batch API) get the same replies for the same requests.
 */
const byText = new Map(items.map((item) => [examQuestionText(item), item]));
const partlyKnowing: ReplyPolicy = ({ body }) => {
  const text = lastMessage(body);
  const item = byText.get(text);
  if (item === undefined) return 'わかりません';
  return text.length % 3 === 0 ? '答え: a' : `答え: ${item.answer.join(',')}`;
};

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function modelServer(options: Parameters<typeof createMockServer>[0] = {}): Promise<MockServer> {
  const server = await createMockServer({ reply: partlyKnowing, ...options });
  servers.push(server);
  return server;
}

async function batchServer(
  options: Parameters<typeof createMockBatchServer>[0] = {},
): Promise<MockBatchServer> {
  const server = await createMockBatchServer({ reply: partlyKnowing, ...options });
  servers.push(server);
  return server;
}

const baseArgs = (baseURL: string, out: string, count = limit) => [
  ...igakuqaEvalArgs(baseURL),
  ...['--limit', String(count), '--out', out],
];

interface ExamJson {
  meanScore: number;
  exams: { exam: string; score: number; total: number; accuracy: number; kinki: number; passed: boolean }[];
  failures: unknown[];
}

async function run(
  args: string[],
  cacheDir?: string,
): Promise<{ code: number; json: ExamJson | undefined; err: string; out: string }> {
  const io = captureIo({ env: { KENSA_CACHE_DIR: cacheDir ?? (await temporaryDir()) } });
  const code = await main(args, io);
  expect(io.err()).not.toContain('unexpected');
  const text = io.out();
  return {
    code,
    json: args.includes('--json') ? (JSON.parse(text) as ExamJson) : undefined,
    err: io.err(),
    out: text,
  };
}

const references = new Map<number, Promise<ExamJson>>();

/** The same run sent request by request: the reference every batch path must reproduce exactly (once per size). */
function directRun(count = limit): Promise<ExamJson> {
  let reference = references.get(count);
  if (reference === undefined) {
    reference = (async () => {
      const server = await modelServer();
      const out = path.join(await temporaryDir(), 'direct');
      const { code, json } = await run([...baseArgs(server.baseURL, out, count), '--no-cache', '--json']);
      expect(code).toBe(0);
      expect(server.count({ kind: 'chat' })).toBe(count);
      await server.close();
      return json as ExamJson;
    })();
    references.set(count, reference);
  }
  return reference;
}

/** 2,000-question runs take a while on a busy machine. */
const slow = 300_000;

const table = (json: ExamJson) => ({ meanScore: json.meanScore, exams: json.exams, failures: json.failures });

/**
 * What `vllm run-batch -i FILE -o RESULTS` does with our file: each line's body goes to the model's chat
 * endpoint and comes back as a `BatchRequestOutput` line (vllm/entrypoints/openai/run_batch.py, commit 0056ae7b:
 * `{ id: "vllm-…", custom_id, response: { status_code: 200, request_id: "vllm-batch-…", body }, error: null }`).
 */
async function vllmRunBatch(input: string, server: MockServer): Promise<string[]> {
  const lines: string[] = [];
  for (const [index, text] of input.trim().split('\n').entries()) {
    const request = JSON.parse(text) as { custom_id: string; method: string; url: string; body: unknown };
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/chat/completions');
    const response = await fetch(`${server.url}${request.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request.body),
    });
    lines.push(
      JSON.stringify({
        id: `vllm-${index}`,
        custom_id: request.custom_id,
        response: {
          status_code: response.status,
          request_id: `vllm-batch-${index}`,
          body: await response.json(),
        },
        error: null,
      }),
    );
  }
  return lines;
}

describe('kensa eval with batch files (--batch-out, --batch-in)', () => {
  it(
    'round-trips 2,000 IgakuQA questions through a vllm run-batch file to the direct run’s exam table',
    async () => {
      const reference = await directRun();
      const server = await modelServer();
      const dir = await temporaryDir();
      const out = path.join(dir, 'batch-run');
      const requestsFile = path.join(dir, 'requests.jsonl');

      // The response cache is left out of the 2,000-question runs (it is slow on a busy disk); the small test below
      // checks that ingested results go into it.
      const written = await run([
        ...baseArgs(server.baseURL, out),
        '--no-cache',
        '--batch-out',
        requestsFile,
      ]);
      expect(written.code).toBe(0);
      expect(server.count()).toBe(0);
      expect(written.err).toContain(`Wrote ${limit} request(s)`);
      const input = await readFile(requestsFile, 'utf8');
      const first = JSON.parse(input.split('\n')[0] as string);
      expect(first).toMatchObject({
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'mock-model' },
      });
      expect(first.custom_id).toMatch(/^igakuqa\/[^#]+#0@[0-9a-f]{16}$/);

      const results = await vllmRunBatch(input, server);
      server.reset();
      // A first, partial results file: what it answers goes in, the rest stays pending.
      const partial = path.join(dir, 'partial.jsonl');
      await writeFile(partial, `${results.slice(0, 1200).join('\n')}\n`);
      const halfway = await run([...baseArgs(server.baseURL, out), '--no-cache', '--batch-in', partial]);
      expect(halfway.code).toBe(1);
      expect(halfway.err).toContain('800 answer(s) still pending');
      expect(halfway.out).toBe('');

      // The complete file, with a duplicate, an unknown id and a result for a changed request mixed in.
      const stale = JSON.parse(results[5] as string);
      stale.custom_id = stale.custom_id.replace(/@[0-9a-f]{16}$/, '@0000000000000000');
      const complete = path.join(dir, 'results.jsonl');
      await writeFile(
        complete,
        `${[
          ...results,
          results[0],
          JSON.stringify({
            ...JSON.parse(results[1] as string),
            custom_id: 'igakuqa/999Z9#0@0123456789abcdef',
          }),
          JSON.stringify(stale),
        ].join('\n')}\n`,
      );
      const finished = await run([
        ...baseArgs(server.baseURL, out),
        '--no-cache',
        '--batch-in',
        complete,
        '--json',
      ]);
      expect(finished.code).toBe(0);
      expect(server.count()).toBe(0);
      expect(finished.err).toContain('1 custom_id(s) appear more than once');
      expect(finished.err).toContain('1200 result(s) answer questions already in the run folder');
      expect(finished.err).toContain('1 result(s) match no request of this run');
      expect(finished.err).toContain('1 result(s) answer a request that has changed');
      expect(finished.err).toContain('igakuqa/999Z9#0@0123456789abcdef');
      expect(table(finished.json as ExamJson)).toEqual(table(reference));

      // The run folder is a normal one: a direct run on it asks nothing again.
      const again = await run([...baseArgs(server.baseURL, out), '--no-cache', '--json']);
      expect(server.count()).toBe(0);
      expect(table(again.json as ExamJson)).toEqual(table(reference));
    },
    slow,
  );

  it('refuses a result whose request has changed, and logs per-line errors against their items', async () => {
    const server = await modelServer();
    const dir = await temporaryDir();
    const out = path.join(dir, 'run');
    const args = baseArgs(server.baseURL, out, 3);
    await run([...args, '--batch-out', path.join(dir, 'requests.jsonl')]);
    const lines = (await readFile(path.join(dir, 'requests.jsonl'), 'utf8')).trim().split('\n');
    const ids = lines.map((line) => JSON.parse(line).custom_id as string);
    const changed = ids[0]?.replace(/@[0-9a-f]{16}$/, '@ffffffffffffffff') as string;
    const results = [
      // vLLM's make_error_request_output: status 400, no body, the message as a string.
      {
        id: 'vllm-1',
        custom_id: ids[1],
        response: { status_code: 400, request_id: 'r1' },
        error: 'context too long',
      },
      {
        id: 'vllm-2',
        custom_id: changed,
        response: { status_code: 200, request_id: 'r2', body: {} },
        error: null,
      },
    ];
    await writeFile(path.join(dir, 'results.jsonl'), results.map((line) => JSON.stringify(line)).join('\n'));
    const outcome = await run([...args, '--batch-in', path.join(dir, 'results.jsonl')]);
    expect(outcome.code).toBe(1);
    expect(outcome.err).toContain('answer a request that has changed');
    expect(outcome.err).toContain(changed);
    const log = (await readFile(path.join(out, 'log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      itemId: items[1]?.id,
      status: 'error',
      httpStatus: 400,
      error: expect.stringContaining('context too long'),
    });
  });

  it('puts ingested results into the response cache, under the same key a direct request has', async () => {
    const server = await modelServer();
    const dir = await temporaryDir();
    const cacheDir = await temporaryDir();
    const requestsFile = path.join(dir, 'requests.jsonl');
    await run(
      [...baseArgs(server.baseURL, path.join(dir, 'batch'), 5), '--batch-out', requestsFile],
      cacheDir,
    );
    const results = await vllmRunBatch(await readFile(requestsFile, 'utf8'), server);
    await writeFile(path.join(dir, 'results.jsonl'), results.join('\n'));
    const ingested = await run(
      [
        ...baseArgs(server.baseURL, path.join(dir, 'batch'), 5),
        '--batch-in',
        path.join(dir, 'results.jsonl'),
        '--json',
      ],
      cacheDir,
    );
    expect(ingested.code).toBe(0);
    server.reset();
    const direct = await run([...baseArgs(server.baseURL, path.join(dir, 'direct'), 5), '--json'], cacheDir);
    expect(server.count()).toBe(0);
    expect(direct.json).toMatchObject({ timing: { cacheHits: 5, requestsSent: 0 } });
    expect(table(direct.json as ExamJson)).toEqual(table(ingested.json as ExamJson));
  });

  it('names the file and line of a malformed results file and exits 2', async () => {
    const server = await modelServer();
    const dir = await temporaryDir();
    await writeFile(path.join(dir, 'bad.jsonl'), '{"custom_id": "a"}\nnot json\n');
    const outcome = await run([
      ...baseArgs(server.baseURL, path.join(dir, 'run')),
      '--batch-in',
      path.join(dir, 'bad.jsonl'),
    ]);
    expect(outcome.code).toBe(2);
    expect(outcome.err).toContain('bad.jsonl:2: is not valid JSON');
  });

  it('asks for --out, one batch flag, and a served model', async () => {
    const outcome = await run([
      'eval',
      'igakuqa',
      '--data-dir',
      dataDir,
      '--model',
      'm',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--batch-out',
      'x.jsonl',
    ]);
    expect(outcome.code).toBe(2);
    expect(outcome.err).toContain('--batch-out needs --out DIR');
    const both = await run([
      'eval',
      'igakuqa',
      '--model',
      'm',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--out',
      'o',
      '--batch-out',
      'x',
      '--batch-in',
      'y',
    ]);
    expect(both.err).toContain('Give one of --batch-out, --batch-in, not several.');
    const baseline = await run(['eval', 'igakuqa', '--data-dir', dataDir, '--out', 'o', '--batch-out', 'x']);
    expect(baseline.err).toContain('needs a served --model');
  });
});

describe('kensa eval --batch openai', () => {
  const batchArgs = (server: MockBatchServer, out: string, count = limit) => [
    ...baseArgs(server.baseURL, out, count),
    '--batch',
    'openai',
    '--batch-poll-interval',
    '0.001',
  ];

  it(
    'uploads, polls, downloads and ingests 2,000 questions to the direct run’s exam table',
    async () => {
      const reference = await directRun();
      const server = await batchServer({ linesPerPoll: 700 });
      const out = path.join(await temporaryDir(), 'run');
      const io = captureIo({
        env: { KENSA_CACHE_DIR: await temporaryDir(), OPENAI_API_KEY: 'sk-test-batch-key' },
      });
      const code = await main([...batchArgs(server, out), '--json'], io);
      expect(io.err()).not.toContain('unexpected');
      expect(code).toBe(0);
      expect(table(JSON.parse(io.out()) as ExamJson)).toEqual(table(reference));
      expect(server.uploads).toEqual([expect.objectContaining({ purpose: 'batch', lines: limit })]);
      expect(server.batches).toEqual([
        expect.objectContaining({ status: 'completed', lines: limit, processed: limit }),
      ]);
      expect(io.err()).toMatch(/batch_mock1: in_progress · 700\/2000 done, 0 failed/);
      expect(server.requests.every((request) => request.authorization === 'Bearer sk-test-batch-key')).toBe(
        true,
      );
      const folder = await Promise.all(
        ['manifest.json', 'log.jsonl', 'batches.json', 'summary.json'].map((file) =>
          readFile(path.join(out, file), 'utf8'),
        ),
      );
      for (const text of folder) expect(text).not.toContain('sk-test-batch-key');
    },
    slow,
  );

  it('reports lines of an expired batch per item and resubmits them on the next run', async () => {
    const troubled = items[1]?.id as string;
    let lineErrors = 0;
    const server = await batchServer({
      linesPerPoll: 4,
      ending: (index) => (index === 0 ? { status: 'expired', afterLines: 6 } : undefined),
      // The second question's line fails once (the first batch), as a 400 in the error file.
      lineError: ({ customId }) =>
        customId.startsWith(`igakuqa/${troubled}#`) && lineErrors++ === 0
          ? { status: 400, message: 'bad line' }
          : undefined,
    });
    const out = path.join(await temporaryDir(), 'run');
    const args = batchArgs(server, out, 10);
    const first = await run([...args, '--json']);
    expect(first.code).toBe(1);
    const failures = (first.json as ExamJson).failures as { itemId: string; error: string }[];
    expect(failures.filter((failure) => failure.error.includes('batch_expired'))).toHaveLength(4);
    expect(failures.find((failure) => failure.itemId === troubled)?.error).toContain('bad line');
    const second = await run([...args, '--json']);
    expect(second.code).toBe(0);
    expect(server.batches.map((batch) => [batch.status, batch.lines])).toEqual([
      ['expired', 10],
      ['completed', 5],
    ]);
  });

  it('reports a batch that failed validation against every item in it', async () => {
    const server = await batchServer({
      ending: () => ({
        status: 'failed',
        code: 'invalid_json_line',
        message: 'This line is not parseable.',
        line: 3,
      }),
    });
    const out = path.join(await temporaryDir(), 'run');
    const args = batchArgs(server, out, 4);
    const outcome = await run([...args, '--json']);
    expect(outcome.code).toBe(1);
    const failures = (outcome.json as ExamJson).failures as { error: string }[];
    expect(failures).toHaveLength(4);
    expect(failures[0]?.error).toContain(
      'batch batch_mock1 failed: invalid_json_line at line 3 This line is not parseable.',
    );
  });

  it(
    'resumes polling the same batch after the CLI is killed midway',
    async () => {
      const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');
      if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' before this test.`);
      const count = 600;
      const reference = await directRun(count);
      const server = await batchServer({ linesPerPoll: 50 });
      const out = path.join(await temporaryDir(), 'run');
      const args = [...batchArgs(server, out, count).slice(0, -1), '0.02'];
      const child = spawn(process.execPath, [cli, ...args], {
        stdio: 'ignore',
        env: { ...process.env, KENSA_CACHE_DIR: await temporaryDir() },
      });
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const batch = server.batches[0];
        if (batch !== undefined && batch.processed >= 100) break;
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const atKill = server.batches[0];
      expect(atKill?.status).toBe('in_progress');
      expect(atKill?.processed).toBeLessThan(count);
      const state = JSON.parse(await readFile(path.join(out, 'batches.json'), 'utf8'));
      expect(state.batches).toEqual([
        expect.objectContaining({ id: 'batch_mock1', inputFileId: 'file-mock1' }),
      ]);

      const resumed = await run([...batchArgs(server, out, count), '--json']);
      expect(resumed.code).toBe(0);
      expect(server.uploads).toHaveLength(1);
      expect(server.batches).toHaveLength(1);
      expect(table(resumed.json as ExamJson)).toEqual(table(reference));
    },
    slow,
  );
});

describe('kensa eval with several --base-url (replicas)', () => {
  it(
    'spreads a run over two replicas, one failing partway, and loses nothing',
    async () => {
      const count = 600;
      const reference = await directRun(count);
      const steady = await modelServer();
      let served = 0;
      const failing = await modelServer({
        // Answers its first 150 requests, then refuses everything with 503.
        faultFor: (request) => (request.kind === 'chat' && served++ >= 150 ? '503' : undefined),
      });
      const out = path.join(await temporaryDir(), 'run');
      const args = [
        ...baseArgs(steady.baseURL, out, count),
        '--base-url',
        failing.baseURL,
        '--concurrency',
        '4',
        '--json',
      ];
      const outcome = await run(args);
      expect(outcome.code).toBe(0);
      expect(table(outcome.json as ExamJson)).toEqual(table(reference));
      expect(failing.count({ completed: true })).toBe(150);
      expect(steady.count({ completed: true })).toBe(count - 150);
      expect(outcome.err).toContain(`replica ${failing.baseURL} failed`);
      const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
      expect(manifest.endpoint).toBe(steady.baseURL);
      expect(manifest.extra.endpoints).toEqual([steady.baseURL, failing.baseURL]);
      const log = (await readFile(path.join(out, 'log.jsonl'), 'utf8')).trim().split('\n');
      expect(log).toHaveLength(count);
    },
    slow,
  );
});
