// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Benchmark, examQuestionText, type Item, messagesToText } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { readSharedSources, sharedDataDir, temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixturePlugin = path.join(here, 'test-fixtures', 'older-exam-benchmark.ts');
const golden = (format: string) => path.join(here, 'test-fixtures', `rpo-older-exam.${format}.jsonl`);
const dataDir = sharedDataDir();

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** `kensa eval` flags of the RPO setting: the mock model, 3shot-explain, four samples at `temperature`, in order. */
const explainSamplesArgs = (mock: MockServer, temperature: string, out: string) => [
  ...['--model', 'mock-model', '--base-url', mock.baseURL, '--mode', '3shot-explain'],
  ...['--samples', '4', '--temperature', temperature, '--concurrency', '1', '--out', out],
];

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir(), ...env } });
  const code = await main(args, io);
  return { code, io };
}

type Reply = 'right' | 'wrong' | 'unparsed';
type ChatBody = { messages: { role: string; content: string }[] };

/**
 * A mock model that answers each question's K samples from a script, in order: `right` explains and ends with the
 * key, `wrong` with another letter, `unparsed` with no answer line. Each sample's text is distinct.
 */
async function scriptedServer(script: ReadonlyMap<Item, readonly Reply[]>): Promise<MockServer> {
  const asked = new Map<Item, number>();
  const stems = [...script.keys()].map(
    (item) => [examQuestionText(item).replace(/\n答え:$/, ''), item] as const,
  );
  server = await createMockServer({
    reply: ({ body }) => {
      const last = (body as unknown as ChatBody).messages.at(-1)?.content ?? '';
      const item = stems.find(([stem]) => last.startsWith(stem))?.[1];
      if (item === undefined) return 'わかりません';
      const count = asked.get(item) ?? 0;
      asked.set(item, count + 1);
      const reply = script.get(item)?.[count % 4] ?? 'unparsed';
      const key = item.answer.join(',');
      const other = key === 'a' ? 'b' : 'a';
      const reasoning = `解説（${item.id} 試行${count + 1}）: 選択肢を順に検討する。`;
      if (reply === 'right') return `${reasoning}\n答え: ${key}`;
      if (reply === 'wrong') return `${reasoning}\n答え: ${other}`;
      return `${reasoning}\n判断がつかない。`;
    },
  });
  return server;
}

