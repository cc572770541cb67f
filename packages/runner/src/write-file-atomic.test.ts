import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'kensa-atomic-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('creates missing folders and writes the bytes', async () => {
    const destination = path.join(directory, 'a', 'b', 'file.txt');
    await writeFileAtomic(destination, new TextEncoder().encode('hello'));
    expect(await readFile(destination, 'utf8')).toBe('hello');
    expect(await readdir(path.dirname(destination))).toEqual(['file.txt']);
  });

  it('replaces an existing file whole', async () => {
    const destination = path.join(directory, 'file.txt');
    await writeFile(destination, 'old contents that are longer');
    await writeFileAtomic(destination, new TextEncoder().encode('new'));
    expect(await readFile(destination, 'utf8')).toBe('new');
    expect(await readdir(directory)).toEqual(['file.txt']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const destination = path.join(directory, 'taken');
    await mkdir(path.join(destination, 'child'), { recursive: true });
    await expect(writeFileAtomic(destination, new TextEncoder().encode('x'))).rejects.toThrow();
    expect(await readdir(directory)).toEqual(['taken']);
  });
});
