import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer, type MockServerOptions } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

// Replies and error bodies come from @kensa/testing's server profiles, built from each server's source (files
// and versions cited in packages/testing/src/server-profile.ts).
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Four questions whose key is always option a.
const plugin = `
const items = ['鉄欠乏性貧血で低下するのは', '心不全で上昇するのは', '甲状腺機能亢進症でみられるのは', '脱水でみられるのは'].map(
  (question, index) => ({ id: 'rs:' + index, kind: 'choice', question, choices: ['正', '誤1', '誤2', '誤3'], choose: 1, answer: ['a'] }),
);
export const benchmark = {
  specificationVersion: 'v1', id: 'rs-bench', title: 'Real servers bench', citation: '-', licence: 'CC0', version: '1',
  sources: [], parse: () => items,
  prompts: [{ id: '0shot', description: '-', render: (item) => ({ messages: [{ role: 'user', content: item.question }], template: 't/1' }) }],
  likelihood: { render: (item) => ({ prompt: '質問：' + item.question + '\\n答え：', continuations: item.choices, template: 'lk/1' }) },
  scoring: { kind: 'accuracy' },
};
`;

async function runEval(options: MockServerOptions, model: string, flags: string[] = [], json = true) {
  const directory = await temporaryDir();
  await writeFile(path.join(directory, 'plugin.mjs'), plugin);
  server = await createMockServer(options);
  const io = captureIo({ cwd: directory, env: { KENSA_CACHE_DIR: directory } });
  const out = path.join(directory, 'run');
  const args = [
    'eval',
    'rs-bench',
    '--plugin',
    './plugin.mjs',
    '--model',
    model,
    '--base-url',
    server.baseURL,
  ];
  const code = await main(
    [...args, '--out', out, '--retries', '1', ...(json ? ['--json'] : []), ...flags],
    io,
  );
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
  const log = (await readFile(path.join(out, 'log.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
  const bodies = (server.requests ?? [])
    .filter((request) => request.kind === 'chat')
    .map((request) => request.body as Record<string, unknown>);
  return {
    code,
    io,
    manifest,
    log,
    bodies,
    json: json && io.out() !== '' ? JSON.parse(io.out()) : undefined,
  };
}

describe('kensa eval against real servers’ behaviour', () => {
  it('sends temperature 0 on a plain eval, and says so in the manifest and the run header', async () => {
    const { code, io, manifest, bodies } = await runEval({ server: { name: 'vllm' } }, 'Qwen/Qwen3-8B');
    expect(code).toBe(0);
    expect(bodies.every((body) => body.temperature === 0)).toBe(true);
    expect(manifest.sampling).toEqual({ temperature: 0 });
    expect(io.err()).toContain('Sampling: temperature 0 (default; set --temperature to change).');
  });

  it('--samples 4 --seed 7 --temperature 0.8: four different samples from a seed-honouring server, seeds recorded', async () => {
    // vLLM, SGLang, Ollama and llama.cpp draw from the request's `seed` (vLLM `SamplingParams.seed`): the same
    // seed gives the same sample, another seed another one.
    const { code, manifest, log, bodies } = await runEval(
      {
        server: { name: 'vllm' },
        reply: ({ body, text }) => {
          const seed = Number(body.seed ?? 0);
          return body.temperature === 0
            ? '答え: a'
            : `${text}について考えた (draw ${(seed * 7919) % 1000})\n答え: ${'abcd'[seed % 4]}`;
        },
      },
      'Qwen/Qwen3-8B',
      ['--samples', '4', '--seed', '7', '--temperature', '0.8'],
    );
    expect(code).toBe(0);
    expect(manifest.sampleSeeds).toEqual([7, 8, 9, 10]);
    expect(manifest.sampling).toEqual({ temperature: 0.8, seed: 7 });
    const first = log.filter((record) => record.itemId === 'rs:0');
    expect(new Set(first.map((record) => record.reply.text)).size).toBe(4);
    expect(
      bodies
        .filter(
          (body) => (body.messages as { content: string }[])[0]?.content === '鉄欠乏性貧血で低下するのは',
        )
        .map((body) => body.seed)
        .sort(),
    ).toEqual([10, 7, 8, 9]);
  });

  it('an OpenAI reasoning model works with no flags and with --max-tokens (max_completion_tokens, no temperature)', async () => {
    const plain = await runEval({ server: { name: 'openai' } }, 'o4-mini');
    expect(plain.code).toBe(0);
    expect(plain.json.accuracy).toBe(1);
    expect(plain.bodies.every((body) => !('temperature' in body) && !('max_tokens' in body))).toBe(true);
    expect(plain.io.err()).toContain('temperature not sent (this reasoning model takes only its default)');
    await server?.close();
    const limited = await runEval({ server: { name: 'openai' } }, 'gpt-5-mini', ['--max-tokens', '2048']);
    expect(limited.code).toBe(0);
    expect(
      limited.bodies.every((body) => body.max_completion_tokens === 2048 && !('max_tokens' in body)),
    ).toBe(true);
  });

  it('a temperature the model rejects stops the run with the server’s message and the fix', async () => {
    const { code, io, log } = await runEval({ server: { name: 'openai' } }, 'o3', [
      '--temperature',
      '0.5',
      '--concurrency',
      '1',
    ]);
    expect(code).toBe(1);
    expect(io.err()).toContain("'temperature' does not support 0.5 with this model");
    expect(io.err()).toContain('Run without --temperature');
    expect(server?.count({ kind: 'chat' })).toBe(1);
    expect(log).toHaveLength(1);
  });

  it('insufficient_quota stops the run at once instead of being retried like a rate limit', async () => {
    const { code, io } = await runEval({ server: { name: 'openai', quotaExhausted: true } }, 'gpt-4o', [
      '--concurrency',
      '1',
    ]);
    expect(code).toBe(1);
    expect(io.err()).toContain('insufficient_quota');
    expect(io.err()).toContain('Add credit');
    expect(server?.count()).toBe(1);
  });

  it('reads flat error bodies (vLLM < 0.10.1) instead of reporting "no body"', async () => {
    const { code, json } = await runEval({ server: { name: 'vllm-v1-2025' } }, 'Qwen/Qwen3-8B', [
      '--max-tokens',
      '40000',
    ]);
    expect(code).toBe(1);
    expect(json.failures[0].error).toContain("This model's maximum context length is 32768 tokens");
    expect(json.failures[0].error).not.toContain('no body');
    // A 400 is the request's fault: not retried.
    expect(server?.count({ kind: 'chat' })).toBe(4);
  });

  it('counts replies cut off at the token limit apart from unreadable ones, with a hint', async () => {
    const { code, io } = await runEval(
      {
        server: { name: 'vllm' },
        reply: ({ text }) =>
          text.startsWith('鉄') || text.startsWith('心')
            ? { content: 'まず鑑別を考える。鉄欠乏では', finishReason: 'length' }
            : text.startsWith('甲')
              ? 'わかりません'
              : '答え: a',
      },
      'm',
      ['--max-tokens', '64'],
      false,
    );
    expect(code).toBe(0);
    expect(io.out()).toContain('2 replies were cut off at the token limit (finish_reason: length)');
    expect(io.out()).toContain('raise --max-tokens (now 64)');
    expect(io.out()).toContain('3 answer(s) unread or missing');
  });

  it('reads the answer after a lone </think>, not out of the reasoning; reads Ollama’s reasoning field', async () => {
    const lone = await runEval(
      {
        server: { name: 'vllm' },
        reply: () => '選択肢を検討する。答え: b とも思えるが違う。\n</think>\n\n答え: a',
      },
      'Qwen/Qwen3-8B',
    );
    expect(lone.json.accuracy).toBe(1);
    expect(lone.log[0].reply.reasoning).toContain('答え: b とも思えるが違う');
    await server?.close();
    const ollama = await runEval(
      { server: { name: 'ollama' }, reply: () => ({ content: '答え: a', reasoningContent: '答え: c かな' }) },
      'qwen3:8b',
    );
    expect(ollama.json.accuracy).toBe(1);
    expect(ollama.log[0].reply.reasoning).toBe('答え: c かな');
  });

  it('--scoring likelihood: by token ids on vLLM (method in the manifest), stopped within one request on llama.cpp', async () => {
    const vllm = await runEval({ server: { name: 'vllm', vocabulary: 'qwen3' } }, 'Qwen/Qwen3-8B', [
      '--scoring',
      'likelihood',
    ]);
    expect(vllm.code).toBe(0);
    expect(vllm.manifest.likelihoodMethod).toBe('token-ids');
    expect(vllm.json.run.likelihoodMethod).toBe('token-ids');
    expect(vllm.json.timing.tokenizeCalls).toBe(4 * 5);
    expect(server?.count({ kind: 'completions' })).toBe(4);
    await server?.close();
    const table = await runEval(
      { server: { name: 'vllm', vocabulary: 'qwen3' } },
      'Qwen/Qwen3-8B',
      ['--scoring', 'likelihood', '--no-cache'],
      false,
    );
    expect(table.io.out()).toContain(
      "Likelihood by server token ids (prompt + option after the prompt's own tokens, as med-eval and lm-evaluation-harness count), 20 tokenize calls (5.0 per item asked)",
    );
    await server?.close();
    const llama = await runEval({ server: { name: 'llama.cpp' } }, 'any', ['--scoring', 'likelihood']);
    expect(llama.code).toBe(1);
    expect(llama.io.err()).toContain('Only no echo is supported');
    expect(llama.io.err()).toContain('--scoring generate');
    expect(server?.count({ kind: 'completions' })).toBe(1);
    await server?.close();
    // SGLang before 0.5.2: no /tokenize, and echoed offsets are all -1. One item's requests, then a stop that says
    // upgrading is enough.
    const sglang = await runEval({ server: { name: 'sglang-0.4' } }, 'any', ['--scoring', 'likelihood']);
    expect(sglang.code).toBe(1);
    expect(sglang.io.err()).toContain('SGLang serves /tokenize from 0.5.2');
    expect(server?.count({ kind: 'tokenize' })).toBe(2);
    expect(server?.count({ kind: 'completions' })).toBe(1);
  }, 120_000);
});
