import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KensaError } from '@kensa/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestHash } from './request-hash';
import {
  type CachedResponse,
  defaultResponseCachePath,
  disabledResponseCache,
  openResponseCache,
  type ResponseCache,
  ResponseCacheError,
} from './response-cache';

const planted = 'sk-test-PLANTED';
const endpoint = 'https://api.example.com/v1';

function entry(content: string, overrides: Partial<CachedResponse> = {}): CachedResponse {
  return {
    response: { id: 'chatcmpl-1', choices: [{ index: 0, message: { role: 'assistant', content } }] },
    createdAt: '2024-05-01T12:00:00.000Z',
    model: 'gpt-test',
    endpoint,
    ...overrides,
  };
}

describe('openResponseCache', () => {
  let directory: string;
  let file: string;
  const opened: ResponseCache[] = [];

  function open(at = file): ResponseCache {
    const cache = openResponseCache(at);
    opened.push(cache);
    return cache;
  }

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'kensa-response-cache-'));
    file = path.join(directory, 'nested', 'folder', 'responses.sqlite');
  });

  afterEach(async () => {
    for (const cache of opened.splice(0)) {
      cache.close();
    }
    await rm(directory, { recursive: true, force: true });
  });

  it('creates its folders and a WAL-mode database with a schema version', () => {
    open();
    const database = new Database(file, { readonly: true });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      database.close();
    }
  });

  it('returns what was put, and undefined for unknown keys', () => {
    const cache = open();
    expect(cache.get('missing')).toBeUndefined();
    expect(cache.size()).toBe(0);
    cache.put('k1', entry('A'));
    expect(cache.get('k1')).toEqual(entry('A'));
    expect(cache.size()).toBe(1);
  });

  it('replaces an entry put again under the same key', () => {
    const cache = open();
    cache.put('k1', entry('A'));
    cache.put('k1', entry('B', { createdAt: '2024-05-02T00:00:00.000Z' }));
    expect(cache.get('k1')).toEqual(entry('B', { createdAt: '2024-05-02T00:00:00.000Z' }));
    expect(cache.size()).toBe(1);
  });

  it('keeps entries across close and reopen', () => {
    const first = openResponseCache(file);
    first.put('k1', entry('A'));
    first.close();
    expect(open().get('k1')).toEqual(entry('A'));
  });

  it('never writes an API key from the endpoint to disk', async () => {
    const cache = open();
    const secretEndpoints = [
      `https://user:${planted}@api.example.com/v1/`,
      `https://api.example.com/v1?api-key=${planted}`,
      `https://API.example.com/v1/?Key=${planted}&token=${planted}&access_token=${planted}`,
    ];
    for (const [index, secretEndpoint] of secretEndpoints.entries()) {
      const key = requestHash({ endpoint: secretEndpoint, model: 'gpt-test', body: { index } });
      cache.put(key, entry(`reply ${index}`, { endpoint: secretEndpoint }));
      expect(cache.get(key)?.endpoint).toBe(endpoint);
    }

    const bytesOnDisk = async () =>
      Buffer.concat(
        await Promise.all(
          [file, `${file}-wal`]
            .filter((candidate) => existsSync(candidate))
            .map((candidate) => readFile(candidate)),
        ),
      );
    const whileOpen = await bytesOnDisk();
    // The redacted endpoint is there, so the search does look at the stored entries.
    expect(whileOpen.includes(endpoint)).toBe(true);
    expect(whileOpen.includes(planted)).toBe(false);

    cache.close();
    opened.length = 0;
    const afterClose = await bytesOnDisk();
    expect(afterClose.includes(endpoint)).toBe(true);
    expect(afterClose.includes(planted)).toBe(false);
  });

  it('lets two handles on the same file write and see each other’s entries', () => {
    const first = open();
    const second = open();
    first.put('from-first', entry('A'));
    second.put('from-second', entry('B'));
    expect(first.get('from-second')).toEqual(entry('B'));
    expect(second.get('from-first')).toEqual(entry('A'));
    expect(first.size()).toBe(2);
    expect(second.size()).toBe(2);
  });

  it('shares the file with another process writing at the same time, without SQLITE_BUSY', async () => {
    const count = 1000;
    const cache = open();
    const child = spawnWriter(file, count);
    await child.ready;

    child.go();
    const started = Date.now();
    for (let index = 0; index < count; index += 1) {
      cache.put(`parent-${index}`, entry(`parent ${index}`));
    }
    const finished = Date.now();
    const childTimes = await child.done;

    expect(cache.size()).toBe(2 * count);
    expect(cache.get(`child-${count - 1}`)?.response).toEqual({ index: count - 1 });
    expect(cache.get(`parent-${count - 1}`)).toEqual(entry(`parent ${count - 1}`));
    // Both loops ran at the same time, so the locking was exercised.
    expect(childTimes.started).toBeLessThanOrEqual(finished);
    expect(started).toBeLessThanOrEqual(childTimes.finished);
  });

  it('throws a typed error naming the file when it is not a SQLite database', async () => {
    file = path.join(directory, 'garbage.sqlite');
    await writeFile(file, 'this is not a database\n'.repeat(500));

    const error = catchError(() => openResponseCache(file));
    expect(ResponseCacheError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(KensaError);
    expect(error).toMatchObject({ name: 'ResponseCacheError', code: 'cache', reason: 'corrupt', path: file });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/Delete the file.*--no-cache/);
    // The file is left for the user to inspect.
    expect(await readFile(file, 'utf8')).toMatch(/^this is not a database/);
  });

  it('refuses a cache written with a newer schema', () => {
    open().close();
    opened.length = 0;
    const database = new Database(file);
    database.pragma('user_version = 99');
    database.close();

    const error = catchError(() => openResponseCache(file));
    expect(error).toMatchObject({ code: 'cache', reason: 'version', path: file });
    expect((error as Error).message).toMatch(/schema version 99.*--no-cache/);
  });

  it('reports a folder that cannot be created as an io error', async () => {
    const blocker = path.join(directory, 'blocker');
    await writeFile(blocker, '');
    const error = catchError(() => openResponseCache(path.join(blocker, 'responses.sqlite')));
    expect(error).toMatchObject({ code: 'cache', reason: 'io' });
    expect((error as Error).message).toContain(blocker);
  });
});

