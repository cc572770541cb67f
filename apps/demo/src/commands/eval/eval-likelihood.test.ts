import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// A plugin whose key is always the option 正解 (at a rotating position), scored by likelihood.
const plugin = `
const options = ['正解', '不正解です', '誤り', 'ちがう'];
const items = Array.from({ length: 8 }, (_, index) => {
  const choices = options.map((_, position) => options[(position + index) % 4]);
  return { id: 'lk:' + index, kind: 'choice', question: '問' + index, choices, choose: 1, answer: ['abcd'[choices.indexOf('正解')]] };
});
export const benchmark = {
  specificationVersion: 'v1', id: 'lk-bench', title: 'Likelihood bench', citation: '-', licence: 'CC0', version: '1',
  sources: [], parse: () => items,
  prompts: [{ id: '0shot', description: '-', render: (item) => ({ messages: [{ role: 'user', content: item.question }], template: 't/1' }) }],
  likelihood: { render: (item) => ({ prompt: '質問：' + item.question + '\\n答え：', continuations: item.choices, template: 'lk/1' }) },
  scoring: { kind: 'accuracy' },
};
`;

describe('kensa eval --scoring likelihood', () => {
  it('scores every option through the completions endpoint and reports accuracy and norm accuracy', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'kensa-likelihood-cli-'));
    await writeFile(path.join(directory, 'plugin.mjs'), plugin);
    // Every token of the text 正解 right after the prompt is likely; all other continuation tokens are not.
    server = await createMockServer({
      logprob: ({ offset, text }) => {
        const answerAt = text.indexOf('答え：') + 3;
        return offset >= answerAt - 1 && text.slice(answerAt).startsWith('正解') ? -0.2 : -2;
      },
    });
    const io = captureIo({ cwd: directory, env: { KENSA_CACHE_DIR: directory } });
    const args = [
      'eval',
      'lk-bench',
      '--plugin',
      './plugin.mjs',
      '--model',
      'mock-model',
      '--base-url',
      server.baseURL,
    ];
    expect(
      await main([...args, '--scoring', 'likelihood', '--json', '--out', path.join(directory, 'run')], io),
    ).toBe(0);
    const result = JSON.parse(io.out());
    expect(result).toMatchObject({ benchmark: 'lk-bench', n: 8, accuracy: 1, normAccuracy: 1 });
    expect(result.run.scoring).toBe('likelihood');
    expect(server.count({ kind: 'completions' })).toBe(8);
  });

  it('refuses likelihood scoring for a benchmark without it, and for a baseline', async () => {
    const io = captureIo({ env: { KENSA_CACHE_DIR: await mkdtemp(path.join(tmpdir(), 'kensa-lk-')) } });
    expect(await main(['eval', 'igakuqa', '--scoring', 'likelihood', '--model', 'baseline:random'], io)).toBe(
      2,
    );
    expect(io.err()).toContain("'igakuqa' does not support --scoring likelihood");
  });
});
