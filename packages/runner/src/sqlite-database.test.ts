import path from 'node:path';
import { temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase, SqliteUnavailableError, sqliteErrorCode } from './sqlite-database';

const hasNodeSqlite =
  (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite') !== undefined;

describe('the SQLite driver', () => {
  it(`opens a database with ${hasNodeSqlite ? 'node:sqlite' : 'better-sqlite3'} by default and runs the cache's statements`, async () => {
    const database = openSqliteDatabase(path.join(await temporaryDir(), 'x.sqlite'));
    expect(database.driver).toBe(hasNodeSqlite ? 'node:sqlite' : 'better-sqlite3');
    database.exec('PRAGMA journal_mode = WAL');
    database.immediate(() => {
      database.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
      database.exec('PRAGMA user_version = 3');
    });
    database.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('a', 'b');
    expect(database.prepare('SELECT v FROM t WHERE k = ?').get('a')?.v).toBe('b');
    expect(database.prepare('SELECT v FROM t WHERE k = ?').get('z')).toBeUndefined();
    expect(Number(database.prepare('PRAGMA user_version').get()?.user_version)).toBe(3);
    expect(() =>
      database.immediate(() => {
        database.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('c', 'd');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(database.prepare('SELECT v FROM t WHERE k = ?').get('c')).toBeUndefined();
    database.close();
  });

  it.skipIf(hasNodeSqlite)('says what to do when node:sqlite is asked for on a Node without it', async () => {
    const file = path.join(await temporaryDir(), 'x.sqlite');
    expect(() => openSqliteDatabase(file, 'node:sqlite')).toThrow(SqliteUnavailableError);
    expect(() => openSqliteDatabase(file, 'node:sqlite')).toThrow(/Node.js 22.5 or later/);
  });

  it("names SQLite's result codes from either driver's errors", () => {
    // better-sqlite3's SqliteError carries the name; node:sqlite (22.13) carries ERR_SQLITE_ERROR and the number.
    expect(sqliteErrorCode({ code: 'SQLITE_CORRUPT_VTAB' })).toBe('SQLITE_CORRUPT_VTAB');
    expect(sqliteErrorCode({ code: 'ERR_SQLITE_ERROR', errcode: 26 })).toBe('SQLITE_NOTADB');
    expect(sqliteErrorCode({ code: 'ERR_SQLITE_ERROR', errcode: 267 })).toBe('SQLITE_CORRUPT');
    expect(sqliteErrorCode({ code: 'ERR_SQLITE_ERROR', errcode: 1 })).toBe('SQLITE_ERROR');
    expect(sqliteErrorCode(new Error('other'))).toBeUndefined();
  });
});
