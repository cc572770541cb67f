import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readExplanationFile } from '@kensa/runner';
import { temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const plugin = path.join(repoRoot, 'examples/older-exam-plugin/index.mjs');

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type ChatBody = { messages: { role: string; content: string }[] };

/** The teacher's reply per question stem (the example plugin's own questions); unknown stems throw (a 500). */
const replies: Record<string, string | Error> = {
  // Accepted: the answer line reads as the key.
  健常成人の血漿浸透圧: '血漿浸透圧は主にNa+で決まり、およそ285〜295 mOsm/kgである。\n答え: c',
  // Accepted: full-width letters and 、 are read as the extraction in scoring reads them.
  低カリウム血症の原因:
    '嘔吐では胃液の喪失と代謝性アルカローシスでK+が失われ、ループ利尿薬は尿中K+排泄を増やす。\n答え: ａ、ｃ',
  // Rejected: explains the key but writes another letter on its answer line.
  心臓の刺激伝導系: '房室結節は心房と心室の間で興奮を遅らせる。\n答え: b',
  // Rejected: no answer line at all (the key is not filled in for it).
  胃酸を分泌する: '胃底腺の壁細胞がプロトンポンプで塩酸を分泌する。',
  // Rejected: picks one of two.
  主に肝臓で合成される: 'アルブミンは肝細胞で合成される。\n答え: a',
  // Failed: the server errors (500) and, with --retries 0, no reply is had.
  細胞内液に最も多く: new Error('teacher down'),
  '1型糖尿病の主な病態': '自己免疫により膵β細胞が破壊され、インスリンが絶対的に欠乏する。\n答え: b',
  アナフィラキシーショック: 'アドレナリン0.3〜0.5 mgの大腿外側への筋注が第一選択である。\n答え: a',
};

async function teacher(): Promise<MockServer> {
  server = await createMockServer({
    reply: ({ body }) => {
      const last = (body as unknown as ChatBody).messages.at(-1)?.content ?? '';
      const found = Object.entries(replies).find(([stem]) => last.includes(`問題: ${stem}`));
      if (found === undefined) throw new Error(`unexpected question: ${last.slice(0, 40)}`);
      if (found[1] instanceof Error) throw found[1];
      return found[1];
    },
  });
  return server;
}

/** `kensa rpo ground-truth` on the example plugin with the mock teacher. */
function groundTruthArgs(mock: MockServer, out: string): string[] {
  const base = ['rpo', 'ground-truth', 'older-exam-example', '--plugin', plugin];
  return [...base, '--model', 'teacher', '--base-url', mock.baseURL, '--out', out];
}

async function run(args: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir(), ...env } });
  const code = await main(args, io);
  return { code, io };
}

