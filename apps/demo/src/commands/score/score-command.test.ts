// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  readSha256Sums,
  type ServedDirectory,
  serveDirectory,
  sharedDataDir,
  temporaryDir,
} from '@kensa/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

const dataDir = sharedDataDir();
const baselineDir = path.join(dataDir, 'igakuqa', 'baseline_results');

async function predictionFiles(name: string): Promise<string[]> {
  const entries = await readdir(baselineDir, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith(`_${name}.jsonl`))
    .map((entry) => path.join(baselineDir, entry))
    .sort();
}

async function scoreJson(args: string[]) {
  const io = captureIo();
  const code = await main(['score', 'igakuqa', '--data-dir', dataDir, '--json', ...args], io);
  expect(io.err()).not.toContain('kensa:');
  expect(code).toBe(0);
  return JSON.parse(io.out());
}

// Published by the IgakuQA paper's evaluate_main.py on these files (shared/data/igakuqa/SOURCE.md).
const published = {
  'student-majority': {
    scores: [472, 470, 471, 477, 482],
    totals: [499, 496, 496, 500, 494],
    mean: 474.4,
    passed: true,
  },
  gpt3: { scores: [209, 210, 208, 203, 217], totals: [499, 496, 496, 500, 494], mean: 209.4, passed: false },
};

