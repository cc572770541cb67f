// The floors `kensa eval` is measured against, each a whole process sending the same request bodies:
//   sdk   a bare openai-SDK promise pool (the SDK's own fetch and its default retries), as a user writes it;
//   http  a bare node:http keep-alive client, the transport floor (it retries a request whose reused socket the
//         server had closed, as the SDK does; nothing else).
// Usage: node bench/bare-client.mjs <sdk|http> <baseURL> <bodies.json> <concurrency>
// bodies.json holds chat-completions bodies, or (http only) `{ path, body }` requests to any endpoint of the
// server, e.g. the tokenize and completions requests of a likelihood run.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import OpenAI from 'openai';

const [client, baseURL, bodiesFile, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));

async function pool(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

let answered = 0;
const count = (response) => {
  if (typeof response.choices?.[0]?.message?.content === 'string') answered++;
  else if (Array.isArray(response.tokens) || Array.isArray(response.choices)) answered++;
};

if (client === 'sdk') {
  const openai = new OpenAI({ baseURL, apiKey: 'no-key' });
  await pool(
    bodies.map((body) => async () => count(await openai.chat.completions.create(body))),
    concurrency,
  );
} else if (client === 'http') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const chatURL = new URL(`${baseURL}/chat/completions`);
  const post = ({ url, body }) =>
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
  const postWithRetry = async (body, attempt = 0) => {
    try {
      return await post(body);
    } catch (error) {
      if (attempt >= 2) throw error;
      return postWithRetry(body, attempt + 1);
    }
  };
  const requests = bodies.map((entry) =>
    entry.path === undefined
      ? { url: chatURL, body: entry }
      : { url: new URL(entry.path, baseURL), body: entry.body },
  );
  await pool(
    requests.map((request) => async () => count(await postWithRetry(request))),
    concurrency,
  );
  agent.destroy();
} else {
  throw new Error(`unknown client ${client}; use sdk or http`);
}

if (answered !== bodies.length)
  throw new Error(`${bodies.length - answered} of ${bodies.length} requests got no answer`);
process.stdout.write(`${JSON.stringify({ requests: bodies.length })}\n`);
