// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sharedDataDir, temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgressBar } from './commands/eval/progress-bar';
import { describeSystemError } from './describe-system-error';
import { main } from './main';
import { igakuqaEvalArgs } from './test-endpoint';
import { captureIo } from './test-io';

// Every failure a user can cause ends in a message and the documented exit code, never a stack trace.

const dataDir = sharedDataDir();
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const stackTrace = /unexpected error|\n\s+at /;

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir(), ...env } });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const evalArgs = (baseURL: string) => [...igakuqaEvalArgs(baseURL), '--limit', '5'];

describe('foreseeable failures are messages', () => {
  it("refuses --base-url 'not a url' with exit 2", async () => {
    const result = await run(evalArgs('not a url'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--base-url is not a URL; .*http:\/\/localhost:8000\/v1/);
    expect(result.err).not.toMatch(stackTrace);
  });

  it('asks whether --base-url is the API root when the server answers with an HTML page', async () => {
    server = await createMockServer({ faultFor: () => 'html' });
    const out = path.join(await temporaryDir(), 'run');
    const result = await run([...evalArgs(server.url), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /an HTML page, not JSON .*is --base-url the API root, e\.g\. http:\/\/localhost:8000\/v1\?/,
    );
    expect(result.err).not.toContain('The response has no choices');
    // Every other request would get the same page: the run stops instead of retrying each item.
    expect(server.count()).toBeLessThanOrEqual(5);
  });

  it('names the plugin and its error when it throws on import (exit 2)', async () => {
    const plugin = path.join(await temporaryDir(), 'broken-plugin.mjs');
    writeFileSync(plugin, "throw new Error('cannot find the vocabulary file');\n");
    const result = await run(['list', '--plugin', plugin]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`Plugin '${plugin}'`);
    expect(result.err).toContain('failed to load: Error: cannot find the vocabulary file');
    expect(result.err).not.toMatch(stackTrace);
  });

  it('refuses an empty predictions file with exit 2', async () => {
    const file = path.join(await temporaryDir(), 'empty.jsonl');
    writeFileSync(file, '');
    const result = await run(['score', 'igakuqa', '--data-dir', dataDir, '--predictions', file]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/empty\.jsonl holds no predictions/);
  });

  it('says what is wrong with a run folder that cannot be created, without a trace', async () => {
    server = await createMockServer();
    const work = await temporaryDir();
    writeFileSync(path.join(work, 'a-file'), 'not a folder');
    const result = await run([...evalArgs(server.baseURL), '--out', path.join(work, 'a-file', 'run')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/a path component is not a folder \(mkdir .*a-file.*\)\. \[ENOTDIR\]/);
    expect(result.err).not.toMatch(stackTrace);
  });

  it('warns once and goes on without a response cache it cannot create', async () => {
    server = await createMockServer();
    const work = await temporaryDir();
    const blocked = path.join(work, 'cache-is-a-file');
    writeFileSync(blocked, '');
    const result = await run([...evalArgs(server.baseURL), '--out', path.join(work, 'run')], {
      KENSA_CACHE_DIR: blocked,
    });
    expect(result.code).toBe(0);
    expect(result.err.match(/Going on without the response cache/g)).toHaveLength(1);
    expect(server.count({ kind: 'chat' })).toBe(5);
  });

  it('describes disk full and permission errors, and leaves real bugs to the trace', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: '/runs/r/log.jsonl',
    });
    expect(describeSystemError(full)).toBe(
      'the disk is full (write /runs/r/log.jsonl). Free some space and run the same command again: finished ' +
        'items are kept and the run resumes. [ENOSPC]',
    );
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES', syscall: 'open', path: '/ro/x' });
    expect(describeSystemError(denied)).toMatch(/^permission denied \(open \/ro\/x\)\. Choose a folder/);
    expect(describeSystemError(new TypeError('x is undefined'))).toBeUndefined();
  });

  it('says how long it will wait when the server asks for a long Retry-After', async () => {
    const io = captureIo();
    const progress = createProgressBar(io, 'igakuqa');
    progress.onEvent({ type: 'start', total: 2, alreadyDone: 0 });
    progress.onEvent({
      type: 'retry',
      itemId: '112A1',
      attempt: 1,
      delayMs: 120_000,
      retryAfterMs: 600_000,
      reason: 'the server answered 429: rate limited',
    });
    // A second request behind the same limit right away is not announced again.
    progress.onEvent({
      type: 'retry',
      itemId: '112A2',
      attempt: 1,
      delayMs: 120_000,
      reason: 'the server answered 429',
    });
    progress.stop();
    expect(io.err()).toContain(
      'kensa: 112A1: the server answered 429: rate limited; waiting 120 s before attempt 2: the server asked for 600 s (Retry-After), Kensa waits at most 120 s.',
    );
    expect(io.err()).not.toContain('112A2');
  });
});

describe('the run folder lock in-process', () => {
  it('refuses a folder whose lock is held by a live process (exit 2)', async () => {
    server = await createMockServer();
    const out = path.join(await temporaryDir(), 'run');
    await mkdir(out, { recursive: true });
    // pid 1 is always alive.
    writeFileSync(
      path.join(out, 'kensa.lock'),
      JSON.stringify({
        pid: 1,
        host: (await import('node:os')).hostname(),
        startedAt: '2026-12-01T00:00:00.000Z',
      }),
    );
    const result = await run([...evalArgs(server.baseURL), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is being written by process 1 on .*, since 2026-12-01T00:00:00\.000Z/);
    expect(server.count()).toBe(0);
  });
});
