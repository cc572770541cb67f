import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** A prepared statement, as both drivers run it. */
export interface SqliteStatement {
  get(...parameters: readonly (string | number)[]): Record<string, unknown> | undefined;
  run(...parameters: readonly (string | number)[]): void;
}

/** The few operations the response cache needs, over `node:sqlite` or `better-sqlite3`. */
export interface SqliteDatabase {
  readonly driver: 'node:sqlite' | 'better-sqlite3';
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock first, so two processes never race. */
  immediate<T>(body: () => T): T;
  close(): void;
}

/** No SQLite driver could be loaded: Node < 22.5 and `better-sqlite3` (an optional dependency) not built. */
export class SqliteUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      'no SQLite driver: Node.js 22.5 or later has one built in (node:sqlite); on Node 20 the optional ' +
        "dependency better-sqlite3 must be built (offline: npm_config_nodedir=/usr npm rebuild better-sqlite3, with Debian's Node headers)",
      { cause },
    );
    this.name = 'SqliteUnavailableError';
  }
}

interface NodeSqliteModule {
  DatabaseSync: new (
    file: string,
  ) => {
    exec(sql: string): void;
    prepare(sql: string): {
      get(...parameters: unknown[]): Record<string, unknown> | undefined;
      run(...parameters: unknown[]): unknown;
    };
    close(): void;
  };
}

/** `node:sqlite` where Node has it (22.5+), without the one-line ExperimentalWarning it prints on loading. */
function loadNodeSqlite(): NodeSqliteModule | undefined {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (getBuiltinModule === undefined) return undefined;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.includes('SQLite is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return getBuiltinModule('node:sqlite') as NodeSqliteModule | undefined;
  } catch {
    // Node 22.5–22.12 has the module only behind --experimental-sqlite.
    return undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
}

function loadBetterSqlite3(): typeof BetterSqlite3 {
  // `__filename` in the CommonJS build, `import.meta.url` in the ES module build.
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  try {
    return require('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw new SqliteUnavailableError(error);
  }
}

function transaction<T>(database: { exec(sql: string): void }, body: () => T): T {
  database.exec('BEGIN IMMEDIATE');
  try {
    const result = body();
    database.exec('COMMIT');
    return result;
  } catch (error) {
    database.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Opens `file` with Node's built-in SQLite where it exists, else with better-sqlite3; `KENSA_SQLITE_DRIVER`
 * (`node:sqlite` or `better-sqlite3`) picks one. Both use the same file format, so one cache serves either.
 */
export function openSqliteDatabase(
  file: string,
  driver: string | undefined = process.env.KENSA_SQLITE_DRIVER,
): SqliteDatabase {
  const builtin = driver === 'better-sqlite3' ? undefined : loadNodeSqlite();
  if (builtin !== undefined) {
    const database = new builtin.DatabaseSync(file);
    return {
      driver: 'node:sqlite',
      exec: (sql) => database.exec(sql),
      prepare(sql) {
        const statement = database.prepare(sql);
        return {
          get: (...parameters) => statement.get(...parameters),
          run: (...parameters) => {
            statement.run(...parameters);
          },
        };
      },
      immediate: (body) => transaction(database, body),
      close: () => database.close(),
    };
  }
  if (driver === 'node:sqlite') throw new SqliteUnavailableError(new Error('node:sqlite is not available'));
  const Database = loadBetterSqlite3();
  const database = new Database(file);
  return {
    driver: 'better-sqlite3',
    exec: (sql) => {
      database.exec(sql);
    },
    prepare(sql) {
      const statement = database.prepare(sql);
      return {
        get: (...parameters) => statement.get(...parameters) as Record<string, unknown> | undefined,
        run: (...parameters) => {
          statement.run(...parameters);
        },
      };
    },
    immediate: (body) => transaction(database, body),
    close: () => database.close(),
  };
}

const primaryCodes: Readonly<Record<number, string>> = {
  1: 'SQLITE_ERROR',
  5: 'SQLITE_BUSY',
  11: 'SQLITE_CORRUPT',
  26: 'SQLITE_NOTADB',
};

/** SQLite's result code name (`SQLITE_NOTADB`, …) of an error from either driver. */
export function sqliteErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number')
    return primaryCodes[errcode & 0xff] ?? `SQLITE_${errcode}`;
  return undefined;
}
