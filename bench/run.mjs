// `npm run bench`: Kensa's evaluation loop against a mock OpenAI-compatible server with 20 ms latency, beside
// the two floors it cannot beat: a bare openai-SDK promise pool and a bare node:http keep-alive client sending
// the same 2,000 request bodies. Then an immediate second run, served from the cache.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.KENSA_DATA_DIR ?? path.resolve(root, '../shared/data');
const concurrency = 64;
const latencyMs = 20;

const server = spawn(
  process.execPath,
  [path.join(root, 'packages/testing/dist/bin.js'), '--latency', String(latencyMs)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const baseURL = await new Promise((resolve, reject) => {
  server.stdout.once('data', (chunk) => resolve(chunk.toString().trim()));
  server.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
});

const scratch = mkdtempSync(path.join(tmpdir(), 'kensa-bench-'));
const cachePath = path.join(scratch, 'responses.sqlite');
function phase(name, runDir = '') {
  const output = execFileSync(
    process.execPath,
    [path.join(root, 'bench/phase.mjs'), name, baseURL, dataDir, String(concurrency), runDir, cachePath],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1));
}

try {
  const kensa = phase('kensa', path.join(scratch, 'run-1'));
  const cached = phase('kensa', path.join(scratch, 'run-2'));
  const sdk = phase('sdk');
  const bare = phase('http');
  const ideal = Math.ceil(kensa.items / concurrency) * latencyMs;
  const row = (label, result) =>
    `${label.padEnd(34)} ${result.wallMs.toFixed(0).padStart(6)} ms  ${(result.wallMs / ideal).toFixed(2).padStart(5)}× ideal  ` +
    `${((result.requests / result.wallMs) * 1000).toFixed(0).padStart(6)} req/s  ${result.requests.toString().padStart(5)} requests  ` +
    `CPU ${result.cpuMs.toFixed(0).padStart(5)} ms  peak RSS ${result.peakRssMb.toFixed(0).padStart(4)} MB`;
  console.log(
    `${kensa.items} IgakuQA items, concurrency ${concurrency}, mock latency ${latencyMs} ms; ideal ⌈${kensa.items}/${concurrency}⌉ × ${latencyMs} ms = ${ideal} ms`,
  );
  console.log(row('kensa evaluate (3shot)', kensa));
  console.log(row('bare openai SDK promise pool', sdk));
  console.log(row('bare node:http keep-alive client', bare));
  console.log(row('kensa again, served from the cache', { ...cached, requests: cached.requests }));
  const ratio = kensa.wallMs / sdk.wallMs;
  const checks = [
    [`kensa / SDK pool = ${ratio.toFixed(2)} (target ≤ 1.2)`, ratio <= 1.2],
    [
      `cached re-run: ${cached.requests} requests, ${cached.wallMs.toFixed(0)} ms (target 0 requests, ≤ 1000 ms)`,
      cached.requests === 0 && cached.wallMs <= 1000,
    ],
    [`peak RSS ${kensa.peakRssMb.toFixed(0)} MB (target ≤ 200 MB)`, kensa.peakRssMb <= 200],
  ];
  // Likelihood throughput beside generation (bench/likelihood.mjs).
  const { likelihoodBench, likelihoodRow } = await import('./likelihood.mjs');
  const likelihood = await likelihoodBench({ concurrency, latencyMs });
  console.log(likelihoodRow(likelihood));
  checks.push([
    `likelihood: ${likelihood.requestsPerItem.toFixed(2)} completions requests per item (target ≤ 1)`,
    likelihood.requestsPerItem <= 1,
  ]);
  for (const [text, ok] of checks) console.log(`${ok ? 'OK  ' : 'MISS'} ${text}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  execFileSync('rm', ['-rf', scratch]);
}
