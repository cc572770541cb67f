import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreItem } from '@kensa/core';
import { temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

/*
 * The README's RPO walk-through, step by step through `main`, on what the repo ships: the example older-exam
 * plugin, a student model and a teacher model (both the in-repo mock server), then the JSONL it produces.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const plugin = './examples/older-exam-plugin/index.mjs';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Message = { role: string; content: string };
type ChatBody = { model: string; messages: Message[] };
type Reply = 'right' | 'wrong' | 'unparsed';

const keys: Record<string, string> = {
  '100A1': 'c',
  '100A2': 'a',
  '100A3': 'a,c',
  '100A4': 'b',
  '100A5': 'b',
  '100A6': 'b',
  '100A7': 'a,c',
  '100A8': 'a',
};
const stems: Record<string, string> = {
  '100A1': '健常成人の血漿浸透圧',
  '100A2': '心臓の刺激伝導系',
  '100A3': '低カリウム血症の原因',
  '100A4': '胃酸を分泌する',
  '100A5': '1型糖尿病の主な病態',
  '100A6': '細胞内液に最も多く',
  '100A7': '主に肝臓で合成される',
  '100A8': 'アナフィラキシーショック',
};
/** The student's K = 4 samples per question; the rest answer right four times. */
const student: Record<string, readonly Reply[]> = {
  '100A1': ['right', 'wrong', 'right', 'unparsed'],
  '100A3': ['wrong', 'wrong', 'unparsed', 'wrong'],
  '100A4': ['wrong', 'right', 'wrong', 'wrong'],
};
/** The teacher gets every key right except 100A3's, where its answer line names only one of the two. */
const teacherWrong = new Set(['100A3']);

function idOf(question: string): string | undefined {
  return Object.keys(stems).find((id) => question.includes(`問題: ${stems[id]}`));
}

async function mockServer(): Promise<MockServer> {
  const asked = new Map<string, number>();
  server = await createMockServer({
    reply: ({ body }) => {
      const chat = body as unknown as ChatBody;
      const id = idOf(chat.messages.at(-1)?.content ?? '');
      if (id === undefined) return 'わかりません';
      const key = keys[id] ?? '';
      if (chat.model === 'teacher') {
        const line = teacherWrong.has(id) ? key.split(',')[0] : key;
        return `（教師の解説 ${id}）正解の根拠を順に述べる。\n答え: ${line}`;
      }
      const count = asked.get(id) ?? 0;
      asked.set(id, count + 1);
      const reply = student[id]?.[count % 4] ?? 'right';
      const reasoning = `解説（${id} 試行${count + 1}）: 選択肢を順に検討する。`;
      if (reply === 'right') return `${reasoning}\n答え: ${key}`;
      if (reply === 'wrong') return `${reasoning}\n答え: ${key === 'a' ? 'b' : 'a'}`;
      return `${reasoning}\n判断がつかない。`;
    },
  });
  return server;
}

async function readJsonl(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe("the README's RPO walk-through, end to end on the example plugin", () => {
  it('eval (3shot-explain, K = 4) → rpo ground-truth → rpo build --explanations → rpo config --data', async () => {
    const mock = await mockServer();
    const work = await temporaryDir();
    const cacheDir = await temporaryDir();
    const run = async (args: string[]) => {
      const io = captureIo({ cwd: repoRoot, env: { KENSA_CACHE_DIR: cacheDir } });
      return { code: await main(args, io), io };
    };
    const at = (name: string) => path.join(work, name);

    // 1. K explanations per question from the model, sampled.
    const evaluated = await run([
      'eval',
      'older-exam-example',
      '--plugin',
      plugin,
      '--mode',
      '3shot-explain',
      '--samples',
      '4',
      '--temperature',
      '0.7',
      '--base-url',
      mock.baseURL,
      '--model',
      'my-model',
      '--out',
      at('runs/explain'),
    ]);
    expect(evaluated.code).toBe(0);

    // 2. Ground truth for the key, from a teacher model; 100A3's is rejected (exit 1) and not written.
    const grounded = await run([
      'rpo',
      'ground-truth',
      'older-exam-example',
      '--plugin',
      plugin,
      '--base-url',
      mock.baseURL,
      '--model',
      'teacher',
      '--out',
      at('explanations.jsonl'),
    ]);
    expect(grounded.code).toBe(1);
    expect(grounded.io.err()).toContain("rejected 100A3: its answer line reads 'a', not the key 'a,c'");
    const explanations = await readJsonl(at('explanations.jsonl'));
    expect(explanations.map((line) => line.problem_id)).toEqual(
      Object.keys(keys).filter((id) => !teacherWrong.has(id)),
    );

    // 3. Pairs for TRL, ground truth > chosen > rejected.
    const built = await run([
      'rpo',
      'build',
      at('runs/explain'),
      '--plugin',
      plugin,
      '--out',
      at('rpo/pairs.jsonl'),
      '--format',
      'conversational',
      '--explanations',
      at('explanations.jsonl'),
    ]);
    expect(built.code).toBe(0);
    const rows = await readJsonl(at('rpo/pairs.jsonl'));
    const sidecar = JSON.parse(await readFile(at('rpo/pairs.provenance.json'), 'utf8'));
    /*
     * Worked by hand, pairs = GT·chosen + GT·rejected + chosen·rejected per question:
     * 100A1 GT, 2 right, 2 not: 2 + 2 + 4 = 8 · 100A3 no GT, 4 not: 0 · 100A4 GT, 1 right, 3 wrong: 1 + 3 + 3 = 7 ·
     * five questions with GT and 4 right: 4 each.
     */
    expect(sidecar.pairsPerQuestion).toEqual({
      '100A1': 8,
      '100A2': 4,
      '100A3': 0,
      '100A4': 7,
      '100A5': 4,
      '100A6': 4,
      '100A7': 4,
      '100A8': 4,
    });
    expect(sidecar.counts).toMatchObject({
      questions: 8,
      questionsWithPairs: 7,
      samples: 32,
      tiers: { 'ground-truth': 7, chosen: 23, rejected: 9 },
      pairs: 35,
      pairsByKind: { 'ground-truth>chosen': 23, 'ground-truth>rejected': 5, 'chosen>rejected': 7 },
    });
    expect(sidecar.questionsWithoutPair).toMatchObject([
      { itemId: '100A3', code: 'all-wrong-no-ground-truth' },
    ]);
    expect(sidecar.groundTruth).toMatchObject({ fromFile: 7, explanationsInFile: 7, explanationsUnused: 0 });
    expect(rows).toHaveLength(35);

    // Every row keeps the hierarchy: its chosen response outranks its rejected one, checked on the texts.
    const rank = { 'ground-truth': 2, chosen: 1, rejected: 0 } as const;
    const explanationOf = new Map(explanations.map((line) => [line.problem_id, line.explanation]));
    for (const [index, row] of rows.entries()) {
      const provenance = sidecar.pairs[index];
      const chosen = (row.chosen as Message[])[0]?.content ?? '';
      const rejected = (row.rejected as Message[])[0]?.content ?? '';
      const tierOf = (text: string) =>
        text === explanationOf.get(provenance.itemId)
          ? 'ground-truth'
          : text.endsWith(`答え: ${keys[provenance.itemId]}`)
            ? 'chosen'
            : 'rejected';
      expect(tierOf(chosen)).toBe(provenance.chosen.tier);
      expect(tierOf(rejected)).toBe(provenance.rejected.tier);
      expect(rank[provenance.chosen.tier as keyof typeof rank]).toBeGreaterThan(
        rank[provenance.rejected.tier as keyof typeof rank],
      );
      const prompt = row.prompt as Message[];
      expect(prompt.at(-1)?.content).toContain(`問題: ${stems[provenance.itemId]}`);
      // The chosen text re-scores as the key wherever it is not the lower tier.
      const item = {
        id: provenance.itemId,
        kind: 'choice' as const,
        question: 'q',
        choices: ['1', '2', '3', '4', '5'],
        choose: keys[provenance.itemId]?.split(',').length ?? 1,
        answer: keys[provenance.itemId]?.split(',') ?? [],
      };
      expect(scoreItem(item, chosen, 'normalized').correct).toBe(true);
      expect(scoreItem(item, rejected, 'normalized').correct).toBe(provenance.rejected.tier === 'chosen');
    }

    // 4. The TRL settings for α = 10, sized to the dataset.
    const configured = await run([
      'rpo',
      'config',
      '--data',
      at('rpo/pairs.jsonl'),
      '--trl-version',
      '1.13.0',
      '--json',
    ]);
    expect(configured.code).toBe(0);
    const printed = JSON.parse(configured.io.out());
    expect(printed.trlVersion).toBe('1.13.0');
    expect(printed.dataset.pairs).toBe(35);
    expect(printed.dpoConfig).toMatchObject({ loss_type: ['sigmoid', 'sft'], loss_weights: [1, 10] });
    expect(printed.dpoConfig.max_length).toBeGreaterThanOrEqual(printed.dataset.tokens.longestSequence);
  });
});
