// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examQuestionText, type Item } from '@kensa/core';
import { igakuqa119, jmle2026 } from '@kensa/jmle-recent';
import { readSharedSources, sharedDataDir, temporaryDir } from '@kensa/test-support';
import { createMockServer, type MockServer } from '@kensa/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';
import { fixtureImages } from './test-fixtures/vision-exam-benchmark';

const dataDir = sharedDataDir();
const here = path.dirname(fileURLToPath(import.meta.url));
const visionPlugin = path.join(here, 'test-fixtures', 'vision-exam-benchmark.ts');

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(args: string[]) {
  const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir() } });
  const code = await main(args, io);
  return { code, io };
}

interface ExamJson {
  exam: string;
  score: number;
  total: number;
  passed: boolean;
  kinkiAnnotated: boolean;
  provisional?: string;
  sections: { id: string; score: number; total: number; passLine: number; passed: boolean }[];
  imageSplit?: { withImages: { total: number; n: number }; textOnly: { total: number; n: number } };
}

type ChatBody = {
  messages: {
    role: string;
    content: string | { type: string; text?: string; image_url?: { url: string } }[];
  }[];
};
const questionText = (body: unknown) => {
  const content = (body as ChatBody).messages.at(-1)?.content ?? '';
  return typeof content === 'string' ? content : (content.find((part) => part.type === 'text')?.text ?? '');
};

/** A mock model that answers with the key, finding the item by its question text. */
async function knowingServer(items: readonly Item[]): Promise<MockServer> {
  const byText = new Map(items.map((item) => [examQuestionText(item), item]));
  server = await createMockServer({
    reply: ({ body }) => {
      const item = byText.get(questionText(body));
      return item === undefined ? 'わかりません' : `答え: ${item.answer.join(',')}`;
    },
  });
  return server;
}

/** `kensa eval <id>` offline against the knowing mock server, JSON out. */
async function evalAgainstMock(id: string, extra: string[] = []) {
  const args = [
    'eval',
    id,
    '--data-dir',
    dataDir,
    '--model',
    'mock-model',
    '--base-url',
    server?.baseURL ?? '',
  ];
  const out = path.join(await temporaryDir(), 'run');
  return { ...(await run([...args, ...extra, '--out', out, '--concurrency', '32', '--json'])), out };
}

describe.each([
  { benchmark: igakuqa119, exam: '119', provisional: false },
  { benchmark: jmle2026, exam: '120', provisional: true },
])('kensa eval $benchmark.id', ({ benchmark, exam, provisional }) => {
  it('with baseline:random prints the exam table out of 500 with the official lines', async () => {
    const out = path.join(await temporaryDir(), 'run');
    const table = await run([
      'eval',
      benchmark.id,
      '--data-dir',
      dataDir,
      '--model',
      'baseline:random',
      '--out',
      out,
    ]);
    expect(table.code).toBe(0);
    const printed = table.io.out();
    expect(printed).toMatch(new RegExp(`${exam}th .*│ \\d+/500 `));
    expect(printed).toMatch(/\d+\/200 ≥ 160/);
    expect(printed).toMatch(/\d+\/300 ≥ 221/);
    expect(printed).toContain('not annotated');
    expect(printed.includes('(provisional lines)')).toBe(provisional);
    expect(printed).toMatch(new RegExp(`${exam}th: questions with images \\d+/\\d+ points`));
    const report = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(report).toContain('禁忌肢 not annotated');
    expect(report).toMatch(/with images \d+\/\d+ · text-only \d+\/\d+/);
  });

  it('against a mock model that knows the key (images blind) scores 500 and passes', async () => {
    const items = benchmark.parse(readSharedSources(benchmark.sources));
    await knowingServer(items);
    const result = await evalAgainstMock(benchmark.id);
    expect(result.code).toBe(0);
    const [summary] = JSON.parse(result.io.out()).exams as ExamJson[];
    expect(summary).toMatchObject({ exam, score: 500, total: 500, passed: true, kinkiAnnotated: false });
    expect(summary?.sections.map((section) => [section.total, section.passLine])).toEqual([
      [200, 160],
      [300, 221],
    ]);
    expect(summary?.provisional !== undefined).toBe(provisional);
    const withImages = items.filter((item) => item.hasImage);
    expect(summary?.imageSplit?.withImages.n).toBe(withImages.length);
  });
});

