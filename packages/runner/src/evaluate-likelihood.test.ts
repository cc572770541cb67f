import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { choiceLikelihood, choicePromptModes, type Item, jmedbenchPromptText } from '@kensa/core';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { createExamineeMajorityModel } from './examinee-majority-model';
import { createOpenAIModel } from './openai-model';
import { disabledResponseCache } from './response-cache';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Hand-written four-option questions in JMedBench's shape.
const items: Item[] = [
  ['L1', '鉄欠乏性貧血で低下するのはどれか。', ['フェリチン', '総鉄結合能', '網赤血球', '血小板'], 'a'],
  ['L2', '心不全で上昇するのはどれか。', ['アルブミン', 'BNP', 'HDL', 'カリウム'], 'b'],
  ['L3', '甲状腺機能亢進症でみられるのはどれか。', ['徐脈', '体重増加', '頻脈', '便秘'], 'c'],
].map(([id, question, choices, key]) => ({
  id: id as string,
  kind: 'choice' as const,
  question: question as string,
  choices: choices as string[],
  choose: 1,
  answer: [key as string],
}));

const keyText = new Map(
  items.map((item) => [jmedbenchPromptText(item), item.choices[(item.answer[0] ?? 'a').charCodeAt(0) - 97]]),
);

describe('evaluate with likelihood scoring', () => {
  it('sends every option of an item in one echoed request and picks the likeliest continuation', async () => {
    server = await createMockServer({
      // Tokens inside the key's text are likely; everything else is not.
      logprob: ({ offset, text }) => {
        for (const [prompt, key] of keyText) {
          if (text.startsWith(`${prompt}${key}`) && offset >= prompt.length - 1) return -0.1;
        }
        return -3;
      },
    });
    const result = await evaluate({
      benchmarkId: 'likelihood-test',
      benchmarkVersion: '1',
      items,
      examples: [],
      mode: choicePromptModes[0] ?? (undefined as never),
      method: 'likelihood',
      likelihood: choiceLikelihood,
      model: createOpenAIModel({ model: 'mock-model', baseURL: server.baseURL }),
      cache: disabledResponseCache(),
      runDir: await mkdtemp(path.join(tmpdir(), 'kensa-likelihood-')),
    });
    expect(result.failures).toEqual([]);
    expect(server.count({ kind: 'completions' })).toBe(3);
    // The plain mock has no /tokenize, so the (proven) offsets fallback is used after one probe.
    expect(result.manifest.likelihoodMethod).toBe('offsets');
    const body = server.requests.find((request) => request.kind === 'completions')?.body as {
      prompt: string[];
      echo: boolean;
      logprobs: number;
    };
    expect(body.prompt).toHaveLength(4);
    expect(body.echo).toBe(true);
    expect(body.logprobs).toBe(1);
    expect(result.records.map((record) => [record.itemId, record.reply?.text, record.verdict])).toEqual([
      ['L1', 'a', 'correct'],
      ['L2', 'b', 'correct'],
      ['L3', 'c', 'correct'],
    ]);
    expect(result.records[0]?.reply?.likelihood?.options).toHaveLength(4);
    expect(result.manifest.method).toBe('likelihood');
    expect(result.manifest.template).toBe('jmedbench-likelihood/1');
  });

  it('refuses a model that cannot be scored by likelihood', async () => {
    await expect(
      evaluate({
        benchmarkId: 'likelihood-test',
        benchmarkVersion: '1',
        items,
        examples: [],
        mode: choicePromptModes[0] ?? (undefined as never),
        method: 'likelihood',
        likelihood: choiceLikelihood,
        model: createExamineeMajorityModel(),
        cache: disabledResponseCache(),
        runDir: await mkdtemp(path.join(tmpdir(), 'kensa-likelihood-')),
      }),
    ).rejects.toThrow('cannot be scored by likelihood');
  });
});
