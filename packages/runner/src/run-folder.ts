import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { KensaError } from '@kensa/core';
import type { Redactor } from './redact-secrets';
import { writeFileAtomic } from './write-file-atomic';

/** A run folder holds a run of another configuration than the one asked for. */
export class RunFolderError extends KensaError {
  readonly directory: string;

  constructor(directory: string, message: string) {
    super('run-folder', `${directory}: ${message}`);
    this.name = 'RunFolderError';
    this.directory = directory;
  }

  static override isInstance(error: unknown): error is RunFolderError {
    return KensaError.isInstance(error) && error.code === 'run-folder';
  }
}

export const manifestFile = 'manifest.json';
export const logFile = 'log.jsonl';
export const summaryFile = 'summary.json';

/** Options of `RunLog.open`. */
export interface RunLogOptions {
  /** Applied to every line before it is written (see `createRedactor`). */
  readonly redact?: Redactor;
}

/**
 * An append-only JSONL log that survives `kill -9`: each record is one `write` of one line, and on reopening a
 * last line cut short by a crash is dropped (its item is simply done again). A write that fails part-way (disk
 * full) is cut back, so the file never ends in half a line.
 */
export class RunLog<T> {
  private readonly descriptor: number;
  private readonly redact: Redactor | undefined;
  private size: number;
  readonly records: T[];

  private constructor(descriptor: number, records: T[], size: number, redact: Redactor | undefined) {
    this.descriptor = descriptor;
    this.records = records;
    this.size = size;
    this.redact = redact;
  }

  static open<T>(file: string, options: RunLogOptions = {}): RunLog<T> {
    mkdirSync(path.dirname(file), { recursive: true });
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    const descriptor = openSync(file, 'a+');
    if (complete.length !== text.length) ftruncateSync(descriptor, Buffer.byteLength(complete));
    const records: T[] = [];
    for (const [index, line] of complete.split('\n').entries()) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        closeSync(descriptor);
        throw new RunFolderError(
          path.dirname(file),
          `${path.basename(file)}:${index + 1} is not valid JSON; the log was edited or damaged.`,
        );
      }
    }
    return new RunLog<T>(descriptor, records, Buffer.byteLength(complete), options.redact);
  }

  /** Appends one line; returns the record as written (with any secret in it redacted). */
  append(record: T): T {
    const json = JSON.stringify(record);
    const line = this.redact === undefined ? json : this.redact(json);
    const bytes = Buffer.from(`${line}\n`);
    let written = 0;
    try {
      while (written < bytes.length) {
        written += writeSync(this.descriptor, bytes, written, bytes.length - written);
      }
    } catch (error) {
      // Leave no half line behind (a full disk may take part of a write); the item is simply done again.
      if (written > 0) {
        try {
          ftruncateSync(this.descriptor, this.size);
        } catch {
          // The next open drops a cut last line all the same.
        }
      }
      throw error;
    }
    this.size += bytes.length;
    const stored = line === json ? record : (JSON.parse(line) as T);
    this.records.push(stored);
    return stored;
  }

  close(): void {
    closeSync(this.descriptor);
  }
}

export function readJsonFile<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export async function writeJsonFile(file: string, value: unknown, redact?: Redactor): Promise<void> {
  const text = JSON.stringify(value, null, 2);
  await writeFileAtomic(file, Buffer.from(`${redact === undefined ? text : redact(text)}\n`));
}
