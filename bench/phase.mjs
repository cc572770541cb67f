// One measured phase of `npm run bench`, in its own process so that its wall time, CPU time and peak RSS are its
// own. Prints one JSON line. Usage: node bench/phase.mjs <kensa|sdk|http> <baseURL> <dataDir> <concurrency> [runDir cacheDir]
import http from 'node:http';
import { igakuqa } from '@kensa/igakuqa';
import { createOpenAIModel, evaluate, openResponseCache, resolveSources } from '@kensa/runner';
import OpenAI from 'openai';

const [phase, baseURL, dataDir, concurrencyText, runDir, cachePath] = process.argv.slice(2);
const concurrency = Number(concurrencyText);

const contents = await resolveSources(igakuqa.sources, { dataDir });
const items = igakuqa.parse(contents);
const examples = igakuqa.examples(contents);
const mode = igakuqa.prompts[0];
const model = createOpenAIModel({ model: 'mock-model', baseURL });
// The exact bodies Kensa sends, so every phase replays the same 2,000 requests.
const bodies = items.map(
  (item) => model.request({ item, prompt: mode.render(item, { examples }), sample: 0 }, {}).body,
);

async function pool(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
let requests = bodies.length;

if (phase === 'kensa') {
  const cache = openResponseCache(cachePath);
  const result = await evaluate({
    benchmarkId: igakuqa.id,
    benchmarkVersion: igakuqa.version,
    items,
    examples,
    mode,
    model,
    cache,
    runDir,
    concurrency,
  });
  cache.close();
  requests = result.requestsSent;
  if (result.failures.length > 0) throw new Error(`${result.failures.length} items failed`);
} else if (phase === 'sdk') {
  const client = new OpenAI({ baseURL, apiKey: 'no-key', maxRetries: 0 });
  await pool(
    bodies.map((body) => () => client.chat.completions.create(body)),
    concurrency,
  );
} else if (phase === 'http') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(`${baseURL}/chat/completions`);
  const post = (body) =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  await pool(
    bodies.map((body) => () => post(body)),
    concurrency,
  );
  agent.destroy();
} else {
  throw new Error(`unknown phase ${phase}`);
}

const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({
    phase,
    items: items.length,
    requests,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