describe('openResponseCache with batchWrites', () => {
  let directory: string;
  let file: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'kensa-response-cache-batch-'));
    file = path.join(directory, 'responses.sqlite');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  const rowsOnDisk = () => {
    const database = new Database(file, { readonly: true });
    try {
      return Number((database.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n);
    } finally {
      database.close();
    }
  };

  it('shows an entry to its own handle at once and writes it on the next turn of the event loop', async () => {
    const cache = openResponseCache(file, { batchWrites: true });
    cache.put('k1', entry('A'));
    expect(cache.get('k1')).toEqual(entry('A'));
    expect(rowsOnDisk()).toBe(0);
    await nextTurn();
    expect(rowsOnDisk()).toBe(1);
    cache.close();
  });

  it('writes every entry: a full batch at once, the rest on close', () => {
    const cache = openResponseCache(file, { batchWrites: true });
    for (let index = 0; index < 300; index++) cache.put(`k${index}`, entry(`reply ${index}`));
    expect(rowsOnDisk()).toBe(256);
    cache.put('k0', entry('replaced'));
    cache.close();
    expect(rowsOnDisk()).toBe(300);
    const reopened = openResponseCache(file);
    expect(reopened.get('k0')).toEqual(entry('replaced'));
    expect(reopened.get('k299')).toEqual(entry('reply 299'));
    reopened.close();
  });

  it('throws a write that failed from the next call, naming the file', async () => {
    const cache = openResponseCache(file, { batchWrites: true });
    cache.put('k1', entry('A'));
    const other = new Database(file);
    other.exec('DROP TABLE responses');
    other.close();
    await nextTurn();
    const error = catchError(() => cache.get('k2'));
    expect(error).toMatchObject({ name: 'ResponseCacheError', code: 'cache', path: file });
    expect((error as Error).message).toContain(file);
    cache.close();
  });
});

describe('disabledResponseCache', () => {
  it('never stores an entry', () => {
    const cache = disabledResponseCache();
    cache.put('k1', entry('A'));
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.size()).toBe(0);
    cache.close();
  });
});

describe('defaultResponseCachePath', () => {
  it('is responses.sqlite in the default cache folder', () => {
    expect(defaultResponseCachePath({ KENSA_CACHE_DIR: '/var/cache/k' })).toBe(
      path.join('/var/cache/k', 'responses.sqlite'),
    );
    expect(defaultResponseCachePath({ XDG_CACHE_HOME: '/xdg' })).toBe(
      path.join('/xdg', 'kensa', 'responses.sqlite'),
    );
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/**
 * Another Node process that writes `count` entries into the cache at `file` through better-sqlite3 (the same
 * module file this package loads), with the settings `openResponseCache` uses. It opens the file, says `ready`,
 * and starts writing when told to go, so the two writers overlap.
 */
function spawnWriter(file: string, count: number) {
  const script = `
    import { once } from 'node:events';
    import { pathToFileURL } from 'node:url';
    const [, modulePath, file, countText] = process.argv;
    const { default: Database } = await import(pathToFileURL(modulePath).href);
    const database = new Database(file, { timeout: 5000 });
    database.pragma('journal_mode = WAL');
    const insert = database.prepare(
      'INSERT OR REPLACE INTO responses (key, model, endpoint, created_at, response) VALUES (?, ?, ?, ?, ?)',
    );
    process.stdout.write('ready\\n');
    await once(process.stdin, 'data');
    const started = Date.now();
    for (let index = 0; index < Number(countText); index += 1) {
      insert.run('child-' + index, 'gpt-test', '${endpoint}', new Date().toISOString(), JSON.stringify({ index }));
    }
    const finished = Date.now();
    database.close();
    process.stdout.write(JSON.stringify({ started, finished }) + '\\n');
    process.exit(0);
  `;
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', script, modulePath, file, String(count)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) {
        resolve();
      }
    });
    exited.then((code) => reject(new Error(`the writer exited early (${code}): ${stderr}`)), reject);
  });
  const done = exited.then((code) => {
    if (code !== 0 || stderr !== '') {
      throw new Error(`the writer failed (${code}): ${stderr}`);
    }
    return JSON.parse(stdout.slice('ready\n'.length)) as { started: number; finished: number };
  });
  // Awaited by the test; this only keeps an early failure from also surfacing as an unhandled rejection.
  done.catch(() => {});
  return {
    ready,
    done,
    go: () => child.stdin.end('go\n'),
  };
}
