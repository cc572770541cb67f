// Likelihood scoring at server speed: IgakuQA's five-option single-answer questions (Japanese stems and options)
// scored by option likelihood through the whole CLI, against the mock's vLLM profile (its /tokenize endpoint and
// echoed log-probabilities over the real Qwen3 vocabulary) with no added latency, so what is measured is the
// client: items per second, completions requests and tokenize calls per item, and client CPU per item, beside
// a bare node:http keep-alive client replaying the very tokenize and completions requests the CLI sent (the
// transport floor of the same work).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMockServer } from '@kensa/testing';
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

function likelihoodArgs(baseURL, dataDir, out) {
  return [
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
    baseURL,
    '--concurrency',
    String(concurrency),
    '--data-dir',
    dataDir,
    '--out',
    out,
    '--no-cache',
    '--json',
  ];
}

/** The tokenize and completions requests one CLI run sends, as `{ path, body }`, recorded by an in-process mock. */
async function captureRequests(dataDir, scratch) {
  const recorder = await createMockServer({ server: { name: 'vllm' } });
  try {
    await measureProcess(likelihoodArgs(recorder.baseURL, dataDir, path.join(scratch, 'capture')), {
      env: { KENSA_CACHE_DIR: path.join(scratch, 'capture-cache') },
    });
    return recorder.requests
      .filter((request) => request.kind === 'tokenize' || request.kind === 'completions')
      .map((request) => ({ path: request.path, body: request.body }));
  } finally {
    await recorder.close();
  }
}

export default {
  id: 'likelihood',
  async run({ dataDir, rounds }) {
    const scratch = scratchDir();
    const server = await startMockServer(['--server', 'vllm']);
    try {
      const requestsFile = path.join(scratch.dir, 'requests.json');
      writeFileSync(requestsFile, JSON.stringify(await captureRequests(dataDir, scratch.dir)));
      const replayFloor = () =>
        measureProcess([
          path.join(root, 'bench/bare-client.mjs'),
          'http',
          server.baseURL,
          requestsFile,
          String(concurrency),
        ]);
      // Untimed: the mock's first tokenize calls load and compile its vocabulary, which is not the client's cost.
      await replayFloor();
      const floors = [];
      const runs = [];
      for (let round = 0; round < rounds; round++) {
        floors.push(await replayFloor());
        const measurement = await measureProcess(
          likelihoodArgs(server.baseURL, dataDir, path.join(scratch.dir, `run-${round}`)),
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
      const floorStats = summarize(floors);
      const items = runs[0].items;
      // `requestsSent` counts everything that reached the network, tokenize calls included.
      const requestsPerItem = (runs[0].requests - runs[0].tokenizeCalls) / items;
      const tokenizePerItem = runs[0].tokenizeCalls / items;
      const loopMs = summarize(runs.map((run) => ({ wallMs: run.loopMs, cpuMs: 0, peakRssMb: 0 }))).wallMs;
      const cpuPerItem = stats.cpuMs.median / items;
      const floorCpuPerItem = floorStats.cpuMs.median / items;
      const cpuRatio = stats.cpuMs.median / floorStats.cpuMs.median;
      console.log(
        `${items} IgakuQA five-option questions by likelihood, concurrency ${concurrency}, mock latency 0 ms ` +
          `(the mock's vLLM profile tokenizes with the real Qwen3 vocabulary, on the same cores), whole processes, ` +
          `medians of ${rounds} (min–max). Kensa sent ${requestsPerItem.toFixed(2)} completions requests and ` +
          `${tokenizePerItem.toFixed(2)} tokenize calls per item; its eval loop ran at ` +
          `${((items / loopMs.median) * 1000).toFixed(0)} items/s.\n`,
      );
      const row = (label, stat) => [
        label,
        formatSeconds(stat.wallMs),
        ((items / stat.wallMs.median) * 1000).toFixed(0),
        formatSeconds(stat.cpuMs),
        `${(stat.cpuMs.median / items).toFixed(2)} ms`,
        `${stat.peakRssMb.median.toFixed(0)} MB`,
      ];
      printTable(
        ['client', 'wall', 'items/s', 'CPU', 'CPU / item', 'peak RSS'],
        [
          row('bare node:http keep-alive, the same requests', floorStats),
          row('**kensa eval --scoring likelihood** (whole CLI)', stats),
        ],
      );
      console.log(`\nratio (medians): kensa CPU / node:http CPU ${cpuRatio.toFixed(2)}`);
      return [
        {
          text: `likelihood: ${requestsPerItem.toFixed(2)} completions requests per item (target < 1.5: one request carries all options; the rest are retries), ${tokenizePerItem.toFixed(2)} tokenize calls per item`,
          ok: requestsPerItem < 1.5,
        },
        {
          // The client's own cost: what it spends beyond sending the same requests and parsing the same replies.
          // An absolute figure (3 ms per item was the first aim) is below this machine's floor for 7 requests.
          text: `likelihood: client CPU ${cpuPerItem.toFixed(2)} ms per item = ${cpuRatio.toFixed(2)}× the node:http floor of the same requests (${floorCpuPerItem.toFixed(2)} ms) (aim ≤ 1.5×)`,
          ok: cpuRatio <= 1.5,
          // The issue sets no likelihood figure; this is Kensa's own aim, reported like the moonshot.
          moonshot: true,
        },
      ];
    } finally {
      await server.stop();
      scratch.dispose();
    }
  },
};
