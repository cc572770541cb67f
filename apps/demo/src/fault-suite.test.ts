// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examQuestionText } from '@kensa/core';
import { sharedDataDir, temporaryDir } from '@kensa/test-support';
import type { MockServer, MockServerOptions } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from './main';
import {
  igakuqaEvalArgs,
  igakuqaItems,
  itemByText,
  lastMessage,
  knowingServer as startKnowingServer,
} from './test-endpoint';
import { captureIo } from './test-io';

// The fault suite: each hole found by attacking the built CLI, with the fault-injection server of
// @kensa/testing standing in for a misbehaving endpoint or gateway.

const dataDir = sharedDataDir();
const items = igakuqaItems;
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The knowing mock server, closed after the test. */
async function knowingServer(options: MockServerOptions = {}): Promise<MockServer> {
  server = await startKnowingServer(options);
  return server;
}

const evalArgs = (mock: MockServer) => igakuqaEvalArgs(mock.baseURL);

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function countLines(file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const text = await readFile(file, 'utf8');
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

function requireBuiltCli(): void {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' before this test.`);
}

interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  nodeOptions: string[] = [],
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, cli, ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('fault suite: secrets', () => {
  it('writes and prints no byte of a key or URL password that the server echoes in 401 and 500 bodies', async () => {
    const planted = 'sk-kensa-PLANTED-77a1c3e9';
    const password = 'gateway-PASSWORD-5521';
    const failing = new Set(items.slice(0, 10).map(examQuestionText));
    const mock = await knowingServer({
      faultFor: (request) => (failing.has(lastMessage(request.body)) ? 'echo-500' : undefined),
    });
    const cacheDir = await temporaryDir();
    const outDir = await temporaryDir();
    const baseURL = mock.baseURL.replace('http://', `http://kensa:${password}@`);
    const env = { KENSA_CACHE_DIR: cacheDir, OPENAI_API_KEY: planted };
    const base = ['eval', 'igakuqa', '--data-dir', dataDir, '--model', 'mock-model', '--base-url', baseURL];
    const printed: string[] = [];

    // 500s echoing the header: those items fail (and are listed, with the message), the rest succeed.
    const io = captureIo({ env });
    const code = await main(
      [...base, '--limit', '30', '--retries', '0', '--out', path.join(outDir, 'a')],
      io,
    );
    expect(code).toBe(1);
    printed.push(io.out(), io.err());
    const json = captureIo({ env });
    await main([...base, '--limit', '30', '--retries', '0', '--json', '--out', path.join(outDir, 'b')], json);
    printed.push(json.out(), json.err());
    // A 401 echoing the header stops the run; its message is printed.
    const reject = await knowingServer({
      faultFor: (request) => (request.index >= 3 ? 'echo-401' : undefined),
    });
    const rejectedIo = captureIo({ env });
    const rejectedBase = base.map((value) => (value === baseURL ? reject.baseURL : value));
    expect(await main([...rejectedBase, '--limit', '30', '--out', path.join(outDir, 'c')], rejectedIo)).toBe(
      1,
    );
    printed.push(rejectedIo.out(), rejectedIo.err());

    // The secrets really went over the wire and really came back, so their absence below means something.
    expect(mock.requests.some((request) => request.headers.authorization === `Bearer ${planted}`)).toBe(true);
    expect(reject.requests.at(-1)?.status).toBe(401);
    expect(printed.join('\n')).toContain('[redacted]');
    expect(io.out()).toMatch(/the server answered 500: .*Authorization: Bearer \[redacted\]/);

    const files = [...(await filesUnder(outDir)), ...(await filesUnder(cacheDir))];
    expect(files.some((file) => file.endsWith('report.html'))).toBe(true);
    expect(files.some((file) => file.endsWith('responses.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const secret of [planted, password]) expect(bytes.includes(secret), file).toBe(false);
    }
    for (const text of printed) {
      expect(text).not.toContain(planted);
      expect(text).not.toContain(password);
    }
  });
});

describe('fault suite: concurrency', () => {
  it('has 256 requests in flight at --concurrency 256 against a slow server, none failing', async () => {
    const mock = await knowingServer({ latency: 1500 });
    const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir() } });
    const args = [...evalArgs(mock), '--limit', '256', '--concurrency', '256', '--timeout', '30', '--json'];
    expect(await main([...args, '--out', path.join(await temporaryDir(), 'r')], io)).toBe(0);
    expect(mock.maxInFlight).toBe(256);
    const result = JSON.parse(io.out());
    expect(result.failures).toEqual([]);
    expect(result.timing.requestsSent).toBe(256);
    expect(mock.count({ kind: 'chat' })).toBe(256);
  });
});