async function readJsonl(file: string): Promise<unknown[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/** TRL's explicit-prompt preference formats (https://huggingface.co/docs/trl/dataset_formats). */
function expectTrlStandard(row: unknown): void {
  expect(Object.keys(row as object)).toEqual(['prompt', 'chosen', 'rejected']);
  const { prompt, chosen, rejected } = row as Record<string, unknown>;
  expect(typeof prompt).toBe('string');
  expect(typeof chosen).toBe('string');
  expect(typeof rejected).toBe('string');
  expect(chosen).not.toBe(rejected);
}

function expectTrlConversational(row: unknown): void {
  expect(Object.keys(row as object)).toEqual(['prompt', 'chosen', 'rejected']);
  const { prompt, chosen, rejected } = row as Record<string, { role: string; content: string }[]>;
  expect(Array.isArray(prompt)).toBe(true);
  for (const message of prompt ?? []) {
    expect(Object.keys(message)).toEqual(['role', 'content']);
    expect(['system', 'user', 'assistant']).toContain(message.role);
    expect(typeof message.content).toBe('string');
  }
  expect(prompt?.at(-1)?.role).toBe('user');
  for (const completion of [chosen, rejected]) {
    expect(completion).toHaveLength(1);
    expect(Object.keys(completion?.[0] ?? {})).toEqual(['role', 'content']);
    expect(completion?.[0]?.role).toBe('assistant');
  }
}

describe('kensa rpo build on IgakuQA (mock server, 3shot-explain, K = 4)', () => {
  const contents = readSharedSources(igakuqa.sources);
  const items = igakuqa.parse(contents).slice(0, 5);
  const script = new Map<Item, Reply[]>([
    [items[0] as Item, ['right', 'wrong', 'right', 'unparsed']],
    [items[1] as Item, ['right', 'right', 'right', 'right']],
    [items[2] as Item, ['wrong', 'wrong', 'unparsed', 'wrong']],
    [items[3] as Item, ['wrong', 'right', 'wrong', 'wrong']],
    [items[4] as Item, ['right', 'wrong', 'wrong', 'right']],
  ]);
  let runDir = '';
  let explanations = '';

  beforeAll(async () => {
    const mock = await scriptedServer(script);
    runDir = path.join(await temporaryDir(), 'run');
    const evaluated = await run([
      ...['eval', 'igakuqa', '--data-dir', dataDir, '--limit', '5'],
      ...explainSamplesArgs(mock, '0.7', runDir),
    ]);
    expect(evaluated.io.err()).not.toContain('unexpected');
    expect(evaluated.code).toBe(0);
    // Explanations written for this test, for three of the five questions.
    explanations = path.join(await temporaryDir(), 'explanations.jsonl');
    await writeFile(
      explanations,
      [0, 1, 3]
        .map((index) =>
          JSON.stringify({
            problem_id: (items[index] as Item).id,
            explanation: `テスト用の解説 ${index + 1}。`,
          }),
        )
        .join('\n'),
    );
    await server?.close();
    server = undefined;
  });

  it('refuses pairs on 2018–2022 questions without --allow-eval-overlap, writing nothing', async () => {
    const out = path.join(await temporaryDir(), 'pairs.jsonl');
    const { code, io } = await run(['rpo', 'build', runDir, '--data-dir', dataDir, '--out', out]);
    expect(code).toBe(2);
    expect(io.err()).toMatch(
      /kensa: Refusing to export preference pairs built on 3 questions from exams used for evaluation \(112, 113, 114, 115, 116\): 112th: 3 \(112A1, 112A4, 112A5\)/,
    );
    expect(io.err()).toContain('--allow-eval-overlap');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(out.replace('.jsonl', '.provenance.json'))).toBe(false);
  });

  it('exports pairs in both TRL formats with --allow-eval-overlap, loudly, with counts that agree with the log', async () => {
    const directory = await temporaryDir();
    const log = (await readJsonl(path.join(runDir, 'log.jsonl'))) as {
      itemId: string;
      sample: number;
      verdict: string;
      messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
    }[];
    expect(log).toHaveLength(20);
    const verdicts = (verdict: string) => log.filter((record) => record.verdict === verdict).length;

    for (const format of ['standard', 'conversational'] as const) {
      const out = path.join(directory, `${format}.jsonl`);
      const { code, io } = await run([
        'rpo',
        'build',
        runDir,
        '--data-dir',
        dataDir,
        '--out',
        out,
        '--format',
        format,
        '--explanations',
        explanations,
        '--allow-eval-overlap',
      ]);
      expect(io.err()).not.toContain('unexpected');
      expect(code).toBe(0);
      expect(io.err()).toMatch(
        /!!! --allow-eval-overlap: 4 question\(s\) in these pairs come from exams used for evaluation: 112th \(4\)/,
      );
      expect(io.out()).toContain('Wrote 23 pairs');

      const rows = await readJsonl(out);
      expect(rows).toHaveLength(23);
      const sidecar = JSON.parse(await readFile(path.join(directory, `${format}.provenance.json`), 'utf8'));
      for (const [index, row] of rows.entries()) {
        const provenance = sidecar.pairs[index];
        const prompt = log.find((record) => record.itemId === provenance.itemId)?.messages ?? [];
        if (format === 'standard') {
          expectTrlStandard(row);
          expect((row as { prompt: string }).prompt).toBe(messagesToText(prompt));
        } else {
          expectTrlConversational(row);
          expect((row as { prompt: unknown }).prompt).toEqual(prompt);
        }
      }

      expect(sidecar).toMatchObject({
        kind: 'kensa-rpo-preference-data',
        dataset: { file: `${format}.jsonl`, format, pairs: 23 },
        benchmark: { id: 'igakuqa' },
        models: ['mock-model'],
        mode: '3shot-explain',
        template: 'exam-3shot-explain/1',
        templateVersion: '1',
        runs: [{ dir: runDir, model: 'mock-model', samples: 4, sampling: { temperature: 0.7 }, records: 20 }],
        contamination: {
          evalExams: ['112', '113', '114', '115', '116'],
          overridden: false,
          action: 'allowed',
          overlap: [{ exam: '112', itemIds: ['112A1', '112A2', '112A4', '112A5'] }],
        },
        groundTruth: { fromItems: 0, fromFile: 3, explanationsInFile: 3, explanationsUnused: 0 },
        verdictDisagreements: [],
        pairsPerQuestion: { '112A1': 8, '112A2': 4, '112A3': 0, '112A4': 7, '112A5': 4 },
        questionsWithoutPair: [{ itemId: '112A3', code: 'all-wrong-no-ground-truth' }],
      });
      // Counts agree with the run log: chosen = logged correct, rejected = logged wrong + unparsed.
      expect(sidecar.counts).toMatchObject({
        questions: 5,
        questionsWithPairs: 4,
        samples: log.length,
        failedSamples: 0,
        tiers: {
          'ground-truth': 3,
          chosen: verdicts('correct'),
          rejected: verdicts('wrong') + verdicts('unparsed'),
        },
        pairs: 23,
        pairsByKind: { 'ground-truth>chosen': 7, 'ground-truth>rejected': 5, 'chosen>rejected': 11 },
      });
      expect(sidecar.counts.verdicts).toEqual(sidecar.counts.loggedVerdicts);
      expect(sidecar.counts.tiers.chosen).toBe(9);
      expect(sidecar.counts.tiers.rejected).toBe(11);
      expect(sidecar.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('leaves evaluation questions out with --exclude-eval-overlap, and says so', async () => {
    const out = path.join(await temporaryDir(), 'pairs.jsonl');
    const { code, io } = await run([
      'rpo',
      'build',
      runDir,
      '--data-dir',
      dataDir,
      '--out',
      out,
      '--explanations',
      explanations,
      '--exclude-eval-overlap',
      '--json',
    ]);
    expect(code).toBe(1);
    const document = JSON.parse(io.out());
    expect(document.pairs).toBe(0);
    expect(document.counts.noPair).toEqual({ excluded: 4, 'all-wrong-no-ground-truth': 1 });
    expect(io.err()).toContain('left out 4 question(s) from evaluation exams: 112th (4)');
    expect(await readFile(out, 'utf8')).toBe('');
  });

  it('is deterministic under a seed: the same seed gives byte-identical files', async () => {
    const build = async (seed: string) => {
      const out = path.join(await temporaryDir(), 'pairs.jsonl');
      const args = ['rpo', 'build', runDir, '--data-dir', dataDir, '--out', out, '--allow-eval-overlap'];
      const options = ['--explanations', explanations, '--max-pairs-per-question', '3', '--seed', seed];
      expect((await run([...args, ...options])).code).toBe(0);
      return {
        pairs: await readFile(out, 'utf8'),
        sidecar: await readFile(out.replace('.jsonl', '.provenance.json'), 'utf8'),
      };
    };
    const first = await build('5');
    const again = await build('5');
    expect(again.pairs).toBe(first.pairs);
    expect(again.sidecar).toBe(first.sidecar);
    expect(first.pairs.trim().split('\n')).toHaveLength(3 + 3 + 3 + 3);
    const seeds = new Set<string>();
    for (const seed of ['1', '2', '3', '4']) seeds.add((await build(seed)).pairs);
    expect(seeds.size).toBeGreaterThan(1);
  });
});

describe('kensa rpo build on older exam questions (a plugin benchmark, mock server, K = 4)', () => {
  const script = new Map<Item, Reply[]>();
  let runDir = '';
  let explanations = '';

  beforeAll(async () => {
    const plugin = (await import('./test-fixtures/older-exam-benchmark')).default;
    const [first, second, third, fourth] = (plugin as Benchmark).parse(new Map());
    script.set(first as Item, ['right', 'wrong', 'right', 'unparsed']);
    script.set(second as Item, ['right', 'right', 'right', 'right']);
    script.set(third as Item, ['wrong', 'wrong', 'wrong', 'unparsed']);
    script.set(fourth as Item, ['right', 'wrong', 'right', 'wrong']);
    const mock = await scriptedServer(script);
    runDir = path.join(await temporaryDir(), 'run');
    const evaluated = await run([
      ...['eval', 'older-exam-fixture', '--plugin', fixturePlugin],
      ...explainSamplesArgs(mock, '0.7', runDir),
    ]);
    expect(evaluated.io.err()).not.toContain('unexpected');
    expect(evaluated.code).toBe(0);
    explanations = path.join(await temporaryDir(), 'explanations.jsonl');
    await writeFile(
      explanations,
      `${JSON.stringify({ problem_id: '110A1', explanation: '心筋梗塞の初期治療では抗血小板薬のアスピリンをまず投与する。' })}\n`,
    );
    await server?.close();
    server = undefined;
  });

  for (const format of ['standard', 'conversational'] as const) {
    it(`builds pairs without any flag (not an evaluation exam) that match the ${format} golden file`, async () => {
      const out = path.join(await temporaryDir(), 'pairs.jsonl');
      const { code, io } = await run([
        'rpo',
        'build',
        runDir,
        '--plugin',
        fixturePlugin,
        '--out',
        out,
        '--format',
        format,
        '--explanations',
        explanations,
      ]);
      expect(io.err()).toBe('');
      expect(code).toBe(0);
      const text = await readFile(out, 'utf8');
      if (process.env.KENSA_UPDATE_GOLDEN === '1') await writeFile(golden(format), text);
      expect(text).toBe(await readFile(golden(format), 'utf8'));
      const sidecar = JSON.parse(await readFile(out.replace('.jsonl', '.provenance.json'), 'utf8'));
      expect(sidecar).toMatchObject({
        contamination: { overlap: [], action: 'none' },
        groundTruth: { fromItems: 1, fromFile: 1 },
        pairsPerQuestion: { '110A1': 8, '110A2': 4, '110A3': 0, '110A4': 0 },
        questionsWithoutPair: [
          { itemId: '110A3', code: 'all-wrong-no-ground-truth' },
          {
            itemId: '110A4',
            code: 'ruling',
            reason: 'ruled excluded: 設問が不適切で正解が得られないため採点対象から除外',
          },
        ],
      });
      expect(sidecar.pairs[0]).toEqual({
        line: 1,
        itemId: '110A1',
        kind: 'ground-truth>chosen',
        chosen: { tier: 'ground-truth', explanation: 'file' },
        rejected: { tier: 'chosen', run: 0, sample: 0 },
      });
      expect(io.out()).toMatch(/pairs\s+│\s+12 │/);
    });
  }

  it('combines several runs, keeping each sample traceable to its run', async () => {
    const mock = await scriptedServer(
      new Map([...script.keys()].map((item) => [item, ['wrong', 'right', 'unparsed', 'right'] as Reply[]])),
    );
    const second = path.join(await temporaryDir(), 'run-2');
    const evaluated = await run([
      ...['eval', 'older-exam-fixture', '--plugin', fixturePlugin],
      ...explainSamplesArgs(mock, '1.0', second),
    ]);
    expect(evaluated.code).toBe(0);
    const out = path.join(await temporaryDir(), 'pairs.jsonl');
    const built = await run([
      'rpo',
      'build',
      runDir,
      second,
      '--plugin',
      fixturePlugin,
      '--out',
      out,
      '--json',
    ]);
    expect(built.code).toBe(0);
    const sidecar = JSON.parse(await readFile(out.replace('.jsonl', '.provenance.json'), 'utf8'));
    expect(sidecar.runs.map((entry: { dir: string }) => entry.dir)).toEqual([runDir, second]);
    expect(sidecar.counts.samples).toBe(32);
    // The same texts from both runs count once per tier.
    expect(sidecar.counts.duplicatesDropped).toBeGreaterThan(0);
    const runsUsed = new Set(
      sidecar.pairs.flatMap((pair: { chosen: { run?: number }; rejected: { run?: number } }) => [
        pair.chosen.run,
        pair.rejected.run,
      ]),
    );
    expect(runsUsed).toEqual(new Set([0, 1, undefined]));

    const threeShot = path.join(await temporaryDir(), 'run-3shot');
    expect(
      (
        await run([
          ...['eval', 'older-exam-fixture', '--plugin', fixturePlugin, '--model', 'mock-model'],
          ...['--base-url', mock.baseURL, '--mode', '3shot', '--out', threeShot],
        ])
      ).code,
    ).toBe(0);
    const mixed = await run(['rpo', 'build', runDir, threeShot, '--plugin', fixturePlugin, '--out', out]);
    expect(mixed.code).toBe(2);
    expect(mixed.io.err()).toMatch(
      /Runs differ in template: .* has 'exam-3shot-explain\/1', .* has 'exam-3shot\/1'/,
    );
    const alone = await run(['rpo', 'build', threeShot, '--plugin', fixturePlugin, '--out', out]);
    expect(alone.io.err()).toMatch(/ran in mode '3shot', not '3shot-explain'/);
  });

  it('refuses them once their exam is declared an evaluation exam, warning loudly about the override', async () => {
    const out = path.join(await temporaryDir(), 'pairs.jsonl');
    const { code, io } = await run([
      'rpo',
      'build',
      runDir,
      '--plugin',
      fixturePlugin,
      '--out',
      out,
      '--eval-exams',
      '110',
    ]);
    expect(code).toBe(2);
    expect(io.err()).toMatch(
      /!!! --eval-exams 110: the contamination guard now checks exams 110 instead of 112, 113, 114, 115, 116/,
    );
    expect(io.err()).toMatch(/!!! Pairs from exams 112, 113, 114, 115, 116 will NOT be refused/);
    expect(io.err()).toMatch(
      /Refusing to export preference pairs built on 2 questions .*110th: 2 \(110A1, 110A2\)/,
    );
  });

  it('refuses bad usage with exit code 2', async () => {
    const out = path.join(await temporaryDir(), 'pairs.jsonl');
    const base = ['rpo', 'build', runDir, '--plugin', fixturePlugin, '--out', out];
    expect((await run(['rpo', 'build', runDir])).code).toBe(2);
    const both = await run([...base, '--allow-eval-overlap', '--exclude-eval-overlap']);
    expect(both.code).toBe(2);
    expect(both.io.err()).toContain('not both');
    expect((await run([...base, '--format', 'sharegpt'])).code).toBe(2);
    expect((await run([...base, '--max-pairs-per-question', '0'])).code).toBe(2);
    const missing = await run(['rpo', 'build', path.join(runDir, 'nope'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.io.err()).toContain('not a Kensa run folder');
  });
});
