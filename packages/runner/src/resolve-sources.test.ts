// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SourceFile } from '@kensa/core';
import {
  type ScriptedAnswer,
  type ServedDirectory,
  serveDirectory,
  sharedDataDir,
} from '@kensa/test-support';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveSources, type SourceProgressEvent } from './resolve-sources';
import { SourceError } from './source-error';
import {
  igakuqaChecksums,
  igakuqaFile,
  igakuqaMirrorDir,
  igakuqaRevision,
} from './test-support/igakuqa-mirror';
import { temporaryFileSuffix } from './write-file-atomic';

const questions = 'data/2018/112-A.jsonl';
const required = 'data/2018/112-B.jsonl';
const prompts = 'scripts/prompts/prompt.jsonl';
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

const mirrorText = (filePath: string) => readFile(path.join(igakuqaMirrorDir(), filePath), 'utf8');

/** Every file under a folder, relative and with '/' separators; empty when the folder does not exist. */
async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}

const failingFetch: typeof fetch = () => Promise.reject(new Error('no network in this test'));

describe('resolveSources', () => {
  let server: ServedDirectory;
  let script: ((request: { path: string; count: number }) => ScriptedAnswer | undefined) | undefined;
  let temporary: string;
  let cacheDir: string;
  let events: SourceProgressEvent[];
  const file = (filePath: string) => igakuqaFile(filePath, server.url);
  const cached = (filePath: string) => `sources/igakuqa/${igakuqaRevision}/${filePath}`;
  const options = () => ({
    ...fast,
    cacheDir,
    onProgress: (event: SourceProgressEvent) => events.push(event),
  });

  beforeEach(async () => {
    script = undefined;
    events = [];
    server = await serveDirectory(igakuqaMirrorDir(), { script: (request) => script?.(request) });
    temporary = await mkdtemp(path.join(tmpdir(), 'kensa-sources-'));
    cacheDir = path.join(temporary, 'cache');
  });

  afterEach(async () => {
    await server.close();
    await rm(temporary, { recursive: true, force: true });
  });

  describe('with the download cache', () => {
    it('downloads, verifies and caches, then serves the cache without a request', async () => {
      const first = await resolveSources([file(questions), file(prompts)], options());
      expect(first.get(questions)).toBe(await mirrorText(questions));
      expect(first.get(prompts)).toBe(await mirrorText(prompts));
      expect(await listFiles(cacheDir)).toEqual([cached(questions), cached(prompts)].sort());
      expect(server.requests).toHaveLength(2);

      events = [];
      const second = await resolveSources([file(questions), file(prompts)], options());
      expect(second).toEqual(first);
      expect(server.requests).toHaveLength(2);
      expect(events.map((event) => event.type === 'resolved' && event.origin)).toEqual(['cache', 'cache']);
    });

    it('reports progress for each file', async () => {
      await resolveSources([file(questions)], options());
      expect(events.map((event) => event.type)).toEqual(['download', 'resolved']);
      expect(events[1]).toMatchObject({ origin: 'download', completed: 1, total: 1 });
    });

    it('keeps the order of files and resolves a duplicate path once', async () => {
      const contents = await resolveSources([file(required), file(questions), file(required)], options());
      expect([...contents.keys()]).toEqual([required, questions]);
      expect(server.count(`/${required}`)).toBe(1);
    });

    it('rejects a path listed twice with different descriptions, before any request', async () => {
      const other = { ...file(questions), sha256: igakuqaChecksums().get(required) };
      const error = await resolveSources([file(questions), other], options()).catch(
        (error: unknown) => error,
      );
      expect(error).toMatchObject({ reason: 'invalid', path: questions });
      expect(server.requests).toHaveLength(0);
    });

    it('rejects paths that would leave the cache folder', async () => {
      const escaping = { ...file(questions), path: '../../outside.jsonl' };
      await expect(resolveSources([escaping], options())).rejects.toMatchObject({ reason: 'invalid' });
      const badRevision = { ...file(questions), revision: '..' };
      await expect(resolveSources([badRevision], options())).rejects.toMatchObject({ reason: 'invalid' });
      expect(server.requests).toHaveLength(0);
    });

    it('rejects a checksum mismatch and leaves nothing in the cache', async () => {
      const wrong = { ...file(questions), sha256: igakuqaChecksums().get(required) };
      const error = await resolveSources([wrong], options()).catch((error: unknown) => error);
      expect(SourceError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'checksum', path: questions });
      expect((error as Error).message).toContain(`expected sha256 ${wrong.sha256}`);
      expect(await listFiles(temporary)).toEqual([]);
    });

    it('succeeds when the server answers 500 twice, then 200', async () => {
      script = ({ count }) => (count <= 2 ? { status: 500 } : undefined);
      const contents = await resolveSources([file(questions)], { ...options(), retries: 2 });
      expect(contents.get(questions)).toBe(await mirrorText(questions));
      expect(server.count(`/${questions}`)).toBe(3);
      expect(events.filter((event) => event.type === 'retry').map((event) => event.attempt)).toEqual([1, 2]);
    });

    it('fails when the retries run out', async () => {
      script = ({ count }) => (count <= 2 ? { status: 500 } : undefined);
      await expect(resolveSources([file(questions)], { ...options(), retries: 1 })).rejects.toMatchObject({
        reason: 'http',
        status: 500,
      });
      expect(server.count(`/${questions}`)).toBe(2);
    });

    it('honours Retry-After on 429', async () => {
      script = ({ count }) => (count === 1 ? { status: 429, headers: { 'retry-after': '3600' } } : undefined);
      const contents = await resolveSources([file(questions)], { ...options(), maxRetryAfterMs: 30 });
      expect(contents.get(questions)).toBe(await mirrorText(questions));
      expect(events.find((event) => event.type === 'retry')).toMatchObject({ attempt: 1, delayMs: 30 });
    });

    it('fails at once on a 404 with an error naming the path and the URL', async () => {
      const missing: SourceFile = {
        ...file(questions),
        path: 'data/2018/112-Z.jsonl',
        url: `${server.url}/data/2018/112-Z.jsonl`,
      };
      const error = await resolveSources([missing], options()).catch((error: unknown) => error);
      expect(error).toBeInstanceOf(SourceError);
      expect(error).toMatchObject({ reason: 'http', status: 404, source: 'igakuqa', url: missing.url });
      expect((error as Error).message).toMatch(
        /^Could not download igakuqa file 'data\/2018\/112-Z\.jsonl' from http:\/\/127\.0\.0\.1:\d+\/data\/2018\/112-Z\.jsonl: the server answered 404 Not Found\./,
      );
      expect(server.requests).toHaveLength(1);
    });

    it('downloads again a cached file that fails verification', async () => {
      await resolveSources([file(questions)], options());
      const cachePath = path.join(cacheDir, cached(questions));
      await writeFile(cachePath, '{"problem_id": "tampered"}\n');

      events = [];
      const contents = await resolveSources([file(questions)], options());
      expect(contents.get(questions)).toBe(await mirrorText(questions));
      expect(await readFile(cachePath, 'utf8')).toBe(await mirrorText(questions));
      expect(server.count(`/${questions}`)).toBe(2);
      expect(events.map((event) => event.type)).toEqual(['stale-cache', 'download', 'resolved']);
    });

    it('uses a cached file as is when no checksum is known', async () => {
      const { sha256: _, ...unverified } = file(questions);
      const cachePath = path.join(cacheDir, cached(questions));
      await mkdir(path.dirname(cachePath), { recursive: true });
      await writeFile(cachePath, 'cached text\n');
      const contents = await resolveSources([unverified], options());
      expect(contents.get(questions)).toBe('cached text\n');
      expect(server.requests).toHaveLength(0);
    });

    it('keeps finished downloads in the cache when a later file fails', async () => {
      const missing = { ...file(questions), path: 'data/none.jsonl', url: `${server.url}/data/none.jsonl` };
      const error = await resolveSources([file(questions), missing, file(required)], {
        ...options(),
        concurrency: 1,
      }).catch((error: unknown) => error);
      expect(error).toMatchObject({ reason: 'http', path: 'data/none.jsonl' });
      // The failure stops new work: the file after it was never requested.
      expect(server.count(`/${required}`)).toBe(0);
      expect(await listFiles(cacheDir)).toEqual([cached(questions)]);

      await resolveSources([file(questions), file(required)], options());
      expect(server.count(`/${questions}`)).toBe(1);
      expect(server.count(`/${required}`)).toBe(1);
    });

    it('lets downloads already running finish and cache when one fails', async () => {
      script = ({ path: requestPath }) => (requestPath === `/${required}` ? { status: 404 } : undefined);
      const error = await resolveSources([file(required), file(questions), file(prompts)], options()).catch(
        (error: unknown) => error,
      );
      expect(error).toMatchObject({ reason: 'http', status: 404, path: required });
      expect(await listFiles(cacheDir)).toEqual([cached(questions), cached(prompts)].sort());
    });

    it('leaves no temporary files behind', async () => {
      script = ({ path: requestPath, count }) =>
        requestPath === `/${prompts}` && count === 1 ? 'destroy' : undefined;
      const wrong = { ...file(required), sha256: igakuqaChecksums().get(questions) };
      await expect(resolveSources([file(questions), file(prompts), wrong], options())).rejects.toMatchObject({
        reason: 'checksum',
      });
      await resolveSources([file(questions), file(prompts)], options());
      const files = await listFiles(cacheDir);
      expect(files).toEqual([cached(questions), cached(prompts)].sort());
      expect(files.filter((name) => name.endsWith(temporaryFileSuffix))).toEqual([]);
    });

    it('resolves no more files at once than the concurrency', async () => {
      let running = 0;
      let mostRunning = 0;
      const countingFetch: typeof fetch = async (input, init) => {
        running++;
        mostRunning = Math.max(mostRunning, running);
        try {
          const response = await fetch(input, init);
          return new Response(await response.arrayBuffer(), { status: response.status });
        } finally {
          running--;
        }
      };
      const paths = ['A', 'B', 'C', 'D', 'E', 'F'].map((block) => `data/2019/113-${block}.jsonl`);
      const contents = await resolveSources(paths.map(file), {
        ...options(),
        fetch: countingFetch,
        concurrency: 2,
      });
      expect([...contents.keys()]).toEqual(paths);
      expect(mostRunning).toBe(2);
    });

    it('defaults the cache folder to KENSA_CACHE_DIR', async () => {
      vi.stubEnv('KENSA_CACHE_DIR', cacheDir);
      try {
        await resolveSources([file(questions)], fast);
      } finally {
        vi.unstubAllEnvs();
      }
      expect(await listFiles(cacheDir)).toEqual([cached(questions)]);
    });

    it('rejects a concurrency below 1', async () => {
      await expect(resolveSources([file(questions)], { ...options(), concurrency: 0 })).rejects.toThrow(
        RangeError,
      );
    });
  });

  describe('with a data directory', () => {
    const offline = (filePath: string) => igakuqaFile(filePath, 'http://127.0.0.1:9/unreachable');

    it('reads the mirror without any network', async () => {
      const contents = await resolveSources([offline(questions), offline(prompts)], {
        dataDir: sharedDataDir(),
        fetch: failingFetch,
        onProgress: (event) => events.push(event),
      });
      expect(contents.get(questions)).toBe(await mirrorText(questions));
      expect(contents.get(prompts)).toBe(await mirrorText(prompts));
      expect(events.map((event) => event.type === 'resolved' && event.origin)).toEqual([
        'data-dir',
        'data-dir',
      ]);
    });

    it('names the full expected path and the upstream URL of a missing file', async () => {
      const dataDir = path.join(temporary, 'mirror');
      const error = await resolveSources([offline(questions)], { dataDir, fetch: failingFetch }).catch(
        (error: unknown) => error,
      );
      expect(error).toMatchObject({ reason: 'missing', path: questions, source: 'igakuqa' });
      const expectedPath = path.join(dataDir, 'igakuqa', 'data', '2018', '112-A.jsonl');
      expect((error as Error).message).toBe(
        `igakuqa file '${questions}' is not in the data directory: expected ${expectedPath}. Put the upstream ` +
          `file there (http://127.0.0.1:9/unreachable/${questions}), or run without --data-dir to download it.`,
      );
    });

    it('rejects a mirror copy that was edited', async () => {
      const dataDir = path.join(temporary, 'mirror');
      const location = path.join(dataDir, 'igakuqa', ...questions.split('/'));
      await mkdir(path.dirname(location), { recursive: true });
      await writeFile(location, `${await mirrorText(questions)}\n`);
      const error = await resolveSources([offline(questions)], { dataDir }).catch((error: unknown) => error);
      expect(error).toMatchObject({ reason: 'checksum', path: questions });
      expect((error as Error).message).toContain(location);
      expect((error as Error).message).toContain(`expected sha256 ${igakuqaChecksums().get(questions)}`);
    });

    it('keeps a byte order mark and rejects text that is not UTF-8', async () => {
      const dataDir = path.join(temporary, 'mirror');
      await mkdir(path.join(dataDir, 'local'), { recursive: true });
      await writeFile(path.join(dataDir, 'local', 'bom.csv'), '\uFEFFa,b\n');
      await writeFile(path.join(dataDir, 'local', 'latin1.csv'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      const local = (filePath: string): SourceFile => ({
        source: 'local',
        repository: 'local',
        revision: 'v1',
        path: filePath,
        url: `http://127.0.0.1:9/${filePath}`,
      });
      const contents = await resolveSources([local('bom.csv')], { dataDir });
      expect(contents.get('bom.csv')).toBe('\uFEFFa,b\n');
      await expect(resolveSources([local('latin1.csv')], { dataDir })).rejects.toMatchObject({
        reason: 'decode',
        path: 'latin1.csv',
      });
    });
  });
});
