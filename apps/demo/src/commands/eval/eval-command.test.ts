// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sharedDataDir, temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';

const dataDir = sharedDataDir();

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo({ env: { KENSA_CACHE_DIR: await temporaryDir(), ...env } });
  const code = await main(args, io);
  return { code, io };
}

describe('kensa eval with built-in baselines', () => {
  it('baseline:examinee-majority scores 474.4 and passes every year, as the score path does', async () => {
    const out = path.join(await temporaryDir(), 'run');
    const evaluated = await run([
      'eval',
      'igakuqa',
      '--data-dir',
      dataDir,
      '--model',
      'baseline:examinee-majority',
      '--out',
      out,
      '--json',
    ]);
    expect(evaluated.code).toBe(0);
    const fromEval = JSON.parse(evaluated.io.out());
    expect(fromEval.meanScore).toBeCloseTo(474.4, 10);
    expect(fromEval.exams.map((exam: { passed: boolean }) => exam.passed)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);

    const baselines = path.join(dataDir, 'igakuqa', 'baseline_results');
    const files = (await readdir(baselines, { recursive: true }))
      .filter((file) => file.endsWith('_student-majority.jsonl'))
      .map((file) => path.join(baselines, file));
    const scored = await run([
      'score',
      'igakuqa',
      '--data-dir',
      dataDir,
      '--json',
      '--predictions',
      ...files,
    ]);
    const fromScore = JSON.parse(scored.io.out());
    const pick = (exam: { exam: string; score: number; total: number; kinki: number; passed: boolean }) => [
      exam.exam,
      exam.score,
      exam.total,
      exam.kinki,
      exam.passed,
    ];
    expect(fromEval.exams.map(pick)).toEqual(fromScore.exams.map(pick));

    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      kind: 'eval',
      benchmark: 'igakuqa',
      mode: '3shot',
      model: 'baseline:examinee-majority',
      items: 2000,
    });
    expect(manifest.finishedAt).toBeDefined();
    const log = (await readFile(path.join(out, 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(2000);
    expect(JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')).meanScore).toBe(
      fromEval.meanScore,
    );
  });

  it('runs the examinee-majority baseline by default when no endpoint is configured', async () => {
    const { code, io } = await run([
      'eval',
      'igakuqa',
      '--data-dir',
      dataDir,
      '--limit',
      '20',
      '--out',
      path.join(await temporaryDir(), 'r'),
    ]);
    expect(code).toBe(0);
    expect(io.out()).toContain('baseline:examinee-majority (3shot)');
    expect(io.err()).toContain('Run folder:');
  });

  it('baseline:random is reproducible under a seed and near chance', async () => {
    const args = [
      'eval',
      'igakuqa',
      '--data-dir',
      dataDir,
      '--model',
      'baseline:random',
      '--seed',
      '7',
      '--json',
    ];
    const first = await run([...args, '--out', path.join(await temporaryDir(), 'a')]);
    const second = await run([...args, '--out', path.join(await temporaryDir(), 'b')]);
    const a = JSON.parse(first.io.out());
    const b = JSON.parse(second.io.out());
    expect(a.exams.map((exam: { score: number }) => exam.score)).toEqual(
      b.exams.map((exam: { score: number }) => exam.score),
    );
    // Single-answer questions have 5 choices: chance is about 20 %; multi-answer ones are harder.
    for (const exam of a.exams) expect(exam.accuracy).toBeLessThan(0.3);
  });

  it('rejects an unknown prompt mode, listing the modes', async () => {
    const { code, io } = await run(['eval', 'igakuqa', '--data-dir', dataDir, '--mode', '5shot']);
    expect(code).toBe(2);
    expect(io.err()).toContain("no prompt mode '5shot'; modes: 3shot, 3shot-explain, 0shot");
  });

  it('rejects bad numbers naming the flag', async () => {
    const { code, io } = await run(['eval', 'igakuqa', '--data-dir', dataDir, '--concurrency', 'many']);
    expect(code).toBe(2);
    expect(io.err()).toContain("--concurrency must be a whole number ≥ 1, not 'many'");
  });

  it('needs --model with --base-url', async () => {
    const { code, io } = await run(['eval', 'igakuqa', '--base-url', 'http://127.0.0.1:9/v1']);
    expect(code).toBe(2);
    expect(io.err()).toContain('--model is required with --base-url');
  });

  it('runs several prompt modes in one command, a run folder each, and prints the mean score by mode', async () => {
    const out = path.join(await temporaryDir(), 'modes');
    const args = ['eval', 'igakuqa', '--data-dir', dataDir, '--mode', '3shot,3shot-explain', '--out', out];
    const { code, io } = await run(args);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/mean exam score by prompt mode[\s\S]*3shot[\s\S]*3shot-explain/);
    expect(io.out()).toMatch(/│ 474\.4 +│ 474\.4 +│/);
    expect(io.out()).toMatch(/│ 5\/5 passed +│ 5\/5 passed +│/);
    for (const mode of ['3shot', '3shot-explain']) {
      const manifest = JSON.parse(await readFile(path.join(out, mode, 'manifest.json'), 'utf8'));
      expect(manifest.mode).toBe(mode);
    }
    const json = await run([...args.slice(0, -1), path.join(await temporaryDir(), 'j'), '--json']);
    const documents = JSON.parse(json.io.out());
    expect(
      documents.map((document: { run: { mode: string }; meanScore: number }) => [
        document.run.mode,
        document.meanScore,
      ]),
    ).toEqual([
      ['3shot', expect.closeTo(474.4, 10)],
      ['3shot-explain', expect.closeTo(474.4, 10)],
    ]);
  });
});
