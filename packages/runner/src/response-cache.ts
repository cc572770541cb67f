import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KensaError } from '@kensa/core';
import { defaultCacheDir } from './cache-dir';
import { redactEndpoint } from './request-hash';
import {
  openSqliteDatabase,
  type SqliteDatabase,
  SqliteUnavailableError,
  sqliteErrorCode,
} from './sqlite-database';

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
 * - `io`: the file or its folder cannot be created, read or written (permissions, disk full, locked too long);
 * - `unavailable`: no SQLite driver (Node < 22.5 and the optional `better-sqlite3` not built).
 */
export type ResponseCacheErrorReason = 'corrupt' | 'version' | 'io' | 'unavailable';

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

export interface ResponseCacheOptions {
  /**
   * Write the entries put during one turn of the event loop (at most 256 at a time) in one transaction, instead
   * of one transaction each: a run caching thousands of replies spends far less time in SQLite. This handle sees
   * an entry at once; other handles and processes once it is written. A write that fails is thrown by the next
   * call (`put`, `get`, `size` or `close`); what it held is lost from the cache, never from a run's log.
   */
  readonly batchWrites?: boolean;
}

/**
 * Opens (creating it and its folders if needed) the SQLite response cache at `file`. Throws a
 * `ResponseCacheError` when the file is not a usable cache.
 */
export function openResponseCache(file: string, options: ResponseCacheOptions = {}): ResponseCache {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw cacheError(file, error, 'create the folder of');
  }
  let database: SqliteDatabase | undefined;
  try {
    database = openSqliteDatabase(file);
    database.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    // WAL lets readers and one writer from different processes work at the same time. This is also the first
    // statement that reads the file, so a file that is not a database fails here (SQLITE_NOTADB).
    database.exec('PRAGMA journal_mode = WAL');
    // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last replies, which a cache can afford.
    database.exec('PRAGMA synchronous = NORMAL');
    migrate(database, file);
    return sqliteResponseCache(database, file, options.batchWrites === true);
  } catch (error) {
    database?.close();
    if (error instanceof SqliteUnavailableError) {
      throw new ResponseCacheError({
        path: file,
        reason: 'unavailable',
        message: `The response cache ${file} cannot be opened: ${error.message}. Or pass --no-cache.`,
        cause: error,
      });
    }
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

function migrate(database: SqliteDatabase, file: string): void {
  // IMMEDIATE takes the write lock first, so two processes creating the same new file do not race.
  database.immediate(() => {
    const version = Number(database.prepare('PRAGMA user_version').get()?.user_version ?? 0);
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
      database.exec(`PRAGMA user_version = ${schemaVersion}`);
    }
  });
}

interface ResponseRow {
  model: string;
  endpoint: string;
  createdAt: string;
  response: string;
}

/** A row as written: key, model, endpoint, created_at, response (JSON). */
type PendingRow = [string, string, string, string, string];

const batchLimit = 256;

function sqliteResponseCache(database: SqliteDatabase, file: string, batchWrites: boolean): ResponseCache {
  const select = database.prepare(
    'SELECT model, endpoint, created_at AS createdAt, response FROM responses WHERE key = ?',
  );
  const upsert = database.prepare(
    'INSERT OR REPLACE INTO responses (key, model, endpoint, created_at, response) VALUES (?, ?, ?, ?, ?)',
  );
  const count = database.prepare('SELECT count(*) AS entries FROM responses');
  const pending = new Map<string, PendingRow>();
  let scheduled: NodeJS.Immediate | undefined;
  let failed: ResponseCacheError | undefined;

  const write = (rows: readonly PendingRow[]) => {
    try {
      if (rows.length === 1) upsert.run(...(rows[0] as PendingRow));
      else
        database.immediate(() => {
          for (const row of rows) upsert.run(...row);
        });
    } catch (error) {
      throw cacheError(file, error, 'write to');
    }
  };
  const flush = () => {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.size === 0) return;
    const rows = [...pending.values()];
    pending.clear();
    try {
      write(rows);
    } catch (error) {
      failed ??= error as ResponseCacheError;
    }
  };
  const throwFailed = () => {
    if (failed === undefined) return;
    const error = failed;
    failed = undefined;
    throw error;
  };

  return {
    get(key) {
      throwFailed();
      let row: ResponseRow | undefined;
      const waiting = pending.get(key);
      if (waiting !== undefined) {
        const [, model, endpoint, createdAt, response] = waiting;
        row = { model, endpoint, createdAt, response };
      } else {
        try {
          row = select.get(key) as ResponseRow | undefined;
        } catch (error) {
          throw cacheError(file, error, 'read');
        }
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
      throwFailed();
      const response = JSON.stringify(entry.response);
      if (response === undefined) {
        throw new TypeError(`The response to cache under ${key} has no JSON form.`);
      }
      const row: PendingRow = [key, entry.model, redactEndpoint(entry.endpoint), entry.createdAt, response];
      if (!batchWrites) {
        write([row]);
        return;
      }
      pending.delete(key);
      pending.set(key, row);
      if (pending.size >= batchLimit) flush();
      else scheduled ??= setImmediate(flush);
    },
    size() {
      flush();
      throwFailed();
      try {
        return Number(count.get()?.entries ?? 0);
      } catch (error) {
        throw cacheError(file, error, 'read');
      }
    },
    close() {
      try {
        flush();
        throwFailed();
      } finally {
        database.close();
      }
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
  const code = sqliteErrorCode(error);
  if (code === undefined) return false;
  // SQLITE_ERROR covers a foreign database whose `responses` table has other columns.
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_ERROR';
}
