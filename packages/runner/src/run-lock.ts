import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KensaError } from '@kensa/core';

/** The lock file in a run folder; present while a process writes the folder. */
export const lockFile = 'kensa.lock';

/** Who holds a run folder's lock, as written in the lock file. */
export interface RunLockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO 8601 time the lock was taken. */
  readonly startedAt: string;
}

/** Another process is writing the run folder. */
export class RunLockError extends KensaError {
  readonly directory: string;
  readonly holder: RunLockHolder | undefined;

  constructor(directory: string, holder: RunLockHolder | undefined, lockPath: string) {
    const who =
      holder === undefined
        ? 'another process (its lock file is unreadable)'
        : `process ${holder.pid} on ${holder.host}, since ${holder.startedAt}`;
    super(
      'run-lock',
      `${directory} is being written by ${who}. Wait for that run to finish, or pass another --out; if that ` +
        `process is gone, delete ${lockPath}.`,
    );
    this.name = 'RunLockError';
    this.directory = directory;
    this.holder = holder;
  }

  static override isInstance(error: unknown): error is RunLockError {
    return KensaError.isInstance(error) && error.code === 'run-lock';
  }
}

export interface RunLock {
  /** Removes the lock file, if it is still this process's. */
  release(): void;
}

export interface AcquireRunLockOptions {
  /** Told when a stale lock (its process is no longer running) was taken over. */
  readonly onNotice?: (message: string) => void;
}

function readHolder(lockPath: string): { text: string; holder: RunLockHolder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as RunLockHolder;
    return { text, holder: typeof holder.pid === 'number' ? holder : undefined };
  } catch {
    return { text, holder: undefined };
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the run folder's lock before anything is written to it, so two processes never write one folder: the
 * lock file (pid, host, start time) is created complete under a temporary name and linked into place, which
 * fails when the file exists. A lock left by a process of this host that is no longer running (`kill -9`, a
 * power cut) is taken over with a notice; one from another host is never guessed about.
 */
export function acquireRunLock(directory: string, options: AcquireRunLockOptions = {}): RunLock {
  mkdirSync(directory, { recursive: true });
  const lockPath = path.join(directory, lockFile);
  const holder: RunLockHolder = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const temporary = path.join(directory, `.${lockFile}.${process.pid}.${Date.now()}`);
  writeFileSync(temporary, text);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temporary, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const existing = readHolder(lockPath);
      if (existing === undefined) continue;
      const stale =
        existing.holder !== undefined &&
        existing.holder.host === holder.host &&
        existing.holder.pid !== process.pid &&
        !isRunning(existing.holder.pid);
      if (!stale || attempt > 2) throw new RunLockError(directory, existing.holder, lockPath);
      // Remove it only if it is still the stale one (another process may have just taken it over).
      if (readHolder(lockPath)?.text === existing.text) {
        unlinkSync(lockPath);
        options.onNotice?.(
          `${directory}: took over the lock of process ${existing.holder?.pid}, which is no longer running ` +
            `(started ${existing.holder?.startedAt}); resuming its run.`,
        );
      }
    }
  } finally {
    unlinkSync(temporary);
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        if (readHolder(lockPath)?.text === text) unlinkSync(lockPath);
      } catch {
        // A lock that cannot be removed is stale once this process ends, and is taken over then.
      }
    },
  };
}
