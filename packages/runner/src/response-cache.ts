import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KensaError } from '@kensa/core';
import Database from 'better-sqlite3';
import { defaultCacheDir } from './cache-dir';
import { redactEndpoint } from './request-hash';

/** A model reply as the cache keeps it. */
export interface CachedResponse {
  /** The parsed response JSON. */
  readonly response: unknown;
  /** ISO 8601 time the reply was received. */
  readonly createdAt: string;
  readonly model: string;
  /** The endpoint without secrets (see `redactEndpoint`); `put` redacts it again to be sure. */
  readonly endpoint: string;
}

/**
 * Model replies by request hash (`requestHash`). Store only successful replies: errors are never cached. The
 * SQLite-backed cache may be shared by several processes at once.
 */
export interface ResponseCache {
  get(key: string): CachedResponse | undefined;
  /** Stores or replaces the entry under `key`. */
  put(key: string, entry: CachedResponse): void;
  /** The number of entries. */
  size(): number;
  close(): void;
}

/**
 * What went wrong with the response cache file:
 * - `corrupt`: the file is not a SQLite database, is damaged, or is not a Kensa response cache;
 * - `version`: a newer Kensa wrote it, with a schema this one does not know;
 * - `io`: the file or its folder cannot be created, read or written (permissions, disk full, locked too long).
 */
export type ResponseCacheErrorReason = 'corrupt' | 'version' | 'io';

/** The response cache cannot be used; names the file and says what to do. */
export class ResponseCacheError extends KensaError {
  /** The cache file. */
  readonly path: string;
  readonly reason: ResponseCacheErrorReason;

  constructor(options: { path: string; reason: ResponseCacheErrorReason; message: string; cause?: unknown }) {
    super('cache', options.message, { cause: options.cause });
    this.name = 'ResponseCacheError';
    this.path = options.path;
    this.reason = options.reason;
  }

  static override isInstance(error: unknown): error is ResponseCacheError {
    return KensaError.isInstance(error) && error.code === 'cache';
  }
}

/** Bumped whenever the table changes; kept in `PRAGMA user_version`. */
const schemaVersion = 1;

/** How long a write waits for another process's write to finish before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5000;

/** `<defaultCacheDir()>/responses.sqlite`. */
export function defaultResponseCachePath(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return path.join(defaultCacheDir(env), 'responses.sqlite');
}

/**
 * Opens (creating it and its folders if needed) the SQLite response cache at `file`. Throws a
 * `ResponseCacheError` when the file is not a usable cache.
 */
export function openResponseCache(file: string): ResponseCache {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw cacheError(file, error, 'create the folder of');
  }
  let database: Database.Database | undefined;
  try {
    database = new Database(file, { timeout: busyTimeoutMs });
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // WAL lets readers and one writer from different processes work at the same time. This is also the first
    // statement that reads the file, so a file that is not a database fails here (SQLITE_NOTADB).
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last replies, which a cache can afford.
    database.pragma('synchronous = NORMAL');
    migrate(database, file);
    return sqliteResponseCache(database, file);
  } catch (error) {
    database?.close();
    throw ResponseCacheError.isInstance(error) ? error : cacheError(file, error, 'open');
  }
}

/** The cache of `--no-cache`: never returns an entry and never stores one. */
export function disabledResponseCache(): ResponseCache {
  return {
    get: () => undefined,
    put: () => {},
    size: () => 0,
    close: () => {},
  };
}

function migrate(database: Database.Database, file: string): void {
  // IMMEDIATE takes the write lock first, so two processes creating the same new file do not race.
  database
    .transaction(() => {
      const version = database.pragma('user_version', { simple: true }) as number;
      if (version > schemaVersion) {
        throw new ResponseCacheError({
          path: file,
          reason: 'version',
          message:
            `The response cache ${file} has schema version ${version}, newer than this Kensa understands ` +
            `(${schemaVersion}). Upgrade Kensa, delete the file to start a new cache, or pass --no-cache.`,
        });
      }
      if (version < schemaVersion) {
        database.exec(`
          CREATE TABLE IF NOT EXISTS responses (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            response TEXT NOT NULL
          )
        `);
        database.pragma(`user_version = ${schemaVersion}`);
      }
    })
    .immediate();
}

interface ResponseRow {
  model: string;
  endpoint: string;
  createdAt: string;
  response: string;
}

function sqliteResponseCache(database: Database.Database, file: string): ResponseCache {
  const select = database.prepare<[string], ResponseRow>(
    'SELECT model, endpoint, created_at AS createdAt, response FROM responses WHERE key = ?',
  );
  const upsert = database.prepare<[string, string, string, string, string]>(
    'INSERT OR REPLACE INTO responses (key, model, endpoint, created_at, response) VALUES (?, ?, ?, ?, ?)',
  );
  const count = database.prepare<[], number>('SELECT count(*) FROM responses').pluck();

  return {
    get(key) {
      let row: ResponseRow | undefined;
      try {
        row = select.get(key);
      } catch (error) {
        throw cacheError(file, error, 'read');
      }
      if (row === undefined) {
        return undefined;
      }
      let response: unknown;
      try {
        response = JSON.parse(row.response);
      } catch {
        // A damaged entry is a miss; the caller asks the model again and `put` replaces it.
        return undefined;
      }
      return { response, createdAt: row.createdAt, model: row.model, endpoint: row.endpoint };
    },
    put(key, entry) {
      const response = JSON.stringify(entry.response);
      if (response === undefined) {
        throw new TypeError(`The response to cache under ${key} has no JSON form.`);
      }
      const endpoint = redactEndpoint(entry.endpoint);
      try {
        upsert.run(key, entry.model, endpoint, entry.createdAt, response);
      } catch (error) {
        throw cacheError(file, error, 'write to');
      }
    },
    size() {
      try {
        return count.get() ?? 0;
      } catch (error) {
        throw cacheError(file, error, 'read');
      }
    },
    close() {
      database.close();
    },
  };
}

function cacheError(file: string, error: unknown, action: string): ResponseCacheError {
  const detail = error instanceof Error ? error.message : String(error);
  if (isCorruption(error)) {
    return new ResponseCacheError({
      path: file,
      reason: 'corrupt',
      message:
        `The response cache ${file} is not a readable Kensa cache (${detail}). ` +
        'Delete the file to start a new cache, or pass --no-cache.',
      cause: error,
    });
  }
  return new ResponseCacheError({
    path: file,
    reason: 'io',
    message:
      `Could not ${action} the response cache ${file} (${detail}). ` +
      'Check the permissions and free space of its folder, set KENSA_CACHE_DIR elsewhere, or pass --no-cache.',
    cause: error,
  });
}

function isCorruption(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) {
    return false;
  }
  // SQLITE_ERROR covers a foreign database whose `responses` table has other columns.
  return (
    error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_ERROR'
  );
}
