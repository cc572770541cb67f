// Likelihood scoring at server speed: IgakuQA's five-option single-answer questions (Japanese stems and options)
// scored by option likelihood through the whole CLI, against the mock's vLLM profile (its /tokenize endpoint and
// echoed log-probabilities over the real Qwen3 vocabulary) with no added latency, so what is measured is the
// client: items per second, completions requests and tokenize calls per item, and client CPU per item.
import path from 'node:path';
import {
  cliPath,
  formatSeconds,
  measureProcess,
  printTable,
  root,
  scratchDir,
  startMockServer,
  summarize,
} from '../harness.mjs';

const concurrency = 64;

export default {
  id: 'likelihood',
  async run({ dataDir, rounds }) {
    const scratch = scratchDir();
    const server = await startMockServer(['--server', 'vllm']);
    try {
      const runs = [];
      for (let round = 0; round < rounds; round++) {
        const measurement = await measureProcess(
          [
            cliPath,
            'eval',
            'igakuqa-likelihood-bench',
            '--plugin',
            path.join(root, 'bench/igakuqa-likelihood-plugin.mjs'),
            '--scoring',
            'likelihood',
            '--model',
            'mock-model',
            '--base-url',
            server.baseURL,
            '--concurrency',
            String(concurrency),
            '--data-dir',
            dataDir,
            '--out',
            path.join(scratch.dir, `run-${round}`),
            '--no-cache',
            '--json',
          ],
          { env: { KENSA_CACHE_DIR: path.join(scratch.dir, `cache-${round}`) } },
        );
        const document = JSON.parse(measurement.stdout);
        if (document.failures.length > 0)
          throw new Error(`likelihood: ${document.failures.length} items failed`);
        runs.push({
          ...measurement,
          items: document.n,
          requests: document.timing.requestsSent,
          tokenizeCalls: document.timing.tokenizeCalls ?? 0,
          loopMs: document.timing.durationMs,
        });
      }
      const stats = summarize(runs);
      const items = runs[0].items;
      // `requestsSent` counts everything that reached the network, tokenize calls included.
      const requestsPerItem = (runs[0].requests - runs[0].tokenizeCalls) / items;
      const tokenizePerItem = runs[0].tokenizeCalls / items;
      const loopMs = summarize(runs.map((run) => ({ wallMs: run.loopMs, cpuMs: 0, peakRssMb: 0 }))).wallMs;
      const cpuPerItem = stats.cpuMs.median / items;
      console.log(
        `${items} IgakuQA five-option questions by likelihood, concurrency ${concurrency}, mock latency 0 ms, ` +
          `whole CLI processes, medians of ${rounds} (min–max).\n`,
      );
      printTable(
        [
          'items',
          'completions / item',
          'tokenize / item',
          'wall (whole process)',
          'items/s (whole)',
          'items/s (eval loop)',
          'CPU / item',
          'peak RSS',
        ],
        [
          [
            String(items),
            requestsPerItem.toFixed(2),
            tokenizePerItem.toFixed(2),
            formatSeconds(stats.wallMs),
            ((items / stats.wallMs.median) * 1000).toFixed(0),
            ((items / loopMs.median) * 1000).toFixed(0),
            `${cpuPerItem.toFixed(2)} ms`,
            `${stats.peakRssMb.median.toFixed(0)} MB`,
          ],
        ],
      );
      return [
        {
          text: `likelihood: ${requestsPerItem.toFixed(2)} completions requests per item (target < 1.5: one request carries all options; the rest are retries), ${tokenizePerItem.toFixed(2)} tokenize calls per item`,
          ok: requestsPerItem < 1.5,
        },
        {
          text: `likelihood: client CPU ${cpuPerItem.toFixed(2)} ms per item, whole process (target ≤ 3 ms)`,
          ok: cpuPerItem <= 3,
        },
      ];
    } finally {
      await server.stop();
      scratch.dispose();
    }
  },
};
