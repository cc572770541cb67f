import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServedDirectory, serveDirectory } from './serve-directory';

let served: ServedDirectory | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('serveDirectory', () => {
  it('serves files below its root, counts requests and answers 404 elsewhere', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kensa-serve-'));
    await writeFile(path.join(root, 'hello.txt'), 'こんにちは');
    served = await serveDirectory(root);
    const found = await fetch(`${served.url}/hello.txt`);
    expect(await found.text()).toBe('こんにちは');
    expect((await fetch(`${served.url}/missing.txt`)).status).toBe(404);
    expect((await fetch(`${served.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect(served.count('/hello.txt')).toBe(1);
  });

  it('sends scripted answers instead of the file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kensa-serve-'));
    served = await serveDirectory(root, {
      script: ({ count }) => (count === 1 ? { status: 503 } : undefined),
    });
    expect((await fetch(`${served.url}/x`)).status).toBe(503);
    expect((await fetch(`${served.url}/x`)).status).toBe(404);
  });
});
