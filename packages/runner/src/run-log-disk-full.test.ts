import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporaryDir } from '@kensa/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A fault-injecting file system: while `full` is set, a write takes half its bytes and then fails as a full
// disk does (ENOSPC).
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((descriptor: number, buffer: Uint8Array, offset?: number, length?: number) => {
    const start = offset ?? 0;
    const size = length ?? buffer.length - start;
    if (!disk.full) return fs.writeSync(descriptor, buffer, start, size);
    if (size > 1) return fs.writeSync(descriptor, buffer, start, Math.floor(size / 2));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
  }) as unknown as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const { RunLog } = await import('./run-folder');

afterEach(() => {
  disk.full = false;
});

describe('RunLog on a full disk', () => {
  it('fails the append and leaves no half-written last line', async () => {
    const file = path.join(await temporaryDir(), 'log.jsonl');
    const log = RunLog.open<{ itemId: string }>(file);
    log.append({ itemId: 'A1' });
    disk.full = true;
    expect(() => log.append({ itemId: 'A2'.repeat(50) })).toThrow(/ENOSPC/);
    disk.full = false;
    log.append({ itemId: 'A3' });
    log.close();
    expect(readFileSync(file, 'utf8')).toBe('{"itemId":"A1"}\n{"itemId":"A3"}\n');
    expect(RunLog.open<{ itemId: string }>(file).records.map((record) => record.itemId)).toEqual([
      'A1',
      'A3',
    ]);
  });
});
