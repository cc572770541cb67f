import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { captureIo } from './test-io';

/**
 * A third-party plugin as a user would write it without a build step: a module whose default export is a
 * factory returning a contract-v1 benchmark. Its items are generated, so it needs no source files.
 */
function pluginSource(id: string, questions: number): string {
  return `
const items = Array.from({ length: ${questions} }, (_, index) => ({
  id: '${id}:' + index,
  kind: 'choice',
  question: 'テスト問題 ' + index,
  choices: ['甲', '乙', '丙', '丁'],
  choose: 1,
  answer: ['abcd'[index % 4]],
}));
export default function create() {
  return {
    specificationVersion: 'v1',
    id: '${id}',
    title: 'Plugin ${id}',
    citation: 'none',
    licence: 'CC0',
    version: '1',
    sources: [],
    parse: () => items,
    prompts: [{ id: '0shot', description: 'question', render: (item) => ({ messages: [{ role: 'user', content: item.question }], template: 'test/1' }) }],
    scoring: { kind: 'accuracy' },
  };
}
`;
}

async function writePlugins(): Promise<{ directory: string; first: string; second: string }> {
  const directory = await mkdtemp(path.join(tmpdir(), 'kensa-plugin-'));
  const first = path.join(directory, 'first.mjs');
  const second = path.join(directory, 'second.mjs');
  await writeFile(first, pluginSource('first-bench', 40));
  await writeFile(second, pluginSource('second-bench', 60));
  return { directory, first, second };
}

describe('--plugin', () => {
  it('evaluates a third-party benchmark loaded from a path, reporting accuracy with n and an interval', async () => {
    const { directory } = await writePlugins();
    const io = captureIo({ cwd: directory, env: { KENSA_CACHE_DIR: directory } });
    const args = [
      'eval',
      'first-bench',
      '--plugin',
      './first.mjs',
      '--model',
      'baseline:random',
      '--seed',
      '1',
    ];
    expect(await main([...args, '--json', '--out', path.join(directory, 'run')], io)).toBe(0);
    const result = JSON.parse(io.out());
    expect(result).toMatchObject({ benchmark: 'first-bench', n: 40 });
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.ci95[0]).toBeLessThanOrEqual(result.accuracy);
    expect(result.ci95[1]).toBeGreaterThanOrEqual(result.accuracy);
  });

  it('prints the Table 3 layout for several accuracy benchmarks: a column each and the mean', async () => {
    const { directory, first, second } = await writePlugins();
    const io = captureIo({ cwd: directory, env: { KENSA_CACHE_DIR: directory } });
    const args = [
      'eval',
      'first-bench,second-bench',
      '--plugin',
      first,
      second,
      '--model',
      'baseline:random',
    ];
    expect(await main([...args, '--out', path.join(directory, 'runs')], io)).toBe(0);
    const out = io.out();
    expect(out).toMatch(/Model.*first-bench.*second-bench.*Mean/);
    expect(out).toContain('n=40');
    expect(out).toContain('n=60');

    const json = captureIo({ cwd: directory, env: { KENSA_CACHE_DIR: directory } });
    expect(await main([...args, '--json', '--out', path.join(directory, 'runs-json')], json)).toBe(0);
    const documents = JSON.parse(json.out());
    expect(
      documents.map((document: { benchmark: string; n: number }) => [document.benchmark, document.n]),
    ).toEqual([
      ['first-bench', 40],
      ['second-bench', 60],
    ]);
  });

  it('lists plugins, and names a module that exports no benchmark', async () => {
    const { directory, first } = await writePlugins();
    const listed = captureIo({ cwd: directory });
    expect(await main(['list', '--plugin', first], listed)).toBe(0);
    expect(listed.out()).toContain('first-bench');
    expect(listed.out()).toContain('igakuqa');

    const empty = path.join(directory, 'empty.mjs');
    await writeFile(empty, 'export const nothing = 1;\n');
    const io = captureIo({ cwd: directory });
    expect(await main(['list', '--plugin', empty], io)).toBe(2);
    expect(io.err()).toContain('exports no benchmark');
    const missing = captureIo({ cwd: directory });
    expect(await main(['list', '--plugin', 'no-such-kensa-plugin'], missing)).toBe(2);
    expect(missing.err()).toContain("Cannot find plugin 'no-such-kensa-plugin'");
  });
});
