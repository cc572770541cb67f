import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedDataDir } from '@kensa/test-support';
import { main } from './main';
import { captureIo } from './test-io';

/** Helpers for tests that need run folders: the paper's published baselines scored with `kensa score --out`. */

export const dataDir = sharedDataDir();
export const baselineDir = path.join(dataDir, 'igakuqa', 'baseline_results');

export async function temporaryDir(prefix = 'kensa-report-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** The shared mirror's prediction files of one published baseline (`gpt3`, `student-majority`). */
export async function baselineFiles(name: string): Promise<string[]> {
  const entries = await readdir(baselineDir, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith(`_${name}.jsonl`))
    .map((entry) => path.join(baselineDir, entry))
    .sort();
}

/** Runs the CLI in-process and fails loudly on anything but exit 0. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo({ env });
  const code = await main(args, io);
  if (code !== 0) throw new Error(`kensa ${args.join(' ')} exited ${code}:\n${io.err()}`);
  return io;
}

/** Scores prediction files into a run folder with `kensa score igakuqa --out`. */
export async function scoreRun(files: readonly string[], out: string): Promise<string> {
  await runCli([
    'score',
    'igakuqa',
    '--data-dir',
    dataDir,
    '--out',
    out,
    '--json',
    '--predictions',
    ...files,
  ]);
  return out;
}

/** `log.jsonl` of a run folder, in file order. */
export async function readLog(
  runDir: string,
): Promise<{ itemId: string; verdict: string; correct: boolean; reply?: { text: string } }[]> {
  return (await readFile(path.join(runDir, 'log.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** `summary.json` of a run folder, as `kensa score` wrote it. */
export async function readSummary(runDir: string): Promise<{
  meanScore: number;
  accuracy: number;
  exams: { exam: string; score: number; total: number; passed: boolean; kinki: number; correct: number }[];
}> {
  return JSON.parse(await readFile(path.join(runDir, 'summary.json'), 'utf8'));
}