describe('the key scored as predictions', () => {
  async function keyFile(benchmark: typeof igakuqa119 | typeof jmle2026, answer: (item: Item) => string) {
    const items = benchmark.parse(readSharedSources(benchmark.sources));
    const file = path.join(await temporaryDir(), 'key.jsonl');
    await writeFile(
      file,
      items.map((item) => JSON.stringify({ problem_id: item.id, prediction: answer(item) })).join('\n'),
    );
    return file;
  }

  /** The key as the upstream file writes it, read in place: 119E28 is stored as "ac". */
  async function upstreamKey() {
    const text = await readFile(path.join(dataDir, 'igakuqa119', 'questions', 'correct_answers.csv'), 'utf8');
    return new Map(
      text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',') as [string, string]),
    );
  }

  it.each(['a', 'c'])('gives the 119th 500 and PASS with 119E28 answered %s', async (letter) => {
    const key = await upstreamKey();
    expect(key.get('119E28')).toBe('ac');
    const file = await keyFile(igakuqa119, (item) =>
      item.id === '119E28'
        ? letter
        : item.kind === 'numeric'
          ? (key.get(item.id) ?? '')
          : [...(key.get(item.id) ?? '')].join(','),
    );
    const scored = await run(['score', 'igakuqa119', '--data-dir', dataDir, '--predictions', file, '--json']);
    expect(scored.code).toBe(0);
    const [summary] = JSON.parse(scored.io.out()).exams as ExamJson[];
    expect(summary).toMatchObject({ score: 500, total: 500, passed: true });
  });

  it('takes 3 points off the 119th for 119E28 answered e, and counts 399 of 400 correct', async () => {
    const file = await keyFile(igakuqa119, (item) => (item.id === '119E28' ? 'e' : item.answer.join(',')));
    const scored = await run(['score', 'igakuqa119', '--data-dir', dataDir, '--predictions', file, '--json']);
    const [summary] = JSON.parse(scored.io.out()).exams as (ExamJson & { correct: number })[];
    expect(summary).toMatchObject({ score: 497, total: 500, correct: 399 });
  });

  it('gives the 120th 500 and PASS on provisional lines', async () => {
    const file = await keyFile(jmle2026, (item) => item.answer.join(','));
    const scored = await run(['score', 'jmle2026', '--data-dir', dataDir, '--predictions', file]);
    expect(scored.code).toBe(0);
    expect(scored.io.out()).toMatch(/120th .*500\/500 .*PASS \(provisional lines\)/);
  });
});

