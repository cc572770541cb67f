import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { choicePromptModes, type Item } from '@kensa/core';
import { createOpenAIModel, disabledResponseCache, evaluate } from '@kensa/runner';
import {
  createMockServer,
  loadVocabulary,
  type MockServer,
  readSourceFiles,
  type TokenIdLogprobPolicy,
  type Vocabulary,
} from '@kensa/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMMMLUMed } from './index';
import { renderLmEvalMmmlu } from './lm-eval-mmmlu';

// The mock's vLLM profile is built from vLLM's source (cited in @kensa/testing's server-profile.ts) and tokenizes
// with Qwen3's real tokenizer.json. The reference below is lm-evaluation-harness's own split, lm_eval/api/model.py
// `_encode_pair` at commit 4e7e0d47f33bc71070c1d38394bafbb52b117163: whole = encode(context + continuation),
// continuation tokens = whole[len(encode(context)):], and the score is the sum of their log-probabilities.
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let vocabulary: Vocabulary;
beforeAll(async () => {
  vocabulary = await loadVocabulary('qwen3');
}, 180_000);

const benchmark = createMMMLUMed({ likelihood: 'lm-eval-mmmlu' });
const items = benchmark.parse(readSourceFiles(new URL('./fixtures/', import.meta.url), benchmark.sources));

function lmEvalSums(item: Item, policy: TokenIdLogprobPolicy): number[] {
  const { prompt, continuations } = renderLmEvalMmmlu(item);
  const contextCount = vocabulary.encode(prompt, true).length;
  return continuations.map((continuation) => {
    const ids = [...vocabulary.encode(`${prompt}${continuation}`, true), vocabulary.endId];
    let sum = 0;
    for (let index = contextCount; index < ids.length - 1; index++) sum += policy({ ids, index });
    return sum;
  });
}

describe('lm-eval-mmmlu scored by token ids', () => {
  it('scores exactly the letter token with its leading space, and picks what lm-eval would', async () => {
    // Each letter after "Answer:" is one token in Qwen3's vocabulary, the space included.
    for (const letter of ['A', 'B', 'C', 'D']) {
      const whole = vocabulary.encode(`Answer: ${letter}`, false);
      const context = vocabulary.encode('Answer:', false);
      expect(whole.slice(context.length).map((id) => vocabulary.decode([id]))).toEqual([` ${letter}`]);
    }
    const favoured = new Set(['C', 'A'].map((letter) => vocabulary.encode(` ${letter}`, false)[0] ?? -1));
    const policy: TokenIdLogprobPolicy = ({ ids, index }) =>
      (ids[index] === [...favoured][0] ? -0.2 : favoured.has(ids[index] ?? -1) ? -0.9 : -3) - index * 1e-6;
    server = await createMockServer({ server: { name: 'vllm', vocabulary: 'qwen3' }, tokenLogprob: policy });
    const result = await evaluate({
      benchmarkId: benchmark.id,
      benchmarkVersion: benchmark.version,
      items,
      examples: [],
      mode: choicePromptModes[0] ?? (undefined as never),
      method: 'likelihood',
      likelihood: benchmark.likelihood,
      model: createOpenAIModel({ model: 'Qwen/Qwen3-8B', baseURL: server.baseURL }),
      cache: disabledResponseCache(),
      runDir: await mkdtemp(path.join(tmpdir(), 'kensa-lm-eval-mmmlu-')),
      baseDelayMs: 1,
      maxDelayMs: 2,
    });
    expect(result.failures).toEqual([]);
    expect(result.manifest.likelihoodMethod).toBe('token-ids');
    for (const record of result.records) {
      const item = items.find((candidate) => candidate.id === record.itemId) as Item;
      const expected = lmEvalSums(item, policy);
      const sums = record.reply?.likelihood?.options.map((option) => option.sum) ?? [];
      expect(sums).toHaveLength(4);
      for (const [index, sum] of sums.entries()) expect(sum).toBeCloseTo(expected[index] ?? Number.NaN, 9);
      expect(record.reply?.text).toBe('c');
      expect(record.verdict).toBe(item.answer[0] === 'c' ? 'correct' : 'wrong');
    }
    // Every token-id sequence sent is the same context, ending in "Answer:", then one letter token.
    for (const request of server.requests.filter((candidate) => candidate.kind === 'completions')) {
      const sequences = (request.body as { prompt: number[][] }).prompt;
      const context = sequences[0]?.slice(0, -1) ?? [];
      expect(vocabulary.decode(context)).toMatch(/\nD\. [^\n]*\nAnswer:$/);
      expect(sequences.map((ids) => ids.slice(0, -1))).toEqual([context, context, context, context]);
      expect(sequences.map((ids) => vocabulary.decode(ids.slice(-1)))).toEqual([' A', ' B', ' C', ' D']);
    }
  }, 120_000);
});