describe('kensa rpo ground-truth (mock teacher, example older-exam plugin)', () => {
  it('writes only explanations whose answer line reads as the key, and lists the rest', async () => {
    const mock = await teacher();
    const out = path.join(await temporaryDir(), 'gt', 'explanations.jsonl');
    const { code, io } = await run([...groundTruthArgs(mock, out), '--retries', '0', '--concurrency', '3']);
    expect(code).toBe(1);
    const written = readExplanationFile(out);
    expect([...written.keys()]).toEqual(['100A1', '100A3', '100A5', '100A8']);
    expect(written.get('100A3')?.explanation).toMatch(/\n答え: ａ、ｃ$/);

    const summary = JSON.parse(await readFile(out.replace(/\.jsonl$/, '.rejected.json'), 'utf8'));
    expect(summary.accepted).toEqual(['100A1', '100A3', '100A5', '100A8']);
    expect(summary.rejected.map((entry: { id: string }) => entry.id)).toEqual(['100A2', '100A4', '100A7']);
    expect(summary.rejected[0].reason).toContain("reads 'b', not the key 'a'");
    expect(summary.rejected[1].reason).toContain('no final answer line');
    expect(summary.rejected[2].reason).toContain("reads 'a', not the key 'a,c'");
    expect(summary.failed.map((entry: { id: string }) => entry.id)).toEqual(['100A6']);
    expect(summary.skipped).toEqual([]);

    const stderr = io.err();
    for (const id of ['100A2', '100A4', '100A7']) expect(stderr).toContain(`rejected ${id}:`);
    expect(stderr).toContain('failed 100A6:');
    expect(io.out()).toContain('4 of 8 explanations accepted');

    // The teacher was shown the key and the worked examples' explanation style.
    const asked = mock.requests.map((request) => (request.body as unknown as ChatBody).messages);
    const first = asked.find((messages) => messages.at(-1)?.content.includes('血漿浸透圧'));
    expect(first?.at(-1)?.content).toContain('この問題の正解は「c」です');
    expect(first?.filter((message) => message.role === 'assistant')).toHaveLength(3);
    expect(first?.[2]?.content).toMatch(/\n答え: b$/);
  });

  it('asks a re-run only what no earlier run got a reply for (the response cache), never storing the key', async () => {
    const apiKey = 'sk-kensa-ground-truth-secret-0123456789';
    const env = { KENSA_CACHE_DIR: await temporaryDir(), OPENAI_API_KEY: apiKey };
    const flaky = replies['細胞内液に最も多く'];
    const echoing = replies['健常成人の血漿浸透圧'];
    // A gateway that echoes the key into a reply: what is cached must not hold it.
    replies['健常成人の血漿浸透圧'] = `(key ${apiKey})\n${echoing}`;
    try {
      const mock = await teacher();
      const out = path.join(await temporaryDir(), 'explanations.jsonl');
      const args = [...groundTruthArgs(mock, out), '--retries', '0', '--json'];
      const first = await run(args, env);
      expect(first.code).toBe(1);
      expect(JSON.parse(first.io.out())).toMatchObject({ fromCache: 0, requestsSent: 8 });
      expect(mock.requests).toHaveLength(8);

      // The teacher is back: only the failed question is asked again; the rest come from the cache.
      replies['細胞内液に最も多く'] = '細胞内液の主な陽イオンはK+である。\n答え: b';
      const second = await run(args, env);
      expect(JSON.parse(second.io.out())).toMatchObject({ fromCache: 7, requestsSent: 1 });
      expect(mock.requests).toHaveLength(9);
      expect([...readExplanationFile(out).keys()]).toEqual(['100A1', '100A3', '100A5', '100A6', '100A8']);
      expect(readExplanationFile(out).get('100A1')?.explanation).toContain('[redacted]');

      for (const file of await readdir(env.KENSA_CACHE_DIR)) {
        if (!file.startsWith('responses')) continue;
        const bytes = await readFile(path.join(env.KENSA_CACHE_DIR, file));
        expect(bytes.includes(apiKey), file).toBe(false);
      }

      // --no-cache asks everything again.
      const fresh = await run([...args, '--no-cache'], env);
      expect(JSON.parse(fresh.io.out())).toMatchObject({ fromCache: 0, requestsSent: 8 });
    } finally {
      replies['細胞内液に最も多く'] = flaky as Error;
      replies['健常成人の血漿浸透圧'] = echoing as string;
    }
  });

  it('exits 0 when every explanation is accepted (--limit)', async () => {
    const mock = await teacher();
    const out = path.join(await temporaryDir(), 'explanations.jsonl');
    const { code } = await run([...groundTruthArgs(mock, out), '--limit', '1']);
    expect(code).toBe(0);
    expect([...readExplanationFile(out).keys()]).toEqual(['100A1']);
  });

  it('is bad usage (2) without --out or --model', async () => {
    const noOut = await run([
      'rpo',
      'ground-truth',
      'older-exam-example',
      '--plugin',
      plugin,
      '--model',
      'x',
    ]);
    expect(noOut.code).toBe(2);
    expect(noOut.io.err()).toContain('--out FILE is required');
    const noModel = await run([
      'rpo',
      'ground-truth',
      'older-exam-example',
      '--plugin',
      plugin,
      '--out',
      'x.jsonl',
    ]);
    expect(noModel.code).toBe(2);
    expect(noModel.io.err()).toContain('--model is required');
  });
});