describe('kensa score igakuqa --predictions', () => {
  for (const [name, expected] of Object.entries(published)) {
    it(`reproduces the paper's ${name} table`, async () => {
      const result = await scoreJson(['--predictions', ...(await predictionFiles(name))]);
      expect(result.benchmark).toBe('igakuqa');
      expect(result.exams.map((exam: { exam: string }) => exam.exam)).toEqual([
        '112',
        '113',
        '114',
        '115',
        '116',
      ]);
      expect(result.exams.map((exam: { year: number }) => exam.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
      expect(result.exams.map((exam: { score: number }) => exam.score)).toEqual(expected.scores);
      expect(result.exams.map((exam: { total: number }) => exam.total)).toEqual(expected.totals);
      expect(result.meanScore).toBeCloseTo(expected.mean, 10);
      for (const exam of result.exams) {
        expect(exam.passed).toBe(expected.passed);
        expect(typeof exam.accuracy).toBe('number');
        expect(typeof exam.kinki).toBe('number');
      }
    });
  }

  it('prints the table with PASS for every year and the mean', async () => {
    const io = captureIo();
    const code = await main(
      [
        'score',
        'igakuqa',
        '--data-dir',
        dataDir,
        '--predictions',
        ...(await predictionFiles('student-majority')),
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.out().match(/PASS/g)).toHaveLength(5);
    expect(io.out()).toContain('472/499');
    expect(io.out()).toContain('Mean score over 5 exams: 474.4');
  });

  it('scores only the exams present, and takes a directory', async () => {
    const directory = await temporaryDir();
    for (const file of (await predictionFiles('gpt3')).filter((file) => file.includes('/2019/'))) {
      await writeFile(path.join(directory, path.basename(file)), await readFile(file));
    }
    const result = await scoreJson(['--predictions', directory]);
    expect(result.exams.map((exam: { score: number }) => exam.score)).toEqual([210]);
    expect(result.meanScore).toBe(210);
  });

  it("counts every question in accuracy by default, as the paper's evaluate_main.py (GPT-3: 807 / 2,000)", async () => {
    // 807 by the upstream rule sorted(prediction.split(',')) == sorted(answer) over all 2,000 questions (116A71
    // always right, 112B30 a or d), counted with a few lines of Python over the same files.
    const paper = await scoreJson(['--predictions', ...(await predictionFiles('gpt3'))]);
    expect(paper).toMatchObject({ accuracyBasis: 'all-questions', accuracyCorrect: 807, n: 2000 });
    expect(paper.accuracy).toBeCloseTo(0.4035, 12);
    expect(paper.exams.map((exam: { n: number }) => exam.n)).toEqual([400, 400, 400, 400, 400]);
    const scored = await scoreJson([
      '--accuracy',
      'scored',
      '--predictions',
      ...(await predictionFiles('gpt3')),
    ]);
    expect(scored).toMatchObject({ accuracyBasis: 'scored-questions', n: 1989 });
    expect(scored.meanScore).toBe(paper.meanScore);
  });

  it('writes a run folder with one line per item', async () => {
    const out = path.join(await temporaryDir(), 'run');
    const result = await scoreJson(['--out', out, '--predictions', ...(await predictionFiles('gpt3'))]);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      kind: 'score',
      benchmark: 'igakuqa',
      match: 'exact',
      mode: 'predictions',
    });
    expect(manifest.predictions.files).toHaveLength(30);
    const lines = (await readFile(path.join(out, 'log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2000);
    const correctIn113 = lines.filter(
      (line) => line.itemId.startsWith('113') && line.verdict === 'correct',
    ).length;
    expect(correctIn113).toBe(result.exams[1].correct);
    expect(lines[0]).toMatchObject({
      itemId: '112A1',
      sample: 0,
      status: 'ok',
      reply: { text: expect.any(String) },
    });
    expect(lines[0].explanation).toBeDefined();
    expect(JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')).meanScore).toBe(
      result.meanScore,
    );
  });
});

describe('kensa score: bad input', () => {
  async function failWith(lines: string[], pattern: RegExp) {
    const file = path.join(await temporaryDir(), 'predictions.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const io = captureIo();
    const code = await main(['score', 'igakuqa', '--data-dir', dataDir, '--predictions', file], io);
    expect(code).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(pattern);
    expect(io.err()).toContain('predictions.jsonl:');
  }

  const good = '{"problem_id": "112A1", "prediction": "e"}';

  it('names the file and line of a malformed JSON line', async () => {
    await failWith([good, '{"problem_id": "112A2", "prediction": '], /predictions\.jsonl:2: not valid JSON/);
  });

  it('rejects an unknown problem id', async () => {
    await failWith([good, '{"problem_id": "999A1", "prediction": "a"}'], /:2: unknown problem id '999A1'/);
  });

  it('rejects a duplicate problem id, naming both lines', async () => {
    await failWith([good, good], /:2: duplicate prediction for '112A1' \(first at .*predictions\.jsonl:1\)/);
  });

  it('rejects choice letters for a numeric question', async () => {
    await failWith(
      ['{"problem_id": "112C66", "prediction": "b"}'],
      /:1: '112C66' is a numeric-entry question/,
    );
  });

  it('rejects a record without the prediction field', async () => {
    await failWith(['{"problem_id": "112A1"}'], /:1: prediction: /);
  });

  it('suggests the closest benchmark for an unknown id', async () => {
    const io = captureIo();
    expect(await main(['score', 'igakua', '--published', 'gpt4'], io)).toBe(2);
    expect(io.err()).toContain("Did you mean 'igakuqa'?");
  });

  it('refuses both or neither of --predictions and --published', async () => {
    const io = captureIo();
    expect(await main(['score', 'igakuqa', '--data-dir', dataDir], io)).toBe(2);
    expect(io.err()).toContain('either --predictions');
  });

  it('rejects an unknown published name', async () => {
    const io = captureIo();
    expect(await main(['score', 'igakuqa', '--data-dir', dataDir, '--published', 'gpt5'], io)).toBe(2);
    expect(io.err()).toContain("Unknown published predictions 'gpt5'");
  });
});

describe('kensa score --published (download path)', () => {
  let server: ServedDirectory | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('downloads, verifies and caches the paper files, then scores them', async () => {
    // The shared folder is laid out like a source mirror, so it can stand in for the upstream server.
    server = await serveDirectory(dataDir);
    const cacheDir = await temporaryDir();
    const env = { KENSA_SOURCE_MIRROR: server.url, KENSA_CACHE_DIR: cacheDir };
    const io = captureIo({ env });
    expect(await main(['score', 'igakuqa', '--published', 'student-majority', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out()).meanScore).toBeCloseTo(474.4, 10);
    const firstRequests = server.requests.length;
    expect(firstRequests).toBe(30 + 60 + 1);

    const again = captureIo({ env });
    expect(await main(['score', 'igakuqa', '--published', 'student-majority', '--json'], again)).toBe(0);
    expect(server.requests.length).toBe(firstRequests);
    expect(JSON.parse(again.out()).meanScore).toBeCloseTo(474.4, 10);

    const cached = await readFile(
      path.join(
        cacheDir,
        'sources',
        'igakuqa',
        '2bc4c3d159cf5505f6253d24a909fbd53237e239',
        'data/2018/112-A.jsonl',
      ),
    );
    const sums = readSha256Sums(path.join(dataDir, 'igakuqa', 'SHA256SUMS'));
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(cached).digest('hex')).toBe(sums.get('data/2018/112-A.jsonl'));
  });

  it('fails clearly when the server does not have a file', async () => {
    server = await serveDirectory(await temporaryDir());
    const io = captureIo({ env: { KENSA_SOURCE_MIRROR: server.url, KENSA_CACHE_DIR: await temporaryDir() } });
    const code = await main(['score', 'igakuqa', '--published', 'gpt4'], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/kensa: .*baseline_results\/20\d\d\/11\d-[A-F]_gpt4\.jsonl/);
  });
});
