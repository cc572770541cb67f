import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Benchmark,
  defineBenchmark,
  type Item,
  itemSchema,
  readSource,
  validateRecord,
} from '@kensa/core';
import { temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { parseItemsCached } from './parsed-items-cache';

/** A benchmark over one CSV-like file, `id,answer` a line, that counts how often it parsed. */
function countingBenchmark(version = '1') {
  const calls = { parse: 0 };
  const benchmark = defineBenchmark({
    specificationVersion: 'v1',
    id: 'tiny/bench',
    title: 'Tiny',
    citation: '-',
    licence: 'CC0',
    version,
    sources: [],
    parse(contents): Item[] {
      calls.parse++;
      return readSource(contents, 'q.csv')
        .trim()
        .split('\n')
        .map((line, index) => {
          const [id, answer] = line.split(',');
          return validateRecord(
            itemSchema,
            { id, kind: 'choice', question: `問${id}`, choices: ['あ', 'い'], choose: 1, answer: [answer] },
            'q.csv',
            index + 1,
          );
        });
    },
    examples: () => [],
    prompts: [],
    scoring: { kind: 'accuracy' },
  });
  return { benchmark: benchmark as Benchmark, calls };
}

const contents = new Map([['q.csv', '1,a\n2,b\n']]);

describe('parseItemsCached', () => {
  it('parses once per content and reads the same items back on the next start', async () => {
    const cacheDir = await temporaryDir('kensa-items-cache');
    const { benchmark, calls } = countingBenchmark();
    const first = await parseItemsCached(benchmark, contents, { cacheDir });
    const second = await parseItemsCached(benchmark, contents, { cacheDir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.items).toEqual(first.items);
    expect(second.items.map((item) => item.answer)).toEqual([['a'], ['b']]);
    expect(calls.parse).toBe(1);
    // The benchmark id names a folder safely even with a slash in it.
    expect(await readdir(path.join(cacheDir, 'items'))).toEqual(['tiny%2Fbench']);
  });

  it('parses again when the sources, the version or the variant change', async () => {
    const cacheDir = await temporaryDir('kensa-items-cache');
    const { benchmark, calls } = countingBenchmark();
    await parseItemsCached(benchmark, contents, { cacheDir });
    const edited = await parseItemsCached(benchmark, new Map([['q.csv', '1,b\n']]), { cacheDir });
    expect(edited.items.map((item) => item.answer)).toEqual([['b']]);
    await parseItemsCached(benchmark, contents, { cacheDir, variant: '{"years":[2022]}' });
    const bumped = countingBenchmark('2');
    await parseItemsCached(bumped.benchmark, contents, { cacheDir });
    expect(calls.parse).toBe(3);
    expect(bumped.calls.parse).toBe(1);
  });

  it('replaces an unreadable entry and never caches a parse error', async () => {
    const cacheDir = await temporaryDir('kensa-items-cache');
    const { benchmark, calls } = countingBenchmark();
    await parseItemsCached(benchmark, contents, { cacheDir });
    const folder = path.join(cacheDir, 'items', 'tiny%2Fbench');
    const [entry] = await readdir(folder);
    await writeFile(path.join(folder, entry as string), 'not a cache entry');
    const reparsed = await parseItemsCached(benchmark, contents, { cacheDir });
    expect(reparsed.cached).toBe(false);
    expect((await parseItemsCached(benchmark, contents, { cacheDir })).cached).toBe(true);
    expect(calls.parse).toBe(2);

    const broken = new Map([['q.csv', '1,z\n']]);
    await expect(parseItemsCached(benchmark, broken, { cacheDir })).rejects.toThrow(/q\.csv/);
    await expect(parseItemsCached(benchmark, broken, { cacheDir })).rejects.toThrow(/q\.csv/);
    expect(await readdir(folder)).toHaveLength(1);
  });

  it('parses every time without a cache folder', async () => {
    const { benchmark, calls } = countingBenchmark();
    await parseItemsCached(benchmark, contents, { cacheDir: undefined });
    const again = await parseItemsCached(benchmark, contents, { cacheDir: undefined });
    expect(again.cached).toBe(false);
    expect(calls.parse).toBe(2);
  });
});
