// The whole `kensa eval igakuqa` process, as a user runs it (sources, prompts, requests, run folder, scoring,
// HTML report), beside a bare openai-SDK promise pool and a bare node:http keep-alive client sending the very
// bodies the CLI sent; then a re-run served from the cache, and the CLI's cold start (`--help`).
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
const latencyMs = 20;

function evalArgs(baseURL, dataDir, out) {
  return [
    cliPath,
    'eval',
    'igakuqa',
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
    '--json',
  ];
}

/** One CLI run; checks that it answered everything and says how many requests it sent. */
async function measureEval(baseURL, dataDir, out, cacheDir) {
  const measurement = await measureProcess(evalArgs(baseURL, dataDir, out), {
    env: { KENSA_CACHE_DIR: cacheDir },
  });
  const document = JSON.parse(measurement.stdout);
  if (document.failures.length > 0) throw new Error(`kensa eval: ${document.failures.length} items failed`);
  return {
    ...measurement,
    requests: document.timing.requestsSent,
    items: document.timing.cacheHits + document.timing.requestsSent,
  };
}

/** Runs the CLI once against an in-process mock that records what it receives: the bodies the floors replay. */
async function captureBodies(dataDir, scratch) {
  const recorder = await createMockServer();
  try {
    await measureEval(
      recorder.baseURL,
      dataDir,
      path.join(scratch, 'capture'),
      path.join(scratch, 'capture-cache'),
    );
    return recorder.requests.filter((request) => request.kind === 'chat').map((request) => request.body);
  } finally {
    await recorder.close();
  }
}

export default {
  id: 'whole-cli',
  async run({ dataDir, rounds }) {
    const scratch = scratchDir();
    const server = await startMockServer(['--latency', String(latencyMs)]);
    try {
      const bodies = await captureBodies(dataDir, scratch.dir);
      const bodiesFile = path.join(scratch.dir, 'bodies.json');
      writeFileSync(bodiesFile, JSON.stringify(bodies));
      const bare = (client) =>
        measureProcess([
          path.join(root, 'bench/bare-client.mjs'),
          client,
          server.baseURL,
          bodiesFile,
          String(concurrency),
        ]);

      const results = { http: [], sdk: [], kensa: [], cached: [], help: [] };
      // Rounds interleave the clients, so a slow spell on the shared machine hits them all alike.
      for (let round = 0; round < rounds; round++) {
        results.http.push(await bare('http'));
        results.sdk.push(await bare('sdk'));
        const cacheDir = path.join(scratch.dir, `cache-${round}`);
        const first = await measureEval(
          server.baseURL,
          dataDir,
          path.join(scratch.dir, `run-${round}`),
          cacheDir,
        );
        // More than one request per question only when a request was retried (a reset connection).
        if (first.requests < bodies.length)
          throw new Error(`kensa sent ${first.requests} requests for ${bodies.length} questions`);
        results.kensa.push(first);
        results.cached.push(
          await measureEval(server.baseURL, dataDir, path.join(scratch.dir, `rerun-${round}`), cacheDir),
        );
        results.help.push(await measureProcess([cliPath, '--help']));
      }

      const stats = Object.fromEntries(
        Object.entries(results).map(([name, runs]) => [name, summarize(runs)]),
      );
      const ideal = Math.ceil(bodies.length / concurrency) * latencyMs;
      const cachedRequests = Math.max(...results.cached.map((run) => run.requests));
      console.log(
        `${bodies.length} IgakuQA 3shot requests (the bodies the CLI sent, replayed by the floors), concurrency ` +
          `${concurrency}, mock latency ${latencyMs} ms; ideal ⌈${bodies.length}/${concurrency}⌉ × ${latencyMs} ms = ` +
          `${ideal} ms. Whole processes, medians of ${rounds} (min–max).\n`,
      );
      const row = (label, stat, requests) => [
        label,
        formatSeconds(stat.wallMs),
        (stat.wallMs.median / ideal).toFixed(1),
        String(requests),
        formatSeconds(stat.cpuMs),
        `${stat.peakRssMb.median.toFixed(0)} MB`,
      ];
      printTable(
        ['client', 'wall', '× ideal', 'requests', 'CPU', 'peak RSS'],
        [
          row('bare node:http keep-alive', stats.http, bodies.length),
          row('bare openai SDK promise pool', stats.sdk, bodies.length),
          row(
            '**kensa eval** (whole CLI, report included)',
            stats.kensa,
            Math.max(...results.kensa.map((run) => run.requests)),
          ),
          row('kensa eval again, from the cache', stats.cached, cachedRequests),
          row('kensa --help (cold start)', stats.help, 0),
        ],
      );
      const versusSdk = stats.kensa.wallMs.median / stats.sdk.wallMs.median;
      const versusFloor = stats.kensa.wallMs.median / stats.http.wallMs.median;
      console.log(
        `\nratios (medians): kensa / SDK pool ${versusSdk.toFixed(2)} · kensa / node:http ${versusFloor.toFixed(2)} · ` +
          `SDK pool / node:http ${(stats.sdk.wallMs.median / stats.http.wallMs.median).toFixed(2)} · ` +
          `kensa CPU per request ${(stats.kensa.cpuMs.median / bodies.length).toFixed(2)} ms ` +
          `(SDK pool ${(stats.sdk.cpuMs.median / bodies.length).toFixed(2)}, node:http ${(stats.http.cpuMs.median / bodies.length).toFixed(2)})`,
      );
      const peakRss = Math.max(stats.kensa.peakRssMb.median, stats.cached.peakRssMb.median);
      return [
        { text: `whole CLI / SDK pool = ${versusSdk.toFixed(2)} (target ≤ 1.2)`, ok: versusSdk <= 1.2 },
        {
          text: `whole CLI / node:http floor = ${versusFloor.toFixed(2)} (moonshot ≤ 1.5)`,
          ok: versusFloor <= 1.5,
          moonshot: true,
        },
        {
          text: `cached re-run: ${cachedRequests} requests, ${(stats.cached.wallMs.median / 1000).toFixed(2)} s (target 0 requests, ≤ 1.0 s)`,
          ok: cachedRequests === 0 && stats.cached.wallMs.median <= 1000,
        },
        {
          text: `--help: ${(stats.help.wallMs.median / 1000).toFixed(2)} s (target ≤ 0.3 s)`,
          ok: stats.help.wallMs.median <= 300,
        },
        { text: `peak RSS ${peakRss.toFixed(0)} MB (target ≤ 200 MB)`, ok: peakRss <= 200 },
      ];
    } finally {
      await server.stop();
      scratch.dispose();
    }
  },
};
