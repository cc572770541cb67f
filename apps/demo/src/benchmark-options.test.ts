// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sharedDataDir, temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { captureIo } from './test-io';
import { baselineFiles } from './test-runs';

const dataDir = sharedDataDir();

/**
 * Runs the CLI with an empty cache and downloads pointed at a closed local port: any attempt to fetch data
 * fails at once instead of reaching the network.
 */
async function run(args: string[]) {
  const io = captureIo({
    env: { KENSA_CACHE_DIR: await temporaryDir(), KENSA_SOURCE_MIRROR: 'http://127.0.0.1:9' },
  });
  const code = await main(args, io);
  return { code, io };
}

describe('-T key=value: options of the benchmark factory', () => {
  it('evaluates one exam year: the 116th (2022) alone, scored as the paper files score it', async () => {
    const evaluated = await run([
      'eval',
      'igakuqa',
      '-T',
      'years=2022',
      '--model',
      'baseline:examinee-majority',
      '--data-dir',
      dataDir,
      '--out',
      path.join(await temporaryDir(), 'run'),
      '--json',
    ]);
    expect(evaluated.code, evaluated.io.err()).toBe(0);
    const document = JSON.parse(evaluated.io.out());
    expect(document.exams.map((exam: { exam: string }) => exam.exam)).toEqual(['116']);
    // The independent reference: the paper's own student-majority prediction files for the 116th exam.
    const files = (await baselineFiles('student-majority')).filter((file) =>
      path.basename(file).startsWith('116-'),
    );
    const scored = await run([
      'score',
      'igakuqa',
      '--data-dir',
      dataDir,
      '--json',
      '--predictions',
      ...files,
    ]);
    expect(scored.code, scored.io.err()).toBe(0);
    expect(document.exams[0].score).toBe(JSON.parse(scored.io.out()).exams[0].score);
    expect(document.exams[0].score).toBe(482);
  });

  it('refuses an unknown key or a bad value with exit 2, listing the valid keys', async () => {
    const unknown = await run(['eval', 'igakuqa', '-T', 'yeers=2022', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.io.err()).toContain("unknown option 'yeers'");
    expect(unknown.io.err()).toContain('Valid options: years, exams, blocks, excludeImages, rulings');
    const bad = await run(['score', 'igakuqa', '-T', 'years=2030', '--published', 'gpt4']);
    expect(bad.code).toBe(2);
    expect(bad.io.err()).toContain("'years': IgakuQA has the years 2018–2022");
    const shape = await run(['eval', 'igakuqa', '-T', 'years']);
    expect(shape.code).toBe(2);
    expect(shape.io.err()).toContain('-T takes key=value');
  });

  it('kensa list shows each benchmark’s options and prompt modes', async () => {
    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    const out = listed.io.out();
    expect(out).toContain('3shot-explain');
    expect(out).toMatch(/options \(-T key=value\):\n {4}years {2}years to include/);
    expect(out).toContain('subset  JMedBench subset');
    expect(out).toContain('subjects  MMLU subjects');
  });
});

describe('run folders remember their data', () => {
  it('kensa report on a score --data-dir run needs neither --data-dir nor the network', async () => {
    const out = path.join(await temporaryDir(), 'gpt3');
    const files = await baselineFiles('gpt3');
    expect(
      (await run(['score', 'igakuqa', '--data-dir', dataDir, '--out', out, '--predictions', ...files])).code,
    ).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.sources.dataDir).toBe(path.resolve(dataDir));
    expect(manifest.sources.files).toHaveLength(61);
    expect(manifest.sources.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const report = await run(['report', out, '--json']);
    expect(report.code, report.io.err()).toBe(0);
    expect(JSON.parse(report.io.out()).runs[0].meanScore).toBeCloseTo(209.4, 10);
  });

  it('kensa report on the parent folder of a multi-mode eval reports every mode, offline', async () => {
    const out = path.join(await temporaryDir(), 'x');
    const evaluated = await run([
      'eval',
      'igakuqa',
      '-T',
      'exams=112',
      '--mode',
      '3shot,3shot-explain',
      '--data-dir',
      dataDir,
      '--out',
      out,
    ]);
    expect(evaluated.code, evaluated.io.err()).toBe(0);
    const report = await run(['report', out, '--json']);
    expect(report.code, report.io.err()).toBe(0);
    const summary = JSON.parse(report.io.out());
    expect(summary.runs.map((entry: { mode: string }) => entry.mode)).toEqual(['3shot', '3shot-explain']);
    for (const entry of summary.runs) expect(entry.meanScore).toBe(472);
    expect(report.io.err()).toContain(path.join(out, 'report.html'));
  });
});