describe('fault suite: bounded replies', () => {
  it('fails four 50 MB replies with their size, storing none, in bounded memory and disk', async () => {
    requireBuiltCli();
    const hugeItems = new Set(items.slice(0, 4).map(examQuestionText));
    let served = 0;
    const mock = await knowingServer({
      faultFor: (request) => {
        if (!hugeItems.has(lastMessage(request.body))) return undefined;
        served++;
        // Two announce their size, two stream without end: both must stop at the limit.
        return served % 2 === 0 ? { kind: 'huge', sizeBytes: 50 * 1024 * 1024 } : 'endless';
      },
    });
    const work = await temporaryDir();
    const out = path.join(work, 'run');
    const cacheDir = path.join(work, 'cache');
    const rssFile = path.join(work, 'rss.txt');
    const preload = path.join(work, 'report-rss.mjs');
    writeFileSync(
      preload,
      `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
    );
    const result = await runCli(
      [...evalArgs(mock), '--limit', '8', '--retries', '0', '--json', '--out', out],
      { KENSA_CACHE_DIR: cacheDir },
      ['--import', preload],
    );
    expect(result.code, result.stderr).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.failures).toHaveLength(4);
    for (const failure of document.failures)
      expect(failure.error).toMatch(
        /the reply is (more than )?\d+\.\d MB, over the limit of 16\.0 MB; it was not stored/,
      );
    expect(document.failures.map((failure: { error: string }) => failure.error).join('\n')).toMatch(
      /50\.0 MB/,
    );
    // maxRSS is in kB: well under a few hundred MB, where buffering the four replies took 2.1 GB.
    const maxRssMb = Number(await readFile(rssFile, 'utf8')) / 1024;
    expect(maxRssMb).toBeLessThan(300);
    let bytesOnDisk = 0;
    for (const file of [...(await filesUnder(out)), ...(await filesUnder(cacheDir))])
      bytesOnDisk += (await stat(file)).size;
    expect(bytesOnDisk).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('fault suite: one writer per run folder', () => {
  it('refuses a second eval on the same --out, naming the holder; the log holds each item once', async () => {
    requireBuiltCli();
    const mock = await knowingServer({ latency: 30 });
    const work = await temporaryDir();
    const out = path.join(work, 'run');
    const args = [...evalArgs(mock), '--limit', '200', '--concurrency', '8', '--no-cache', '--out', out];
    const env = { KENSA_CACHE_DIR: path.join(work, 'cache') };
    const [first, second] = await Promise.all([runCli(args, env), runCli(args, env)]);
    const codes = [first.code, second.code].sort();
    expect(codes).toEqual([0, 2]);
    const refused = first.code === 2 ? first : second;
    expect(refused.stderr).toMatch(/is being written by process \d+ on .+, since \d{4}-/);
    expect(refused.stderr).not.toMatch(/unexpected error|\n\s+at /);
    const log = (await readFile(path.join(out, 'log.jsonl'), 'utf8')).trim().split('\n');
    const ids = log.map((line) => JSON.parse(line).itemId as string);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    expect(mock.count({ kind: 'chat' })).toBe(200);
    expect(existsSync(path.join(out, 'kensa.lock'))).toBe(false);
  });
});

describe('fault suite: kill -9', () => {
  it('resumes a 2,000-item run killed at random moments without asking any finished item again', async () => {
    requireBuiltCli();
    const total = 2000;
    expect(items.length).toBeGreaterThanOrEqual(total);
    const mock = await knowingServer({ latency: { min: 1, max: 10 } });
    const work = await temporaryDir();
    const out = path.join(work, 'run');
    const log = path.join(out, 'log.jsonl');
    const args = [
      ...evalArgs(mock),
      '--limit',
      String(total),
      '--concurrency',
      '32',
      '--no-cache',
      '--out',
      out,
    ];
    const env = { ...process.env, KENSA_CACHE_DIR: path.join(work, 'cache') };
    const readFinished = async () =>
      new Set(
        (existsSync(log) ? await readFile(log, 'utf8') : '')
          .split('\n')
          .filter((line) => line.endsWith('}'))
          .map((line) => JSON.parse(line).itemId as string),
      );
    // Kill at seeded random moments, measured in progress (not in time, so a slow machine kills as often):
    // when the log holds a random count of items, up to 400 more than at the last kill.
    let state = 20261201;
    const nextStep = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return 50 + (state % 350);
    };
    // After each kill: the items finished so far, and how many requests the server had seen by then.
    const checkpoints: { finished: Set<string>; requests: number }[] = [];
    for (let kill = 0; kill < 5; kill++) {
      const threshold = (checkpoints.at(-1)?.finished.size ?? 0) + nextStep();
      const child = spawn(process.execPath, [cli, ...args], { stdio: 'ignore', env });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      while ((await countLines(log)) < threshold && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 5 + (state % 20)));
      child.kill('SIGKILL');
      await exited;
      checkpoints.push({ finished: await readFinished(), requests: mock.count({ kind: 'chat' }) });
    }
    expect(checkpoints.at(-1)?.finished.size).toBeLessThan(total);
    const final = await runCli([...args, '--json'], env);
    expect(final.code, final.stderr).toBe(0);

    const idOf = (index: number) => itemByText.get(lastMessage(mock.requests[index]?.body))?.id;
    for (const [position, checkpoint] of checkpoints.entries()) {
      // No request sent after this kill asks for an item the log already held.
      for (let index = checkpoint.requests; index < mock.requests.length; index++) {
        const id = idOf(index);
        expect(
          id === undefined || !checkpoint.finished.has(id),
          `request ${index} after kill ${position + 1}: ${id}`,
        ).toBe(true);
      }
    }
    const records = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { itemId: string; status: string });
    expect(records).toHaveLength(total);
    expect(new Set(records.map((record) => record.itemId)).size).toBe(total);
    expect(records.every((record) => record.status === 'ok')).toBe(true);
    // Each item asked at most once per run it was in flight in.
    const asked = new Map<string, number>();
    for (let index = 0; index < mock.requests.length; index++) {
      const id = idOf(index);
      if (id !== undefined) asked.set(id, (asked.get(id) ?? 0) + 1);
    }
    expect(asked.size).toBe(total);
    expect(Math.max(...asked.values())).toBeLessThanOrEqual(checkpoints.length + 1);
    expect(JSON.parse(final.stdout).failures).toEqual([]);
  }, 240_000);
});
