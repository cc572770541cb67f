// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examQuestionText, type Item } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { readSharedSources, temporaryDir } from '@kensa/test-support';
import type { MockServer, MockServerOptions } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { igakuqaEvalArgs, lastMessage, knowingServer as startKnowingServer } from '../../test-endpoint';
import { captureIo } from '../../test-io';

const contents = readSharedSources(igakuqa.sources);
const items = igakuqa.parse(contents);
const examples = igakuqa.examples(contents);
const threeShot = igakuqa.prompts[0];

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type ChatBody = { messages: { role: string; content: string }[] };

/** `kensa eval igakuqa` on the shared data against the mock; each test adds its own flags. */
const evalArgs = (mock: MockServer) => igakuqaEvalArgs(mock.baseURL);

/** A mock model that answers every IgakuQA question with its key, found by the question text. */
async function knowingServer(options: MockServerOptions = {}): Promise<MockServer> {
  server = await startKnowingServer(options);
  return server;
}

describe('kensa eval against an OpenAI-compatible endpoint', () => {
  it('sends the 3shot messages byte for byte as rendered (single, multi-answer, numeric, 8-choice)', async () => {
    const mock = await knowingServer();
    const pick = (predicate: (item: Item) => boolean) => items.find(predicate) as Item;
    const chosen = [
      pick((item) => item.kind === 'choice' && item.answer.length === 1 && item.choices.length === 5),
      pick((item) => item.answer.length === 2),
      pick((item) => item.answer.length === 3),
      pick((item) => item.kind === 'numeric'),
      pick((item) => item.choices.length === 8),
    ];
    const limit = Math.max(...chosen.map((item) => items.indexOf(item))) + 1;
    const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir() } });
    const args = evalArgs(mock);
    const code = await main(
      [
        ...args,
        '--limit',
        String(limit),
        '--out',
        path.join(await temporaryDir(), 'run'),
        '--concurrency',
        '32',
      ],
      io,
    );
    expect(io.err()).not.toContain('kensa: unexpected');
    expect(code).toBe(0);
    for (const item of chosen) {
      const expected = threeShot?.render(item, { examples }).messages;
      const request = mock.requests.find((recorded) =>
        lastMessage(recorded.body).startsWith(`問題: ${item.question}`),
      );
      expect(request, item.id).toBeDefined();
      expect(request?.rawBody).toContain(`"messages":${JSON.stringify(expected)}`);
      expect((request?.body as ChatBody | undefined)?.messages).toEqual(expected);
    }
  });

  it('scores a model that always knows the key at full marks, apart from the rulings', async () => {
    const mock = await knowingServer();
    const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir() } });
    const args = [...evalArgs(mock), '--json'];
    expect(
      await main([...args, '--concurrency', '64', '--out', path.join(await temporaryDir(), 'run')], io),
    ).toBe(0);
    const result = JSON.parse(io.out());
    // Full marks: every exam's score equals its total (excluded questions are out of both).
    expect(result.exams.map((exam: { score: number; total: number }) => exam.score - exam.total)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(result.meanScore).toBeCloseTo((499 + 496 + 496 + 500 + 494) / 5, 10);
  });

  it('never writes the API key into the run folder or the cache', async () => {
    const planted = 'sk-kensa-PLANTED-4f1c9e';
    const mock = await knowingServer();
    const cacheDir = await temporaryDir();
    const out = path.join(await temporaryDir(), 'run');
    const io = captureIo({ env: { KENSA_CACHE_DIR: cacheDir, OPENAI_API_KEY: planted } });
    const args = evalArgs(mock);
    expect(await main([...args, '--limit', '30', '--out', out], io)).toBe(0);
    // The key was really used, so its absence below means something.
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${planted}`);
    for (const directory of [out, cacheDir]) {
      const files = (await readdir(directory, { recursive: true, withFileTypes: true })).filter((entry) =>
        entry.isFile(),
      );
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = await readFile(path.join(file.parentPath, file.name));
        expect(bytes.includes(planted), path.join(file.parentPath, file.name)).toBe(false);
      }
    }
    expect(io.out() + io.err()).not.toContain(planted);
  });

  it('resumes after kill -9 without asking any finished question again', async () => {
    const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' before this test.`);
    const mock = await knowingServer({ latency: 20 });
    const out = path.join(await temporaryDir(), 'run');
    const args = evalArgs(mock);
    const runArgs = [...args, '--limit', '300', '--concurrency', '8', '--no-cache', '--out', out];
    const child = spawn(process.execPath, [cli, ...runArgs], {
      stdio: 'ignore',
      env: { ...process.env, KENSA_CACHE_DIR: await temporaryDir() },
    });
    const log = path.join(out, 'log.jsonl');
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const text = existsSync(log) ? await readFile(log, 'utf8') : '';
      if (text.split('\n').length > 100) break;
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const killedLog = await readFile(log, 'utf8');
    const finishedBeforeKill = new Set(
      killedLog
        .split('\n')
        .filter((line) => line.endsWith('}'))
        .map((line) => JSON.parse(line).itemId as string),
    );
    expect(finishedBeforeKill.size).toBeGreaterThan(50);
    expect(finishedBeforeKill.size).toBeLessThan(300);

    const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir() } });
    expect(await main([...runArgs, '--json'], io)).toBe(0);
    const records = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { itemId: string; status: string });
    // Every question answered exactly once in the log …
    expect(records.filter((record) => record.status === 'ok')).toHaveLength(300);
    expect(new Set(records.map((record) => record.itemId)).size).toBe(300);
    // … and the server was asked once for every question finished before the kill.
    const asked = new Map<string, number>();
    const byText = new Map(items.slice(0, 300).map((item) => [item.id, `問題: ${item.question}`]));
    for (const request of mock.requests) {
      for (const [id, text] of byText)
        if (lastMessage(request.body).startsWith(text)) asked.set(id, (asked.get(id) ?? 0) + 1);
    }
    for (const id of finishedBeforeKill) expect(asked.get(id), id).toBe(1);
    // Questions in flight at the kill may have been asked twice; no more than the concurrency.
    const repeated = [...asked.values()].filter((count) => count > 1).length;
    expect(repeated).toBeLessThanOrEqual(8);
    expect(JSON.parse(io.out()).failures).toEqual([]);
  });

  it('finishes the run when an item keeps failing, lists it and exits 1', async () => {
    const failing = items[0] as Item;
    const mock = await knowingServer({
      faultFor: (request) => (lastMessage(request.body) === examQuestionText(failing) ? '500' : undefined),
    });
    const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir() } });
    const args = evalArgs(mock);
    const code = await main(
      [...args, '--limit', '10', '--retries', '1', '--out', path.join(await temporaryDir(), 'r')],
      io,
    );
    expect(code).toBe(1);
    expect(io.out()).toContain(`1 failed after retries`);
    expect(io.out()).toMatch(new RegExp(`${failing.id}#0: the server answered 500.*after 2 attempts`));
  });

  it('serves a repeated run from the cache, and with --no-cache neither reads nor writes it', async () => {
    const mock = await knowingServer();
    const cacheDir = await temporaryDir();
    const env = { KENSA_CACHE_DIR: cacheDir };
    const args = [...evalArgs(mock), '--limit', '20'];
    const run = async (extra: string[]) => {
      const io = captureIo({ env });
      expect(
        await main([...args, ...extra, '--json', '--out', path.join(await temporaryDir(), 'r')], io),
      ).toBe(0);
      return JSON.parse(io.out()).timing;
    };
    expect(await run([])).toMatchObject({ requestsSent: 20, cacheHits: 0 });
    expect(await run([])).toMatchObject({ requestsSent: 0, cacheHits: 20 });
    expect(mock.count({ kind: 'chat' })).toBe(20);

    const uncachedDir = await temporaryDir();
    const uncached = captureIo({ env: { KENSA_CACHE_DIR: uncachedDir } });
    expect(await main([...args, '--no-cache', '--out', path.join(await temporaryDir(), 'u')], uncached)).toBe(
      0,
    );
    expect(await readdir(uncachedDir)).toEqual([]);
    expect(mock.count({ kind: 'chat' })).toBe(40);
  });
});
