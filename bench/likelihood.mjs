// Likelihood throughput for `npm run bench`: `evaluate --scoring likelihood` against the mock's vLLM profile
// (real Qwen3 vocabulary, 20 ms latency on every request, tokenize calls included), in one process. Reports
// items/s, completions requests per item and tokenize calls per item. Run alone: `node bench/likelihood.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { choiceLikelihood, choicePromptModes } from '@kensa/core';
import { createOpenAIModel, disabledResponseCache, evaluate } from '@kensa/runner';
import { createMockServer, loadVocabulary } from '@kensa/testing';

const stems = ['鉄欠乏性貧血で低下する', '心不全で上昇する', '甲状腺機能亢進症でみられる', '脱水で上昇する'];
const options = [
  'フェリチン',
  '脳性ナトリウム利尿ペプチド',
  '頻脈',
  '血中尿素窒素',
  'アルブミン',
  '体重増加',
];

export async function likelihoodBench({ items: count = 256, concurrency = 64, latencyMs = 20 } = {}) {
  await loadVocabulary('qwen3');
  const items = Array.from({ length: count }, (_, index) => ({
    id: `bench:${index}`,
    kind: 'choice',
    question: `${stems[index % stems.length]}のはどれか。（${index}）`,
    choices: Array.from({ length: 4 }, (_, position) => options[(index + position) % options.length]),
    choose: 1,
    answer: ['a'],
  }));
  const server = await createMockServer({
    server: { name: 'vllm', vocabulary: 'qwen3' },
    latency: latencyMs,
  });
  const runDir = mkdtempSync(path.join(tmpdir(), 'kensa-bench-likelihood-'));
  try {
    const started = performance.now();
    const result = await evaluate({
      benchmarkId: 'bench-likelihood',
      benchmarkVersion: '1',
      items,
      examples: [],
      mode: choicePromptModes[0],
      method: 'likelihood',
      likelihood: choiceLikelihood,
      model: createOpenAIModel({
        model: 'Qwen/Qwen3-8B',
        baseURL: server.baseURL,
        maxConnections: concurrency,
      }),
      cache: disabledResponseCache(),
      runDir,
      concurrency,
    });
    const wallMs = performance.now() - started;
    if (result.failures.length > 0)
      throw new Error(`likelihood bench: ${result.failures.length} items failed`);
    return {
      items: count,
      wallMs,
      itemsPerSecond: (count / wallMs) * 1000,
      requestsPerItem: server.count({ kind: 'completions' }) / count,
      tokenizeCallsPerItem: server.count({ kind: 'tokenize' }) / count,
      method: result.manifest.likelihoodMethod,
    };
  } finally {
    await server.close();
    rmSync(runDir, { recursive: true, force: true });
  }
}

export function likelihoodRow(result) {
  return (
    `${'kensa evaluate (likelihood, vLLM)'.padEnd(34)} ${result.wallMs.toFixed(0).padStart(6)} ms  ` +
    `${result.itemsPerSecond.toFixed(0).padStart(6)} items/s  ${result.requestsPerItem.toFixed(2)} requests/item  ` +
    `${result.tokenizeCallsPerItem.toFixed(2)} tokenize calls/item  (${result.items} items, ${result.method})`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(likelihoodRow(await likelihoodBench()));
}