describe('--images', () => {
  it('skip leaves the image questions out and scales each pass line to the points kept', async () => {
    const items = igakuqa119.parse(readSharedSources(igakuqa119.sources));
    await knowingServer(items);
    const result = await evalAgainstMock('igakuqa119', ['--images', 'skip']);
    expect(result.code).toBe(0);
    expect(result.io.err()).toContain('Left out 103 questions with images (--images skip)');
    expect(server?.requests).toHaveLength(297);
    const [summary] = JSON.parse(result.io.out()).exams as ExamJson[];
    const points = (section: string) =>
      items
        .filter((item) => !item.hasImage && item.section === section)
        .reduce((sum, item) => sum + (item.points ?? 1), 0);
    const required = points('required');
    const general = points('general-clinical');
    expect(summary?.total).toBe(required + general);
    // Hand-worked: the official line times the share of the section's points that remain.
    expect(summary?.sections.map((section) => section.passLine)).toEqual([
      (160 * required) / 200,
      (221 * general) / 300,
    ]);
    expect(summary?.passed).toBe(true);

    // Re-scored from the run folder, the run keeps its scaled lines and its 297 questions.
    const report = await run(['report', result.out, '--data-dir', dataDir, '--json']);
    expect(report.code).toBe(0);
    const [reported] = JSON.parse(report.io.out()).runs;
    expect(reported.n).toBe(297);
    expect(reported.exams.map((exam: ExamJson) => exam.sections.map((section) => section.passLine))).toEqual([
      [(160 * required) / 200, (221 * general) / 300],
    ]);
    expect(reported.exams[0].passed).toBe(true);
  });

  it('vision sends each image as an image_url data URL after the question text', async () => {
    const data = await temporaryDir();
    for (const [file, bytes] of Object.entries(fixtureImages)) {
      await mkdir(path.join(data, 'vision-exam', path.dirname(file)), { recursive: true });
      await writeFile(path.join(data, 'vision-exam', file), bytes);
    }
    server = await createMockServer({ reply: () => '答え: b' });
    const runDir = path.join(await temporaryDir(), 'run');
    const args = [
      'eval',
      'vision-exam-fixture',
      '--plugin',
      visionPlugin,
      '--data-dir',
      data,
      '--model',
      'mock-vision',
      '--base-url',
      server.baseURL,
      '--images',
      'vision',
      '--out',
      runDir,
    ];
    const result = await run(args);
    expect(result.io.err()).toContain('Sending 2 image files');
    expect(result.code).toBe(0);
    const bodies = server.requests.map((request) => request.body as ChatBody);
    const withImage = bodies.find((body) => questionText(body).includes('胸部エックス線写真'));
    const parts = withImage?.messages.at(-1)?.content;
    expect(parts).toEqual([
      { type: 'text', text: expect.stringContaining('胸部エックス線写真') },
      {
        type: 'image_url',
        image_url: {
          url: `data:image/png;base64,${fixtureImages['images/900A1-1.png']?.toString('base64')}`,
        },
      },
      {
        type: 'image_url',
        image_url: {
          url: `data:image/png;base64,${fixtureImages['images/900A1-2.png']?.toString('base64')}`,
        },
      },
    ]);
    const textOnly = bodies.find((body) => questionText(body).includes('心拍数'));
    expect(typeof textOnly?.messages.at(-1)?.content).toBe('string');
    expect(result.io.out()).toMatch(/900th .*2\/2 .*PASS/);

    // The log names each image by type, SHA-256 and size instead of holding its base64 copy.
    const logText = await readFile(path.join(runDir, 'log.jsonl'), 'utf8');
    const logged = logText
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { messages: { content: string; images?: string[] }[] });
    const question = logged.find((record) => record.messages.at(-1)?.content.includes('胸部エックス線写真'));
    expect(question?.messages.at(-1)?.images).toEqual(
      ['images/900A1-1.png', 'images/900A1-2.png'].map((file) => {
        const bytes = fixtureImages[file] as Buffer;
        return `image/png sha256:${createHash('sha256').update(bytes).digest('hex')} (${bytes.byteLength} bytes)`;
      }),
    );
    expect(logText).not.toContain(fixtureImages['images/900A1-1.png']?.toString('base64'));
    // The run resumes as before: nothing is asked again.
    const again = await run(args);
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(bodies.length);
  });

  it('blind sends the same question as text alone', async () => {
    server = await createMockServer({ reply: () => '答え: b' });
    const result = await run([
      'eval',
      'vision-exam-fixture',
      '--plugin',
      visionPlugin,
      '--model',
      'mock-vision',
      '--base-url',
      server.baseURL,
      '--images',
      'blind',
      '--out',
      path.join(await temporaryDir(), 'run'),
    ]);
    expect(result.code).toBe(0);
    expect(server.requests.every((request) => !request.rawBody.includes('image_url'))).toBe(true);
  });

  it('refuses vision with the completions API', async () => {
    const result = await run([
      'eval',
      'igakuqa119',
      '--model',
      'm',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--api',
      'completions',
      '--images',
      'vision',
    ]);
    expect(result.code).toBe(2);
    expect(result.io.err()).toContain('--images vision needs the chat API');
  });
});
