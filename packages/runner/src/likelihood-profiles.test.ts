import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { choiceLikelihood, choicePromptModes, type Item, renderLikelihoodPrompt } from '@kensa/core';
import {
  createMockServer,
  loadVocabulary,
  type MockServer,
  type ServerProfileName,
  type TokenIdLogprobPolicy,
  type Vocabulary,
  type VocabularyName,
} from '@kensa/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { echoOffsetProblem } from './echo-offsets';
import { evaluate } from './evaluate';
import { createOpenAIModel } from './openai-model';
import { disabledResponseCache } from './response-cache';

// Server behaviour is reproduced in @kensa/testing's profiles from each server's source (file and version are
// cited in `server-profile.ts`); the vocabularies are the models' real tokenizer.json files.
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const vocabularies = new Map<VocabularyName, Vocabulary>();
beforeAll(async () => {
  for (const name of ['qwen3', 'llama3'] as const) vocabularies.set(name, await loadVocabulary(name));
}, 180_000);

// Hand-written JMedBench-style items whose wrong options are longer or shorter than the key, and share its start.
const items: Item[] = [
  ['J1', '鉄欠乏性貧血で低下するのはどれか。', ['総鉄結合能', 'フェリチン', '網赤血球数', '血小板数'], 'b'],
  ['J2', '急性心筋梗塞で最初に上昇するのはどれか。', ['AST', 'LDH', '心筋トロポニンT', 'ミオグロビン'], 'd'],
  ['J3', '甲状腺機能亢進症でみられるのはどれか。', ['徐脈', '頻脈', '体重増加', '便秘'], 'b'],
  [
    'J4',
    '糖尿病性腎症の早期発見に有用なのはどれか。',
    ['尿中微量アルブミン', '尿潜血', '尿比重', '尿糖'],
    'a',
  ],
].map(([id, question, choices, key]) => ({
  id: id as string,
  kind: 'choice' as const,
  question: question as string,
  choices: choices as string[],
  choose: 1,
  answer: [key as string],
}));

/** Tokens of each key's text are likely after the prompt, every other token is not: picks depend on the model. */
function keyFavouring(vocabulary: Vocabulary): TokenIdLogprobPolicy {
  const keyIds = new Set(
    items.flatMap((item) =>
      vocabulary.encode(item.choices[(item.answer[0] ?? 'a').charCodeAt(0) - 97] ?? '', false),
    ),
  );
  return ({ ids, index }) => (keyIds.has(ids[index] ?? -1) ? -0.3 : -2.5) - (index % 3) * 0.01;
}

/** med-eval's definition, computed here from the vocabulary and the same per-token policy. */
function medEvalSums(item: Item, vocabulary: Vocabulary, policy: TokenIdLogprobPolicy): number[] {
  const { prompt, continuations } = renderLikelihoodPrompt(item);
  const promptCount = vocabulary.encode(prompt, true).length;
  return continuations.map((option) => {
    const ids = [...vocabulary.encode(`${prompt}${option}`, true), vocabulary.endId];
    let sum = 0;
    for (let index = promptCount; index < ids.length - 1; index++) sum += policy({ ids, index });
    return sum;
  });
}

async function run(profile: ServerProfileName, vocabulary: VocabularyName, policy?: TokenIdLogprobPolicy) {
  server = await createMockServer({
    server: { name: profile, vocabulary },
    ...(policy === undefined ? {} : { tokenLogprob: policy }),
  });
  return evaluate({
    benchmarkId: 'likelihood-profiles',
    benchmarkVersion: '1',
    items,
    examples: [],
    mode: choicePromptModes[0] ?? (undefined as never),
    method: 'likelihood',
    likelihood: choiceLikelihood,
    model: createOpenAIModel({ model: 'Qwen/Qwen3-8B', baseURL: server.baseURL }),
    cache: disabledResponseCache(),
    runDir: await mkdtemp(path.join(tmpdir(), 'kensa-lk-profile-')),
    baseDelayMs: 1,
    maxDelayMs: 2,
  });
}

