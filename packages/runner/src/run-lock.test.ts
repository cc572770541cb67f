import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { acquireRunLock, lockFile, RunLockError } from './run-lock';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('acquireRunLock', () => {
  it('writes the holder, refuses a second writer naming it, and frees the folder on release', async () => {
    const directory = path.join(await temporaryDir(), 'run');
    const lock = acquireRunLock(directory);
    const holder = JSON.parse(readFileSync(path.join(directory, lockFile), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(Date.parse(holder.startedAt)).not.toBeNaN();
    // Same pid counts as a live holder: a second writer in this process is refused too.
    const second = (() => {
      try {
        acquireRunLock(directory);
      } catch (error) {
        return error;
      }
    })();
    expect(RunLockError.isInstance(second)).toBe(true);
    expect((second as Error).message).toContain(`process ${process.pid} on ${os.hostname()}`);
    lock.release();
    expect(existsSync(path.join(directory, lockFile))).toBe(false);
    acquireRunLock(directory).release();
  });

  it('takes over a lock whose process is gone, with a notice', async () => {
    const directory = await temporaryDir();
    const pid = deadPid();
    const stale = { pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(path.join(directory, lockFile), JSON.stringify(stale));
    const notices: string[] = [];
    const lock = acquireRunLock(directory, { onNotice: (message) => notices.push(message) });
    expect(notices).toEqual([expect.stringContaining(`took over the lock of process ${pid}`)]);
    expect(JSON.parse(readFileSync(path.join(directory, lockFile), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('never guesses about a lock from another host', async () => {
    const directory = await temporaryDir();
    const foreign = { pid: deadPid(), host: 'other-host.example', startedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(path.join(directory, lockFile), JSON.stringify(foreign));
    expect(() => acquireRunLock(directory)).toThrow(/other-host\.example.*delete .*kensa\.lock/);
  });
});
