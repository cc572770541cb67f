// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ScriptedAnswer, type ServedDirectory, serveDirectory } from '@kensa/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, type RetryEvent } from './download-file';
import { SourceError } from './source-error';
import { igakuqaChecksums, igakuqaFile, igakuqaMirrorDir } from './test-support/igakuqa-mirror';

const filePath = 'data/2018/112-B.jsonl';
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe('downloadFile', () => {
  let server: ServedDirectory;
  let script: ((request: { path: string; count: number }) => ScriptedAnswer | undefined) | undefined;
  let directory: string;
  let destination: string;

  beforeEach(async () => {
    script = undefined;
    server = await serveDirectory(igakuqaMirrorDir(), { script: (request) => script?.(request) });
    directory = await mkdtemp(path.join(tmpdir(), 'kensa-download-'));
    destination = path.join(directory, 'nested', '112-B.jsonl');
  });

  afterEach(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  const expectedBytes = () => readFile(path.join(igakuqaMirrorDir(), filePath));
  const requestCount = () => server.count(`/${filePath}`);

  it('downloads, verifies and writes the file, returning its bytes', async () => {
    const data = await downloadFile(igakuqaFile(filePath, server.url), destination, fast);
    expect(data.equals(await expectedBytes())).toBe(true);
    expect((await readFile(destination)).equals(data)).toBe(true);
    expect(await readdir(path.dirname(destination))).toEqual(['112-B.jsonl']);
    expect(requestCount()).toBe(1);
  });

  it('downloads without a checksum when none is known', async () => {
    const { sha256: _, ...file } = igakuqaFile(filePath, server.url);
    const data = await downloadFile(file, destination, fast);
    expect(data.equals(await expectedBytes())).toBe(true);
  });

  it('retries a 500 twice and then succeeds', async () => {
    script = ({ count }) => (count <= 2 ? { status: 500 } : undefined);
    const retries: RetryEvent[] = [];
    const data = await downloadFile(igakuqaFile(filePath, server.url), destination, {
      ...fast,
      onRetry: (event) => retries.push(event),
    });
    expect(data.equals(await expectedBytes())).toBe(true);
    expect(requestCount()).toBe(3);
    expect(retries.map((event) => event.attempt)).toEqual([1, 2]);
    expect(retries[0]?.reason).toBe('the server answered 500 Internal Server Error');
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    script = ({ count }) => (count === 1 ? { status: 429, headers: { 'retry-after': '1' } } : undefined);
    const retries: RetryEvent[] = [];
    const started = performance.now();
    await downloadFile(igakuqaFile(filePath, server.url), destination, {
      ...fast,
      onRetry: (event) => retries.push(event),
    });
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1000, reason: 'the server answered 429 Too Many Requests' },
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('caps the Retry-After wait', async () => {
    script = ({ count }) => (count === 1 ? { status: 503, headers: { 'retry-after': '3600' } } : undefined);
    const retries: RetryEvent[] = [];
    await downloadFile(igakuqaFile(filePath, server.url), destination, {
      ...fast,
      maxRetryAfterMs: 20,
      onRetry: (event) => retries.push(event),
    });
    expect(retries.map((event) => event.delayMs)).toEqual([20]);
  });

  it('fails at once on a 404, naming the path and the URL', async () => {
    const file = igakuqaFile(filePath, server.url);
    const missing = {
      ...file,
      path: 'data/2018/missing.jsonl',
      url: `${server.url}/data/2018/missing.jsonl`,
    };
    const error = await downloadFile(missing, destination, fast).catch((error: unknown) => error);
    expect(SourceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'http', status: 404, path: missing.path, url: missing.url });
    const message = (error as SourceError).message;
    expect(message).toContain("'data/2018/missing.jsonl'");
    expect(message).toContain(missing.url);
    expect(message).toContain('404');
    expect(message).toContain('--data-dir');
    expect(server.count('/data/2018/missing.jsonl')).toBe(1);
    expect(existsSync(path.dirname(destination))).toBe(false);
  });

  it('gives up after the configured retries, saying how often it tried', async () => {
    script = () => ({ status: 503 });
    const error = await downloadFile(igakuqaFile(filePath, server.url), destination, {
      ...fast,
      retries: 2,
    }).catch((error: unknown) => error);
    expect(error).toMatchObject({ reason: 'http', status: 503 });
    expect((error as Error).message).toMatch(
      /\(3 attempts\): the server answered 503 Service Unavailable\. Check your network/,
    );
    expect(requestCount()).toBe(3);
  });

  it('retries a dropped connection', async () => {
    script = ({ count }) => (count === 1 ? 'destroy' : undefined);
    const retries: RetryEvent[] = [];
    const data = await downloadFile(igakuqaFile(filePath, server.url), destination, {
      ...fast,
      onRetry: (event) => retries.push(event),
    });
    expect(data.equals(await expectedBytes())).toBe(true);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toMatch(/^fetch failed/);
  });

  it('times out each attempt and reports a network failure', async () => {
    script = () => 'hang';
    const error = await downloadFile(igakuqaFile(filePath, server.url), destination, {
      ...fast,
      retries: 1,
      timeoutMs: 50,
    }).catch((error: unknown) => error);
    expect(error).toMatchObject({ reason: 'network', status: undefined });
    expect((error as Error).message).toContain('no complete answer within 50 ms');
    expect(requestCount()).toBe(2);
  });

  it('rejects bytes that do not match the checksum, without retrying or writing anything', async () => {
    const otherChecksum = igakuqaChecksums().get('data/2018/112-A.jsonl') ?? '';
    const file = igakuqaFile(filePath, server.url, otherChecksum);
    const error = await downloadFile(file, destination, fast).catch((error: unknown) => error);
    expect(error).toMatchObject({ reason: 'checksum', path: filePath, url: file.url });
    const message = (error as Error).message;
    expect(message).toContain(`expected sha256 ${otherChecksum}`);
    expect(message).toContain(`got ${igakuqaChecksums().get(filePath)}`);
    expect(message).toContain(filePath);
    expect(requestCount()).toBe(1);
    expect(existsSync(path.dirname(destination))).toBe(false);
  });

  it('reports a file it cannot save as an io error', async () => {
    await mkdir(path.join(destination, 'in-the-way'), { recursive: true });
    const error = await downloadFile(igakuqaFile(filePath, server.url), destination, fast).catch(
      (error: unknown) => error,
    );
    expect(error).toMatchObject({ reason: 'io', path: filePath });
    expect((error as Error).message).toContain(destination);
    expect(await readdir(path.dirname(destination))).toEqual(['112-B.jsonl']);
  });

  it('stops when its signal is aborted, rejecting with the reason', async () => {
    script = () => 'hang';
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 20);
    await expect(
      downloadFile(igakuqaFile(filePath, server.url), destination, { ...fast, signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(existsSync(path.dirname(destination))).toBe(false);
  });

  it('does not retry other 4xx answers', async () => {
    script = () => ({ status: 403 });
    await expect(downloadFile(igakuqaFile(filePath, server.url), destination, fast)).rejects.toMatchObject({
      reason: 'http',
      status: 403,
    });
    expect(requestCount()).toBe(1);
  });
});