describe('likelihood by token ids through real-server profiles', () => {
  const scored: ServerProfileName[] = ['vllm-v0', 'vllm-v1-0.8', 'vllm-v1-2025', 'vllm', 'sglang'];
  for (const profile of scored) {
    for (const name of ['qwen3', 'llama3'] as const) {
      it(`${profile} with the ${name} vocabulary: picks equal med-eval's definition`, async () => {
        const vocabulary = vocabularies.get(name) as Vocabulary;
        const policy = keyFavouring(vocabulary);
        const result = await run(profile, name, policy);
        expect(result.failures).toEqual([]);
        expect(result.manifest.likelihoodMethod).toBe('token-ids');
        for (const record of result.records) {
          const item = items.find((candidate) => candidate.id === record.itemId) as Item;
          const expected = medEvalSums(item, vocabulary, policy);
          const sums = record.reply?.likelihood?.options.map((option) => option.sum) ?? [];
          for (const [index, sum] of sums.entries())
            expect(sum).toBeCloseTo(expected[index] ?? Number.NaN, 9);
          const best = expected.indexOf(Math.max(...expected));
          expect(record.reply?.text).toBe('abcd'[best]);
          expect(record.verdict).toBe('correct');
          expect(record.reply?.likelihood?.tokenizeCalls).toBe(5);
        }
        // One completions request per item; 1 + 4 tokenize calls per item.
        expect(server?.count({ kind: 'completions' })).toBe(items.length);
        expect(server?.count({ kind: 'tokenize' })).toBe(items.length * 5);
        expect(result.tokenizeCalls).toBe(items.length * 5);
        const first = server?.requests.find((request) => request.kind === 'completions')?.body as {
          prompt: number[][];
        };
        expect(first.prompt.every((ids) => ids.every(Number.isInteger))).toBe(true);
        if (name === 'llama3') expect(first.prompt[0]?.[0]).toBe(128000);
      }, 120_000);
    }
  }

  const refused: [ServerProfileName, RegExp][] = [
    ['llama.cpp', /does not echo the prompt \(HTTP 500 "Only no echo is supported"\)/],
    ['ollama', /refuses the likelihood request's prompt list/],
    ['openai', /serves a chat-only model/],
  ];
  for (const [profile, behaviour] of refused) {
    it(`${profile}: stops within one completions request, saying what the server lacks and what to do`, async () => {
      const result = await run(profile, 'qwen3');
      expect(result.abortReason).toMatch(behaviour);
      expect(result.abortReason).toMatch(/--scoring generate/);
      expect(server?.count({ kind: 'completions' })).toBe(1);
      expect(result.records.length).toBe(1);
    }, 120_000);
  }
});

describe('echoed offsets prove themselves or are refused', () => {
  async function echoBlock(profile: ServerProfileName, name: VocabularyName, text: string) {
    server = await createMockServer({ server: { name: profile, vocabulary: name } });
    const response = await fetch(`${server.baseURL}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', prompt: text, echo: true, logprobs: 1, max_tokens: 1 }),
    });
    const body = (await response.json()) as {
      choices: { logprobs: Parameters<typeof echoOffsetProblem>[0] }[];
    };
    await server.close();
    server = undefined;
    return body.choices[0]?.logprobs as Parameters<typeof echoOffsetProblem>[0];
  }
  const text = '質問：胸痛の患者で上昇するのはどれか。\n答え：心筋トロポニンT';

  it('accepts only the no-BOS vocabulary under incremental detokenization (vLLM V0 with Qwen3)', async () => {
    expect(echoOffsetProblem(await echoBlock('vllm-v0', 'qwen3', text), text)).toBeUndefined();
    expect(echoOffsetProblem(await echoBlock('vllm-v0', 'llama3', text), text)).toMatch(/BOS|re-join/);
  }, 120_000);

  it('refuses raw vocabulary pieces, one � per byte piece, and text_offset -1', async () => {
    expect(echoOffsetProblem(await echoBlock('vllm-v1-0.8', 'qwen3', text), text)).toMatch(/re-join/);
    // In Qwen3's vocabulary ' 胸' is three byte pieces, each decoded alone to '�'.
    const split = '問題: 胸痛の患者。答え: 心筋梗塞';
    expect(echoOffsetProblem(await echoBlock('vllm-v1-2025', 'qwen3', split), split)).toMatch(/re-join/);
    expect(echoOffsetProblem(await echoBlock('sglang', 'qwen3', text), text)).toMatch(/-1/);
  }, 120_000);
});
