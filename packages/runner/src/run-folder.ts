import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { KensaError } from '@kensa/core';
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

/**
 * An append-only JSONL log that survives `kill -9`: each record is one `write` of one line, and on reopening a
 * last line cut short by a crash is dropped (its item is simply done again).
 */
export class RunLog<T> {
  private readonly descriptor: number;
  readonly records: T[];

  private constructor(descriptor: number, records: T[]) {
    this.descriptor = descriptor;
    this.records = records;
  }

  static open<T>(file: string): RunLog<T> {
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
    return new RunLog<T>(descriptor, records);
  }

  append(record: T): void {
    writeSync(this.descriptor, `${JSON.stringify(record)}\n`);
    this.records.push(record);
  }

  close(): void {
    closeSync(this.descriptor);
  }
}

export function readJsonFile<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, Buffer.from(`${JSON.stringify(value, null, 2)}\n`));
}
